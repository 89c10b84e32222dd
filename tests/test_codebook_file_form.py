"""The researcher's own codebook file, edited by lernet (`suggest --add`, `import taguette` with
new tags, `merge --add-codes`), keeps its form: its encoding and byte order mark (Notepad's UTF-8,
"UTF-8 with BOM", "Unicode" = UTF-16 LE, UTF-16 BE), its line ends (CRLF too, and a last line
without one), its comments and quoting; every byte outside the change stays as it was. A file
the researcher made read-only is not changed, and a file lernet cannot read (cp1252) neither."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from lernet_cli.codebook.yamlio import TextForm, read_text_file, text_form
from lernet_cli.errors import CodebookError

from .conftest import dump_store, invoke_cli

BOOK = """\
# My own codebook (saved by Notepad)
version: 1
name: Care study
language: en

themes:
  # Experiences first
  - id: experience
    label: {en: Experiences, nl: Ervaringen}
    codes:
      - id: positive            # a comment after the id
        label: 'Positive experience'
        match:
          - any: [helpful, "works well"]
        examples:
          - "Honestly it is helpful."
  # What stands in the way
  - id: barriers
    label: "Barriers"
    codes:
      - id: time
        label: Lack of time
        match:
          - all: [time, [enough, short]]
            negation: ignore"""
"""An English codebook of the researcher's own, as Notepad leaves it: no line end after the
last line."""

INTERVIEW = (
    "Interviewer: How is it going?\n\n"
    "Sam: Honestly it is helpful. It is really useful too. There is never enough time.\n"
)

FORMS = {
    "utf-8": TextForm("utf-8", b""),
    "utf-8 with BOM": TextForm("utf-8", b"\xef\xbb\xbf"),
    "utf-16 le": TextForm("utf-16-le", b"\xff\xfe"),
    "utf-16 be": TextForm("utf-16-be", b"\xfe\xff"),
}


def _study(root: Path, form: TextForm, newline: str) -> str:
    """A coded project whose codebook is BOOK in `form` with `newline`; returns its text."""
    text = BOOK.replace("\n", newline)
    (root / "codebook.yaml").write_bytes(form.encode(text))
    (root / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: en\n", encoding="utf-8")
    (root / "p01.txt").write_text(INTERVIEW, encoding="utf-8")
    code, out = invoke_cli("code", "p01.txt")
    assert code == 0, out
    return text


@pytest.mark.parametrize("name", FORMS)
def test_the_form_of_a_settings_file_is_what_it_was_read_with(name: str) -> None:
    form = FORMS[name]
    data = form.encode("themes: [ü]\r\n")
    assert text_form(data) == form
    assert read_text_file(Path("x.yaml"), CodebookError, data) == "themes: [ü]\r\n"


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
@pytest.mark.parametrize("name", FORMS)
def test_suggest_add_changes_one_line_and_keeps_the_files_form(
    project: Path, name: str, newline: str
) -> None:
    form = FORMS[name]
    old = _study(project, form, newline)
    code, out = invoke_cli("suggest", "--code", "experience.positive", "--add", "useful")
    assert code == 0, out
    assert "added to experience.positive" in out
    expected = old.replace('any: [helpful, "works well"]', 'any: [helpful, "works well", useful]')
    assert expected != old
    assert (project / "codebook.yaml").read_bytes() == form.encode(expected)
    [backup] = (project / ".lernet" / "backups").glob("codebook-*.yaml")
    assert backup.read_bytes() == form.encode(old)


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
@pytest.mark.parametrize("name", FORMS)
def test_taguette_tags_become_codes_in_the_files_own_form(
    project: Path, name: str, newline: str
) -> None:
    form = FORMS[name]
    old = _study(project, form, newline)
    tags = project / "highlights.csv"
    tags.write_text(
        "id,document,tag,content\n"
        "1,p01,barriers.Money,There is never enough time.\n"
        "2,p01,Mood,It is really useful too.\n",
        encoding="utf-8",
    )
    code, out = invoke_cli("import", "taguette", str(tags))
    assert code == 0, out
    assert "added 2 codes to codebook.yaml" in out
    data = (project / "codebook.yaml").read_bytes()
    assert data.startswith(form.bom) and text_form(data) == form
    new = data[len(form.bom) :].decode(form.encoding)
    assert form.encode(new) == data
    # the new codes after the last line, which gets the line end the others have; the new
    # last line has none, as the file's had none
    assert new == old + newline.join(
        ["", "      - id: money", "        label: Money", "  - id: mood", "    label: Mood"]
    )
    assert new.count("\n") == new.count(newline)
    assert not new.endswith("\n")
    # the codebook as it was, byte for byte, where suggest --add keeps it: not beside it
    [backup] = (project / ".lernet" / "backups").glob("codebook-*.yaml")
    assert backup.read_bytes() == form.encode(old)
    assert f"the previous codebook is kept as .lernet/backups/{backup.name}" in out
    assert [p.name for p in project.glob("codebook*")] == ["codebook.yaml"]
    code, out = invoke_cli("codebook", "check")
    assert code == 0, out


@pytest.mark.parametrize("command", ["suggest", "taguette"])
def test_a_cp1252_codebook_is_refused_with_its_line_and_left_as_it_was(
    project: Path, command: str
) -> None:
    _study(project, FORMS["utf-8"], "\r\n")
    path = project / "codebook.yaml"
    data = path.read_bytes().replace(b"Lack of time", b"Lack of time (caf\xe9)")
    path.write_bytes(data)
    if command == "suggest":
        code, out = invoke_cli("suggest", "--code", "experience.positive", "--add", "useful")
    else:
        tags = project / "highlights.csv"
        tags.write_text("id,document,tag,content\n1,p01,Mood,It is really useful too.\n")
        code, out = invoke_cli("import", "taguette", str(tags))
    assert code != 0
    assert "codebook.yaml:22: not UTF-8 text; save it as UTF-8" in out
    assert out.count("\n") == 1
    assert path.read_bytes() == data


def test_a_read_only_codebook_gets_no_new_codes_and_the_store_none_of_their_codings(
    project: Path,
) -> None:
    _study(project, FORMS["utf-8 with BOM"], "\r\n")
    path = project / "codebook.yaml"
    data = path.read_bytes()
    path.chmod(0o444)
    before = dump_store(project)
    tags = project / "highlights.csv"
    tags.write_text("id,document,tag,content\n1,p01,Mood,It is really useful too.\n")
    code, out = invoke_cli("import", "taguette", str(tags))
    assert code != 0
    assert "codebook.yaml: is read-only, so lernet leaves it as it is" in out
    assert "mood ('Mood')" in out
    assert path.read_bytes() == data
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert dump_store(project) == before
    assert [p.name for p in project.glob("codebook*")] == ["codebook.yaml"]


def test_a_read_only_codebook_gets_no_new_terms(project: Path) -> None:
    _study(project, FORMS["utf-8"], "\n")
    path = project / "codebook.yaml"
    data = path.read_bytes()
    path.chmod(0o444)
    code, out = invoke_cli("suggest", "--code", "experience.positive", "--add", "useful")
    assert code != 0
    assert "cannot write the codebook (read-only)" in out
    assert path.read_bytes() == data


def test_new_codes_keep_the_codebooks_permissions(project: Path) -> None:
    _study(project, FORMS["utf-8"], "\n")
    path = project / "codebook.yaml"
    path.chmod(0o640)
    tags = project / "highlights.csv"
    tags.write_text("id,document,tag,content\n1,p01,Mood,It is really useful too.\n")
    code, out = invoke_cli("import", "taguette", str(tags))
    assert code == 0, out
    assert "  - id: mood\n" in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.parametrize("command", ["suggest", "taguette"])
def test_the_new_codebook_is_on_disk_before_it_takes_the_old_ones_place(
    project: Path, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _study(project, FORMS["utf-8"], "\n")
    path = project / "codebook.yaml"
    synced: list[bytes] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        real(fd)
        synced.append(Path(f"/proc/self/fd/{fd}").read_bytes() if Path("/proc").is_dir() else b"")

    monkeypatch.setattr(os, "fsync", fsync)
    if command == "suggest":
        code, out = invoke_cli("suggest", "--code", "experience.positive", "--add", "useful")
    else:
        tags = project / "highlights.csv"
        tags.write_text("id,document,tag,content\n1,p01,Mood,It is really useful too.\n")
        code, out = invoke_cli("import", "taguette", str(tags))
    assert code == 0, out
    assert synced
    if Path("/proc").is_dir():
        assert path.read_bytes() in synced
