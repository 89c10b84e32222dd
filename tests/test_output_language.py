"""`--language`: one output in the other language, lernet.yaml and the store as they are; the
participants file's groups and labels, and the codebook's name, worded per language where the
files give them (qa20 #4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lernet_cli.codebook.codebook import load_codebook
from lernet_cli.errors import ParticipantsError
from lernet_cli.project.participants import load_participants

from .conftest import MINI_CODEBOOK, coded_with, dump_store, invoke_cli

PEOPLE_YAML = """\
groups:
  - bedrijf: {en: company}
  - overheid
participants:
  - id: good
    group: bedrijf
    label: {nl: aannemer, en: contractor}
    names: [Wim Stroeve]
  - id: other
    group: overheid
    label: beleidsmaker
"""
TEXT = (
    "I: Kent u de anderen?\n"
    "R: Nee, Wim Stroeve en ik kennen elkaar nog niet goed.\n"
    "I: En de concurrentie?\n"
    "R: Die concurrentie is er wel, dat merk je.\n"
)


def _people(tmp_path: Path, text: str, name: str = "participants.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_groups_and_labels_per_language_in_yaml(tmp_path: Path) -> None:
    path = _people(tmp_path, PEOPLE_YAML)
    english = load_participants(path, language="en")
    assert english.people["good"].group == "company"
    assert english.people["good"].label == "contractor"
    assert english.groups == ["company", "overheid"]  # no English name: as written
    assert english.people["other"].label == "beleidsmaker"
    # the written name still finds the group (quotes --group bedrijf)
    assert english.canonical_group("bedrijf") == "company"
    dutch = load_participants(path, language="nl")
    assert dutch.people["good"].group == "bedrijf"
    assert dutch.people["good"].label == "aannemer"
    assert load_participants(path).people["good"].label == "aannemer"  # the first written


def test_groups_and_labels_per_language_in_csv(tmp_path: Path) -> None:
    path = _people(
        tmp_path,
        "id;group;label;group_en;label_en;sector\n"
        "P1;bedrijf;aannemer;company;contractor;bouw\n"
        "P2;bedrijf;sloper;;;bouw\n",
        "deelnemers.csv",
    )
    english = load_participants(path, language="en")
    assert [p.group for p in english.people.values()] == ["company", "company"]
    assert [p.label for p in english.people.values()] == ["contractor", "sloper"]
    assert english.variable_names == ["sector"]  # group_en and label_en are no variables
    assert load_participants(path, language="nl").people["P1"].label == "aannemer"


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        (
            "participants:\n  - id: a\n    label: {nl: x, fr: y}\n",
            3,
            "'fr' is no language",
        ),
        (
            "groups:\n  - bedrijf: {en: company}\n  - firma: {en: company}\nparticipants:\n"
            "  - id: a\n    group: bedrijf\n",
            1,
            "are both 'company' in en",
        ),
        (
            "groups:\n  - bedrijf: company\nparticipants:\n  - id: a\n    group: bedrijf\n",
            2,
            "a name per language",
        ),
        (
            "participants:\n  - id: a\n    group: {nl: bedrijf, en: company}\n",
            3,
            "give a group its name per language under groups:",
        ),
    ],
)
def test_a_mistake_in_the_names_per_language_is_one_line(
    tmp_path: Path, text: str, line: int, says: str
) -> None:
    with pytest.raises(ParticipantsError) as found:
        load_participants(_people(tmp_path, text))
    assert found.value.line == line
    assert says in found.value.message


def test_a_csv_group_named_two_ways_in_a_language_is_refused(tmp_path: Path) -> None:
    path = _people(
        tmp_path,
        "id,group,group_en\nP1,bedrijf,company\nP2,bedrijf,firm\n",
        "participants.csv",
    )
    with pytest.raises(ParticipantsError) as found:
        load_participants(path)
    assert found.value.line == 3
    assert "an earlier row names it 'company'" in found.value.message


def test_the_codebook_name_per_language(tmp_path: Path) -> None:
    path = tmp_path / "codebook.yaml"
    path.write_text(
        MINI_CODEBOOK.replace("name: mini", "name: {nl: Lerende netwerken, en: Learning networks}"),
        encoding="utf-8",
    )
    codebook = load_codebook(path, with_rules=False)
    assert not [p for p in codebook.problems if p.severity == "error"]
    assert codebook.name == "Lerende netwerken"
    assert codebook.name_in("en") == "Learning networks"
    assert codebook.name_in("nl") == "Lerende netwerken"


@pytest.fixture
def dutch_project(project: Path) -> Path:
    (project / "codebook.yaml").write_text(
        MINI_CODEBOOK.replace("name: mini", "name: {nl: Lerende netwerken, en: Learning networks}"),
        encoding="utf-8",
    )
    (project / "participants.yaml").write_text(PEOPLE_YAML, encoding="utf-8")
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("participants: participants.yaml\n")
    return coded_with(project, TEXT)


def test_a_report_in_english_from_a_dutch_project(dutch_project: Path) -> None:
    config = (dutch_project / "lernet.yaml").read_bytes()
    before = dump_store(dutch_project)
    code, out = invoke_cli("report", "-o", "en.md", "--language", "en")
    assert code == 0, out
    report = (dutch_project / "en.md").read_text(encoding="utf-8")
    assert "codebook ‘Learning networks’" in report
    assert "(company: 1)" in report
    assert "(contractor)" in report and "(aannemer)" not in report
    assert "bedrijf" not in report
    assert "[name]" in report and "Wim Stroeve" not in report
    assert "Not acquainted" in report
    # nothing of the project changed
    assert (dutch_project / "lernet.yaml").read_bytes() == config
    assert dump_store(dutch_project) == before
    code, out = invoke_cli("report", "-o", "nl.md")
    assert code == 0, out
    dutch = (dutch_project / "nl.md").read_text(encoding="utf-8")
    assert "codeboek ‘Lerende netwerken’" in dutch
    assert "(bedrijf: 1)" in dutch and "(aannemer)" in dutch and "[naam]" in dutch


def test_tally_quotes_and_matrix_take_the_language(dutch_project: Path) -> None:
    code, out = invoke_cli("tally", "--by", "group", "-f", "csv", "--language", "en")
    assert code == 0, out
    assert out.splitlines()[0].startswith("id,label,participants,segments,company")
    code, out = invoke_cli("quotes", "--group", "bedrijf", "--language", "en")
    assert code == 0, out
    assert "(contractor)" in out and "Not acquainted" in out
    code, out = invoke_cli("matrix", "-f", "csv", "--language", "en")
    assert code == 0, out
    assert "company" in out.splitlines()[0] and "bedrijf" not in out
    code, out = invoke_cli("phases", "--language", "en")  # taken; this codebook has no phases
    assert "declares no phases" in out


def test_an_unknown_language_is_a_one_line_error(dutch_project: Path) -> None:
    before = dump_store(dutch_project)
    code, out = invoke_cli("tally", "--language", "fr")
    assert code != 0
    assert out.strip() == "lernet: error: --language must be nl or en, not 'fr'"
    assert dump_store(dutch_project) == before


def test_a_codebook_without_labels_in_the_language_is_noted(project: Path) -> None:
    (project / "codebook.yaml").write_text(
        "version: 1\nname: own\nlanguage: en\nthemes:\n  - id: exchange\n"
        "    label: {en: Exchange}\n    codes:\n      - id: contacts\n"
        "        label: {en: Contacts}\n        match:\n          - any: [contacts]\n",
        encoding="utf-8",
    )
    coded_with(project, "I: What did you get?\nR: Contacts, mainly.\n")
    code, out = invoke_cli("tally", "--language", "en")
    assert code == 0 and "no English labels" not in out
    code, out = invoke_cli("tally", "--language", "nl")
    assert code == 0, out
    assert "the codebook has no Dutch labels" in out and "deelnemers" in out


def test_the_phases_table_heads_in_the_projects_language(coded_sample: Path) -> None:
    """The default codebook's phases ("Fase: actief") in a Dutch project: the table a reader
    sees is headed in Dutch, as the tally's is; --language en heads it in English; CSV keeps
    its English keys for scripts."""
    where = ("--project", str(coded_sample))
    code, out = invoke_cli("phases", "--format", "md", *where)
    assert code == 0, out
    assert "| fase | deelnemers | id |" in out
    code, out = invoke_cli("phases", "--format", "md", "--language", "en", *where)
    assert code == 0, out
    assert "| phase | participants | id |" in out
    code, out = invoke_cli("phases", "--format", "csv", *where)
    assert code == 0, out
    assert "phase;participants;id" in out
