"""Every command and format through typer's CliRunner, plus the installed entry point once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app

from .conftest import dump_store

runner = CliRunner()

A1 = """\
I: Hoe kennen de leden elkaar?
R: Eerlijk gezegd kennen we elkaar nog niet goed. Ik ben Jeroen Bakker, van Vitaal Werk.
I: En concurrentie?
R: Concurrentie is er wel, dat merk je.
"""
B1 = """\
I: Kent u de andere leden?
R: We spreken elkaar eigenlijk nauwelijks. Wij halen vooral kennis op bij de anderen.
"""
A2 = """\
I: Kent u de andere leden?
R: Ja hoor, we kennen elkaar inmiddels goed.
"""
PARTICIPANTS = """\
groups: [bedrijf, adviseur]
participants:
  - id: a1
    group: adviseur
    label: NIPlan adviseur
    names: [Jeroen Bakker]
    organisations: [Vitaal Werk]
  - id: a2
    group: adviseur
    label: NIPlan adviseur
  - id: b1
    group: bedrijf
    label: NIPlan bedrijf
"""


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def coded(project: Path) -> Path:
    tdir = project / "transcripts"
    tdir.mkdir()
    (tdir / "a1.txt").write_text(A1, encoding="utf-8")
    (tdir / "a2.txt").write_text(A2, encoding="utf-8")
    (tdir / "b1_interview.txt").write_text(B1, encoding="utf-8")
    (project / "participants.yaml").write_text(PARTICIPANTS, encoding="utf-8")
    code, out, err = run("code", "transcripts")
    assert code == 0, err
    return project


def test_code_summary_and_idempotence(coded: Path) -> None:
    before = dump_store(coded)
    code, out, err = run("code", "transcripts")
    assert code == 0
    assert "3 unchanged" in err
    assert dump_store(coded) == before


def test_code_replaces_auto_codings_of_changed_file(coded: Path) -> None:
    f = coded / "transcripts" / "a2.txt"
    f.write_text(A2.replace("inmiddels goed", "nog niet goed"), encoding="utf-8")
    code, out, err = run("code", "transcripts")
    assert code == 0
    assert "1 updated" in err and "2 unchanged" in err
    code, out, _ = run("tally", "--format", "json")
    data = json.loads(out)
    trust = next(t for t in data["themes"] if t["id"] == "trust")
    not_acq = next(c for c in trust["codes"] if c["id"] == "trust.not_acquainted")
    assert not_acq["participant_ids"] == ["a1", "a2", "b1"]


def test_tally_table(coded: Path) -> None:
    code, out, err = run("tally")
    assert code == 0
    assert "trust.not_acquainted" in out
    assert "Elkaar nog niet goed kennen" in out


def test_codebook_edit_between_runs_is_seen_despite_cache(coded: Path) -> None:
    """tally reads the codebook through .lernet/cache; an edit must show at once."""
    assert run("tally")[0] == 0
    assert list((coded / ".lernet" / "cache").glob("yaml-*.json"))
    codebook = coded / "codebook.yaml"
    codebook.write_text(
        codebook.read_text(encoding="utf-8").replace(
            "Elkaar nog niet goed kennen", "Kennen elkaar nauwelijks"
        ),
        encoding="utf-8",
    )
    code, out, _ = run("tally")
    assert code == 0
    assert "Kennen elkaar nauwelijks" in out and "Elkaar nog niet goed kennen" not in out


def test_tally_by_group_and_formats(coded: Path) -> None:
    code, out, _ = run("tally", "--by", "group", "--format", "csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "id;label;participants;segments;bedrijf;adviseur"
    assert "trust.not_acquainted;Elkaar nog niet goed kennen;2;2;1;1" in lines
    code, out, _ = run("tally", "--format", "md")
    assert "- Elkaar nog niet goed kennen (2x)" in out
    # a Dutch project: the headers a person reads are Dutch; CSV keeps its English keys
    code, out, _ = run("tally", "--by", "group", "--format", "md")
    # each group's column says its interviewees, coded or not
    assert out.startswith(
        "| id | label | deelnemers | segmenten | bedrijf (n=1) | adviseur (n=2) |"
    )
    # people written as the terminal writes them ("2x"), segments as plain numbers (CSV above)
    assert "| trust.not_acquainted | Elkaar nog niet goed kennen | 2x | 2 | 1x | 1x |" in out
    code, out, _ = run("tally", "--by", "group")
    assert "thema / code" in out and "deelnemers" in out and "participants" not in out
    code, out, err = run("tally", "--theme", "Vertrouwen", "--format", "json")
    data = json.loads(out)
    assert [t["id"] for t in data["themes"]] == ["trust"]
    assert data["themes"][0]["by_group"] == {"bedrijf": 1, "adviseur": 1}
    assert err == ""


def test_unknown_theme_lists_valid_ones(coded: Path) -> None:
    code, out, err = run("tally", "--theme", "vertrouwn")
    assert code == 2
    assert err.strip() == (
        "lernet: error: unknown theme 'vertrouwn' (did you mean 'trust'?); valid themes: trust, "
        "competition, interest_balance"
    )
    assert out == ""


def test_quotes_text_md_json_and_anonymized(coded: Path) -> None:
    code, out, err = run("quotes", "--theme", "trust")
    assert code == 0
    assert "“Eerlijk gezegd kennen we elkaar nog niet goed.” (NIPlan adviseur)" in out
    assert "Jeroen" not in out
    code, out, _ = run("quotes", "--code", "trust.not_acquainted", "--format", "md")
    assert "> “We spreken elkaar eigenlijk nauwelijks.” (NIPlan bedrijf)" in out
    code, out, _ = run("quotes", "--theme", "competition", "--format", "json")
    data = json.loads(out)
    assert data == [
        {
            "theme": "competition",
            "code": "competition.protect_position",
            "participant": "a1",
            "group": "adviseur",
            "label": "NIPlan adviseur",
            "text": "Concurrentie is er wel, dat merk je.",
            "file": "transcripts/a1.txt",
            "segment": 4,
        }
    ]


def test_a_limit_of_zero_quotes_is_none_in_quotes_as_in_report(coded: Path) -> None:
    def per_code(*args: str) -> dict[str, int]:
        code, out, err = run("quotes", "--format", "json", *args)
        assert code == 0, err
        counts: dict[str, int] = {}
        for q in json.loads(out):
            counts[q["code"]] = counts.get(q["code"], 0) + 1
        return counts

    everything = per_code()
    assert max(everything.values()) > 1
    assert per_code("--limit", "1") == dict.fromkeys(everything, 1)
    assert per_code("--limit", "0") == {}
    code, out, err = run("quotes", "--limit", "0")
    assert code == 0 and out == "" and "--limit 0" in err
    assert run("report", "-o", "r.md", "--quotes", "0")[0] == 0
    assert "> “" not in (coded / "r.md").read_text(encoding="utf-8")


def test_quotes_redaction_and_no_anonymize(coded: Path) -> None:
    (coded / "codebook.yaml").write_text(
        (coded / "codebook.yaml")
        .read_text(encoding="utf-8")
        # a word next to the names: the names themselves are no evidence (coding/names.py)
        .replace("marktpositie]", "marktpositie, ik ben]"),
        encoding="utf-8",
    )
    assert run("code", "transcripts")[0] == 0
    code, out, _ = run("quotes", "--code", "protect_position")
    assert "Ik ben [naam], van [organisatie]." in out
    code, out, _ = run("quotes", "--code", "protect_position", "--no-anonymize")
    assert "Ik ben Jeroen Bakker, van Vitaal Werk." in out


def test_quotes_group_filter_and_unknown_group(coded: Path) -> None:
    code, out, _ = run("quotes", "--theme", "trust", "--group", "bedrijf")
    assert "NIPlan adviseur" not in out and "NIPlan bedrijf" in out
    code, out, err = run("quotes", "--group", "bedrijven")
    assert code == 2 and "unknown group 'bedrijven'" in err


def test_bad_format_is_usage_error(coded: Path) -> None:
    code, _, err = run("tally", "--format", "xml")
    assert code == 2 and "unknown format 'xml'" in err


def test_code_creates_project_when_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_text(A1, encoding="utf-8")
    code, out, err = run("code", "x.txt")
    assert code == 0, err
    assert "created one in" in err and "default codebook" in err
    assert (tmp_path / "lernet.yaml").is_file()
    assert (tmp_path / "codebook.yaml").is_file()
    assert "participant = file name" in err


def test_code_names_the_participants_file_a_transcript_is_missing_from(coded: Path) -> None:
    text = A1.replace("dat merk je", "dat merk je soms")  # another interview, not a copy
    (coded / "transcripts" / "z9.txt").write_text(text, encoding="utf-8")
    code, _, err = run("code", "transcripts")
    assert code == 0, err
    assert "1 file not in participants.yaml (z9.txt): participant = file name" in err


def test_code_names_at_most_three_files_missing_from_the_participants_file(coded: Path) -> None:
    for i in range(5):
        text = A1.replace("dat merk je", f"dat merk je {'echt ' * (i + 1)}")
        (coded / "transcripts" / f"z{i}.txt").write_text(text, encoding="utf-8")
    code, _, err = run("code", "transcripts")
    assert code == 0, err
    assert "5 files not in participants.yaml (z0.txt, z1.txt, z2.txt and 2 more)" in err


def test_code_missing_file_changes_nothing(coded: Path) -> None:
    before = dump_store(coded)
    code, out, err = run("code", "transcripts/nope.docx")
    assert code == 5
    assert err.strip() == "lernet: error: transcripts/nope.docx: file not found"
    assert dump_store(coded) == before


def test_bad_file_in_batch_is_reported_others_coded(coded: Path) -> None:
    (coded / "transcripts" / "z_empty.txt").write_text("", encoding="utf-8")
    (coded / "transcripts" / "c1.txt").write_text(B1 + "R: Nog iets.\n", encoding="utf-8")
    code, out, err = run("code", "transcripts")
    assert code == 5
    assert "lernet: error: transcripts/z_empty.txt: empty transcript" in err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == (
        "lernet: 3 unchanged, 1 new, 1 error (only transcripts/z_empty.txt was left out, for "
        "the error above; the other 4 files are done)"
    )


def test_speakers_shows_the_readable_files_and_names_the_unreadable(project: Path) -> None:
    from lernet_cli.coding.speakers import read_all

    (project / "a1.txt").write_text(A1, encoding="utf-8")
    (project / "leeg.txt").write_text("", encoding="utf-8")
    (project / "b1.txt").write_text(B1, encoding="utf-8")
    read, failed = read_all([project / "a1.txt", project / "leeg.txt", project / "b1.txt"])
    assert [Path(name).name for name, _ in read] == ["a1.txt", "b1.txt"]
    assert [str(e) for e in failed] == [f"{project / 'leeg.txt'}: empty transcript"]
    code, out, err = run("speakers", "a1.txt", "leeg.txt", "b1.txt", "--format", "json")
    assert code == 5
    assert {r["file"] for r in json.loads(out)} == {"a1.txt", "b1.txt"}
    assert err.strip().splitlines()[-1] == (
        "lernet: error: leeg.txt: empty transcript (not in the table)"
    )
    code, out, err = run("speakers", "leeg.txt")  # nothing else: the one-line error alone
    assert code == 5 and out == ""
    assert err.strip() == "lernet: error: leeg.txt: empty transcript"


def test_no_project_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("tally")
    assert code == 3
    assert "not inside a lernet project" in err


def test_init_never_overwrites(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "codebook.yaml").write_text("mine", encoding="utf-8")
    code, _, err = run("init")
    assert code == 0
    assert (tmp_path / "codebook.yaml").read_text(encoding="utf-8") == "mine"
    code, _, err = run("init")
    assert "already a lernet project" in err


def test_init_inside_a_project_is_refused_unless_nested(
    coded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sub = coded / "transcripts"
    monkeypatch.chdir(sub)
    code, _, err = run("init")
    assert code == 3 and f"inside the lernet project in {coded}" in err and "--nested" in err
    assert not (sub / "lernet.yaml").exists() and not (sub / ".lernet").exists()
    assert run("tally")[0] == 0  # the project above is still the one used here
    code, _, err = run("init", "--nested")
    assert code == 0 and f"a separate project inside the one in {coded}" in err, err
    code, out, err = run("tally", "--format", "json")
    assert code == 0 and "holds no interviews yet: every count is 0" in err
    code, _, err = run("report", "-o", "r.md")
    assert code == 0 and "holds no interviews yet" in err
    text = (sub / "r.md").read_text(encoding="utf-8")
    assert "()" not in text and "Dit project bevat nog geen interviews" in text
    assert "Er is nog geen materiaal: dit project bevat geen interviews." in text


def test_project_option_from_elsewhere(coded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(coded.parent)
    code, out, _ = run("tally", "--project", str(coded), "--format", "json")
    assert code == 0 and json.loads(out)["themes"]


def test_codebook_check_outside_a_project_says_which_codebook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("codebook", "check")
    assert code == 0 and "ok (" in out
    assert "no project here and no codebook named: this is lernet's default codebook" in err


def test_options_for_files_without_files(coded: Path) -> None:
    code, _, err = run("code", "--participant", "x")
    assert code == 2 and "--participant applies to the files read" in err
    code, _, err = run("code", "--group", "g", "--coder", "eva")
    assert code == 2 and "--group, --coder apply to the files read" in err


def test_codebook_commands(coded: Path, mini_codebook: Path) -> None:
    code, out, _ = run("codebook", "check")
    assert code == 0 and "ok (3 themes, 4 codes)" in out
    code, out, _ = run("codebook", "test")
    assert code == 0 and "2 passed, 0 failed" in out
    code, out, _ = run("codebook", "show")
    assert code == 0 and "trust.not_acquainted" in out
    for fmt in ("md", "csv", "json"):
        code, out, _ = run("codebook", "show", "--format", fmt)
        assert code == 0 and "trust.not_acquainted" in out


def test_codebook_check_reports_and_fails(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "themes:\n  - id: t\n    label: T\n    codes:\n      - id: x\n        mtach: []\n",
        encoding="utf-8",
    )
    code, out, err = run("codebook", "check", str(bad))
    assert code == 4
    assert f"{bad}:6: [t.x] unknown key 'mtach'" in err
    assert f"{bad}:5: [t.x] missing label" in err


def test_codebook_check_lists_every_problem_in_one_run(tmp_path: Path) -> None:
    from .test_codebook import MANY_PROBLEMS

    bad = tmp_path / "bad.yaml"
    bad.write_text(MANY_PROBLEMS, encoding="utf-8")
    code, out, err = run("codebook", "check", str(bad))
    assert code == 4 and out == ""
    lines = err.splitlines()
    assert lines[-1] == f"lernet: 11 errors in {bad}"
    problems = [line for line in lines if line.startswith("error: ")]
    assert len(problems) == 11
    assert all(line.startswith(f"error: {bad}:") for line in problems)
    # Two bad terms of one rule are two lines.
    assert sum("[trust.a] rule 1: term" in line for line in problems) == 2


def test_codebook_test_fails_on_bad_example(tmp_path: Path) -> None:
    cb = tmp_path / "cb.yaml"
    cb.write_text(
        "themes:\n  - id: t\n    label: T\n    match:\n      - any: [appel]\n"
        "    examples: [Ik eet een peer.]\n",
        encoding="utf-8",
    )
    code, out, _ = run("codebook", "test", str(cb))
    assert code == 1
    assert f"FAIL {cb}:6: [t] example not coded: Ik eet een peer." in out


def test_version_and_help() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("lernet ")
    code, out, _ = run("--help")
    assert code == 0 and "tally" in out


def test_installed_entry_point(coded: Path) -> None:
    exe = Path(sys.executable).parent / "lernet"
    assert exe.exists(), "the console script is not installed"
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [str(exe), "tally", "--format", "json"], cwd=coded, capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["themes"][0]["id"] == "trust"
    done = subprocess.run(
        [str(exe), "quotes", "--theme", "nope"], cwd=coded, capture_output=True, text=True, env=env
    )
    assert done.returncode == 2
    assert done.stderr.startswith("lernet: error: unknown theme 'nope'")
    assert "Traceback" not in done.stderr


def test_readme_reference_is_current() -> None:
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, str(root / "tools" / "cli_reference.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout


def test_participant_options_on_command_line(project: Path) -> None:
    (project / "x.txt").write_text(B1, encoding="utf-8")
    code, out, err = run(
        "code", "x.txt", "--participant", "k7", "--group", "kenniscentrum", "--label", "TNO-er"
    )
    assert code == 0, err
    code, out, _ = run("quotes", "--format", "json")
    assert {(q["participant"], q["group"], q["label"]) for q in json.loads(out)} == {
        ("k7", "kenniscentrum", "TNO-er")
    }


def test_markdown_front_matter_names_participant(project: Path) -> None:
    (project / "int.md").write_text(
        "---\nparticipant: m1\ngroup: bedrijf\nlabel: NIPlan bedrijf\n---\n" + B1, encoding="utf-8"
    )
    assert run("code", "int.md")[0] == 0
    code, out, _ = run("tally", "--by", "group", "--format", "csv")
    assert "bedrijf" in out.splitlines()[0]
    code, out, _ = run("quotes", "--format", "json")
    assert {q["participant"] for q in json.loads(out)} == {"m1"}


def test_participants_csv(project: Path) -> None:
    (project / "participants.csv").write_text(
        "id;group;label;names\nb1;bedrijf;NIPlan bedrijf;Karel Jansen\n", encoding="utf-8"
    )
    (project / "b1.txt").write_text(B1 + "R: Karel Jansen zegt: we kennen elkaar niet.\n")
    assert run("code", "b1.txt")[0] == 0
    code, out, _ = run("quotes", "--format", "json")
    quotes = json.loads(out)
    assert {q["label"] for q in quotes} == {"NIPlan bedrijf"}
    assert not any("Karel" in q["text"] or "Jansen" in q["text"] for q in quotes)


def test_participants_csv_rows_without_id_list_others_to_redact(project: Path) -> None:
    """The CSV's way to say what the YAML's redact: says: a row with names or organisations only
    (cells list several, separated by commas or semicolons)."""
    (project / "participants.csv").write_text(
        "id;group;label;names;organisations\n"
        "b1;bedrijf;NIPlan bedrijf;Karel Jansen;Basisschool De Klimop, De Klimop\n"
        ";;;Dewulf, Vandenberghe;\n"
        ";;;;Zorggroep Oost\n"
        ";;;;\n",
        encoding="utf-8",
    )
    (project / "b1.txt").write_text(
        B1 + "R: Meneer Dewulf en mevrouw Vandenberghe van Zorggroep Oost zeggen: we kennen "
        "elkaar niet, ook niet op De Klimop.\n",
        encoding="utf-8",
    )
    code, _, err = run("code", "b1.txt")
    assert code == 0, err
    code, out, _ = run("quotes", "--format", "json")
    texts = [q["text"] for q in json.loads(out)]
    assert (
        "Meneer [naam] en mevrouw [naam] van [organisatie] zeggen: we kennen elkaar niet, ook "
        "niet op [organisatie]."
    ) in texts
    code, out, _ = run("quotes", "--format", "json", "--no-anonymize")
    assert {q["participant"] for q in json.loads(out)} == {"b1"}  # no participant without id


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "participants.csv",
            "id;group;label;names\n;bedrijf;;Karel Jansen\n",
            "participants.csv:2: row without id (a row that only lists others to redact",
        ),
        (
            "participants.yaml",
            "participants:\n  - id: a\n  - id: a\n",
            "participants.yaml:3: duplicate participant id 'a'",
        ),
        ("participants.yaml", "participants:\n  - group: x\n", "participant without id"),
        ("participants.yaml", "participants:\n  - id: a\n    grup: x\n", "unknown key 'grup'"),
        ("participants.csv", "id,group\na,x\na,y\n", "participants.csv:3: duplicate"),
        (
            "participants.yaml",
            "groups: [bedrijf, adviseur]\nparticipants:\n  - id: a\n    group: adviseru\n",
            "participants.yaml:4: group 'adviseru' is not one of the groups: bedrijf, adviseur",
        ),
    ],
)
def test_bad_participants_file(project: Path, name: str, content: str, message: str) -> None:
    (project / "b1.txt").write_text(B1, encoding="utf-8")
    assert run("code", "b1.txt")[0] == 0
    before = dump_store(project)
    (project / name).write_text(content, encoding="utf-8")
    (project / "b1.txt").write_text(B1 + "R: nog iets\n", encoding="utf-8")
    code, out, err = run("code", "b1.txt")
    assert code == 6
    assert message in err and err.count("\n") == 1
    assert dump_store(project) == before


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_participants_csv_as_excel_saves_it(project: Path, encoding: str) -> None:
    sep = "\t" if encoding == "utf-16" else ";"
    (project / "participants.csv").write_bytes(
        sep.join(["id", "group", "label", "names"]).encode(encoding)
        + f"\nb1{sep}bedrijf{sep}NIPlan bedrijf{sep}Zoë Jansen\n".encode(
            encoding.replace("-sig", "").replace("utf-16", "utf-16-le")
        )
    )
    (project / "b1.txt").write_text(B1 + "R: Zoë zegt: we kennen elkaar niet.\n")
    code, _, err = run("code", "b1.txt")
    assert code == 0, err
    _, out, _ = run("quotes", "--format", "json")
    quotes = json.loads(out)
    assert {q["label"] for q in quotes} == {"NIPlan bedrijf"}
    assert not any("Zoë" in q["text"] for q in quotes)


def test_code_through_installed_entry_point(project: Path) -> None:
    exe = Path(sys.executable).parent / "lernet"
    (project / "b1.txt").write_text(B1, encoding="utf-8")
    done = subprocess.run([str(exe), "code", "b1.txt"], cwd=project, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "1 new" in done.stderr


def test_matrix_formats(coded: Path) -> None:
    code, out, err = run("matrix", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["groups"] == ["bedrijf", "adviseur"]
    row = data["rows"][0]
    assert row["id"] == "interest_balance.knowledge"
    assert row["cells"]["bedrijf"] == {
        "direction": "take",
        "bring": 0,
        "take": 1,
        "unknown": 0,
        "participants": 1,
    }
    assert row["cells"]["adviseur"]["direction"] == "none"
    code, out, _ = run("matrix", "--format", "csv", "--counts")
    # the direction, and the numbers as columns of their own (not "Halen (1x)")
    assert out.splitlines()[0] == (
        "id;label;bedrijf;adviseur;bedrijf brengen;bedrijf halen;adviseur brengen;adviseur halen"
    )
    assert out.splitlines()[1] == "interest_balance.knowledge;Kennis;Halen;n.v.t.;0;1;0;0"
    code, out, _ = run("matrix", "--format", "md")
    assert out.startswith("| thema / code | bedrijf (n=1) | adviseur (n=2) |")
    assert "| Kennis | Halen | n.v.t. |" in out
    code, out, _ = run("matrix")
    assert code == 0 and "Halen" in out and "thema / code" in out


def test_matrix_output_file_follows_its_extension(coded: Path) -> None:
    code, out, err = run("matrix", "-o", "m.md")
    assert code == 0 and out == "" and "wrote m.md" in err, err
    assert "| Kennis | Halen | n.v.t. |" in (coded / "m.md").read_text(encoding="utf-8")
    code, out, err = run("matrix", "-o", "m.csv", "--counts")
    assert code == 0 and out == "", err
    assert (coded / "m.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8
    lines = (coded / "m.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[1] == "interest_balance.knowledge;Kennis;Halen;n.v.t.;0;1;0;0"
    assert run("matrix", "-o", "m.docx")[0] == 0 and (coded / "m.docx").stat().st_size > 0
    before = (coded / "m.md").read_bytes()
    code, _, err = run("matrix", "-o", "m.md")
    assert code == 2 and "m.md: already exists" in err
    assert (coded / "m.md").read_bytes() == before
    code, _, err = run("matrix", "-o", "m.txt")
    assert code == 2 and "m.txt: --output writes .docx, .md, .csv or .json" in err
    assert not (coded / "m.txt").exists()


def test_export_csv_separator_follows_the_project_language(coded: Path, tmp_path: Path) -> None:
    """Dutch Excel splits on ';' (its decimal sign is ','); --delimiter chooses another."""
    for args, sep in (([], ";"), (["--delimiter", ","], ","), (["--delimiter", "tab"], "\t")):
        out = tmp_path / f"c{len(args)}{sep.strip()}.csv"
        code, _, err = run("export", "csv", str(out), *args)
        assert code == 0, err
        header = out.read_text(encoding="utf-8-sig").splitlines()[0]
        assert header.split(sep)[:3] == ["participant", "group", "theme"], header
    code, _, err = run("export", "csv", str(tmp_path / "x.csv"), "--delimiter", "|")
    assert code == 2 and "--delimiter must be auto" in err
    assert not (tmp_path / "x.csv").exists()


def test_export_csv_has_the_labels_a_dutch_table_shows(coded: Path, tmp_path: Path) -> None:
    import csv

    out = tmp_path / "codings.csv"
    code, _, err = run("export", "csv", str(out))
    assert code == 0, err
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    taking = next(r for r in rows if r["direction"] == "take")
    assert (taking["theme"], taking["code"]) == ("interest_balance", "interest_balance.knowledge")
    assert (taking["theme_label"], taking["code_label"]) == ("Belangenbalans", "Kennis")
    assert taking["direction_label"] == "Halen"
    assert {r["status_label"] for r in rows if r["status"] == "pending"} == {"te beoordelen"}


def test_export_and_import_commands(coded: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for kind in ("qdpx", "qdc", "csv"):
        code, _, err = run("export", kind, str(out / f"p.{kind}"))
        assert code == 0, err
        assert (out / f"p.{kind}").stat().st_size > 0
        code, _, err = run("export", kind, str(out / f"p.{kind}"))
        assert code == 2 and "overwrite" in err
    assert "Jeroen" not in (out / "p.csv").read_text(encoding="utf-8-sig")
    code, _, err = run("import", "qdpx", str(out / "p.qdpx"), "--into", str(tmp_path / "imp"))
    assert code == 0, err
    code, out_json, _ = run("tally", "--project", str(tmp_path / "imp"), "--format", "json")
    codes = {c["id"]: c for t in json.loads(out_json)["themes"] for c in t["codes"]}
    assert codes["trust.not_acquainted"]["participants"] == 2
    code, _, err = run("codebook", "import", str(out / "p.qdc"), "-o", str(tmp_path / "cb.yaml"))
    assert code == 0, err
    code, _, _ = run("codebook", "check", str(tmp_path / "cb.yaml"))
    assert code == 0


def test_codings_listing(coded: Path) -> None:
    code, out, err = run("codings", "--format", "json")
    assert code == 0, err
    records = json.loads(out)
    assert set(records[0]) == {
        "file",
        "participant",
        "group",
        "segment",
        "code",
        "coder",
        "status",
        "start",
        "end",
        "text",
        "direction",
        "note",
        "rule",
    }
    knowledge = [r for r in records if r["code"] == "interest_balance.knowledge"]
    assert knowledge == [
        {
            "file": "transcripts/b1_interview.txt",
            "participant": "b1",
            "group": "bedrijf",
            "segment": 2,
            "code": "interest_balance.knowledge",
            "coder": "auto",
            "status": "pending",
            "start": knowledge[0]["start"],
            "end": knowledge[0]["end"],
            "text": "kennis",
            "direction": "take",
            "note": None,
            # the rule that made it and the words it fired on, as review shows them
            "rule": "interest_balance.knowledge#1 fired on: kennis (*kennis)",
        }
    ]
    code, out, _ = run("codings", "--coder", "anna", "--format", "csv")
    assert code == 0
    assert (
        out.strip()
        == "file;participant;group;segment;code;coder;status;start;end;text;direction;note;rule"
    )
    code, out, _ = run("codings", "--status", "pending", "--code", "trust.not_acquainted")
    assert code == 0 and "a1" in out
    code, _, err = run("codings", "--status", "maybe")
    assert code == 2 and "--status" in err


def test_recoding_front_matter_files_names_no_false_source(project: Path) -> None:
    md = project / "x7.md"
    md.write_text("---\nparticipant: p7\ngroup: bedrijf\n---\nI: Vraag?\n\nR: Ik deel kennis.\n")
    assert run("code", str(md))[0] == 0
    code, _, err = run("code", str(md))
    assert code == 0 and "1 unchanged" in err
    assert "participant = file name" not in err


def test_a_file_read_again_as_it_was_does_not_warn_again(project: Path) -> None:
    (project / "b1.txt").write_text("Notities vooraf\n" + B1, encoding="utf-8")
    code, _, err = run("code", "b1.txt")
    assert code == 0 and "before the first speaker label" in err, err
    # Another interviewer label reads every file again; this one is as it was.
    code, _, err = run("code", "b1.txt", "--interviewer", "I")
    assert code == 0 and "updated" in err and "before the first speaker label" not in err, err
    (project / "b1.txt").write_text("Notities vooraf\n" + B1 + "R: Nog iets.\n", encoding="utf-8")
    code, _, err = run("code", "b1.txt", "--interviewer", "I")
    assert code == 0 and "before the first speaker label" in err, err


def test_a_speaker_called_by_first_name_gets_a_hint(project: Path) -> None:
    (project / "participants.yaml").write_text(
        "participants:\n  - id: r12\n    names: [Joost Smit]\n"
        "  - id: r13\n    names: [Eva Jansen]\n",
        encoding="utf-8",
    )
    (project / "vervolg.txt").write_text(
        "Interviewer: En nu?\nJoost: We kennen elkaar nog niet.\n", encoding="utf-8"
    )
    code, _, err = run("code", "vervolg.txt")
    assert code == 0, err
    assert "speaker 'Joost' may be r12 (Joost Smit): add 'Joost' to their names:" in err


def test_report_of_an_imported_lernet_archive_counts_unreviewed_rule_codings(
    coded: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "p.qdpx"
    assert run("export", "qdpx", str(archive))[0] == 0
    code, _, err = run("import", "qdpx", str(archive), "--into", str(tmp_path / "imp"))
    assert code == 0, err
    report = tmp_path / "r.md"
    code, _, err = run("report", "--project", str(tmp_path / "imp"), "-o", str(report))
    assert code == 0, err
    text = report.read_text(encoding="utf-8")
    assert "De tellingen omvatten geen niet beoordeelde coderingen" not in text
    assert "coderingen die niemand heeft beoordeeld" in text
    assert "| Geïmporteerd, gemaakt door de regels (automatisch)" in text


def _group_interview(project: Path, second: str, last_person: str) -> None:
    """A participants file listing Anna Smit (r1) and `second`, and a group interview in which
    Anna Smit and `last_person` speak."""
    (project / "participants.yaml").write_text(
        f"participants:\n  - id: r1\n    names: [Anna Smit]\n{second}", encoding="utf-8"
    )
    (project / "groep.txt").write_text(
        f"Interviewer: En nu?\nAnna Smit: We kennen elkaar niet.\n{last_person}: Ik ook niet.\n",
        encoding="utf-8",
    )


def test_a_group_interview_of_listed_speakers_is_not_named_after_its_file(project: Path) -> None:
    _group_interview(project, "  - id: r2\n    names: [Bo Jansen]\n", "Bo Jansen")
    for _ in range(2):  # read, then unchanged
        code, _, err = run("code", "groep.txt")
        assert code == 0, err
        assert "participant = file name" not in err, err


def test_speakers_says_whom_each_speaker_counts_for(project: Path) -> None:
    _group_interview(project, "  - id: x9\n    files: [groep*]\n", "Bo")
    code, out, err = run("speakers", "groep.txt", "--format", "json")
    assert code == 0, err
    assert [(r["speaker"], r["participant"]) for r in json.loads(out)] == [
        ("Interviewer", ""),
        ("Anna Smit", "r1"),
        ("Bo", "x9"),
    ]


def test_codebook_check_and_code_catch_an_unquoted_comma_in_a_label(coded: Path) -> None:
    from .test_codebook import COMMA_LABEL

    (coded / "codebook.yaml").write_text(COMMA_LABEL, encoding="utf-8")
    code, out, err = run("codebook", "check")
    assert code == 0 and "ok (" in out
    assert (
        "warning: " in err
        and "codebook.yaml:7: [competition.specialization] label has key 'geen zorgen' with no "
        "text: quote a label that contains a comma"
        in err
    )
    code, out, err = run("codebook", "show", "-f", "json")
    assert code == 0, err
    (shown,) = [c for c in json.loads(out) if c["id"] == "competition.specialization"]
    assert shown["label"] == {"nl": "Eigen specialisme, geen zorgen", "en": "Own niche, no worry"}
    (coded / "codebook.yaml").write_text(
        COMMA_LABEL.replace("Own niche, no worry}", "Own niche, English: no worry}"),
        encoding="utf-8",
    )
    code, _, err = run("codebook", "check")
    assert (
        code == 4 and "codebook.yaml:7: [competition.specialization] label has key 'English'" in err
    )
    before = dump_store(coded)
    code, _, err = run("tally")
    assert code != 0 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "codebook.yaml:7:" in err and "label has key 'English'" in err
    assert dump_store(coded) == before


@pytest.mark.parametrize("name", ["codings.xlsx", "codings.xls", "codings", "codings.json"])
def test_export_csv_refuses_a_name_excel_would_not_open(
    coded: Path, tmp_path: Path, name: str
) -> None:
    """CSV text under an .xlsx name is a file Excel refuses; say to use .csv, write nothing."""
    before = dump_store(coded)
    code, out, err = run("export", "csv", str(tmp_path / name))
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert f"{name}: " in err and "codings.csv" in err and "Excel" in err
    assert not (tmp_path / name).exists()
    assert dump_store(coded) == before
    for ok in ("codings.CSV", "codings.txt"):
        assert run("export", "csv", str(tmp_path / ok))[0] == 0
        assert (tmp_path / ok).stat().st_size > 0


def test_report_method_counts_group_interviews_apart(coded: Path) -> None:
    """A transcript in which two listed participants speak is a group interview (focus group),
    not an interview, in the method section."""
    (coded / "transcripts" / "focus.txt").write_text(
        "I: Kennen jullie elkaar?\na2: Ja, goed.\nJeroen Bakker: Nauwelijks.\n", encoding="utf-8"
    )
    code, _, err = run("code", "transcripts")
    assert code == 0, err
    code, _, err = run("report", "-o", "r.md")
    assert code == 0, err
    text = (coded / "r.md").read_text(encoding="utf-8")
    assert (
        "Het materiaal bestaat uit 4 transcripten: 3 interviews en 1 groepsgesprek (focusgroep), "
        "met 3 deelnemers (" in text
    ), text
    (coded / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: en\n", encoding="utf-8")
    code, _, err = run("report", "-o", "r_en.md")
    assert code == 0, err
    text = (coded / "r_en.md").read_text(encoding="utf-8")
    assert (
        "The material is 4 transcripts: 3 interviews and 1 group interview (focus group), "
        "with 3 participants (" in text
    ), text
    (coded / "transcripts" / "a1.txt").unlink()
    (coded / "transcripts" / "a2.txt").unlink()
    (coded / "transcripts" / "b1_interview.txt").unlink()
    for name in ("a1.txt", "a2.txt", "b1_interview.txt"):
        code, _, err = run("remove", f"transcripts/{name}")
        assert code == 0, err
    code, _, err = run("report", "-o", "r_fg.md")
    assert code == 0, err
    text = (coded / "r_fg.md").read_text(encoding="utf-8")
    assert "The material is 1 group interview (focus group) with 2 participants (" in text, text
