"""Manual coding: codes in comments and tags, protocol questions, review, and what survives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.codebook.codebook import load_codebook
from lernet_cli.coding.manual import read_codes

from .conftest import dump_store

runner = CliRunner()


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def codings(*extra: str) -> list[dict[str, object]]:
    code, out, err = run("codings", "--no-anonymize", "--format", "json", *extra)
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize(
    ("note", "ids", "unknown"),
    [
        ("trust.not_acquainted", ["trust.not_acquainted"], []),
        ("ELKAAR NOG NIET GOED KENNEN", ["trust.not_acquainted"], []),
        ("Not acquainted", ["trust.not_acquainted"], []),
        (
            "not_acquainted; Concurrentie, trust",
            ["trust.not_acquainted", "competition", "trust"],
            [],
        ),
        ("#trust: mooi citaat voor H4", ["trust"], []),
        ("Vertrouwen - nakijken", ["trust"], []),
        ("knowledge brengen", ["interest_balance.knowledge"], []),
        ("vertrouwn, Kennis", ["interest_balance.knowledge"], ["vertrouwn"]),
        ("Mee eens", [], ["Mee eens"]),
    ],
)
def test_comment_text_names_codes(
    mini_codebook: Path, note: str, ids: list[str], unknown: list[str]
) -> None:
    found, rest = read_codes(load_codebook(mini_codebook), note)
    assert [n.code.id for n in found] == ids and rest == unknown


def test_direction_and_note_from_the_comment(mini_codebook: Path) -> None:
    found, _ = read_codes(load_codebook(mini_codebook), "Kennis (halen); trust: sterk citaat")
    assert [(n.code.id, n.direction, n.note) for n in found] == [
        ("interest_balance.knowledge", "take", None),
        ("trust", None, "sterk citaat"),
    ]


def word_with_comments(path: Path, comments: list[tuple[str, str, str]]) -> Path:
    """A Word file with one answer per comment: (answer text, comment text, author)."""
    import docx

    d = docx.Document()
    for answer, note, author in comments:
        d.add_paragraph("I: Wat vindt u daarvan?")
        p = d.add_paragraph("R: ")
        run_ = p.add_run(answer)
        d.add_comment(run_, text=note, author=author)
    d.save(str(path))
    return path


def test_word_comments_become_codings_and_memos(project: Path) -> None:
    word_with_comments(
        project / "a1.docx",
        [
            (
                "Wij zien elkaar bijna nooit buiten de sessies.",
                "Elkaar nog niet goed kennen",
                "Eva",
            ),
            ("We delen onze kennis graag met de anderen.", "kennis; Vertrouwen", "Bas"),
            ("Geen idee eigenlijk.", "nakijken!", "Eva"),
        ],
    )
    code, out, err = run("code", "a1.docx")
    assert code == 0, err
    assert "'nakijken!': names no code (kept as a memo)" in err
    assert "1 comment or tag kept as a memo" in err
    by_hand = [c for c in codings() if c["coder"] != "auto"]
    assert [(c["code"], c["coder"], c["status"], c["text"], c["direction"]) for c in by_hand] == [
        (
            "trust.not_acquainted",
            "Eva",
            "accepted",
            "Wij zien elkaar bijna nooit buiten de sessies.",
            None,
        ),
        (
            "interest_balance.knowledge",
            "Bas",
            "accepted",
            "We delen onze kennis graag met de anderen.",
            "bring",
        ),
        ("trust", "Bas", "accepted", "We delen onze kennis graag met de anderen.", None),
    ]
    code, out, _ = run("memos", "--no-anonymize", "--format", "json")
    memos = json.loads(out)
    assert [(m["author"], m["memo"], m["text"], m["reason"]) for m in memos] == [
        ("Eva", "nakijken!", "Geen idee eigenlijk.", "names no code")
    ]
    code, out, _ = run("tally", "--format", "json", "--coder", "Bas")
    tally = {
        r["id"]: r["participants"] for t in json.loads(out)["themes"] for r in [t, *t["codes"]]
    }
    assert tally["trust"] == 1 and tally["trust.not_acquainted"] == 0


def test_removing_a_comment_in_word_removes_its_coding(project: Path) -> None:
    path = word_with_comments(project / "a1.docx", [("Wij vertrouwen elkaar.", "trust", "Eva")])
    assert run("code", "a1.docx")[0] == 0
    assert [c["coder"] for c in codings()] == ["Eva"]
    import docx

    d = docx.Document()
    d.add_paragraph("I: Wat vindt u daarvan?")
    d.add_paragraph("R: Wij vertrouwen elkaar.")
    d.save(str(path))
    assert run("code", "a1.docx")[0] == 0
    assert codings() == []


def test_inline_tags_code_text_and_are_not_quoted(project: Path) -> None:
    (project / "t1.txt").write_text(
        "I: Kent u de anderen?\nR: Nou, [[not_acquainted: we zien elkaar amper]]. Jammer.\n",
        encoding="utf-8",
    )
    code, _, err = run("code", "t1.txt", "--coder", "eva")
    assert code == 0, err
    found = codings("--coder", "eva")
    assert [(c["code"], c["text"], c["status"]) for c in found] == [
        ("trust.not_acquainted", "we zien elkaar amper", "accepted")
    ]
    code, out, _ = run("quotes", "--code", "not_acquainted", "--format", "json")
    assert "[[" not in out and "we zien elkaar amper" in out


def test_a_tag_naming_a_code_by_a_label_with_a_colon_codes_it(project: Path) -> None:
    book = project / "codebook.yaml"
    text = book.read_text(encoding="utf-8")
    text = text.replace(
        "{nl: Positie beschermen, en: Protect position}",
        '{nl: "Fase: groeiend", en: "Phase: growing"}',
    )
    book.write_text(text, encoding="utf-8")
    (project / "t1.txt").write_text(
        "I: Hoe staat het ervoor?\nR: Nou, [[Fase: groeiend: we groeien: hard]]. Mooi.\n"
        "R: En [[fase:groeiend:het gaat goed]].\n",
        encoding="utf-8",
    )
    code, _, err = run("code", "t1.txt", "--coder", "eva")
    assert code == 0, err
    assert "memo" not in err
    found = codings("--coder", "eva")
    assert [(c["code"], c["text"]) for c in found] == [
        ("competition.protect_position", "we groeien: hard"),
        ("competition.protect_position", "het gaat goed"),
    ]


def test_re_coding_keeps_the_coder_the_tags_were_stored_under(project: Path) -> None:
    (project / "t1.txt").write_text(
        "I: Kent u de anderen?\nR: Nou, [[not_acquainted: we zien elkaar amper]]. Jammer.\n",
        encoding="utf-8",
    )
    (project / "t2.txt").write_text("I: Vraag?\nR: Wij vertrouwen elkaar.\n", encoding="utf-8")
    assert run("code", "t1.txt", "t2.txt", "--coder", "eva")[0] == 0
    before = dump_store(project)
    code, _, err = run("code", "t1.txt", "t2.txt")
    assert code == 0 and "2 unchanged" in err, err
    assert dump_store(project) == before
    # Edited, the file is read again; its tags stay eva's.
    text = (project / "t1.txt").read_text(encoding="utf-8")
    (project / "t1.txt").write_text(text + "I: En verder?\nR: Niets.\n", encoding="utf-8")
    code, _, err = run("code", "t1.txt")
    assert code == 0 and "1 updated" in err, err
    assert [c["coder"] for c in codings() if c["coder"] != "auto"] == ["eva"]
    # Another coder named for a folder: eva's tags stay hers, and lernet says so.
    (project / "t1.txt").write_text(text + "I: Nog iets?\nR: Nee.\n", encoding="utf-8")
    code, _, err = run("code", "t1.txt", "t2.txt", "--coder", "bram")
    assert code == 0 and "1 file keeps the coder their tags were stored under (eva)" in err
    assert [c["coder"] for c in codings() if c["coder"] != "auto"] == ["eva"]
    # A new file's tags are the named coder's, or 'manual' when nobody is named.
    (project / "t3.txt").write_text("I: Vraag?\nR: [[not_acquainted: ken ik niet]]\n", "utf-8")
    (project / "t4.txt").write_text("I: Vraag?\nR: [[not_acquainted: ken ze niet]]\n", "utf-8")
    assert run("code", "t3.txt", "--coder", "bram")[0] == 0
    assert run("code", "t4.txt")[0] == 0
    assert sorted(c["coder"] for c in codings() if c["coder"] != "auto") == [
        "bram",
        "eva",
        "manual",
    ]


def test_a_bad_tag_names_file_and_line_and_leaves_the_store(project: Path) -> None:
    (project / "ok.txt").write_text("I: Vraag?\nR: Antwoord.\n", encoding="utf-8")
    assert run("code", "ok.txt")[0] == 0
    before = dump_store(project)
    (project / "bad.txt").write_text("I: Vraag?\nR: [[trust: open\nR: verder\n", encoding="utf-8")
    code, _, err = run("code", "bad.txt")
    assert code == 5
    assert "bad.txt:2: tag '[[trust:' is never closed" in err and "Traceback" not in err
    assert dump_store(project) == before


PROTOCOL = """\
name: mini protocol
questions:
  - number: 3
    text: Hoe goed kennen de leden elkaar?
    codes: [trust]
  - number: 7
    text: Welke rol speelt concurrentie tussen de leden?
    codes: [competition]
    match:
      - any: ["concurren*"]
  - number: 9
    text: Kunt u een voorbeeld geven?
    codes: [interest_balance]
    answer: first
"""

INTERVIEW = """\
I: 3. Om te beginnen: kent u de anderen?
R: Een paar mensen.
I: Waarom?
R: We zien elkaar weinig.
I: Wat doet uw organisatie precies op dit gebied, in het kort?
R: Advies over vitaliteit.
I: Merkt u iets van concurrenten?
R: Nauwelijks.
I: Geeft u eens een voorbeeld, kunt u dat geven?
R: De scan.
R: En de workshop.
"""


def test_protocol_questions_code_their_answers(project: Path) -> None:
    (project / "protocol.yaml").write_text(PROTOCOL, encoding="utf-8")
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("protocol: protocol.yaml\n")
    (project / "p1.txt").write_text(INTERVIEW, encoding="utf-8")
    code, _, err = run("code", "p1.txt")
    assert code == 0, err
    found = [(c["segment"], c["code"], c["status"]) for c in codings("--coder", "protocol")]
    # By number (a short follow-up does not end the answer; a long other question does), by
    # rule, and by wording with only the first answer turn.
    assert found == [
        (2, "trust", "pending"),
        (4, "trust", "pending"),
        (8, "competition", "pending"),
        (10, "interest_balance", "pending"),
    ]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        (
            "questions:\n  - number: 1\n    text: Wat?\n    codes: [vertrouwen_x]\n",
            4,
            "unknown code",
        ),
        ("questions:\n  - number: 1\n    text: Wat?\n  - number: 1\n    text: Hoe?\n", 4, "twice"),
        ("questions:\n  - number: 1\n    txt: Wat?\n", 3, "unknown key 'txt'"),
        ("questions:\n  - number: 1\n    text: Wat?\n    match: [{any: []}]\n", 4, "rule 1"),
    ],
)
def test_bad_protocol_file(project: Path, text: str, line: int, fragment: str) -> None:
    (project / "protocol.yaml").write_text(text, encoding="utf-8")
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("protocol: protocol.yaml\n")
    (project / "p1.txt").write_text(INTERVIEW, encoding="utf-8")
    code, _, err = run("code", "p1.txt")
    assert code == 4 and f"protocol.yaml:{line}:" in err and fragment in err, err
    assert (
        not (project / ".lernet" / "lernet.db").exists()
        or dump_store(project).count(b'INSERT INTO "codings"') == 0
    )


def test_bundled_protocol_loads_and_maps_to_themes() -> None:
    from lernet_cli.coding.protocol import load_protocol
    from lernet_cli.project.project import bundled_path

    from .conftest import DEFAULT_CODEBOOK

    cb = load_codebook(DEFAULT_CODEBOOK)
    path = bundled_path("interviewprotocol-lerende-netwerken.yaml")
    assert path is not None
    protocol = load_protocol(path, cb)
    assert len(protocol.questions) == 37
    assert all(cb.codes[c].depth == 0 for q in protocol.questions for c in q.codes)
    q = protocol.recognise("Waar zou u het netwerk nu plaatsen, als u kijkt naar de ontwikkeling?")
    assert q is not None and q.number == 13


REVIEW_TXT = """\
I: Kent u de anderen?
R: Eerlijk gezegd kennen we elkaar nog niet goed.
I: En concurrentie?
R: Concurrentie speelt wel mee bij ons.
I: Vertrouwt u ze?
R: Ik heb vertrouwen omdat iedereen iets bijdraagt.
"""


def coded_for_review(project: Path) -> None:
    (project / "r1.txt").write_text(REVIEW_TXT, encoding="utf-8")
    code, _, err = run("code", "r1.txt")
    assert code == 0, err
    assert [c["code"] for c in codings("--status", "pending")] == [
        "trust.not_acquainted",
        "competition.protect_position",
        "trust.built",
    ]


def test_review_session_accept_reject_change_and_resume(project: Path) -> None:
    coded_for_review(project)
    code, out, err = run("review", "--reviewer", "eva", input="a\nx\nc\nnonsense\ntrust\nq\n")
    assert code == 0, err
    assert "1/3" in out and "Eerlijk gezegd" in out and "trust.not_acquainted#1" in out
    # the mini project is Dutch: so is the review's prompt
    assert "'x' is geen van a, r, c, d, s, u, q" in out and "onbekende code 'nonsense'" in out
    assert "1 accepted, 0 rejected, 1 changed, 0 skipped" in err and "1 still pending" in err
    rows = codings()
    assert [(c["code"], c["coder"], c["status"]) for c in rows] == [
        ("trust.not_acquainted", "auto", "accepted"),
        ("competition.protect_position", "auto", "rejected"),
        ("trust", "eva", "accepted"),
        ("trust.built", "auto", "pending"),
    ]
    # Resuming shows only what is still pending.
    code, out, err = run("review", "--reviewer", "eva", input="r\n")
    assert "1/1" in out and "trust.built" in out and "1 rejected" in err
    code, _, err = run("review", "--reviewer", "eva")
    assert code == 0 and "nothing to review" in err


def test_what_counts_by_default_and_with_filters(project: Path) -> None:
    coded_for_review(project)
    run("review", "--reviewer", "eva", input="a\nr\ns\n")

    def counted(*extra: str) -> dict[str, int]:
        code, out, err = run("tally", "--format", "json", *extra)
        assert code == 0, err
        return {r["id"]: r["segments"] for t in json.loads(out)["themes"] for r in t["codes"]}

    default = counted()
    assert default["trust.not_acquainted"] == 1 and default["trust.built"] == 1
    assert default["competition.protect_position"] == 0  # rejected
    reviewed = counted("--reviewed")
    assert reviewed["trust.not_acquainted"] == 1 and reviewed["trust.built"] == 0
    code, _, err = run("tally", "--coder", "nobody")
    assert code == 2 and "unknown coder 'nobody'" in err


def test_reviews_survive_recoding_and_vanished_spans_are_kept(project: Path) -> None:
    coded_for_review(project)
    run("review", "--reviewer", "eva", input="a\nr\nc\ncompetition\n")
    changed = "I: Nog even vooraf: hoe gaat het?\nR: Prima.\n" + REVIEW_TXT.replace(
        "R: Concurrentie speelt wel mee bij ons.\n", "R: Daar heb ik geen mening over.\n"
    )
    (project / "r1.txt").write_text(changed, encoding="utf-8")
    code, _, err = run("code", "r1.txt")
    assert code == 0, err
    assert "no longer in the transcript" in err and "competition.protect_position (rejected)" in err
    # Two turns came first, so every segment moved by two; decisions followed their text.
    rows = sorted((c["segment"], c["code"], c["coder"], c["status"]) for c in codings())
    assert rows == [
        (4, "trust.not_acquainted", "auto", "accepted"),
        (8, "competition", "eva", "accepted"),
        (8, "trust.built", "auto", "rejected"),
    ]
    gone = codings("--status", "vanished")
    assert [(c["code"], c["status"], c["segment"], c["text"]) for c in gone] == [
        ("competition.protect_position", "rejected", None, "Concurrentie")
    ]
    # Coding it again changes nothing: the kept decisions are stable.
    before = dump_store(project)
    assert run("code", "r1.txt")[0] == 0
    assert dump_store(project) == before


def test_a_code_changed_in_review_is_quoted_with_the_turn_not_the_rule_s_sentence(
    project: Path,
) -> None:
    (project / "r1.txt").write_text(
        "I: Hoe staat het netwerk ervoor?\n"
        "R: In het begin was er veel concurrentie. Nu zie ik dat we elkaar vertrouwen en "
        "dat iedereen iets bijdraagt.\n",
        encoding="utf-8",
    )
    assert run("code", "r1.txt")[0] == 0
    pending = codings("--status", "pending")
    assert [c["code"] for c in pending][:1] == ["competition.protect_position"]
    code, _, err = run("review", "--reviewer", "eva", input="c\nbuilt\n" + "s\n" * 5)
    assert code == 0, err
    code, out, _ = run("quotes", "--code", "built", "--format", "json")
    quotes = [q["text"] for q in json.loads(out)]
    assert quotes == [
        "In het begin was er veel concurrentie. Nu zie ik dat we elkaar vertrouwen en dat "
        "iedereen iets bijdraagt."
    ]
    code, out, _ = run("quotes", "--code", "protect_position", "--format", "json")
    assert json.loads(out) == []  # the rule's coding was rejected by the change
    assert run("report", "-o", "r.md")[0] == 0
    assert "Nu zie ik dat we elkaar vertrouwen" in (project / "r.md").read_text(encoding="utf-8")


def ctrl_c_after(answers: list[str]) -> Callable[..., str]:
    """A prompt that gives these answers, then gets Ctrl-C as click's prompt does (a SIGINT
    turned into Abort)."""
    import signal

    import click

    given = list(answers)

    def prompt(*args: object, **kwargs: object) -> str:
        if given:
            return given.pop(0)
        try:
            signal.raise_signal(signal.SIGINT)
        except KeyboardInterrupt:
            raise click.exceptions.Abort() from None
        raise AssertionError("no interrupt")

    return prompt


def test_ctrl_c_in_review_saves_the_answers_and_exits_non_zero(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import typer

    coded_for_review(project)
    with monkeypatch.context() as patch:
        patch.setattr(typer, "prompt", ctrl_c_after(["r"]))
        code, _, err = run("review", "--reviewer", "eva")
    assert code == 130, err
    assert "interrupted; 0 accepted, 1 rejected" in err and "Traceback" not in err
    assert [c["status"] for c in codings("--coder", "auto")][0] == "rejected"
    code, _, err = run("review", "--reviewer", "eva", input="q\n")
    assert code == 0, err  # stopping with q (or at the end of the input) is no interrupt


def test_review_through_the_installed_entry_point(project: Path) -> None:
    coded_for_review(project)
    exe = Path(sys.executable).with_name("lernet")
    env = {**os.environ, "LERNET_CODER": "piet", "NO_COLOR": "1"}
    done = subprocess.run(
        [str(exe), "review"], input="a\na\na\n", capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "3 accepted" in done.stderr and "'piet'" in done.stderr
    assert {c["status"] for c in codings()} == {"accepted"}


GROUP_PARTICIPANTS = """\
participants:
  - id: g1
    group: adviseur
    label: NIPlan adviseur
    names: [Anna de Wit]
  - id: g2
    group: bedrijf
    label: NIPlan bedrijf
    names: [Bas Mulder]
"""

GROUP_INTERVIEW = """\
Interviewer: Kennen jullie elkaar goed?
Anna de Wit: Nee, we kennen elkaar nog nauwelijks.
Bas Mulder: Bij ons speelt concurrentie wel een rol.
Interviewer: En verder?
Anna de Wit (adviseur): Concurrentie speelt bij ons ook.
"""


def test_group_interview_speakers_are_separate_participants(project: Path) -> None:
    (project / "participants.yaml").write_text(GROUP_PARTICIPANTS, encoding="utf-8")
    (project / "groep.txt").write_text(GROUP_INTERVIEW, encoding="utf-8")
    code, _, err = run("code", "groep.txt")
    assert code == 0, err
    found = {(c["participant"], c["group"], c["code"]) for c in codings()}
    assert found == {
        ("g1", "adviseur", "trust.not_acquainted"),
        ("g2", "bedrijf", "competition.protect_position"),
        ("g1", "adviseur", "competition.protect_position"),
    }
    code, out, _ = run("tally", "--format", "json")
    rows = {r["id"]: r for t in json.loads(out)["themes"] for r in [t, *t["codes"]]}
    assert rows["competition"]["participants"] == 2
    assert rows["competition"]["by_group"] == {"adviseur": 1, "bedrijf": 1}
    code, out, _ = run("quotes", "--code", "not_acquainted", "--format", "json")
    assert [q["label"] for q in json.loads(out)] == ["NIPlan adviseur"]
    assert "Anna" not in out


def test_imported_codings_are_kept_when_the_file_is_coded(project: Path) -> None:
    from lernet_cli.model import Coding
    from lernet_cli.readers import read_transcript
    from lernet_cli.store.store import Store

    path = project / "q.txt"
    path.write_text("I: Vraag?\nR: Wij vertrouwen elkaar.\n", encoding="utf-8")
    with Store.open(project / ".lernet" / "lernet.db", create=True) as store:
        store.save_imported(
            "q.txt", "x", "q", read_transcript(path), [Coding(0, 2, "trust", 4, 14, "bob")]
        )
    assert run("code", "q.txt")[0] == 0
    assert [(c["coder"], c["code"], c["text"]) for c in codings("--coder", "bob")] == [
        ("bob", "trust", "vertrouwen")
    ]


SUMMARY_TXT = """\
I: Vraag een?
R: Concurrentie speelt wel mee.
I: Vraag twee?
R: [[trust: Ik vertrouw ze wel.]]
I: Vraag drie?
R: Het weer is mooi vandaag.
I: Vraag vier?
R: We kennen elkaar nog niet, en concurrentie is er ook.
"""


def summary_row(out: str, name: str) -> dict[str, str]:
    """The code summary's row for one file, by column header."""
    lines = [line for line in out.splitlines() if "│" in line or "┃" in line]
    header = [c.strip() for c in lines[0].strip("┃").split("┃")]
    row = next(line for line in lines[1:] if f" {name} " in line)
    return dict(zip(header, [c.strip() for c in row.strip("│").split("│")], strict=True))


def test_code_summary_says_what_each_count_is(project: Path) -> None:
    (project / "s.txt").write_text(SUMMARY_TXT, encoding="utf-8")
    code, out, err = run("code", "s.txt")
    assert code == 0, err
    # Four answers; three got a code (two by the rules, one by a tag only); four codings, one of
    # them by hand. Nobody has a group: no group column (test_study_without_groups.py).
    assert summary_row(out, "s.txt") == {
        "file": "s.txt",
        "participant": "s",
        "status": "new",
        "participant turns": "4",
        "turns with a code": "3",
        "codings": "4",
        "by hand": "1",
    }
    assert len(codings()) == 4
    code, out, _ = run("code", "s.txt")
    row = summary_row(out, "s.txt")
    # a file as it was shows its stored counts
    assert row["status"] == "unchanged" and row["turns with a code"] == "3"
    assert row["codings"] == "4" and row["by hand"] == "1"


def test_piped_review_marks_the_evidence_and_the_words_that_fired(project: Path) -> None:
    coded_for_review(project)
    code, out, err = run("review", "--reviewer", "eva", input="s\ns\ns\n")
    assert code == 0, err
    assert "Eerlijk gezegd »kennen we elkaar« nog niet goed." in out
    assert "fired on: kennen, elkaar; negated, as the rule requires" in out
    assert "»Concurrentie« speelt wel mee bij ons." in out
    assert "fired on: Concurrentie (*concurrent*)" in out
    assert "Ik heb »vertrouwen omdat iedereen iets bijdraagt«." in out
    assert "fired on: vertrouwen, bijdraagt (bijdragen)" in out
    assert "\x1b[" not in out


def test_review_in_a_terminal_marks_the_evidence_in_bold(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    coded_for_review(project)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("FORCE_COLOR", "1")
    code, out, err = run("review", "--reviewer", "eva", input="q\n")
    assert code == 0, err
    assert "»" not in out and "«" not in out
    assert "\x1b[1;7mkennen we elkaar\x1b[0m" in out


def test_fired_words_by_rule_kind(tmp_path: Path) -> None:
    from lernet_cli.coding.review import fired_words
    from lernet_cli.store.store import CodingRow

    cb_path = tmp_path / "cb.yaml"
    cb_path.write_text(
        """\
themes:
  - id: t
    label: T
    match:
      - any: [kennis]
      - all: [elkaar, kennen]
      - regex: 'koud\\w*vrees'
""",
        encoding="utf-8",
    )
    cb = load_codebook(cb_path)
    text = "Wij kenden elkaar niet, maar kennis had ik. Koudwatervrees ook."

    def row(rule: str, evidence: str) -> CodingRow:
        start = text.index(evidence)
        return CodingRow(
            1,
            1,
            "f",
            "p",
            None,
            None,
            1,
            text,
            "t",
            start,
            start + len(evidence),
            "auto",
            rule,
            None,
            "pending",
        )

    assert fired_words(cb, row("t#1", "kennis")) == [("kennis", "kennis")]
    assert fired_words(cb, row("t#2", "kenden elkaar")) == [
        ("kennen", "kenden"),
        ("elkaar", "elkaar"),
    ]
    assert fired_words(cb, row("t#3", "Koudwatervrees")) == [
        ("regex koud\\w*vrees", "Koudwatervrees")
    ]
    # A word of the rule outside the evidence did not make it fire.
    assert fired_words(cb, row("t#1", "elkaar")) == []
    # Protocol codings, and rules the codebook no longer has, have no words to show.
    assert fired_words(cb, row("protocol q3", "kennis")) == []
    assert fired_words(cb, row("t#9", "kennis")) == []


def test_one_person_is_one_coder_whatever_the_case(project: Path) -> None:
    """Tags by "Eva", a review by "eva": one coder, so no agreement of a person with herself."""
    (project / "t1.txt").write_text(
        "I: Kent u de anderen?\nR: Nou, [[not_acquainted: we zien elkaar amper]].\n"
        "I: En concurrentie?\nR: Wij zijn concurrenten van elkaar.\n",
        encoding="utf-8",
    )
    assert run("code", "t1.txt", "--coder", "Eva")[0] == 0
    code, _, err = run("review", "--reviewer", "eva", input="c\nbuilt\n" + "a\n" * 20)
    assert code == 0 and "1 changed" in err, err
    assert {c["coder"] for c in codings()} == {"Eva", "auto"}
    assert {c["coder"] for c in codings("--coder", "EVA")} == {"Eva"}
    code, _, err = run("agree", "eva", "auto")
    assert code == 0, err
    report = project / "r.md"
    assert run("report", "-o", str(report))[0] == 0
    text = report.read_text(encoding="utf-8")
    assert "Eva en eva" not in text and "eva en Eva" not in text
    # nobody has a group: no "(zonder groep: 1)" after it (test_study_without_groups.py)
    assert "Het materiaal bestaat uit 1 interview met 1 deelnemer." in text


def test_review_decisions_are_no_coding_for_agreement_and_are_named_in_the_method(
    project: Path,
) -> None:
    """Bram only changed a code and accepted a candidate: nobody's agreement with him is
    measured, and the method section tells a changed code from an accepted candidate."""
    from lernet_cli.project.project import load_project
    from lernet_cli.store.store import Store

    (project / "t1.txt").write_text(
        "I: Kent u de anderen?\nR: Nou, [[not_acquainted: we zien elkaar amper]].\n"
        "I: En concurrentie?\nR: Wij zijn concurrenten van elkaar.\nI: Verder?\nR: Niets.\n",
        encoding="utf-8",
    )
    assert run("code", "t1.txt", "--coder", "eva")[0] == 0
    code, _, err = run("review", "--reviewer", "bram", input="c\nbuilt\n" + "a\n" * 20)
    assert code == 0 and "1 changed" in err, err
    with Store.open(load_project(project).store_path) as store:
        tid = store.transcripts()[0].id
        store.accept_candidate(tid, 6, "trust.built", (0, 6), "bram", note="candidate")
    code, _, err = run("agree", "eva", "bram")
    assert code == 2 and "no transcript in common" in err, err
    report = project / "r.md"
    assert run("report", "-o", str(report))[0] == 0
    text = report.read_text(encoding="utf-8")
    assert "Geen twee personen codeerden dezelfde interviews" in text
    assert "| Code gewijzigd bij beoordeling" in text
    assert "| Gemiste code aangevuld bij beoordeling (kandidaten) " in text


def test_a_rule_sentence_inside_a_person_s_passage_is_one_quote(project: Path) -> None:
    (project / "t1.txt").write_text(
        "I: Kent u de anderen?\n"
        "R: [[not_acquainted: Eerlijk gezegd kennen we elkaar nog niet. Het is nog vroeg.]]\n",
        encoding="utf-8",
    )
    assert run("code", "t1.txt", "--coder", "eva")[0] == 0
    assert {c["coder"] for c in codings()} == {"eva", "auto"}
    code, out, _ = run("quotes", "--code", "not_acquainted", "--format", "json")
    assert code == 0
    assert [q["text"] for q in json.loads(out)] == [
        "Eerlijk gezegd kennen we elkaar nog niet. Het is nog vroeg."
    ]


def test_fired_words_name_each_word_once_with_the_terms_that_found_it() -> None:
    from lernet_cli.coding.review import fired_text

    fired = [("kennen", "kennen"), ("ken", "kennen"), ("kende", "kennen"), ("elkaar", "elkaar")]
    assert fired_text(fired) == "kennen (ken, kende), elkaar"
    assert fired_text([("bijdragen", "bijdraagt")]) == "bijdraagt (bijdragen)"


def test_a_review_follows_a_turn_edited_in_word(project: Path) -> None:
    """A word changed in the reviewed sentence: the rejection stays with the code the rules make
    again there; a turn rewritten altogether still keeps the decision apart."""
    start = "I: Kent u de anderen?\nR: Eerlijk gezegd kennen we elkaar nog nauwelijks hier.\n"
    (project / "t1.txt").write_text(start, encoding="utf-8")
    assert run("code", "t1.txt")[0] == 0
    code, _, err = run("review", "--reviewer", "eva", input="r\n")
    assert code == 0 and "1 rejected" in err, err
    edited = start.replace("kennen we", "kenden we")
    (project / "t1.txt").write_text(edited, encoding="utf-8")
    code, _, err = run("code", "t1.txt")
    assert code == 0 and "no longer in the transcript" not in err, err
    assert [(c["code"], c["status"]) for c in codings("--status", "rejected")] == [
        ("trust.not_acquainted", "rejected")
    ]
    assert codings("--status", "pending") == []
    rewritten = "I: Kent u de anderen?\nR: Nee, wij kennen elkaar nauwelijks; dat komt nog wel.\n"
    (project / "t1.txt").write_text(rewritten, encoding="utf-8")
    code, _, err = run("code", "t1.txt")
    assert code == 0 and "no longer in the transcript" in err, err


def test_u_in_review_takes_the_last_answers_back(project: Path) -> None:
    """A slip is undone in the same session: the coding is pending again as it was (a changed
    code's own coding gone) and comes up again for a new answer."""
    coded_for_review(project)
    before = dump_store(project)
    code, out, err = run("review", "--reviewer", "eva", input="u\nc\ntrust\nr\nu\nu\nq\n")
    assert code == 0, err
    assert "niets terug te draaien" in out and "undone: rejected (coding 2/3 again)" in out
    assert "undone: changed (coding 1/3 again)" in out
    assert "0 accepted, 0 rejected, 0 changed, 0 skipped" in err and "3 still pending" in err
    assert dump_store(project) == before
    code, out, err = run("review", "--reviewer", "eva", input="a\nr\nu\na\nq\n")
    assert code == 0, err
    assert "2 accepted, 0 rejected" in err
    assert [(c["code"], c["status"]) for c in codings()][:2] == [
        ("trust.not_acquainted", "accepted"),
        ("competition.protect_position", "accepted"),
    ]


def test_d_in_review_changes_a_direction_and_u_takes_it_back(project: Path) -> None:
    """A rule read "they give us knowledge" as bringing: the reviewer sets it to take (in the
    words a researcher uses): the rule's coding, accepted with the new direction, not a coding of
    the reviewer's own; a code without directions says so; undo restores the coding as it was."""
    (project / "d1.txt").write_text(
        "I: Wat doet het netwerk voor u?\nR: Ze delen veel kennis met ons.\n"
        "I: En vertrouwen?\nR: We kennen elkaar nog niet goed.\n",
        encoding="utf-8",
    )
    assert run("code", "d1.txt")[0] == 0
    pending = codings("--status", "pending")
    assert [(c["code"], c["direction"]) for c in pending][0] == (
        "interest_balance.knowledge",
        "bring",
    )
    before = dump_store(project)
    code, out, err = run("review", "--reviewer", "eva", input="d\nhalen\nu\nq\n")
    assert code == 0, err
    assert "undone: accepted" in out and dump_store(project) == before
    code, out, err = run("review", "--reviewer", "eva", input="d\nsideways\nhalen\nd\nq\n")
    assert code == 0, err
    assert "'sideways' is geen richting" in out and "heeft geen richting" in out
    assert "1 accepted" in err and "0 changed" in err
    rows = [(c["code"], c["coder"], c["status"], c["direction"]) for c in codings()]
    knowledge = [r for r in rows if r[0] == "interest_balance.knowledge"]
    assert knowledge == [("interest_balance.knowledge", "auto", "accepted", "take")]


def test_a_code_changed_in_review_keeps_its_direction_where_the_new_code_has_directions(
    project: Path,
) -> None:
    (project / "d1.txt").write_text(
        "I: Wat doet het netwerk voor u?\nR: Ze delen veel kennis met ons.\n", encoding="utf-8"
    )
    assert run("code", "d1.txt")[0] == 0
    code, _, err = run("review", "--reviewer", "eva", input="c\ninterest_balance\nq\n")
    assert code == 0, err
    rows = [(c["code"], c["coder"], c["direction"]) for c in codings()]
    assert ("interest_balance", "eva", "bring") in rows


def test_speakers_reads_the_interviewer_labels_of_the_project_as_code_does(project: Path) -> None:
    (project / "s1.txt").write_text(
        # Piet asks the questions, so without the project's labels he would be the interviewer
        "Piet: Zal ik beginnen? Wat wil je weten?\nEva: Ik wil graag weten hoe het netwerk loopt.\n"
        "Piet: Tja, waar begin je? We kennen elkaar nog niet goed.\nEva: Dat is interessant.\n",
        encoding="utf-8",
    )
    (project / "lernet.yaml").write_text(
        "codebook: codebook.yaml\nlanguage: nl\ninterviewer_labels: [Eva]\n", encoding="utf-8"
    )
    code, out, err = run("speakers", "s1.txt", "--format", "json")
    assert code == 0, err
    assert {r["speaker"]: r["role"] for r in json.loads(out)} == {
        "Eva": "interviewer",
        "Piet": "participant",
    }
    assert "took 'Piet'" not in err
    assert run("code", "s1.txt")[0] == 0
    assert {c["code"] for c in codings()} == {"trust.not_acquainted"}


def test_a_memos_reason_is_anonymized_as_its_comment(project: Path) -> None:
    """The reason quotes the comment's parts that name no code: names and e-mail addresses in
    them are hidden as in the comment itself (qa18 #1)."""
    (project / "participants.yaml").write_text(
        "participants:\n  - id: r1\n    names: [Henk Wolters]\n", encoding="utf-8"
    )
    (project / "lernet.yaml").write_text(
        "codebook: codebook.yaml\nlanguage: nl\nparticipants: participants.yaml\n",
        encoding="utf-8",
    )
    word_with_comments(
        project / "a1.docx",
        [
            (
                "Geen idee eigenlijk.",
                "trust; komt van Henk Wolters, mail h.wolters@voorbeeld.nl",
                "Eva",
            )
        ],
    )
    assert run("code", "a1.docx")[0] == 0
    code, out, err = run("memos", "--format", "json")
    assert code == 0, err
    (memo,) = json.loads(out)
    assert "Wolters" not in out and "voorbeeld.nl" not in out
    assert memo["reason"] == "names no code: 'komt van [naam]', 'mail [e-mail]'"
    code, out, _ = run("memos", "--no-anonymize", "--format", "json")
    assert "Henk Wolters" in json.loads(out)[0]["reason"]
