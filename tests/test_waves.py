"""A study that interviews the same people twice (waves): `--file` limits the analyses to some
transcripts, quotes say which interview they are from, and the phases sentence counts a person
once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.analysis.phases import PhaseResult, PhaseRow, phase_sentence
from lernet_cli.analysis.scope import matches
from lernet_cli.cli import app

from .conftest import dump_store

runner = CliRunner()

PHASES = """\
  - id: stage
    label: {nl: Fase, en: Phase}
    codes:
      - id: early
        label: {nl: "Fase: aftastend", en: "Phase: exploring"}
        phase: 1
        match:
          - any: [aftasten]
      - id: grown
        label: {nl: "Fase: gegroeid", en: "Phase: grown"}
        phase: 2
        match:
          - any: [gegroeid]
"""

PARTICIPANTS = """\
groups: [school, bedrijf]
participants:
  - id: p01
    group: school
    label: directeur school
  - id: p02
    group: bedrijf
    label: HR-manager
"""

WAVE_1 = "Golf 1 (2025)"
WAVE_2 = "Golf 2 (2026)"
TEXTS = {
    f"{WAVE_1}/p01 ronde 1.txt": (
        "I: Hoe staat het netwerk ervoor?\n"
        "R: We zijn nog aan het aftasten. We kennen elkaar nog niet goed.\n"
    ),
    f"{WAVE_1}/p02 ronde 1.txt": (
        "I: Hoe staat het netwerk ervoor?\n"
        "R: Wij brengen kennis in, maar we zijn aan het aftasten.\n"
    ),
    f"{WAVE_2}/p01 ronde 2.txt": (
        "I: En nu, een jaar later?\n"
        "R: Het netwerk is gegroeid. Wij halen veel kennis bij de bedrijven.\n"
    ),
    f"{WAVE_2}/p02 ronde 2.txt": (
        "I: En nu, een jaar later?\nR: Het netwerk is gegroeid, we spreken elkaar vaak.\n"
    ),
}


@pytest.fixture
def waves(project: Path) -> Path:
    """Two participants, each interviewed in two waves, in a folder per wave."""
    codebook = project / "codebook.yaml"
    codebook.write_text(codebook.read_text(encoding="utf-8") + PHASES, encoding="utf-8")
    (project / "participants.yaml").write_text(PARTICIPANTS, encoding="utf-8")
    for name, text in TEXTS.items():
        (project / name).parent.mkdir(exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["code", WAVE_1, WAVE_2])
    assert result.exit_code == 0, result.stderr
    return project


def _json(args: list[str]) -> object:
    result = runner.invoke(app, [*args, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _code(data: object, code: str) -> dict[str, object]:
    assert isinstance(data, dict)
    for theme in data["themes"]:
        for c in theme["codes"]:
            if c["id"] == code:
                return dict(c)
    raise AssertionError(code)


# --- which transcripts a pattern keeps ----------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "path", "kept"),
    [
        ("golf 1*", "Interviews/Golf 1 (2025)/Interview Tom ronde 1.docx", True),
        ("golf 1*", "Interviews/Golf 2 (2026)/Interview Tom ronde 1.docx", False),
        ("*ronde 2*", "Interviews/Golf 2 (2026)/Interview Tom ronde 2.docx", True),
        ("interviews/golf 2 (2026)", "Interviews/Golf 2 (2026)/Interview Tom.docx", True),
        ("interviews/golf 2*", "Interviews/Golf 1 (2025)/Golf 2 notes.docx", False),
        ("golf 2 (2026)", "Interviews/Golf 2 (2026)/x.txt", True),
        ("interview [naam].txt", "a/Interview [naam].txt", True),
        ("golf", "Interviews/Golf 1 (2025)/x.txt", False),
    ],
)
def test_a_pattern_matches_the_path_or_a_run_of_its_parts(
    pattern: str, path: str, kept: bool
) -> None:
    assert matches(pattern, path) is kept


# --- counts per wave ----------------------------------------------------------------------


def test_tally_counts_the_participants_of_one_wave(waves: Path) -> None:
    both = _json(["tally"])
    first = _json(["tally", "--file", "Golf 1*"])
    second = _json(["tally", "--file", "golf 2 (2026)"])
    assert _code(both, "trust.not_acquainted")["participant_ids"] == ["p01"]
    assert _code(first, "trust.not_acquainted")["participants"] == 1
    assert _code(second, "trust.not_acquainted")["participants"] == 0
    # knowledge: p02 in wave 1, p01 in wave 2; two people, one per wave
    assert _code(both, "interest_balance.knowledge")["participants"] == 2
    assert _code(first, "interest_balance.knowledge")["participant_ids"] == ["p02"]
    assert _code(second, "interest_balance.knowledge")["participant_ids"] == ["p01"]
    # repeated: the union
    assert _json(["tally", "--file", "*ronde 1*", "--file", "*ronde 2*"]) == both


def test_a_folder_named_as_the_shell_completes_it(waves: Path) -> None:
    result = runner.invoke(app, ["tally", "--file", str(waves / WAVE_2) + "/", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert _code(json.loads(result.stdout), "interest_balance.knowledge")["participant_ids"] == [
        "p01"
    ]


@pytest.mark.parametrize(
    "command",
    [
        ["tally"],
        ["quotes"],
        ["matrix"],
        ["phases"],
        ["report", "-o", "r.md"],
        ["export", "csv", "out.csv"],
    ],
)
def test_a_pattern_that_matches_nothing_is_one_line_naming_the_folders(
    waves: Path, command: list[str]
) -> None:
    before = dump_store(waves)
    result = runner.invoke(app, [*command, "--file", "Golf 3*"])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "'Golf 3*' matches no transcript" in lines[0]
    assert WAVE_1 in lines[0] and WAVE_2 in lines[0]
    assert dump_store(waves) == before
    assert not (waves / "r.md").exists() and not (waves / "out.csv").exists()


def test_an_empty_pattern_is_refused(waves: Path) -> None:
    result = runner.invoke(app, ["tally", "--file", " "])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "lernet: error: --file needs a folder or a pattern (e.g. --file 'Golf 1*')"
    ]


def test_matrix_and_csv_export_of_one_wave(waves: Path) -> None:
    data = _json(["matrix", "--file", "Golf 1*"])
    assert isinstance(data, dict)
    (row,) = [r for r in data["rows"] if r["id"] == "interest_balance.knowledge"]
    assert row["cells"]["bedrijf"]["direction"] == "bring"
    assert row["cells"]["school"]["direction"] == "none"
    result = runner.invoke(app, ["export", "csv", "w2.csv", "--file", "Golf 2*"])
    assert result.exit_code == 0, result.stderr
    text = (waves / "w2.csv").read_text(encoding="utf-8-sig")
    assert "ronde 2" in text and "ronde 1" not in text


def test_phases_of_one_wave_count_its_participants(waves: Path) -> None:
    data = _json(["phases", "--file", "Golf 1*"])
    assert isinstance(data, dict)
    counts = {p["id"]: p["participants"] for p in data["phases"]}
    assert counts == {"stage.early": 2, "stage.grown": 0}
    assert data["total_participants"] == 2
    assert "later interview" not in data["sentence"]


# --- a person's two interviews --------------------------------------------------------------


def test_quotes_name_which_interview_of_a_person_interviewed_twice(waves: Path) -> None:
    result = runner.invoke(app, ["quotes", "--code", "knowledge"])
    assert result.exit_code == 0, result.stderr
    assert f"(HR-manager, {WAVE_1})" in result.stdout
    assert f"(directeur school, {WAVE_2})" in result.stdout
    data = _json(["quotes", "--code", "knowledge"])
    assert isinstance(data, list)
    assert all("interview" not in q for q in data)  # the JSON names the file already
    assert {q["label"] for q in data} == {"HR-manager", "directeur school"}


def test_a_person_interviewed_once_is_quoted_as_before(project: Path) -> None:
    (project / "p01.txt").write_text(TEXTS[f"{WAVE_1}/p01 ronde 1.txt"], encoding="utf-8")
    assert runner.invoke(app, ["code", "p01.txt"]).exit_code == 0
    result = runner.invoke(app, ["quotes", "--code", "not_acquainted"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.rstrip().endswith("(p01)")


def test_interviews_in_one_folder_are_told_apart_by_name_then_by_place(project: Path) -> None:
    from lernet_cli.analysis.quotes import interview_names
    from lernet_cli.project.project import load_project
    from lernet_cli.store.store import Store

    (project / "p01 begin.txt").write_text(TEXTS[f"{WAVE_1}/p01 ronde 1.txt"], encoding="utf-8")
    (project / "p01 eind.txt").write_text(TEXTS[f"{WAVE_2}/p01 ronde 2.txt"], encoding="utf-8")
    result = runner.invoke(app, ["code", "p01 begin.txt", "p01 eind.txt", "--participant", "p01"])
    assert result.exit_code == 0, result.stderr
    with Store.open(load_project(project).store_path) as store:
        names = interview_names(store)
        assert sorted(names.values()) == ["p01 begin", "p01 eind"]


def test_the_report_names_its_transcripts_and_counts_a_wave(waves: Path) -> None:
    result = runner.invoke(app, ["report", "-o", "golf1.md", "--file", "Golf 1*"])
    assert result.exit_code == 0, result.stderr
    text = (waves / "golf1.md").read_text(encoding="utf-8")
    assert f"Alleen 2 van de 4 transcripten tellen mee: die in {WAVE_1}." in text
    assert "Er zijn 2 interviews gehouden met 2 deelnemers" in text
    assert WAVE_2 not in text
    # the same transcripts by their names: the folder, as it holds them all
    result = runner.invoke(app, ["report", "-o", "r1.md", "--file", "*ronde 1*"])
    assert result.exit_code == 0, result.stderr
    assert f"tellen mee: die in {WAVE_1}." in (waves / "r1.md").read_text(encoding="utf-8")
    result = runner.invoke(app, ["report", "-o", "p.md", "--file", "p01*"])
    assert result.exit_code == 0, result.stderr
    text = (waves / "p.md").read_text(encoding="utf-8")
    assert "die waarvan de map of de naam past bij ‘p01*’." in text
    assert "Er zijn 2 interviews gehouden met 1 deelnemer" in text
    whole = runner.invoke(app, ["report", "-o", "all.md"])
    assert whole.exit_code == 0, whole.stderr
    text = (waves / "all.md").read_text(encoding="utf-8")
    assert "tellen mee: die" not in text
    assert "Er zijn 4 interviews gehouden met 2 deelnemers" in text


def test_the_report_says_its_counts_are_people_not_interviews(waves: Path) -> None:
    """With someone interviewed twice, "(2x)" could be read as two interviews: the participants'
    paragraph says it counts people; a wave on its own (one interview each) needs no such line."""
    result = runner.invoke(app, ["report", "-o", "all.md"])
    assert result.exit_code == 0, result.stderr
    text = (waves / "all.md").read_text(encoding="utf-8")
    assert "Een getal als (5x) telt deelnemers, niet interviews of keren" in text
    result = runner.invoke(app, ["report", "-o", "golf1.md", "--file", "Golf 1*"])
    assert result.exit_code == 0, result.stderr
    assert "telt deelnemers" not in (waves / "golf1.md").read_text(encoding="utf-8")


def test_phases_say_when_they_take_the_waves_together(waves: Path) -> None:
    """The network's phase in wave 1 and in wave 2 are two findings: without --by, phases (and
    matrix) say in one line that they take them together, as tally and report do; one wave
    alone needs none."""
    result = runner.invoke(app, ["phases"])
    assert result.exit_code == 0, result.stderr
    assert f"the counts take the interviews in {WAVE_1}, {WAVE_2} together" in result.stderr
    assert "--by folder puts them side by side" in result.stderr
    result = runner.invoke(app, ["phases", "--file", "Golf 1*"])
    assert result.exit_code == 0, result.stderr
    assert "together" not in result.stderr
    result = runner.invoke(app, ["matrix"])
    assert result.exit_code == 0, result.stderr
    assert "--by folder puts them side by side" in result.stderr


def test_the_phases_sentence_counts_a_person_who_moved_once(waves: Path) -> None:
    data = _json(["phases"])
    assert isinstance(data, dict)
    counts = {p["id"]: p["participants"] for p in data["phases"]}
    assert counts == {"stage.early": 2, "stage.grown": 2}
    sentence = data["sentence"]
    assert sentence.startswith("De meeste deelnemers (2 van 2) ")
    assert "anderen" not in sentence
    # both moved from exploring to grown between their interviews
    assert (
        "2 deelnemers noemen in een later interview een andere fase dan eerder; zij tellen in "
        "elk van die fasen mee (aftastend → gegroeid: 2x)." in sentence
    )


def _rows(*rows: tuple[str, list[str]]) -> list[PhaseRow]:
    return [PhaseRow(f"p.{label}", label, len(ids), ids) for label, ids in rows]


def test_others_are_others_only_when_nobody_of_the_first_phases_is_among_them() -> None:
    apart = PhaseResult(_rows(("a", ["1", "2", "3"]), ("b", ["4", "6"]), ("c", ["5"])), total=6)
    assert "; anderen noemen c (1x)." in phase_sentence(apart, "nl")
    assert "; others name c (n=1)." in phase_sentence(apart, "en")
    again = PhaseResult(_rows(("a", ["1", "2", "3"]), ("b", ["4", "6"]), ("c", ["1"])), total=6)
    assert "; ook genoemd: c (1x)." in phase_sentence(again, "nl")
    assert "; also named: c (n=1)." in phase_sentence(again, "en")


def test_the_moves_are_counted_and_listed_while_few() -> None:
    rows = _rows(("a", ["1", "2"]), ("b", ["1", "2"]))
    one = PhaseResult(rows, total=2, moves=[["a", "b"]])
    assert phase_sentence(one, "nl").endswith(
        " 1 deelnemer noemt in een later interview een andere fase dan eerder; die telt in elk "
        "van die fasen mee (a → b: 1x)."
    )
    assert phase_sentence(one, "en").endswith(
        " 1 participant names another phase in a later interview than before; they count under "
        "each of those phases (a → b: n=1)."
    )
    many = PhaseResult(rows, total=4, moves=[["a", "b"], ["b", "a"], ["a/b", "b"], ["a", "a/b"]])
    assert phase_sentence(many, "nl").endswith("zij tellen in elk van die fasen mee.")


def test_interviews_alike_in_folder_and_name_are_told_apart_by_place(project: Path) -> None:
    from lernet_cli.analysis.quotes import interview_names
    from lernet_cli.project.project import load_project
    from lernet_cli.store.store import Store

    (project / "p01.txt").write_text(TEXTS[f"{WAVE_1}/p01 ronde 1.txt"], encoding="utf-8")
    (project / "p01.md").write_text(TEXTS[f"{WAVE_2}/p01 ronde 2.txt"], encoding="utf-8")
    result = runner.invoke(app, ["code", "p01.txt", "p01.md"])
    assert result.exit_code == 0, result.stderr
    with Store.open(load_project(project).store_path) as store:
        names = interview_names(store)
        english = interview_names(store, lang="en")
    assert sorted(names.values()) == ["interview 1 van 2", "interview 2 van 2"]
    assert sorted(english.values()) == ["interview 1 of 2", "interview 2 of 2"]
    result = runner.invoke(app, ["quotes", "--code", "not_acquainted"])
    assert "(p01, interview 2 van 2)" in result.stdout  # p01.txt comes after p01.md


def test_an_interview_s_folder_is_named_with_names_hidden(project: Path) -> None:
    (project / "participants.yaml").write_text(
        "participants:\n  - id: p01\n    label: directeur\n    names: [Anna Peeters]\n"
        "    files: ['*Peeters*']\n",
        encoding="utf-8",
    )
    for folder, text in (
        ("Peeters 2025", TEXTS[f"{WAVE_1}/p01 ronde 1.txt"]),
        ("Peeters 2026", TEXTS[f"{WAVE_2}/p01 ronde 2.txt"]),
    ):
        (project / folder).mkdir()
        (project / folder / "Anna Peeters.txt").write_text(text, encoding="utf-8")
    assert runner.invoke(app, ["code", "Peeters 2025", "Peeters 2026"]).exit_code == 0
    result = runner.invoke(app, ["quotes", "--code", "not_acquainted"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.rstrip().endswith("(directeur, [naam] 2025)")
    plain = runner.invoke(app, ["quotes", "--code", "not_acquainted", "--no-anonymize"])
    assert plain.stdout.rstrip().endswith("(directeur, Peeters 2025)")


def test_codings_lists_one_wave(waves: Path) -> None:
    """`lernet codings --file` lists the codings of the transcripts it keeps, as tally does."""
    result = runner.invoke(app, ["codings", "--file", "Golf 2*", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows and {r["file"].split("/")[0] for r in rows} == {WAVE_2}
    everything = json.loads(runner.invoke(app, ["codings", "--format", "json"]).stdout)
    assert len(everything) > len(rows)
    wrong = runner.invoke(app, ["codings", "--file", "Golf 3*"])
    assert wrong.exit_code == 2 and "matches no transcript" in wrong.stderr
