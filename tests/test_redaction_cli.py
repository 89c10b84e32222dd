"""Redaction through the command line: quotes, the CSV export and the report of a coded project
with names in a Word header, organisations written together, e-mail addresses, possessives and
names that are ordinary words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex
from docx import Document
from typer.testing import CliRunner

from lernet_cli.cli import app

runner = CliRunner()

CODEBOOK = """\
version: 1
name: names
themes:
  - id: names
    label: {nl: Namen, en: Names}
    codes:
      - id: header
        label: {nl: Kop, en: Header}
        match:
          - any: [baas, boss]
      - id: web
        label: {nl: Web, en: Web}
        match:
          - any: [adres, address]
      - id: possessive
        label: {nl: Bezit, en: Possessive}
        match:
          - any: [geduld, patience]
      - id: forms
        label: {nl: Formulieren, en: Forms}
        match:
          - any: [formulieren, forms]
"""

NL_PARTICIPANTS = """\
participants:
  - id: p02
    names: [Sarah Jenkins]
    organisations: [Vitaal Werk]
redact:
  organisations: [Zorggroep Oost]
"""

NL_P02 = """\
I: Waar vind ik jullie?
R: Het adres is VitaalWerk.nl, zegt iedereen.
I: En verder?
R: Of het adres vitaalwerk.nl/contact en www.Zorggroep-Oost.nl natuurlijk.
I: Mail?
R: Mijn adres is sarah.jenkins@vitaalwerk.nl voor vragen.
I: En het geduld?
R: Sarahs geduld en Hoekstra's geduld zijn groot.
"""

EN_PARTICIPANTS = """\
participants:
  - id: p01
    names: [Sarah Mark]
"""

EN_P01 = """\
I: How does it go?
R: Sarah's patience helps a lot.
I: And the paperwork?
R: I mark the forms every week.
I: And then?
R: Then Mark checks the forms again.
"""


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _project(root: Path, language: str, participants: str) -> Path:
    (root / "t").mkdir(parents=True)
    (root / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    (root / "lernet.yaml").write_text(
        f"codebook: codebook.yaml\nlanguage: {language}\n", encoding="utf-8"
    )
    (root / "participants.yaml").write_text(participants, encoding="utf-8")
    return root


@pytest.fixture
def dutch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = _project(tmp_path / "nl", "nl", NL_PARTICIPANTS)
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "Interview met Peter de Vos, Bouwbedrijf Hoekstra"
    for said in (
        "Meneer De Vos is de baas.",
        "Peter is echt de baas.",
        "Hoekstra is groot, daar is een baas nodig.",
    ):
        doc.add_paragraph("Interviewer: Hoe gaat het?")
        doc.add_paragraph(f"Respondent: {said}")
    doc.save(str(root / "t" / "p01.docx"))
    (root / "t" / "p02.txt").write_text(NL_P02, encoding="utf-8")
    monkeypatch.chdir(root)
    code, _, err = run("code", "t")
    assert code == 0, err
    return root


@pytest.fixture
def english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = _project(tmp_path / "en", "en", EN_PARTICIPANTS)
    (root / "t" / "p01.txt").write_text(EN_P01, encoding="utf-8")
    monkeypatch.chdir(root)
    code, _, err = run("code", "t")
    assert code == 0, err
    return root


def outputs(root: Path, code: str, *more: str) -> dict[str, str]:
    """The quotes of a code, the CSV export's text column and the Markdown report."""
    ok, out, err = run("quotes", "--code", code, "--format", "json", *more)
    assert ok == 0, err
    quotes = "\n".join(q["text"] for q in json.loads(out))
    csv_path, report = root / f"{code}.csv", root / f"{code}.md"
    assert run("export", "csv", str(csv_path), "--force", *more)[0] == 0
    assert run("report", "-o", str(report), "--force", *more)[0] == 0
    return {
        "quotes": quotes,
        "csv": csv_path.read_text(encoding="utf-8-sig"),
        "report": report.read_text(encoding="utf-8"),
    }


def test_header_names_are_redacted_by_their_parts(dutch: Path) -> None:
    for where, text in outputs(dutch, "header").items():
        assert "Meneer [naam] is de baas." in text, where
        assert "[naam] is echt de baas." in text, where
        assert "[organisatie] is groot, daar is een baas nodig." in text, where
        for secret in ("Vos", "Peter", "Hoekstra"):
            assert secret not in text, (where, secret)
    assert "Meneer De Vos is de baas." in outputs(dutch, "header", "--no-anonymize")["quotes"]


def test_organisations_written_together_and_email_addresses(dutch: Path) -> None:
    for where, text in outputs(dutch, "web").items():
        assert "Het adres is [organisatie].nl, zegt iedereen." in text, where
        assert "[organisatie].nl/contact en www.[organisatie].nl" in text, where
        assert "Mijn adres is [e-mail] voor vragen." in text, where
        for secret in ("vitaal", "zorggroep", "jenkins", "@"):
            assert secret not in text.lower(), (where, secret)


def test_possessives_stay(dutch: Path, english: Path) -> None:
    for where, text in outputs(english, "possessive").items():
        assert "[name]'s patience helps a lot." in text, where
    for where, text in outputs(dutch, "possessive", "--project", str(dutch)).items():
        assert "[naam]s geduld en [organisatie]'s geduld zijn groot." in text, where


def test_a_name_that_is_an_ordinary_word_is_hidden_only_where_capitalised(english: Path) -> None:
    for where, text in outputs(english, "forms").items():
        assert "I mark the forms every week." in text, where
        assert "Then [name] checks the forms again." in text, where
        assert "Mark" not in text, where


def test_a_participant_named_after_a_file_with_a_name_gets_a_neutral_name(dutch: Path) -> None:
    """Not in the participants file, a transcript's participant is its file name: one that holds
    a known name is P<n> in every anonymized output, the same in each."""
    (dutch / "t" / "Interview Sarah Jenkins 2.txt").write_text(
        "I: En de baas?\nR: De baas is streng.\n", encoding="utf-8"
    )
    code, _, err = run("code", "t")
    assert code == 0, err
    _, out, _ = run("quotes", "--code", "header", "--format", "json")
    named = [q for q in json.loads(out) if q["text"] == "De baas is streng."]
    assert len(named) == 1
    pseudonym = named[0]["participant"]
    assert pseudonym.startswith("P") and named[0]["label"] == pseudonym
    _, out, _ = run("codings", "--format", "json")
    rows = [c for c in json.loads(out) if c["file"].startswith("t/Interview")]
    assert rows and {c["participant"] for c in rows} == {pseudonym}
    assert {c["file"] for c in rows} == {"t/Interview [naam] 2.txt"}
    texts = outputs(dutch, "header")
    for where, text in texts.items():
        assert "Jenkins" not in text and "Sarah" not in text, where
    assert f"({pseudonym})" in texts["report"]
    assert f"\n{pseudonym};" in texts["csv"]  # a Dutch project: Excel's ";"
    _, out, _ = run("quotes", "--code", "header", "--format", "json", "--no-anonymize")
    assert "Interview Sarah Jenkins 2" in {q["participant"] for q in json.loads(out)}


def test_labels_keep_ordinary_words_that_are_part_of_an_organisation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An organisation "Friends of Marsden Library" hides "Marsden Library" in the text, not the
    word "library" in the label a researcher wrote for quotes."""
    participants = (
        "participants:\n  - id: p01\n    label: library user\n"
        "    organisations: [Friends of Marsden Library]\n"
    )
    root = _project(tmp_path / "lib", "en", participants)
    (root / "t" / "p01.txt").write_text(
        "Interviewer: And the boss?\nUser: The boss at Marsden Library is kind.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    assert run("code", "t")[0] == 0
    _, out, _ = run("quotes", "--code", "header", "--format", "json")
    quotes = json.loads(out)
    assert [(q["label"], q["text"]) for q in quotes] == [
        ("library user", "The boss at [organisation] is kind.")
    ]


def _export_texts(root: Path, *more: str) -> dict[str, str]:
    """The anonymized REFI-QDA archive's sources and the CSV export of whole turns."""
    import zipfile

    qdpx, csv_path = root / "o.qdpx", root / "turn.csv"
    assert run("export", "qdpx", str(qdpx), "--force", *more)[0] == 0
    assert run("export", "csv", str(csv_path), "--span", "turn", "--force", *more)[0] == 0
    with zipfile.ZipFile(qdpx) as zf:
        archive = "\n".join(zf.read(n).decode("utf-8") for n in zf.namelist())
    return {"qdpx": archive, "csv turn": csv_path.read_text(encoding="utf-8-sig")}


def test_two_letter_first_names_are_hidden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    participants = (
        "participants:\n  - id: p01\n    label: leerkracht\n    names: [Leen Broeckx]\n"
        "  - id: p05\n    names: [An Verhaegen]\nredact:\n  names: [Jo Claes]\n"
    )
    root = _project(tmp_path / "an", "nl", participants)
    (root / "t" / "p01.txt").write_text(
        "Interviewer: En de formulieren?\nLeen: Samen met An en Jo vul ik de formulieren in.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    assert run("code", "t")[0] == 0
    texts = {**outputs(root, "forms"), **_export_texts(root)}
    for where, text in texts.items():
        assert "Samen met [naam] en [naam] vul ik de formulieren in." in text, where
    assert "Samen met An en Jo" in outputs(root, "forms", "--no-anonymize")["quotes"]


def test_ordinary_words_of_an_organisation_stay_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    participants = (
        "participants:\n  - id: CH02\n    label: Care home manager\n"
        "    organisations: [Larchwood Care Group, Tynedale Family Practice]\n"
    )
    root = _project(tmp_path / "care", "en", participants)
    (root / "t" / "CH02.txt").write_text(
        "Interviewer: And the forms?\n"
        "Manager: The Great North Care Record has the forms, Larchwood Care too.\n"
        "Interviewer: And the boss?\n"
        "Manager: The boss at Larchwood talks to Tynedale.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    assert run("code", "t")[0] == 0
    _, out, _ = run("quotes", "--format", "json", "--code", "forms")
    assert [(q["label"], q["text"]) for q in json.loads(out)] == [
        ("Care home manager", "The Great North Care Record has the forms, [organisation] too.")
    ]
    for where, text in {**outputs(root, "header"), **_export_texts(root)}.items():
        assert "The boss at [organisation] talks to [organisation]." in text, where
        assert "Larchwood" not in text and "Tynedale" not in text, where
        if where != "quotes":  # the others have both turns
            assert "Great North Care Record has the forms, [organisation] too." in text, where


FILE_PARTICIPANTS = """\
participants:
  - id: p07
    names: [Griet Mertens]
    organisations: ["'t Hofke"]
  - id: CH04
    files: [CH04_*]
    organisations: [Willowbank Court]
redact:
  names: [Kwame Asante, Tom Harding]
"""


@pytest.fixture
def named_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Names in file names, a file coded from outside the project, a tag and a memo."""
    root = _project(tmp_path / "proj", "nl", FILE_PARTICIPANTS)
    elsewhere = tmp_path / "home" / "willowbank_study"
    elsewhere.mkdir(parents=True)
    said = "I: En de baas?\nR: De baas vult de formulieren in.\n"
    (root / "t" / "Interview Kwame Asante.txt").write_text(said, encoding="utf-8")
    (root / "t" / "p07_Hofke_directie.txt").write_text(
        said + "I: En verder?\nR: [[header: Het weer is mooi.]] [[vraag Tom Harding: Ja.]]\n",
        encoding="utf-8",
    )
    (elsewhere / "CH04_Willowbank_interview.txt").write_text(said, encoding="utf-8")
    monkeypatch.chdir(root)
    code, _, err = run("code", "t", str(elsewhere / "CH04_Willowbank_interview.txt"))
    assert code == 0, err
    return root


def test_file_names_are_anonymized_in_every_output(named_files: Path) -> None:
    """A listed name or organisation in a file name, also between underscores, is hidden in
    every anonymized output, and a file coded from outside the project shows its name only."""
    expected = {
        "t/Interview [naam].txt",
        "t/p07_[organisatie]_directie.txt",
        "CH04_[organisatie]_interview.txt",
    }

    def files(*args: str) -> set[str]:
        code, out, err = run(*args, "--format", "json")
        assert code == 0, err
        return {row["file"] for row in json.loads(out)}

    assert files("quotes", "--code", "header") == expected
    assert files("codings") == expected
    assert files("memos") == {"t/p07_[organisatie]_directie.txt"}
    code, out, err = run("agree", "manual", "auto", "--show-disagreements", "-f", "json")
    assert code == 0, err
    shown = {d["file"] for c in json.loads(out)["codes"] for d in c["disagreements"]}
    assert shown == {"t/p07_[organisatie]_directie.txt"}
    code, out, _ = run("agree", "manual", "auto", "--show-disagreements")
    assert "t/p07_[organisatie]_directie.txt" in out and "Hofke" not in out
    everything = "\n".join(_export_texts(named_files).values())
    for name in expected:
        assert name in everything, name
    outside = str(named_files.parent / "home")
    for secret in ("Kwame", "Asante", "Hofke", "Willowbank", "willowbank", outside):
        assert secret not in everything, secret
    # only --no-anonymize shows them
    assert "t/Interview Kwame Asante.txt" in files("codings", "--no-anonymize")


def test_agree_shows_disagreements_anonymized_unless_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path / "proj", "nl", FILE_PARTICIPANTS)
    (root / "t" / "p07_Hofke_directie.txt").write_text(
        "I: En de formulieren?\nR: [[forms: Griet Mertens vult ze in bij Kwame Asante.]]\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    code, _, err = run("code", "t")
    assert code == 0, err
    code, out, err = run("agree", "manual", "auto", "--show-disagreements")
    assert code == 0, err
    # the coder "manual" is a person: a pseudonym
    assert "forms  t/p07_[organisatie]_directie.txt #2  alleen Codeur 1: [naam] vult ze in" in out
    for name in ("Griet", "Mertens", "Kwame", "Asante", "Hofke"):
        assert name not in out, name
    code, out, err = run("agree", "manual", "auto", "--show-disagreements", "--no-anonymize")
    assert code == 0, err
    said = "Griet Mertens vult ze in bij Kwame Asante."
    assert f"forms  t/p07_Hofke_directie.txt #2  alleen manual: {said}" in out
    code, out, err = run("agree", "manual", "auto", "--show-disagreements", "-f", "json")
    shown = [d["file"] for c in json.loads(out)["codes"] for d in c["disagreements"]]
    assert set(shown) == {"t/p07_[organisatie]_directie.txt"}  # the code's row and its theme's
    code, out, err = run(
        "agree", "manual", "auto", "--show-disagreements", "-f", "json", "--no-anonymize"
    )
    shown = [d["file"] for c in json.loads(out)["codes"] for d in c["disagreements"]]
    assert set(shown) == {"t/p07_Hofke_directie.txt"}


def test_memos_are_anonymized(named_files: Path) -> None:
    for fmt in ("json", "csv", "table"):
        code, out, err = run("memos", "--format", fmt)
        assert code == 0, err
        assert "vraag [naam]" in out and "Harding" not in out, fmt
    code, out, _ = run("memos", "--format", "json")
    assert [m["memo"] for m in json.loads(out)] == ["vraag [naam]"]
    code, out, _ = run("memos", "--format", "json", "--no-anonymize")
    assert [m["memo"] for m in json.loads(out)] == ["vraag Tom Harding"]


def test_memos_hide_names_as_quotes_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The few words a memo marks were redacted as a text of their own: written without a
    capital, "zusters" lost its "zuster" (of the listed "Zuster Marie"), which the quote of the
    same turn keeps. Whether the turn has capitals decides, for memos as for quotes."""
    root = _project(
        tmp_path / "proj", "nl", "participants:\n  - id: p01\n    names: [Zuster Marie]\n"
    )
    (root / "t" / "p01.txt").write_text(
        "I: En de opleiding?\nR: Ik volgde [[Mooi citaat: de mentoropleiding van de zusters en "
        "zuster marie]] in Gent, en [[forms: de formulieren van de zusters]] vulde ik in.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    code, _, err = run("code", "t")
    assert code == 0, err
    code, out, err = run("quotes", "--code", "forms", "--format", "json")
    assert code == 0, err
    assert "de formulieren van de zusters" in out
    code, out, err = run("memos", "--format", "json")
    assert code == 0, err
    (memo,) = json.loads(out)
    assert memo["text"] == "de mentoropleiding van de zusters en [naam]"


def test_names_in_a_header_table_are_redacted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nobody listed them: the table of fields at the top of the transcript names the
    participant, the school and the interviewer."""
    root = _project(tmp_path / "ht", "nl", "participants: []\n")
    doc = Document()
    table = doc.add_table(rows=3, cols=2)
    for cells, values in zip(
        table.rows,
        [
            ("Naam", "Griet Mertens"),
            ("School", "VBS 't Hofke, Lier"),
            ("Interviewer", "Jonas Peeters"),
        ],
        strict=True,
    ):
        for cell, value in zip(cells.cells, values, strict=True):
            cell.text = value
    doc.add_paragraph("Interviewer: Dag mevrouw Mertens, en de baas?")
    doc.add_paragraph("Griet: Ik ben de baas van 't Hofke, zegt Jonas ook.")
    doc.save(str(root / "t" / "p07.docx"))
    monkeypatch.chdir(root)
    code, _, err = run("code", "t")
    assert code == 0, err
    for where, text in {**outputs(root, "header"), **_export_texts(root)}.items():
        assert "Ik ben de baas van [organisatie], zegt [naam] ook." in text, where
        for secret in ("Griet", "Mertens", "Hofke", "Jonas"):
            assert secret not in text, (where, secret)


def test_names_in_markdown_front_matter_are_redacted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path / "fm", "nl", "participants: []\n")
    (root / "t" / "p01.md").write_text(
        "---\nnames: [Griet Mertens]\norganisations: [Stedelijk Lyceum Lier]\n---\n"
        "I: En de baas?\nR: Griet is de baas van het Stedelijk Lyceum.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    assert run("code", "t")[0] == 0
    _, out, _ = run("quotes", "--code", "header", "--format", "json")
    assert [q["text"] for q in json.loads(out)] == ["[naam] is de baas van het [organisatie]."]


def test_file_names_hide_names_glued_to_digits_and_list_what_they_do_not_hide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file name is in every anonymized output: the source name of the .qdpx, the file
    column of `export csv`, `codings` and `memos`. A listed name glued to digits is hidden there
    too ("02Verhaeghe"); a misspelt surname ("Verhaege") no quote would hide either is left, but
    `lernet names` and the export's note name it, and listing it hides it everywhere."""
    participants = (
        "participants:\n  - id: D02\n    names: [Koen Verhaeghe]\n"
        "    files: ['*Verhaeghe*', '*Verhaege*']\n"
    )
    root = _project(tmp_path / "proj", "nl", participants)
    said = "I: En de baas?\nR: De baas vult [[Nota: de formulieren]] in, ronde {}.\n"
    (root / "t" / "02Verhaeghe ronde 1.txt").write_text(said.format(1), encoding="utf-8")
    (root / "t" / "Interview Koen Verhaege ronde 2.txt").write_text(
        said.format(2), encoding="utf-8"
    )
    monkeypatch.chdir(root)
    code, _, err = run("code", "t")
    assert code == 0, err

    def shown() -> set[str]:
        import csv
        import zipfile

        out: set[str] = set()
        for command in ("codings", "memos"):
            code, text, err = run(command, "--format", "json")
            assert code == 0, err
            out |= {row["file"] for row in json.loads(text)}
        code, _, err = run("export", "csv", "x.csv", "--force")
        assert code == 0, err
        with (root / "x.csv").open(encoding="utf-8-sig") as fh:
            out |= {row["file"] for row in csv.DictReader(fh, delimiter=";")}
        code, _, err = run("export", "qdpx", "x.qdpx", "--force")
        assert code == 0, err
        with zipfile.ZipFile(root / "x.qdpx") as zf:
            project = zf.read("project.qde").decode("utf-8")
        sources = regex.findall(r'<TextSource [^>]*name="([^"]*)"', project)
        assert len(sources) == 2
        return out | set(sources)

    # a REFI-QDA source with a name hidden in its name says whose it is
    assert shown() == {
        "t/02[naam] ronde 1.txt",
        "t/02[naam] ronde 1 (D02).txt",
        "t/Interview [naam] Verhaege ronde 2.txt",
        "t/Interview [naam] Verhaege ronde 2 (D02).txt",
    }
    code, out, err = run("names", "--format", "json")
    assert code == 0, err
    assert [(n["name"], n["example"]) for n in json.loads(out)] == [
        ("Verhaege", "file name: Interview [naam] Verhaege ronde 2")
    ]
    code, _, err = run("export", "csv", "x.csv", "--force")
    assert code == 0 and (
        "1 word that looks like a name is not hidden in what was said, comments' notes, "
        "participant variables or file names" in err
    ), err
    (root / "participants.yaml").write_text(
        participants + "redact:\n  names: [Verhaege]\n", encoding="utf-8"
    )
    assert shown() == {
        "t/02[naam] ronde 1.txt",
        "t/02[naam] ronde 1 (D02).txt",
        "t/Interview [naam] ronde 2.txt",
        "t/Interview [naam] ronde 2 (D02).txt",
    }
    code, out, err = run("names", "--format", "json")
    assert code == 0 and json.loads(out) == [], err


def test_names_in_file_names_of_a_project_without_a_participants_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An assistant's project knows only the speaker labels: "Griet" is hidden; the names of
    the files, which are the participants' ids, are hidden too ("De Smet", and "Jef Van den
    Broeck" of a file whose speakers are "I" and "R"), so `lernet names` lists none, and the
    participants are shown as P1, P2."""
    root = _project(tmp_path / "ra", "nl", "participants: []\n")
    (root / "t" / "Interview Griet De Smet ronde 1.txt").write_text(
        "Interviewer: En de baas?\nGriet: De baas vult de formulieren in.\n", encoding="utf-8"
    )
    (root / "t" / "Interview Jef Van den Broeck ronde 1.txt").write_text(
        "I: En de baas?\nR: De baas vult de formulieren in.\n", encoding="utf-8"
    )
    monkeypatch.chdir(root)
    code, _, err = run("code", "t")
    assert code == 0, err
    code, out, err = run("names", "--format", "json")
    assert code == 0, err
    assert json.loads(out) == []
    code, _, err = run("export", "csv", "codings.csv")
    assert code == 0, err
    exported = (root / "codings.csv").read_text(encoding="utf-8-sig")
    for name in ("Griet", "Smet", "Jef", "Broeck"):
        assert name not in exported, name
    assert {r.split(";")[0] for r in exported.splitlines()[1:]} == {"P1", "P2"}


def test_a_name_listed_with_an_initial_is_hidden_whole_initial_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name listed as it is written, with an initial ("J. de Vries", as the sample's
    participants file lists "W. Vermeulen"), is hidden whole: no "J. [naam]" that tells the
    initial, written with its period, without a space or with two initials."""
    root = _project(
        tmp_path / "nl",
        "nl",
        "participants:\n  - id: p01\n    names: [Karin Smit]\n"
        "redact:\n  names: [J. de Vries, W.H. de Brink]\n",
    )
    (root / "t" / "p01.txt").write_text(
        "I: Wie is de baas?\nR: J. de Vries is de baas, net als J.de Vries en W.H. de Brink.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    assert run("code", "t")[0] == 0
    for where, text in outputs(root, "header").items():
        assert "[naam] is de baas, net als [naam] en [naam]." in text, where
        for secret in ("J.", "W.H", "Vries", "Brink"):
            assert secret not in text, (where, secret)


def test_a_name_nobody_listed_in_a_codebook_example_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A codebook's example (often a participant's words) goes into a .qdpx and .qdc: a name in
    it that nobody listed is named by `lernet names` and by the note after export qdpx."""
    root = _project(tmp_path / "nl", "nl", NL_PARTICIPANTS)
    codebook = root / "codebook.yaml"
    codebook.write_text(
        CODEBOOK.replace(
            "          - any: [baas, boss]\n",
            "          - any: [baas, boss]\n"
            "        examples: [De baas is streng, zei Dirk Schouten gisteren.]\n",
        ),
        encoding="utf-8",
    )
    (root / "t" / "p02.txt").write_text(NL_P02, encoding="utf-8")
    monkeypatch.chdir(root)
    assert run("code", "t")[0] == 0
    code, out, err = run("names", "--format", "json")
    assert code == 0, err
    (found,) = [n for n in json.loads(out) if "Schouten" in n["name"]]
    assert found["example"].startswith("codebook example names.header: ")
    code, _, err = run("export", "qdpx", "p.qdpx")
    assert code == 0, err
    assert "1 word that looks like a name is not hidden" in err
    assert "codebook examples" in err
