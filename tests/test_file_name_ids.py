"""A participant whose id is a file name that holds their name ("P18 Mohammed Ali.docx", a file
the participants file does not name): outputs show the id's code ("P18"), hide the name in the
file's name too, and `lernet quotes` says when its quotes hold words that look like names, as
`report` and `export csv` do."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.analysis.people import make_redactor
from lernet_cli.cli import app
from lernet_cli.project.participants import load_participants
from lernet_cli.project.project import load_project
from lernet_cli.store.store import Store
from tests.conftest import invoke_cli

STUDY = Path(__file__).resolve().parent / "fixtures" / "en_study"
UNLISTED = (
    "Interviewer: What do you get out of the meetings?\n"
    "Nurse: I take home new contacts, people like Dave Wilson I can phone for a referral.\n"
    "Interviewer: How would you describe the network?\n"
    "Nurse: It is well established by now.\n"
)


def _lernet(*args: str) -> str:
    """What the command wrote to stdout."""
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0 and result.exception is None, result.stderr
    return result.stdout


def _lernet_all(*args: str) -> str:
    """Everything the command printed, notes too."""
    code, out = invoke_cli(*args)
    assert code == 0, out
    return out


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fileids") / "nurses"
    _lernet("init", str(root), "--language", "en")
    shutil.copy(STUDY / "codebook.yaml", root / "codebook.yaml")
    shutil.copytree(STUDY / "interviews", root / "interviews")
    (root / "interviews" / "P18 Mohammed Ali.txt").write_text(UNLISTED, encoding="utf-8")
    other = UNLISTED.replace("people like Dave Wilson", "people")
    (root / "interviews" / "P19_zoom.txt").write_text(other, encoding="utf-8")
    _lernet("code", "--project", str(root), str(root / "interviews"))
    return root


def test_the_redactor_shows_the_code_of_a_file_name_id_that_holds_a_name(study: Path) -> None:
    project = load_project(study)
    participants = load_participants(project.participants_path)
    with Store.open(project.store_path) as store:
        assert "P18 Mohammed Ali" in store.people()  # the stored id stays as it was
        redactor = make_redactor(participants, store, project)
    assert redactor.participant("P18 Mohammed Ali") == "P18"
    assert redactor.participant("P19_zoom") == "P19_zoom"  # no name in it: as it is
    assert redactor.participant("w1") == "w1"
    assert "Mohammed" not in redactor.file("interviews/P18 Mohammed Ali.txt")


def test_outputs_show_no_name_of_a_file_name_id(study: Path) -> None:
    root = str(study)
    quotes = _lernet("quotes", "--project", root)
    assert "(P18)" in quotes
    records = json.loads(_lernet("quotes", "--project", root, "--format", "json"))
    assert "P18" in {q["participant"] for q in records}
    _lernet("export", "csv", "--project", root, str(study / "codings.csv"))
    with open(study / "codings.csv", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert "P18" in {r["participant"] for r in rows}
    tally = json.loads(_lernet("tally", "--project", root, "--format", "json"))
    ids = {p for t in tally["themes"] for c in t["codes"] for p in c["participant_ids"]}
    assert "P18" in ids
    phases = json.loads(_lernet("phases", "--project", root, "--format", "json"))
    assert "P18" in {p for r in phases["phases"] for p in r["participant_ids"]}
    _lernet("report", "--project", root, "-o", str(study / "report.md"))
    everything = [
        quotes,
        json.dumps(records),
        (study / "codings.csv").read_text(encoding="utf-8-sig"),
        json.dumps(tally),
        json.dumps(phases),
        (study / "report.md").read_text(encoding="utf-8"),
    ]
    for text in everything:
        assert "Mohammed" not in text and " Ali" not in text


def test_quotes_note_the_words_that_look_like_names(study: Path) -> None:
    out = _lernet_all("quotes", "--project", str(study))
    assert "Dave Wilson" in out
    assert "1 word that looks like a name is not hidden in these quotes: lernet names" in out
    quiet = _lernet_all("quotes", "--project", str(study), "--code", "reluctant")
    assert "look like" not in quiet and "looks like" not in quiet
    kept = _lernet_all("quotes", "--project", str(study), "--no-anonymize")
    assert "looks like a name" not in kept  # names shown on purpose: nothing to note


def test_a_surname_beside_a_first_name_hidden_as_speaker_label_is_hidden_too(
    tmp_path: Path,
) -> None:
    """qa18 #6: "Wilma:" labels her turns, so "Wilma" is hidden already; the ordinary word
    after it in her file's name ("Kok", a cook) is her surname, hidden with it."""
    root = tmp_path / "zorg"
    _lernet("init", str(root), "--language", "nl")
    shutil.copy(STUDY / "codebook.yaml", root / "codebook.yaml")
    (root / "interviews").mkdir()
    (root / "interviews" / "Interview Wilma Kok.txt").write_text(
        "Interviewer: Hoe gaat het in het netwerk?\n"
        "Wilma: Ik leer er veel, we delen protocollen en dat helpt ons team.\n",
        encoding="utf-8",
    )
    (root / "interviews" / "Interview Gerda van Dam.txt").write_text(
        "Interviewer: Hoe gaat het in het netwerk?\nGerda: Goed, ik deel wat ik weet.\n",
        encoding="utf-8",
    )
    _lernet("code", "--project", str(root), str(root / "interviews"))
    project = load_project(root)
    participants = load_participants(project.participants_path)
    with Store.open(project.store_path) as store:
        redactor = make_redactor(participants, store, project)
    assert redactor.file("interviews/Interview Wilma Kok.txt") == "interviews/Interview [naam].txt"
    assert redactor.file("interviews/Interview Gerda van Dam.txt") == (
        "interviews/Interview [naam].txt"
    )
    said = "Ze zegt dat de kok kookt."
    assert redactor.redact(said) == said  # the ordinary word stays
    names = _lernet("names", "--project", str(root))
    assert "Kok" not in names and "Dam" not in names
