"""What a researcher's interview folder holds on the first day: every file read, or named in one
line saying what it is and what to do; the other files still coded."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import coded_with, dump_store, invoke_cli

GOOD = "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed.\n"


def test_a_txt_with_old_mac_line_endings_is_read(project: Path) -> None:
    """A .txt with a BOM and only \\r between lines (an old Mac editor) crashed the check for a
    participants table saved as text (csv: new-line character seen in unquoted field)."""
    folder = project / "interviews"
    folder.mkdir()
    (folder / "mac.txt").write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r").encode())
    code, out = invoke_cli("code", "interviews")
    assert code == 0, out
    assert "1 new" in out
    assert b"elkaar nog niet goed" in dump_store(project)


def test_a_participants_csv_with_old_mac_line_endings_is_read(project: Path) -> None:
    """Excel for Mac's "CSV (Macintosh)" ends its rows in \\r alone."""
    (project / "deelnemers.csv").write_bytes(b"id;group\rp01;bedrijf\r")
    (project / "p01.txt").write_text(GOOD, encoding="utf-8")
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("participants: deelnemers.csv\n")
    code, out = invoke_cli("code", "p01.txt")
    assert code == 0, out
    assert "bedrijf" in out, out


def test_a_file_named_alone_that_lernet_cannot_read_says_what_to_do(project: Path) -> None:
    """`lernet code "Interview 3.doc"` said only "unsupported file type .doc", where the same
    file in a folder says to save it as .docx in Word."""
    (project / "Interview 3.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    (project / "opname.m4a").write_bytes(b"\x00\x00\x00\x20ftypM4A " + bytes(600))
    (project / "Interview 4.docx - Shortcut.lnk").write_bytes(b"L\x00\x00\x00" + bytes(200))
    for name, advice in (
        ("Interview 3.doc", "save it as .docx in Word"),
        ("opname.m4a", "audio: transcribe it first"),
        ("Interview 4.docx - Shortcut.lnk", "a Windows shortcut"),
    ):
        code, out = invoke_cli("code", name)
        errors = [line for line in out.splitlines() if line.startswith("lernet: error:")]
        assert code == 5 and len(errors) == 1, out
        assert name in errors[0] and advice in errors[0], errors[0]
    assert dump_store(project) == b""


@pytest.mark.parametrize("command", ["code", "speakers"])
def test_several_files_lernet_cannot_read_are_each_named(project: Path, command: str) -> None:
    """`lernet code interviews/*` of a .doc, a .pages and a recording named only the .doc: the
    others went unmentioned until the .doc was converted and the command run again."""
    folder = project / "interviews"
    folder.mkdir()
    (folder / "I17.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    (folder / "I18.pages").write_bytes(b"PK\x03\x04" + bytes(60))
    (folder / "I19.m4a").write_bytes(bytes(60))
    code, out = invoke_cli(
        command, *(f"interviews/{n}" for n in ("I17.doc", "I18.pages", "I19.m4a"))
    )
    assert code == 5, out
    lines = [line for line in out.splitlines() if line.startswith("lernet: ")]
    assert len(lines) == 3, out
    assert "I17.doc" in lines[-1] and lines[-1].startswith("lernet: error:"), out
    assert "skipped interviews/I18.pages: not read (export it as .docx)" in out
    assert "skipped interviews/I19.m4a: not read (audio: transcribe it first)" in out
    assert dump_store(project) == b""


def test_a_shortcut_in_the_folder_is_named(project: Path) -> None:
    """A Windows shortcut in place of an interview: the interview is not there, so it is said."""
    folder = project / "interviews"
    folder.mkdir()
    (folder / "p01.txt").write_text(GOOD, encoding="utf-8")
    (folder / "p02.docx - Shortcut.lnk").write_bytes(b"L\x00\x00\x00" + bytes(200))
    code, out = invoke_cli("code", "interviews")
    assert code == 0, out
    assert (
        "lernet: note: skipped interviews/p02.docx - Shortcut.lnk: not read (a Windows "
        "shortcut, not the file: copy the interview itself into the folder)"
    ) in out
    assert "1 new" in out


def _ole(streams: list[str]) -> bytes:
    """A small OLE container as Word writes one: header, then its directory in sector 3."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[0x1E:0x20] = (9).to_bytes(2, "little")
    header[0x30:0x34] = (3).to_bytes(4, "little")
    directory = b"".join(
        name.encode("utf-16-le").ljust(64, b"\x00") + bytes(64) for name in streams
    )
    return bytes(header) + bytes(3 * 512) + directory.ljust(512, b"\x00") + bytes(2048)


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        (
            "geheim.docx",
            _ole(["Root Entry", "EncryptionInfo", "EncryptedPackage"]),
            "it is password-protected: remove the password in Word",
        ),
        (
            "oud.docx",
            _ole(["Root Entry", "WordDocument", "1Table"]),
            "it is an old .doc, Word 97-2003's format: open it in Word and save it as .docx",
        ),
        (
            "web.docx",
            b"<html xmlns:o='urn:schemas-microsoft-com:office:office'><body><p>I: Hoe?</p>",
            "it is a web page, as Word's Save as Web Page writes",
        ),
        (
            "web.odt",
            b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n",
            "it is a web page",
        ),
        (
            "rtf.docx",
            b"{\\rtf1\\ansi I: Hoe gaat het?\\par}",
            "it is an RTF file: rename it to .rtf",
        ),
        ("scan.docx", b"%PDF-1.7\n", "it is a PDF: rename it to .pdf, which lernet reads"),
    ],
)
def test_a_package_that_is_something_else_says_what_it_is(
    project: Path, name: str, data: bytes, says: str
) -> None:
    """A .docx that is an encrypted OLE container, a .doc renamed, a web page, an RTF or a PDF
    said only "not a zip archive, or a damaged one" (or the same words for every OLE file)."""
    folder = project / "interviews"
    folder.mkdir()
    (folder / "p01.txt").write_text(GOOD, encoding="utf-8")
    (folder / name).write_bytes(data)
    code, out = invoke_cli("code", "interviews")
    errors = [line for line in out.splitlines() if line.startswith("lernet: error:")]
    assert code == 5 and len(errors) == 1, out
    assert f"interviews/{name}: not " in errors[0] and says in errors[0], errors[0]
    assert "1 new" in out


def test_a_docx_of_only_pictures_says_so(project: Path) -> None:
    """A scanned interview pasted into Word as pictures said "empty transcript", as if the file
    held nothing; an empty .docx still says that."""
    import io
    import struct
    import zlib

    from docx import Document

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body).to_bytes(4, "big")
        return struct.pack(">I", len(body)) + kind + body + crc

    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )
    scan = Document()
    scan.add_picture(io.BytesIO(png))
    scan.save(str(project / "scan.docx"))
    Document().save(str(project / "leeg.docx"))
    coded_with(project, GOOD)
    before = dump_store(project)
    code, out = invoke_cli("code", "scan.docx")
    assert code == 5 and "scan.docx: no text, only pictures (a scanned interview?)" in out, out
    code, out = invoke_cli("code", "leeg.docx")
    assert code == 5 and "leeg.docx: empty transcript" in out, out
    assert dump_store(project) == before
