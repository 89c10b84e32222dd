"""A study that is not the one lernet was built from: role labels, English, groups that are roles,
and a folder where lernet's own reports lie beside the interviews (issue #19)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from docx import Document
from typer.testing import CliRunner

from lernet_cli.analysis.anonymize import Redactor
from lernet_cli.analysis.matrix import Cell, cell_text
from lernet_cli.analysis.people import make_redactor
from lernet_cli.cli import app
from lernet_cli.codebook.codebook import load_codebook
from lernet_cli.coding.pipeline import gather_inputs, redactable_header_names, settings_file_kind
from lernet_cli.language.detect import detect_language
from lernet_cli.language.stopwords import DUTCH, ENGLISH
from lernet_cli.project.participants import Participants
from lernet_cli.project.project import codebook_text, init_project, load_project
from lernet_cli.readers.label_names import label_names
from lernet_cli.readers.own_output import lernet_output
from lernet_cli.store.store import Store

from .conftest import DEFAULT_CODEBOOK, dump_store

runner = CliRunner()

# Five English interviews with nurses, a teacher and a manager. Role words stand in the labels
# and in the speech; names are planted in the participants file, in redact:, and as labels.
EN = {
    "n1.txt": """\
Interviewer: Could you tell me about your work with telehealth?
Nurse: As a district nurse I find it helps a lot with follow-up calls. Sarah Jenkins set it up.
Interviewer: And the time?
Nurse: Every nurse on the ward says there is never enough time to learn it. Mark Evans agrees.
""",
    "n2.txt": """\
Interviewer: How is it on the ward?
Ward nurse: The nurse-patient relationship suffers, we don't get any support from IT.
Interviewer: Anything else?
Ward nurse: The tablets alone were £400 each, Jenkins told us.
""",
    "n3.txt": """\
Tom: Could you tell me about the video visits?
Jane: As a community nurse I find the video visits helpful, honestly. Jane's team agrees.
Tom: And your colleagues?
Jane: I often ask the other nurses for advice, and Tom says the same.
""",
    "t1.txt": """\
Interviewer: And in school?
Teacher: As a teacher I don't get any support from the school either.
Interviewer: Thank you.
Teacher: The manager said it works well for the teacher who plans ahead.
""",
    "m1.txt": """\
Interviewer: What about costs?
Manager: As a manager I know the licences were £900 a year, which is expensive.
Interviewer: Anything else?
Manager: It helps my staff, the manager of the next ward says so too.
""",
}
EN_PARTICIPANTS = """\
groups: [ward nurse, community nurse, other]
participants:
  - {id: n1, group: community nurse, label: community nurse, names: [Sarah Jenkins]}
  - {id: n2, group: ward nurse, label: ward nurse}
  - {id: n3, group: community nurse, label: community nurse}
  - {id: t1, group: other, label: teacher}
  - {id: m1, group: other, label: manager}
redact:
  names: [Mark Evans]
"""
EN_NAMES = ["Sarah", "Jenkins", "Mark", "Evans", "Jane", "Tom"]
EN_ROLES = ["district nurse", "Every nurse", "nurse-patient", "community nurse", "teacher"]

NL = {
    "v1.txt": """\
Interviewer: Hoe gaat het met beeldbellen?
Verpleegkundige: Als verpleegkundige merk ik dat het enorm helpt bij de nabelrondes. Anouk Smit \
heeft het opgezet.
""",
    "d1.txt": """\
Interviewer: En op school?
Docent: Elke docent zegt dat er nooit genoeg tijd is om het te leren, zegt Bram.
""",
    "w1.txt": """\
Interviewer: En de gemeente?
Wethouder: Als wethouder zie ik dat we geen ondersteuning krijgen van de provincie.
""",
    "m1.txt": """\
Interviewer: En de kosten?
Manager: Als manager weet ik dat het te duur is voor een kleine praktijk, zei Bram.
""",
    "e1.txt": """\
Onderzoeker: Hoe bevalt het?
Eva: Als adviseur vind ik het handig, en Eva's collega's ook.
""",
}
NL_PARTICIPANTS = """\
participants:
  - {id: v1, group: zorg, label: verpleegkundige, names: [Anouk Smit]}
  - {id: d1, group: onderwijs, label: docent}
  - {id: w1, group: bestuur, label: wethouder}
  - {id: m1, group: zorg, label: manager}
  - {id: e1, group: advies, label: adviseur}
redact:
  names: [Bram]
"""
NL_NAMES = ["Anouk", "Smit", "Bram", "Eva"]
NL_ROLES = ["Als verpleegkundige", "Elke docent", "Als wethouder", "Als manager", "Als adviseur"]


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def make_study(root: Path, transcripts: dict[str, str], participants: str, lang: str) -> Path:
    root.mkdir()
    code, _, err = run("init", str(root), "--blank", "--language", lang)
    assert code == 0, err
    folder = root / "interviews"
    folder.mkdir()
    for name, text in transcripts.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "participants.yaml").write_text(participants, encoding="utf-8")
    return root


@pytest.fixture
def english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_study(tmp_path / "telehealth", EN, EN_PARTICIPANTS, "en")
    monkeypatch.chdir(root)
    code, _, err = run("code", "interviews")
    assert code == 0, err
    return root


@pytest.fixture
def dutch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_study(tmp_path / "beeldbellen", NL, NL_PARTICIPANTS, "nl")
    monkeypatch.chdir(root)
    code, _, err = run("code", "interviews")
    assert code == 0, err
    return root


def everything_written(root: Path) -> str:
    """Quotes, the Markdown and Word reports and the CSV export of a project, as one text."""
    parts = []
    code, out, err = run("quotes", "--format", "json")
    assert code == 0, err
    parts.append(" ".join(q["text"] for q in json.loads(out)))
    for name in ("report.md", "report.docx", "codings.csv"):
        args = ("export", "csv", name) if name.endswith(".csv") else ("report", "-o", name)
        code, _, err = run(*args)
        assert code == 0, err
    parts.append((root / "report.md").read_text(encoding="utf-8"))
    doc = Document(str(root / "report.docx"))
    parts.append("\n".join(p.text for p in doc.paragraphs))
    parts.append((root / "codings.csv").read_text(encoding="utf-8-sig"))
    return "\n".join(parts)


# --- names come only from where names are -------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "lang", "names"),
    [
        ("Nurse", "en", []),
        ("Ward nurse", "en", []),
        ("Community Nurse 2", "en", []),
        ("Teacher", "en", []),
        ("Manager", "en", []),
        ("Speaker 1", "en", []),
        ("Me", "en", []),
        ("Verpleegkundige", "nl", []),
        ("Docent", "nl", []),
        ("Wethouder", "nl", []),
        ("Adviseur (senior)", "nl", []),
        ("Respondent 3", "nl", []),
        ("Eva", "nl", ["Eva"]),
        ("Nurse Jane", "en", ["Jane"]),
        ("Jane (ward nurse)", "en", ["Jane"]),
        ("Interviewer (Eva)", "nl", ["Eva"]),
        ("Anna de Wit (adviseur)", "nl", ["Anna de Wit"]),
        ("Dr. Smith", "en", ["Smith"]),
    ],
)
def test_label_names(label: str, lang: str, names: list[str]) -> None:
    assert label_names(label, lang) == names


def test_a_role_beside_a_word_of_the_speech_is_no_name() -> None:
    assert label_names("Telehealth Nurse", "en", {"telehealth"}) == []
    assert label_names("Nurse Jenkins", "en", {"telehealth"}) == ["Jenkins"]


def test_english_role_labels_are_never_redacted(english: Path) -> None:
    text = everything_written(english)
    for role in EN_ROLES:
        assert role in text, role
    assert "[naam]" not in text and "[name]" in text
    assert "As a district nurse I find it helps a lot with follow-up calls." in text
    for name in EN_NAMES:
        assert name not in text, name


def test_dutch_role_labels_are_never_redacted(dutch: Path) -> None:
    text = everything_written(dutch)
    for role in NL_ROLES:
        assert role in text, role
    assert "[naam]" in text and "[name]" not in text
    for name in NL_NAMES:
        assert name not in text, name


def test_a_role_stored_as_a_name_by_an_older_lernet_is_not_redacted(tmp_path: Path) -> None:
    class OldStore:
        def spoken_names(self) -> list[str]:
            return ["Nurse", "Ward nurse", "Jane", "=Ward Nurse", "=Vitaal Werk"]

        def people(self) -> dict[str, str | None]:
            return {}

        def transcripts(self) -> list[object]:
            return []

        def get_meta(self, key: str) -> str | None:
            return None  # no participant removed

        def coder_spellings(self) -> list[str]:
            return []

    project, _ = init_project(tmp_path / "p", "en")
    redactor = make_redactor(Participants(), OldStore(), project)  # type: ignore[arg-type]
    assert redactor.redact("A ward nurse told Jane about Vitaal Werk.") == (
        "A ward nurse told [name] about [name]."
    )


def test_header_names_made_of_roles_are_not_redacted(tmp_path: Path) -> None:
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "Interview Ward Nurse, Sarah Jenkins"
    doc.add_paragraph("Interviewer: Hoi?")
    path = tmp_path / "x.docx"
    doc.save(str(path))
    assert redactable_header_names(path, "en") == ["=Sarah Jenkins"]


def test_a_common_word_in_a_name_is_hidden_only_with_the_name() -> None:
    redactor = Redactor(["Will Smith"], [], common_words=ENGLISH)
    assert redactor.redact("We will ask Will Smith, and Smith will answer.") == (
        "We will ask [naam], and [naam] will answer."
    )
    dutch = Redactor(["Ben de Vries"], [], person="[naam]", common_words=DUTCH)
    assert dutch.redact("Ik ben het eens met Ben de Vries.") == "Ik ben het eens met [naam]."


# --- language throughout ------------------------------------------------------------------------


def test_placeholders_follow_the_language_and_the_setting(english: Path) -> None:
    config = english / "lernet.yaml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + 'placeholders: {name: "[participant]", organisation: "[org]"}\n',
        encoding="utf-8",
    )
    code, out, err = run("quotes", "--format", "json")
    assert code == 0, err
    text = " ".join(q["text"] for q in json.loads(out))
    assert "[participant]" in text and "[name]" not in text
    assert load_project(english).placeholders == {
        "name": "[participant]",
        "organisation": "[org]",
        "email": "[e-mail]",
        "phone": "[phone]",
        "address": "[address]",
        "bsn": "[BSN]",
        "iban": "[account number]",
    }


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("placeholders: [name]", "placeholders must be a mapping"),
        ("placeholders: {person: x}", "placeholders must be a mapping"),
        ('placeholders: {name: ""}', "placeholders: name must be a non-empty text"),
    ],
)
def test_bad_placeholders_are_refused(english: Path, setting: str, message: str) -> None:
    config = english / "lernet.yaml"
    config.write_text(config.read_text(encoding="utf-8") + setting + "\n", encoding="utf-8")
    line = len(config.read_text(encoding="utf-8").splitlines())
    before = dump_store(english)
    code, _, err = run("quotes")
    assert code == 3
    assert f"lernet.yaml:{line}" in err and message in err
    assert dump_store(english) == before


def test_matrix_cells_in_english() -> None:
    texts = [cell_text(Cell(*c), "en") for c in ((1, 0, 1), (0, 1, 1), (1, 1, 1), (0, 0, 0))]
    assert texts == ["Brings", "Takes", "Both", "n.a."]
    assert cell_text(Cell(1, 0, 1), "nl") == "Brengen"
    # a counted "Both" cell gives its people first: the two numbers overlap
    assert cell_text(Cell(2, 2, 3), "en", counts=True) == "Both (n=3: 2 / 2)"
    assert cell_text(Cell(2, 2, 3), "nl", counts=True) == "Brengen en halen (3x: 2 / 2)"


def test_init_english_gives_an_english_project(tmp_path: Path) -> None:
    code, _, err = run("init", str(tmp_path / "p"), "--language", "en")
    assert code == 0, err
    text = (tmp_path / "p" / "codebook.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["language"] == "en" and data["name"] == "Learning networks"
    assert "Codeboek" not in data["description"]
    english = load_codebook(tmp_path / "p" / "codebook.yaml")
    bundled = load_codebook(DEFAULT_CODEBOOK)
    assert [c.id for c in english.walk()] == [c.id for c in bundled.walk()]
    assert load_project(tmp_path / "p").language == "en"
    assert "[name]" in (tmp_path / "p" / "lernet.yaml").read_text(encoding="utf-8")
    assert codebook_text("nl") == DEFAULT_CODEBOOK.read_text(encoding="utf-8")


def test_first_coding_in_the_other_language_names_the_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`lernet init --blank` is Dutch unless told; English interviews coded first say where the
    project's language is set, once."""
    interviews = Path(__file__).parent / "fixtures" / "en_study" / "interviews"
    monkeypatch.chdir(tmp_path)
    assert run("init", "--blank")[0] == 0
    code, _, err = run("code", str(interviews))
    assert code == 0, err
    hint = [line for line in err.splitlines() if "set language: en in" in line]
    assert len(hint) == 1 and "the transcripts read as English" in hint[0]
    assert str(tmp_path / "lernet.yaml") in hint[0]
    code, _, err = run("code", str(interviews))
    assert code == 0 and "set language" not in err


def test_first_coding_in_the_project_s_language_says_nothing_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init", "--blank", "--language", "en")[0] == 0
    interviews = Path(__file__).parent / "fixtures" / "en_study" / "interviews"
    code, _, err = run("code", str(interviews))
    assert code == 0 and "set language" not in err


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_init_blank_gives_a_short_starter_that_shows_every_rule_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run("init", "--blank", "--language", lang)
    assert code == 0 and "starter codebook" in err, err
    text = (tmp_path / "codebook.yaml").read_text(encoding="utf-8")
    assert len(text.splitlines()) < 150
    data = yaml.safe_load(text)
    assert data["language"] == lang and 2 <= len(data["themes"]) <= 3
    for kind in ("any:", "all:", "none:", "regex:", "within:", "negation:", "directions:", "*"):
        assert kind in text, kind
    code, out, err = run("codebook", "check")
    assert code == 0, err
    code, out, err = run("codebook", "test")
    assert code == 0 and " 0 failed" in out, out
    labels = [t["label"][lang] for t in data["themes"]]
    other = "en" if lang == "nl" else "nl"
    assert labels != [t["label"][other] for t in data["themes"]]


def test_detect_language() -> None:
    assert detect_language(["We kennen elkaar nog niet, maar dat komt wel."]).language == "nl"
    assert detect_language(["I think that we would share more if they did too."]).language == "en"
    assert detect_language([""], default="en").language == "en"


@pytest.mark.parametrize(("texts", "lang"), [(EN, "en"), (NL, "nl")])
def test_code_outside_a_project_chooses_the_transcripts_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, texts: dict[str, str], lang: str
) -> None:
    monkeypatch.chdir(tmp_path)
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    code, _, err = run("code", ".")
    assert code == 0, err
    note = next(line for line in err.splitlines() if "created one in" in line)
    assert f"language {lang}" in note and {"en": "English", "nl": "Dutch"}[lang] in note
    assert load_project(tmp_path).language == lang
    assert yaml.safe_load((tmp_path / "codebook.yaml").read_text(encoding="utf-8"))["language"] == (
        lang
    )


def test_files_language_counts_files_not_the_first_by_name() -> None:
    from lernet_cli.language.detect import files_language

    english = ["I think that we would share more if they did too."]
    dutch = ["We kennen elkaar nog niet, maar dat komt wel als we het samen doen."]
    guess = files_language([english] * 5 + [dutch] * 9)
    assert (guess.language, guess.files, guess.mixed) == ("nl", {"nl": 9, "en": 5}, True)
    one = files_language([dutch, dutch, [""]])  # a file without function words is in none
    assert (one.language, one.files, one.mixed) == ("nl", {"nl": 2, "en": 0}, False)
    assert files_language([[""]], default="en").language == "en"


ENGLISH_TURN = (
    "Interviewer: What do you bring?\nR: I think that we would share more of our knowledge if "
    "they did too, and they should.\n"
)
DUTCH_TURN = (
    "Interviewer: Wat brengt u in?\nR: Wij delen onze kennis met de gemeente, maar het is nog "
    "niet zo dat zij ook iets terug doen.\n"
)


def test_a_mixed_folder_is_read_across_all_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """5 English files EN01..EN05 come first by name, 9 Dutch ones NL01..NL09 after them: the
    project is Dutch, and the note says the folder is mixed and how."""
    monkeypatch.chdir(tmp_path)
    for k in range(1, 6):
        (tmp_path / f"EN{k:02d}.txt").write_text(ENGLISH_TURN * 3, encoding="utf-8")
    for k in range(1, 10):
        (tmp_path / f"NL{k:02d}.txt").write_text(DUTCH_TURN * 3, encoding="utf-8")
    code, _, err = run("code", ".")
    assert code == 0, err
    note = next(line for line in err.splitlines() if "created one in" in line)
    assert (
        "language nl: the transcripts are mixed: 9 files read as Dutch, 5 as English: "
        "EN01.txt, EN02.txt, EN03.txt and 2 more (" in note
    )
    assert (
        "the English ones are coded with the same codebook's rules as the others, and what "
        "lernet writes of them (report, labels, placeholders) is in Dutch" in note
    )
    assert load_project(tmp_path).language == "nl"


def test_a_mixed_folder_in_a_project_of_the_other_language_gets_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init", "--language", "en")[0] == 0
    for k in range(1, 3):
        (tmp_path / f"EN{k:02d}.txt").write_text(ENGLISH_TURN * 3, encoding="utf-8")
    for k in range(1, 5):
        (tmp_path / f"NL{k:02d}.txt").write_text(DUTCH_TURN * 3, encoding="utf-8")
    code, _, err = run("code", ".")
    assert code == 0, err
    note = next(line for line in err.splitlines() if "the project is English" in line)
    assert "mixed: 4 files read as Dutch, 2 as English" in note and "set language: nl" in note


def test_report_does_not_inflect_group_names(english: Path) -> None:
    code, _, err = run("report", "-o", "r.md")
    assert code == 0, err
    text = (english / "r.md").read_text(encoding="utf-8")
    assert "(ward nurse: 1, community nurse: 2, other: 2)" in text
    assert "1 ward nurse" not in text and "2 community nurse" not in text
    assert "– community nurse: 1" in text


# --- lernet never reads its own output ----------------------------------------------------------


def test_own_reports_are_skipped_with_a_note(english: Path) -> None:
    for args in (("report", "-o", "rapport.docx"), ("report", "-o", "rapport.md")):
        code, _, err = run(*args)
        assert code == 0, err
    code, _, err = run("matrix", "--codes", "exchange", "--format", "docx", "-o", "tabel.docx")
    assert code == 0, err
    assert lernet_output(english / "rapport.docx") == "report"
    assert lernet_output(english / "rapport.md") == "report"
    assert lernet_output(english / "tabel.docx") == "matrix"
    before = dump_store(english)
    code, _, err = run("code", "rapport.docx", "rapport.md", "tabel.docx", "interviews")
    assert code == 0, err
    assert "skipped rapport.docx: a report written by lernet" in err
    assert "skipped tabel.docx: a matrix written by lernet" in err
    assert dump_store(english) == before
    code, _, err = run("code", ".")
    assert code == 0 and "skipped rapport.md" in err, err
    assert dump_store(english) == before


def test_a_report_edited_in_word_keeps_its_mark(english: Path) -> None:
    code, _, err = run("report", "-o", "rapport.docx")
    assert code == 0, err
    doc = Document(str(english / "rapport.docx"))
    doc.add_paragraph("Respondent: my own notes")
    doc.save(str(english / "rapport.docx"))
    assert lernet_output(english / "rapport.docx") == "report"


def test_someone_elses_word_file_is_a_transcript(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Interviewer: Hello?")
    doc.save(str(tmp_path / "x.docx"))
    (tmp_path / "y.md").write_text("I: Hoi?\nR: <!-- a comment -->\n", encoding="utf-8")
    assert lernet_output(tmp_path / "x.docx") is None
    assert lernet_output(tmp_path / "y.md") is None
    assert gather_inputs([tmp_path]).transcripts == [tmp_path / "x.docx", tmp_path / "y.md"]


def test_participants_file_named_among_transcripts_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_study(tmp_path / "s", EN, EN_PARTICIPANTS, "en")
    monkeypatch.chdir(root)
    files = sorted(str(p.relative_to(root)) for p in (root / "interviews").iterdir())
    code, out, err = run("code", *files)
    assert code == 0, err
    assert "interviews/participants.yaml: read as the participants file" in err
    assert "unsupported" not in err and "5 new" in err
    assert "ward nurse" in out


def test_codebook_and_other_files_named_among_transcripts(english: Path) -> None:
    (english / "interviews" / "consent.pages").write_bytes(b"PK\x03\x04" + bytes(60))
    (english / "interviews" / "notes.yaml").write_text("todo: [ask]\n", encoding="utf-8")
    before = dump_store(english)
    code, _, err = run(
        "code", "codebook.yaml", "lernet.yaml", "interviews/consent.pages", "interviews/notes.yaml"
    )
    assert code == 2, err  # nothing left to code
    assert "skipped codebook.yaml: a codebook, not a transcript" in err
    assert "skipped lernet.yaml: the project's settings" in err
    assert "skipped interviews/consent.pages: not read (export it as .docx)" in err
    assert "skipped interviews/notes.yaml" in err
    code, _, err = run("code", "interviews/consent.pages", "codebook.yaml", "interviews/n1.txt")
    assert code == 0 and "skipped interviews/consent.pages" in err, err
    assert "skipped codebook.yaml: the project's codebook, not a transcript" in err
    assert dump_store(english) == before
    code, _, err = run("code", "interviews/consent.pages")
    assert code == 5 and "unsupported file type .pages" in err


def test_code_outside_a_project_uses_a_codebook_named_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "interviews").mkdir()
    for name, text in EN.items():
        (tmp_path / "interviews" / name).write_text(text, encoding="utf-8")
    (tmp_path / "interviews" / "my-codebook.yaml").write_text(
        codebook_text("en", blank=True), encoding="utf-8"
    )
    code, _, err = run("code", *sorted(str(p) for p in (tmp_path / "interviews").iterdir()))
    assert code == 0, err
    assert "interviews/my-codebook.yaml as the codebook" in err
    assert load_project(tmp_path).codebook_path == tmp_path / "interviews" / "my-codebook.yaml"
    assert not (tmp_path / "codebook.yaml").exists()


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("p.yaml", "participants:\n  - id: a\n", "participants"),
        ("p.yml", "- id: a\n  group: g\n", "participants"),
        ("p.csv", "id,group,label\na,g,l\n", "participants"),
        ("c.yaml", "themes: []\n", "codebook"),
        ("q.yaml", "questions: []\n", "an interview protocol"),
        ("x.csv", "participant,group,theme,code,coder\n", "a coding export"),
        ("bad.yaml", "a: [\n", "a YAML file lernet cannot read"),
    ],
)
def test_settings_file_kind(tmp_path: Path, name: str, text: str, kind: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    assert (settings_file_kind(tmp_path / name) or "").startswith(kind)


def test_import_of_an_english_archive_gives_an_english_project(english: Path) -> None:
    code, _, err = run("export", "qdpx", "study.qdpx")
    assert code == 0, err
    code, _, err = run("import", "qdpx", "study.qdpx", "--into", "copy")
    assert code == 0, err
    assert load_project(english / "copy").language == "en"


DUTCH_ONLY = ("Interviewster", "Onderzoeker", "Vraag", "interviewprotocol", "Instellingen")


def _settings(root: Path) -> tuple[str, list[str]]:
    text = (root / "lernet.yaml").read_text(encoding="utf-8")
    return text, yaml.safe_load(text)["interviewer_labels"]


def test_an_english_project_s_settings_are_english(tmp_path: Path) -> None:
    code, _, err = run("init", str(tmp_path / "p"), "--blank", "--language", "en")
    assert code == 0, err
    text, labels = _settings(tmp_path / "p")
    assert labels == ["I", "Interviewer", "Q", "Researcher"]
    assert [word for word in DUTCH_ONLY if word in text] == []
    assert "Speaker labels that belong to the interviewer" in text


def test_a_dutch_project_s_settings_are_dutch(tmp_path: Path) -> None:
    code, _, err = run("init", str(tmp_path / "p"))
    assert code == 0, err
    text, labels = _settings(tmp_path / "p")
    assert labels == ["I", "Interviewer", "Interviewster", "Onderzoeker", "Vraag"]
    assert "Sprekerlabels van de interviewer" in text
    assert "interviewprotocol-lerende-netwerken.yaml" in text
    assert "Speaker labels" not in text


def test_an_imported_english_project_s_settings_are_english(english: Path) -> None:
    assert run("export", "qdpx", "study.qdpx")[0] == 0
    code, _, err = run("import", "qdpx", "study.qdpx", "--into", "copy")
    assert code == 0, err
    text, labels = _settings(english / "copy")
    assert labels == ["I", "Interviewer", "Q", "Researcher"]
    assert [word for word in DUTCH_ONLY if word in text] == []


@pytest.mark.parametrize(
    "labels",
    [
        "[I, Interviewer, Q, Researcher]",
        "[I, Interviewer, Interviewster, Onderzoeker, Vraag]",
        "[I, Interviewer, Interviewster, Onderzoeker, Q, Vraag, Researcher]",  # an older lernet's
    ],
)
def test_the_labels_as_written_in_either_language_know_both_languages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, labels: str
) -> None:
    """The list lernet.yaml is written with stands for every usual label: a transcript labelled
    in the other language is read without a warning that none of the labels occur."""
    root = tmp_path / "p"
    assert run("init", str(root), "--blank", "--language", "en")[0] == 0
    text = (root / "lernet.yaml").read_text(encoding="utf-8")
    (root / "lernet.yaml").write_text(
        re.sub(r"(?m)^interviewer_labels: .*$", f"interviewer_labels: {labels}", text),
        encoding="utf-8",
    )
    (root / "nl.txt").write_text(
        "Onderzoeker: Hoe gaat het met de samenwerking?\nDeelnemer: Goed, we delen veel.\n"
        "Onderzoeker: Waarom?\nDeelnemer: Omdat we elkaar vertrouwen.\n",
        encoding="utf-8",
    )
    (root / "en.txt").write_text(
        "Vraag: How is the partnership going?\nAntwoord: Fine, we share a lot.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    code, _, err = run("code", "nl.txt", "en.txt")
    assert code == 0, err
    assert "none of the interviewer labels" not in err
    with Store.open(root / ".lernet" / "lernet.db") as store:
        roles = {
            turn.speaker: turn.role for t in store.transcripts() for _, turn in store.segments(t.id)
        }
    assert roles == {
        "Onderzoeker": "interviewer",
        "Deelnemer": "participant",
        "Vraag": "interviewer",
        "Antwoord": "participant",
    }
