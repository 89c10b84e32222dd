"""Bad input, run through the CLI: one line naming the file, a distinct exit code, no traceback,
and a store that is exactly as it was (compared through a full SQL dump)."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from lernet_cli.cli import app

from .conftest import dump_store
from .odtfiles import content_xml, manifest_xml, odt, paragraphs

runner = CliRunner()
GOOD = "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed.\n"


@pytest.fixture
def coded(project: Path) -> Path:
    (project / "good.txt").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["code", "good.txt"])
    assert result.exit_code == 0, result.stderr
    return project


def _docx_bytes(text: str = "I: Vraag?\nR: Antwoord.") -> bytes:
    doc = Document()
    for line in text.split("\n"):
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def truncated_docx(d: Path) -> Path:
    data = _docx_bytes()
    (d / "bad.docx").write_bytes(data[: len(data) // 2])
    return d / "bad.docx"


def txt_renamed_docx(d: Path) -> Path:
    (d / "bad.docx").write_text(GOOD, encoding="utf-8")
    return d / "bad.docx"


def zip_bomb_docx(d: Path) -> Path:
    path = d / "bad.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(300):
                fh.write(chunk)
    return path


def xxe_docx(d: Path) -> Path:
    secret = d / "secret.txt"
    secret.write_text("TOPSECRET-PASSWORD", encoding="utf-8")
    src = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    path = d / "bad.docx"
    with zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                decl = (
                    f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
                ).encode()
                body = data.split(b"?>", 1)[1].replace(b"Antwoord.", b"R: &x;", 1)
                data = decl + body
            out.writestr(info, data)
    return path


def _odt_bytes() -> bytes:
    return (Path(__file__).parent / "data" / "libreoffice" / "comments.odt").read_bytes()


def truncated_odt(d: Path) -> Path:
    data = _odt_bytes()
    (d / "bad.odt").write_bytes(data[: len(data) // 2])
    return d / "bad.odt"


def txt_renamed_odt(d: Path) -> Path:
    (d / "bad.odt").write_text(GOOD, encoding="utf-8")
    return d / "bad.odt"


def ods_renamed_odt(d: Path) -> Path:
    return odt(
        d / "bad.odt",
        paragraphs("R: Goed."),
        mimetype="application/vnd.oasis.opendocument.spreadsheet",
    )


def docx_renamed_odt(d: Path) -> Path:
    (d / "bad.odt").write_bytes(_docx_bytes())
    return d / "bad.odt"


def no_content_odt(d: Path) -> Path:
    return odt(d / "bad.odt")


def damaged_content_odt(d: Path) -> Path:
    return odt(d / "bad.odt", content=content_xml(paragraphs("R: Goed."))[:-40])


def encrypted_odt(d: Path) -> Path:
    entry = (
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
        '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"/>'
        "</manifest:file-entry>"
    )
    return odt(d / "bad.odt", content=bytes(range(256)), manifest=manifest_xml(entries=entry))


def zip_bomb_odt(d: Path) -> Path:
    path = d / "bad.odt"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        with zf.open("content.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(300):
                fh.write(chunk)
    return path


def xxe_odt(d: Path) -> Path:
    secret = d / "secret.txt"
    secret.write_text("TOPSECRET-PASSWORD", encoding="utf-8")
    xml = content_xml(paragraphs("I: Vraag?", "R: &x;"))
    xml = xml.replace("?>", f'?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>', 1)
    return odt(d / "bad.odt", content=xml)


def empty_odt(d: Path) -> Path:
    return odt(d / "bad.odt", "<text:h>Interview 1</text:h><text:p/>")


def empty_txt(d: Path) -> Path:
    (d / "bad.txt").write_bytes(b"")
    return d / "bad.txt"


def binary_txt(d: Path) -> Path:
    (d / "bad.txt").write_bytes(bytes(range(256)) * 64)
    return d / "bad.txt"


def no_line_breaks(d: Path) -> Path:
    path = d / "bad.txt"
    with path.open("wb") as fh:
        fh.write(b"R: ")
        word = b"woord " * 10_000
        for _ in range(49_000_000 // len(word)):
            fh.write(word)
    return path


def too_large_txt(d: Path) -> Path:
    path = d / "bad.txt"
    with path.open("wb") as fh:
        fh.write(b"I: vraag?\nR: " + b"a" * 100 + b"\n")
        fh.truncate(51 * 1024 * 1024)
    return path


def mixed_encodings(d: Path) -> Path:
    text = "I: Hoe gaat het?\nR: Goed, café open.\n".encode() + "R: Gezellig caf\xe9.\n".encode(
        "cp1252"
    )
    (d / "bad.txt").write_bytes(text)
    return d / "bad.txt"


def all_interviewer(d: Path) -> Path:
    (d / "bad.txt").write_text("I: Hoe gaat het?\nI: En verder?\n", encoding="utf-8")
    return d / "bad.txt"


def missing_file(d: Path) -> Path:
    return d / "bad.docx"


def unsupported(d: Path) -> Path:
    (d / "bad.pages").write_bytes(b"PK")
    return d / "bad.pages"


TRANSCRIPTS: list[tuple[Callable[[Path], Path], str]] = [
    (truncated_docx, "not a Word .docx file"),
    (txt_renamed_docx, "not a Word .docx file"),
    (zip_bomb_docx, "zip bomb"),
    (xxe_docx, "DTD"),
    (truncated_odt, "not an OpenDocument text (.odt) file"),
    (txt_renamed_odt, "not an OpenDocument text (.odt) file"),
    (ods_renamed_odt, "it is an OpenDocument spreadsheet, not a text document"),
    (docx_renamed_odt, "it is a Word document"),
    (no_content_odt, "no content.xml"),
    (damaged_content_odt, "content.xml is damaged"),
    (encrypted_odt, "password-protected"),
    (zip_bomb_odt, "zip bomb"),
    (xxe_odt, "DTD"),
    (empty_odt, "empty transcript"),
    (empty_txt, "empty transcript"),
    (binary_txt, "binary content"),
    (no_line_breaks, "without a break"),
    (too_large_txt, "too large"),
    (mixed_encodings, "bad.txt:3: mixes text encodings"),
    (all_interviewer, "no participant speech"),
    (missing_file, "file not found"),
    (unsupported, "unsupported file type"),
]


def assert_clean_failure(result, exit_code: int, name: str, message: str) -> None:  # noqa: ANN001
    err = result.stderr
    assert result.exit_code == exit_code, err
    assert (
        "Traceback" not in err
        and result.exception is None
        or isinstance(result.exception, SystemExit)
    )
    errors = [line for line in err.splitlines() if line.startswith("lernet: error:")]
    assert len(errors) == 1, err
    assert name in errors[0] and message in errors[0], errors[0]


@pytest.mark.parametrize(("make", "message"), TRANSCRIPTS, ids=lambda x: getattr(x, "__name__", ""))
def test_bad_transcript(coded: Path, make: Callable[[Path], Path], message: str) -> None:
    path = make(coded)
    before = dump_store(coded)
    result = runner.invoke(app, ["code", path.name])
    assert_clean_failure(result, 5, path.name, message)
    assert dump_store(coded) == before
    assert b"TOPSECRET" not in before


CODEBOOKS = [
    ("themes:\n\t- id: x\n", 2, "a tab on this line"),
    ("themes: []\nthemes: []\n", 2, "duplicate key 'themes'"),
    (
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
        1,
        "aliases",
    ),
    (
        "themes:\n  - id: t\n    label: T\n    match:\n      - regex: '(unclosed'\n",
        5,
        "invalid regular expression",
    ),
    (
        "themes:\n  - id: t\n    label: T\n    related: [t.nope]\n",
        4,
        "related: unknown code 't.nope'",
    ),
]


@pytest.mark.parametrize(("text", "line", "message"), CODEBOOKS)
def test_bad_codebook(coded: Path, text: str, line: int, message: str) -> None:
    (coded / "codebook.yaml").write_text(text, encoding="utf-8")
    (coded / "good.txt").write_text(GOOD + "R: Nog iets.\n", encoding="utf-8")
    before = dump_store(coded)
    # tally and quotes do not compile match rules, so only structural errors stop them
    later = [] if "regular expression" in message else [["tally"], ["quotes"]]
    for args in (["code", "good.txt"], *later):
        result = runner.invoke(app, args)
        assert_clean_failure(result, 4, f"codebook.yaml:{line}", message)
    assert dump_store(coded) == before


def test_catastrophic_regex_is_stopped(coded: Path) -> None:
    (coded / "codebook.yaml").write_text(
        "themes:\n  - id: t\n    label: T\n    match:\n      - regex: '(a|aa)+$'\n",
        encoding="utf-8",
    )
    (coded / "slow.txt").write_text("R: " + "a" * 60 + "b\n", encoding="utf-8")
    before = dump_store(coded)
    result = runner.invoke(app, ["code", "slow.txt"])
    # The file is left out (the expression is slow on it alone), at the regex's line.
    assert_clean_failure(result, 5, "codebook.yaml:5", "takes too long")
    assert "slow.txt: not coded: " in result.stderr
    assert dump_store(coded) == before


def test_codebook_path_is_a_folder(coded: Path) -> None:
    (coded / "lernet.yaml").write_text("codebook: .\n", encoding="utf-8")
    before = dump_store(coded)
    result = runner.invoke(app, ["tally"])
    assert_clean_failure(result, 4, str(coded), "is a folder")
    assert dump_store(coded) == before


def test_bad_project_settings(coded: Path) -> None:
    (coded / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguge: nl\n", encoding="utf-8")
    result = runner.invoke(app, ["tally"])
    assert_clean_failure(result, 3, "lernet.yaml:2", "unknown setting 'languge'")


def test_damaged_store(coded: Path) -> None:
    db = coded / ".lernet" / "lernet.db"
    db.write_bytes(b"this is not a database" * 100)
    result = runner.invoke(app, ["tally"])
    assert_clean_failure(result, 7, "lernet.db", "damaged")


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX only")
def test_read_only_project(coded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only project folder. Root ignores permissions, so as root the store is opened the
    way SQLite opens it on a read-only disk (mode=ro) instead."""
    (coded / "good.txt").write_text(GOOD + "R: We kennen elkaar amper.\n", encoding="utf-8")
    before = dump_store(coded)
    paths = [coded, *coded.rglob("*")]
    if os.geteuid() == 0:
        import sqlite3

        import lernet_cli.store.store as store_module

        real_connect = sqlite3.connect

        def read_only_connect(path: Path, **kwargs: object) -> sqlite3.Connection:
            return real_connect(f"file:{path}?mode=ro", uri=True, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(store_module.sqlite3, "connect", read_only_connect)
    for p in paths:
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        result = runner.invoke(app, ["code", "good.txt"])
        assert_clean_failure(result, 7, "lernet.db", "read-only")
    finally:
        for p in paths:
            p.chmod(0o755 if p.is_dir() else 0o644)
    assert dump_store(coded) == before


# --- a ':' inside a value: the same hint in every YAML file lernet reads ---------------------

FLOW_COLON = "{en: RES: regional energy strategy, nl: Regionale energiestrategie}"


@pytest.mark.parametrize(
    ("file", "key", "value", "hint"),
    [
        # {en: RES: …}: PyYAML says only "did not find expected ',' or '}'"
        (
            "codebook.yaml",
            "name",
            FLOW_COLON,
            "a ':' inside a value needs the value in quotes: en: \"RES: regional energy strategy\"",
        ),
        (
            "lernet.yaml",
            "placeholders",
            "{name: NAME: hidden, organisation: '[org]'}",
            "a ':' inside a value needs the value in quotes: name: \"NAME: hidden\"",
        ),
        (
            "participants.yaml",
            "groups",
            "{en: RES: regional energy strategy}",
            "a ':' inside a value needs the value in quotes: en: \"RES: regional energy strategy\"",
        ),
        # label: RES: …, as a block value
        ("codebook.yaml", "name", "RES: regional energy strategy", "a ':' inside a value needs"),
        ("lernet.yaml", "protocol", "RES: protocol.yaml", "a ':' inside a value needs"),
        ("participants.yaml", "groups", "RES: energy", "a ':' inside a value needs"),
    ],
)
def test_a_colon_inside_a_value_gets_the_same_hint_in_every_yaml_file(
    coded: Path, file: str, key: str, value: str, hint: str
) -> None:
    if file == "participants.yaml":
        (coded / file).write_text("participants: []\n", encoding="utf-8")
        (coded / "lernet.yaml").write_text(
            (coded / "lernet.yaml").read_text(encoding="utf-8")
            + "participants: participants.yaml\n",
            encoding="utf-8",
        )
    path = coded / file
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), len(lines))
    lines[at : at + 1] = [f"{key}: {value}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = dump_store(coded)
    result = runner.invoke(app, ["code", "good.txt"])
    assert result.exit_code != 0
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"lernet: error: {path}:{at + 1}: invalid YAML: ")
    assert hint in line
    assert dump_store(coded) == before


# --- the participants file's mistakes, all in one run ------------------------------------------

TYPOS = """\
groups: [municipality, housing association, consultant]
participants:
  - id: NL01
    group: municipality
  - id: NL02
    group: housing associations
  - id: NL03
    group: consultant
    nmaes: [Sandra Vermeulen]
  - id: NL04
    group: Consultant
  - id: NL01
    group: consultant
"""


def test_every_mistake_of_the_participants_file_in_one_run(coded: Path) -> None:
    path = coded / "participants.yaml"
    path.write_text(TYPOS, encoding="utf-8")
    settings = (coded / "lernet.yaml").read_text(encoding="utf-8")
    (coded / "lernet.yaml").write_text(settings + "participants: participants.yaml\n", "utf-8")
    before = dump_store(coded)
    result = runner.invoke(app, ["code", "good.txt"])
    assert result.exit_code == 6
    lines = result.stderr.strip().splitlines()
    assert all(line.startswith(f"lernet: error: {path}:") for line in lines)
    where = [line.removeprefix(f"lernet: error: {path}:").split(":")[0] for line in lines]
    assert where == ["6", "9", "11", "12"]
    assert "group 'housing associations' is not one of the groups" in lines[0]
    assert "unknown key 'nmaes'" in lines[1]
    assert "group 'Consultant' is not one of the groups" in lines[2]
    assert "duplicate participant id 'NL01' (line 3 has it too)" in lines[3]
    assert "Traceback" not in result.stderr
    assert dump_store(coded) == before
    # a CSV's rows too
    path.unlink()
    (coded / "participants.csv").write_text(
        "id,group,label,names\nA1,x,one,\n,y,,Anouk Smit\nA1,z,two,\n", encoding="utf-8"
    )
    (coded / "lernet.yaml").write_text(settings + "participants: participants.csv\n", "utf-8")
    result = runner.invoke(app, ["code", "good.txt"])
    assert result.exit_code == 6
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and ":3: row without id" in lines[0]
    assert ":4: duplicate participant id 'A1' (line 2 has it too)" in lines[1]
    assert dump_store(coded) == before
