"""Output files: written again only with --force and then with what they held kept beside them;
written with the user's normal permissions (the store stays private)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from docx import Document

from lernet_cli.output.files import backup_name, kept_backups, write_output

from .conftest import coded_with, file_mode, invoke_cli
from .test_manual import word_with_comments

GOOD = "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed. We vertrouwen elkaar niet.\n"


@pytest.fixture
def coded(project: Path) -> Path:
    return coded_with(project, GOOD)


@pytest.fixture
def umask_022() -> object:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _backups(folder: Path, stem: str) -> list[Path]:
    return sorted(folder.glob(f"{stem} (backup *"))


def test_write_output_keeps_the_previous_file_and_never_overwrites_a_backup(
    tmp_path: Path,
) -> None:
    out = tmp_path / "rapport.md"
    out.write_bytes(b"mine 1")
    os.utime(out, (1_700_000_000, 1_700_000_000))
    kept_backups()
    write_output(out, b"lernet 1")
    out.write_bytes(b"mine 2")
    os.utime(out, (1_700_000_000, 1_700_000_000))  # the same minute: a second name
    write_output(out, b"lernet 2")
    assert out.read_bytes() == b"lernet 2"
    first = backup_name(out, 1_700_000_000)
    second = backup_name(out, 1_700_000_000, 2)
    assert first.read_bytes() == b"mine 1" and second.read_bytes() == b"mine 2"
    assert first.suffix == ".md" and ":" not in first.name
    assert kept_backups() == [(out, first), (out, second)]
    assert kept_backups() == []


def test_write_output_keeps_nothing_when_nothing_changes(tmp_path: Path) -> None:
    out = tmp_path / "quotes.md"
    write_output(out, b"same")
    write_output(out, b"same")
    assert kept_backups() == [] and _backups(tmp_path, "quotes") == []


def test_a_failed_write_leaves_the_file_and_no_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lernet_cli.errors import ProjectError

    out = tmp_path / "rapport.md"
    out.write_bytes(b"mine")

    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(ProjectError):
        write_output(out, b"new")
    assert out.read_bytes() == b"mine"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.md"]
    assert kept_backups() == []


def test_a_link_is_replaced_and_its_target_kept(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.md"
    target.write_bytes(b"mine")
    out = tmp_path / "rapport.md"
    out.symlink_to(target)
    write_output(out, b"new")
    assert target.read_bytes() == b"mine" and out.read_bytes() == b"new"
    assert kept_backups() == []


def test_report_force_keeps_the_word_users_paragraphs(coded: Path, umask_022: object) -> None:
    code, out = invoke_cli("report", "-o", "rapport.docx")
    assert code == 0, out
    assert "kept the previous" not in out
    doc = Document(str(coded / "rapport.docx"))
    doc.add_paragraph("Mijn eigen alinea.")
    doc.save(str(coded / "rapport.docx"))
    code, out = invoke_cli("report", "-o", "rapport.docx", "--force")
    assert code == 0, out
    (kept,) = _backups(coded, "rapport")
    assert kept.suffix == ".docx"
    assert "Mijn eigen alinea." in [p.text for p in Document(str(kept)).paragraphs]
    assert "Mijn eigen alinea." not in [
        p.text for p in Document(str(coded / "rapport.docx")).paragraphs
    ]
    lines = [x for x in out.splitlines() if "kept the previous" in x]
    assert lines == [f"lernet: kept the previous rapport.docx as {kept.name} beside it"]
    # once more, after another edit: the first backup stays, a second one beside it
    (coded / "rapport.docx").write_bytes(b"edited again")
    code, out = invoke_cli("report", "-o", "rapport.docx", "--force")
    assert code == 0, out
    assert len(_backups(coded, "rapport")) == 2 and kept.exists()


@pytest.mark.parametrize(
    "args",
    [
        ("quotes", "--theme", "trust", "-o", "OUT.md", "--force"),
        ("tally", "-o", "OUT.csv", "--force"),
        ("export", "csv", "OUT.csv", "--force"),
        ("export", "qdpx", "OUT.qdpx", "--force"),
        ("export", "qdc", "OUT.qdc", "--force"),
        ("report", "-o", "OUT.md", "--force"),
    ],
)
def test_every_force_keeps_the_previous_file(coded: Path, args: tuple[str, ...]) -> None:
    name = next(a for a in args if a.startswith("OUT"))
    (coded / name).write_bytes(b"the researcher's own file")
    code, out = invoke_cli(*args)
    assert code == 0, out
    (kept,) = _backups(coded, "OUT")
    assert kept.read_bytes() == b"the researcher's own file"
    assert f"kept the previous {name} as {kept.name}" in out


def test_codebook_import_force_keeps_the_codebook(coded: Path) -> None:
    code, out = invoke_cli("export", "qdc", "book.qdc")
    assert code == 0, out
    (coded / "book.yaml").write_text("# mine\n", encoding="utf-8")
    code, out = invoke_cli("codebook", "import", "book.qdc", "-o", "book.yaml", "--force")
    assert code == 0, out
    (kept,) = _backups(coded, "book")
    assert kept.read_text(encoding="utf-8") == "# mine\n"
    assert "kept the previous book.yaml" in out


def test_outputs_have_the_users_permissions_the_store_stays_private(
    coded: Path, umask_022: object
) -> None:
    for args in (
        ("report", "-o", "rapport.docx"),
        ("report", "-o", "rapport.md"),
        ("quotes", "--theme", "trust", "-o", "q.md"),
        ("export", "csv", "c.csv"),
        ("export", "qdpx", "c.qdpx"),
        ("matrix", "-o", "m.docx"),
    ):
        code, out = invoke_cli(*args)
        name = next(a for a in args if "." in a)
        assert code == 0, out
        assert file_mode(coded / name) == 0o644, name
    charts = list((coded / "rapport_files").glob("*.png"))
    assert charts and all(file_mode(p) == 0o644 for p in charts)
    assert file_mode(coded / "rapport_files") == 0o755
    assert file_mode(coded / ".lernet" / "lernet.db") == 0o600


def test_without_force_nothing_is_written_and_nothing_kept(coded: Path) -> None:
    (coded / "rapport.md").write_bytes(b"mine")
    code, out = invoke_cli("report", "-o", "rapport.md")
    assert code != 0 and "already exists" in out and len(out.strip().splitlines()) == 1
    assert (coded / "rapport.md").read_bytes() == b"mine"
    assert _backups(coded, "rapport") == []


@pytest.fixture
def named(project: Path) -> Path:
    """A coded transcript that names a listed person, with a comment kept as a memo."""
    (project / "participants.yaml").write_text(
        "participants:\n  - id: good\n    names: [Jan Pietersen]\n", encoding="utf-8"
    )
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("participants: participants.yaml\n")
    word_with_comments(
        project / "good.docx",
        [("Jan Pietersen zei: we kennen elkaar nog niet goed.", "nakijken met Jan", "Eva")],
    )
    code, out = invoke_cli("code", "good.docx")
    assert code == 0, out
    return project


@pytest.mark.parametrize(
    ("first", "again"),
    [
        (("export", "csv", "OUT.csv", "--no-anonymize"), ("export", "csv", "OUT.csv", "--force")),
        (
            ("export", "qdpx", "OUT.qdpx", "--no-anonymize"),
            ("export", "qdpx", "OUT.qdpx", "--force"),
        ),
        (("memos", "-o", "OUT.csv", "--no-anonymize"), ("export", "csv", "OUT.csv", "--force")),
        (("report", "-o", "OUT.docx", "--no-anonymize"), ("report", "-o", "OUT.docx", "--force")),
    ],
)
def test_a_not_anonymized_file_replaced_is_kept_private_and_said(
    named: Path, umask_022: object, first: tuple[str, ...], again: tuple[str, ...]
) -> None:
    """--force over a file written with --no-anonymize: its backup is readable by the user
    alone and the line says what it is (qa18 #8); a backup of an anonymized one is as before."""
    coded = named
    code, out = invoke_cli(*first)
    assert code == 0, out
    code, out = invoke_cli(*again)
    assert code == 0, out
    (kept,) = _backups(coded, "OUT")
    assert file_mode(kept) == 0o600
    assert f"kept the previous {again[2]}, written NOT anonymized, as {kept.name}" in out
    assert file_mode(coded / again[2]) == 0o644
    kept.unlink()
    (coded / again[2]).write_bytes(b"the researcher's own file")
    code, out = invoke_cli(*again)
    (kept,) = _backups(coded, "OUT")
    assert file_mode(kept) == 0o644 and "NOT anonymized" not in out


def test_an_edited_report_is_known_by_its_mark(named: Path, umask_022: object) -> None:
    coded = named
    code, out = invoke_cli("report", "-o", "r.md", "--no-anonymize")
    assert code == 0, out
    with (coded / "r.md").open("a", encoding="utf-8") as fh:
        fh.write("\nMijn eigen alinea.\n")
    code, out = invoke_cli("report", "-o", "r.md", "--force")
    assert code == 0, out
    (kept,) = _backups(coded, "r")
    assert file_mode(kept) == 0o600 and "written NOT anonymized" in out


@pytest.mark.parametrize(
    ("args", "target", "what"),
    [
        (("tally", "-f", "csv"), "codebook.yaml", "this project's codebook"),
        (("tally", "-f", "json"), "lernet.yaml", "a lernet project's settings (lernet.yaml)"),
        (("quotes",), "good.txt", "a transcript this project codes"),
        (("export", "csv"), "participants.csv", "this project's participants file"),
        (("codebook", "show", "-f", "md"), "codebook.yaml", "a file this command reads"),
        (("speakers", "good.txt", "-f", "csv"), "good.txt", "a file this command reads"),
        (
            ("codebook", "eval", "-f", "json"),
            ".lernet/lernet.db",
            "a file of a lernet project's store folder (.lernet)",
        ),
    ],
)
def test_no_output_over_the_projects_own_files_even_with_force(
    coded: Path, args: tuple[str, ...], target: str, what: str
) -> None:
    """`-o codebook.yaml --force` (a slip of the tab key) wrote a CSV over the codebook and
    broke every later command; over a transcript it left the interview's text only in a backup
    that `lernet code` would read as another interview."""
    (coded / "participants.csv").write_text("id,group\ngood,a\n", encoding="utf-8")
    path = coded / target
    before = path.read_bytes()
    options = ("-o",) if args[0] != "export" else ()
    code, out = invoke_cli(*args, *options, target, "--force")
    assert code == 2, out
    assert f"{target}: is {what}; lernet writes no output over it, not even with --force" in out
    assert path.read_bytes() == before
    assert not _backups(path.parent, path.stem)
    code, out = invoke_cli("tally", "-o", "tally.csv")  # the next command may write where it likes
    assert code == 0, out


@pytest.mark.parametrize(
    ("args", "name", "why"),
    [
        (("tally", "-o"), "CON.csv", "CON is a name Windows keeps for a device"),
        (("codings", "-o"), "Aux.codings.csv", "AUX is a name Windows keeps for a device"),
        (("report", "-o"), "nul.docx", "NUL is a name Windows keeps for a device"),
        (("export", "qdpx"), "com1.qdpx", "COM1 is a name Windows keeps for a device"),
    ],
)
def test_a_name_windows_cannot_hold_is_refused(
    coded: Path, args: tuple[str, ...], name: str, why: str
) -> None:
    """`aux.csv` written on Linux or a Mac into a folder synced with Windows is the device AUX
    there: the colleague never gets the file."""
    code, out = invoke_cli(*args, name)
    assert code == 2, out
    assert f"{name}: {why}" in out and "name it otherwise" in out
    assert not (coded / name).exists()


def test_write_output_refuses_a_trailing_dot(tmp_path: Path) -> None:
    from lernet_cli.errors import UsageError

    with pytest.raises(UsageError, match="Windows drops a dot or space at the end of a name"):
        write_output(tmp_path / "tally.", b"x")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not Path("/dev/null").is_char_device(), reason="no /dev/null here")
def test_a_device_or_a_link_to_one_is_never_replaced_even_with_force(coded: Path) -> None:
    """`-o /dev/null --force` run as root replaced /dev/null with a regular file (the file
    written beside it was renamed into place); `-o /dev/stdout` replaced the link. Tested
    through a link of our own, which the same rename replaced."""
    link = coded / "null.csv"
    link.symlink_to("/dev/null")
    for force in ((), ("--force",)):
        code, out = invoke_cli("tally", "-f", "csv", "-o", str(link), *force)
        assert code == 2, out
        assert (
            "null.csv: is a link to /dev/null, a device, not a regular file; lernet writes "
            "output only into a regular file"
        ) in out
        assert link.is_symlink()
    if hasattr(os, "mkfifo"):
        os.mkfifo(coded / "pipe")
        (coded / "pipe.csv").symlink_to(coded / "pipe")
        code, out = invoke_cli("tally", "-f", "csv", "-o", "pipe.csv", "--force")
        assert code == 2 and "a named pipe (FIFO), not a regular file" in out, out
        assert (coded / "pipe.csv").is_symlink()
    assert [p.name for p in coded.iterdir() if p.name.startswith(".lernet-")] == []


@pytest.mark.parametrize(
    "args",
    [
        ("tally", "-o", "{}/tally.csv"),
        ("report", "-o", "{}/rapport.docx"),
        ("export", "qdpx", "{}/x.qdpx"),
    ],
)
def test_a_folder_that_is_not_there_is_said_before_the_work(
    coded: Path, args: tuple[str, ...]
) -> None:
    (coded / "notes.txt").write_text("a file", encoding="utf-8")
    for folder, why in (
        ("verslag", "there is no folder verslag"),
        ("notes.txt", "notes.txt is a file, not a folder"),
    ):
        target = args[-1].format(folder)
        code, out = invoke_cli(*args[:-1], target)
        assert code == 3, out
        assert out.strip().endswith(f"{target}: cannot write: {why}"), out
    assert not (coded / "verslag").exists()


def test_a_file_open_in_excel_is_said_so_and_left_as_it_was(
    coded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows a CSV open in Excel cannot be replaced: `Permission denied` alone sent the
    researcher looking at folder permissions."""
    out = coded / "tally.csv"
    out.write_bytes(b"open in Excel")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    code, said = invoke_cli("tally", "-o", "tally.csv", "--force")
    assert code == 3, said
    assert said.strip().splitlines()[-1] == (
        "lernet: error: tally.csv: cannot write: Permission denied; is it open in another "
        "program, such as Excel or Word? Close it there and run this again"
    )
    assert out.read_bytes() == b"open in Excel"
    assert _backups(coded, "tally") == []
    assert [p.name for p in coded.iterdir() if p.name.startswith(".lernet-")] == []


def test_write_output_where_python_has_no_fchmod(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Python before 3.13 on Windows has no os.fchmod: every output file ended in a traceback."""
    monkeypatch.delattr(os, "fchmod")
    out = tmp_path / "tally.csv"
    write_output(out, b"id;label\n")
    assert out.read_bytes() == b"id;label\n"


def test_a_file_where_a_markdown_reports_charts_go_is_said_so(tmp_path: Path) -> None:
    """`report -o r.md` beside a file `r_files` said only `r_files: cannot write: File exists`."""
    from lernet_cli.errors import ProjectError
    from lernet_cli.output.files import output_folder

    (tmp_path / "r_files").write_text("mine", encoding="utf-8")
    with pytest.raises(ProjectError, match="is a file where the report's charts go into a folder"):
        output_folder(tmp_path / "r_files")
    assert (tmp_path / "r_files").read_text(encoding="utf-8") == "mine"
