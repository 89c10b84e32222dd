"""Named pipes, sockets, links to devices and file names that are not UTF-8, through the CLI.

A regression here would hang (a pipe never delivers end-of-file) or read /dev/zero until memory
runs out, so every command that meets such a file runs in a forked child with a memory cap, killed
after `TIMEOUT` seconds; the three cases of issue #21 also run as real `lernet` processes.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.errors import TranscriptError, printable
from lernet_cli.readers import read_transcript
from lernet_cli.userfiles import open_regular, read_regular

from .conftest import dump_store
from .test_bad_inputs import GOOD, assert_clean_failure

pytestmark = pytest.mark.skipif(
    not hasattr(os, "mkfifo") or "fork" not in multiprocessing.get_all_start_methods(),
    reason="POSIX special files",
)

runner = CliRunner()
TIMEOUT = 20
MEMORY_CAP = 1 << 30
"""Bytes a child may add to its address space: reading /dev/zero fails fast instead of swapping."""


@dataclass
class Outcome:
    """What `assert_clean_failure` looks at, brought back from the child."""

    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None


def _child(args: list[str], conn: multiprocessing.connection.Connection) -> None:
    try:
        import resource

        with open("/proc/self/statm") as fh:
            used = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (used + MEMORY_CAP, used + MEMORY_CAP))
    except (ImportError, OSError, ValueError):
        pass  # no cap where /proc is missing; the timeout still holds
    result = runner.invoke(app, args)
    exc = result.exception
    kept = exc if isinstance(exc, SystemExit) or exc is None else RuntimeError(repr(exc))
    conn.send(Outcome(result.exit_code, result.stdout, result.stderr, kept))
    conn.close()


def invoke(args: list[str]) -> Outcome:
    """`lernet ARGS` in a forked child (the current folder and imports are shared); a child
    still running after `TIMEOUT` seconds is killed and the test fails."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(args, send))
    child.start()
    send.close()
    try:
        if not receive.poll(TIMEOUT):
            pytest.fail(f"lernet {' '.join(args)} still running after {TIMEOUT} s")
        try:
            return receive.recv()
        except EOFError:
            pytest.fail(f"lernet {' '.join(args)} died (exit {child.join() or child.exitcode})")
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def zero_link(path: Path) -> Path:
    path.symlink_to("/dev/zero")
    return path


KINDS = {
    "fifo": "is a named pipe (FIFO), not a regular file",
    "socket": "is a socket, not a regular file",
    "zero_link": "is a link to /dev/zero, a device, not a regular file",
}


@dataclass
class Special:
    """Makes one kind of special file at a path; `reason` is how lernet describes it."""

    kind: str
    reason: str
    sockets: list[socket.socket]

    def __call__(self, path: Path) -> Path:
        if self.kind == "fifo":
            return fifo(path)
        if self.kind == "zero_link":
            return zero_link(path)
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(str(path))
        self.sockets.append(server)
        return path


@pytest.fixture(params=list(KINDS))
def special(request: pytest.FixtureRequest) -> Iterator[Special]:
    made = Special(request.param, KINDS[request.param], [])
    yield made
    for server in made.sockets:
        server.close()


class Hung(BaseException):
    """Raised by the alarm in the middle of a blocked open; no `except OSError` catches it."""


@pytest.fixture
def no_hang() -> Iterator[None]:
    """For in-process calls: a blocking open of a pipe is interrupted after `TIMEOUT` seconds."""

    def on_alarm(signum: int, frame: object) -> None:
        raise Hung(f"still blocked after {TIMEOUT} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(TIMEOUT)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def coded(project: Path) -> Path:
    (project / "good.txt").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["code", "good.txt"])
    assert result.exit_code == 0, result.stderr
    return project


ROLES: list[tuple[str, str, str, list[str], int]] = [
    # (id, special file name, lernet.yaml line or "", command, exit code)
    ("transcript", "p03.txt", "", ["code", "p03.txt"], 5),
    ("docx", "p03.docx", "", ["code", "p03.docx"], 5),
    ("odt", "p03.odt", "", ["code", "p03.odt"], 5),
    ("srt", "p03.srt", "", ["speakers", "p03.srt"], 5),
    ("codebook", "cb.yaml", "codebook: cb.yaml\n", ["tally"], 4),
    ("codebook_check", "cb.yaml", "", ["codebook", "check", "cb.yaml"], 4),
    ("participants", "people.yaml", "participants: people.yaml\n", ["tally"], 6),
    ("participants_csv", "people.csv", "participants: people.csv\n", ["quotes"], 6),
    ("protocol", "protocol.yaml", "protocol: protocol.yaml\n", ["code", "good.txt"], 3),
    ("qdc", "other.qdc", "", ["codebook", "import", "other.qdc", "-o", "new.yaml"], 4),
    ("qdpx", "other.qdpx", "", ["import", "qdpx", "other.qdpx", "--into", "new"], 3),
    ("backup", "old.db", "", ["restore", "old.db"], 2),
    ("store", ".lernet/lernet.db", "", ["tally"], 7),
]


# A transcript meets every kind of special file; each other role one kind, in turn (fast).
_KIND_LIST = list(KINDS)
_CASES = [
    (kind, *role[1:])
    for i, role in enumerate(ROLES)
    for kind in (_KIND_LIST if role[0] == "transcript" else [_KIND_LIST[i % len(KINDS)]])
]
_IDS = [
    f"{kind}-{role[0]}"
    for i, role in enumerate(ROLES)
    for kind in (_KIND_LIST if role[0] == "transcript" else [_KIND_LIST[i % len(KINDS)]])
]


@pytest.mark.parametrize(
    ("special", "name", "setting", "args", "exit_code"), _CASES, ids=_IDS, indirect=["special"]
)
def test_special_file_is_refused(
    coded: Path,
    special: Special,
    name: str,
    setting: str,
    args: list[str],
    exit_code: int,
) -> None:
    store = coded / ".lernet" / "lernet.db"
    before = dump_store(coded)
    if name == ".lernet/lernet.db":
        store.rename(coded / "kept.db")
    if setting:
        codebook = "" if setting.startswith("codebook:") else "codebook: codebook.yaml\n"
        (coded / "lernet.yaml").write_text(codebook + setting, encoding="utf-8")
    (coded / "good.txt").write_text(GOOD + "R: Nog iets.\n", encoding="utf-8")
    special(coded / name)
    result = invoke(args)
    assert_clean_failure(result, exit_code, Path(name).name, special.reason)
    if name == ".lernet/lernet.db":
        (coded / name).unlink()
        (coded / "kept.db").rename(store)
    assert dump_store(coded) == before
    assert not (coded / "new").exists() and not (coded / "new.yaml").exists()


def test_folder_skips_special_files_with_a_note(project: Path, special: Special) -> None:
    folder = project / "interviews"
    folder.mkdir()
    (folder / "p01.txt").write_text(GOOD, encoding="utf-8")
    special(folder / "p02.txt")
    special(folder / "p03.docx")
    (folder / "p04.txt").symlink_to("gone.txt")
    result = invoke(["code", "interviews"])
    assert result.exit_code == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if line.startswith("lernet: note: skip")]
    assert len(notes) == 3, result.stderr
    assert "interviews/p02.txt: " + special.reason in notes[0], notes
    assert "interviews/p03.docx: " + special.reason in notes[1], notes
    assert "p04.txt: is a link to gone.txt, which does not exist" in notes[2]
    assert "1 new" in result.stderr
    assert b"interviews/p01.txt" in dump_store(project)
    assert b"p02" not in dump_store(project)


def test_folder_says_which_interviews_it_cannot_read(project: Path) -> None:
    """An old .doc or a Pages document among the interviews is named, so it is not missing
    unnoticed; a spreadsheet or a picture is not an interview and is left out quietly."""
    folder = project / "interviews"
    folder.mkdir()
    (folder / "p01.txt").write_text(GOOD, encoding="utf-8")
    (folder / "p07.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "p08.pages").write_bytes(b"PK")
    (folder / "planning.xlsx").write_bytes(b"PK")
    (folder / ".p09.pdf").write_bytes(b"%PDF-1.7")
    result = invoke(["code", "interviews"])
    assert result.exit_code == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if line.startswith("lernet: note: skip")]
    assert notes == [
        "lernet: note: skipped interviews/p07.doc: not read (an old Word file: save it as .docx "
        "in Word)",
        "lernet: note: skipped interviews/p08.pages: not read (export it as .docx)",
    ]
    assert "1 new" in result.stderr


def test_an_unread_file_beside_its_converted_transcript_is_left_out_quietly(
    project: Path,
) -> None:
    """Interview 5.doc saved again as Interview 5.docx, a PDF beside its .txt: the interview is
    read; the old file is not named at every run. A .doc without one still is."""
    from lernet_cli.coding.inputs import gather_inputs

    folder = project / "interviews"
    folder.mkdir()
    (folder / "Interview 5.txt").write_text(GOOD, encoding="utf-8")
    (folder / "Interview 5.DOC").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "Interview 6.txt").write_text(GOOD.replace("goed", "zo goed"), encoding="utf-8")
    (folder / "Interview 6.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "Interview 7.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    found = gather_inputs([folder])
    assert [p.name for p, _ in found.skipped] == ["Interview 7.doc"]
    for args in (["code", "interviews"], ["speakers", "interviews"]):
        result = invoke(args)
        assert result.exit_code == 0, result.stderr
        notes = [x for x in result.stderr.splitlines() if x.startswith("lernet: note: skip")]
        assert notes == [
            "lernet: note: skipped interviews/Interview 7.doc: not read (an old Word file: save "
            "it as .docx in Word)"
        ]


def test_word_s_lock_file_named_on_the_command_line_is_skipped_with_a_note(
    project: Path,
) -> None:
    """`lernet code interviews/*` while a document is open in Word names its ~$ lock file."""
    folder = project / "interviews"
    folder.mkdir()
    (folder / "p01.txt").write_text(GOOD, encoding="utf-8")
    (folder / "~$p02.docx").write_bytes(b"\x05Lotte Peeters" + b"\x00" * 40)
    result = invoke(["code", str(folder / "p01.txt"), str(folder / "~$p02.docx")])
    assert result.exit_code == 0, result.stderr
    assert (
        "lernet: note: skipped " + str(folder / "~$p02.docx") + ": Word's lock file of a document "
        "open in Word, not a transcript"
    ) in result.stderr
    assert "1 new" in result.stderr and "error" not in result.stderr
    alone = invoke(["code", str(folder / "~$p02.docx")])
    assert alone.exit_code == 2 and "no transcripts found" in alone.stderr


@pytest.mark.parametrize(
    ("name", "said"),
    [
        (".DS_Store", "macOS's settings of the folder's view, not a transcript"),
        ("Thumbs.db", "Windows' thumbnails of the folder's pictures, not a transcript"),
        ("desktop.ini", "Windows' settings of the folder, not a transcript"),
        ("._p02.docx", "macOS's copy of a file's details"),
    ],
)
def test_a_system_file_named_on_the_command_line_is_skipped_like_a_lock_file(
    project: Path, name: str, said: str
) -> None:
    """`lernet code interviews/.DS_Store` was "unsupported file type" with exit code 5, where a
    Word lock file is skipped with a note: both are files the system made, never interviews."""
    folder = project / "interviews"
    folder.mkdir()
    (folder / "p01.txt").write_text(GOOD, encoding="utf-8")
    (folder / name).write_bytes(b"\x00\x05\x16\x07Bud1" + b"\x00" * 40)
    result = invoke(["code", str(folder / "p01.txt"), str(folder / name)])
    assert result.exit_code == 0, result.stderr
    assert f"lernet: note: skipped {folder / name}: {said}" in result.stderr
    assert "1 new" in result.stderr and "error" not in result.stderr
    before = dump_store(project)
    alone = invoke(["code", str(folder / name)])
    assert alone.exit_code == 2 and "no transcripts found" in alone.stderr, alone.stderr
    assert dump_store(project) == before
    folder_run = invoke(["code", str(folder)])
    assert folder_run.exit_code == 0 and name not in folder_run.stderr, folder_run.stderr


@pytest.mark.parametrize("command", ["code", "speakers"])
def test_nothing_but_a_lock_file_or_an_empty_folder_is_a_one_line_error(
    project: Path, command: str
) -> None:
    """`lernet speakers ~$….docx` said what it skipped, then failed on an empty list of errors;
    every command that reads transcripts now stops as `lernet code` does."""
    folder = project / "interviews"
    folder.mkdir()
    (folder / "~$p02.docx").write_bytes(b"\x05Lotte Peeters" + b"\x00" * 40)
    (project / "empty").mkdir()
    before = dump_store(project)
    for named in (str(folder / "~$p02.docx"), "empty", "codebook.yaml"):
        result = runner.invoke(app, [command, named])
        assert_clean_failure(result, 2, printable(named), "no transcripts found")
        assert dump_store(project) == before


def test_output_over_a_named_pipe_replaces_it(coded: Path) -> None:
    """--force over a pipe: the output is renamed into place, never written into the pipe."""
    for args in (
        ["export", "csv", "out.csv", "--force"],
        ["codebook", "import", "in.qdc", "-o", "out.yaml", "--force"],
    ):
        out = coded / args[args.index("--force") - 1]
        fifo(out)
        if "in.qdc" in args:
            runner.invoke(app, ["export", "qdc", "in.qdc"])
        result = invoke(args)
        assert result.exit_code == 0, result.stderr
        assert out.is_file() and out.stat().st_size > 0


def _run_lernet(args: list[str | bytes], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "lernet_cli", *args],
        cwd=cwd,
        capture_output=True,
        timeout=TIMEOUT,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
        check=False,
    )


def test_issue_21_commands(coded: Path) -> None:
    """The three commands of the report, as real processes."""
    fifo(coded / "p03_fifo.txt")
    zero_link(coded / "p04_zero.txt")
    odd = os.fsencode(coded) + b"/p05_caf\xe9\xff.txt"
    try:
        with open(odd, "wb") as fh:
            fh.write(b"I: Vraag?\n\nR: Ik deel kennis.\n")
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    before = dump_store(coded)
    cases: list[tuple[bytes, str]] = [
        (b"p03_fifo.txt", "p03_fifo.txt: is a named pipe (FIFO), not a regular file"),
        (b"p04_zero.txt", "p04_zero.txt: is a link to /dev/zero, a device, not a regular file"),
        (b"p05_caf\xe9\xff.txt", "p05_caf\\xe9\\xff.txt: the file name is not valid UTF-8"),
    ]
    for name, message in cases:
        done = _run_lernet(["code", name], coded)
        err = done.stderr.decode("utf-8")
        assert done.returncode == 5, err
        assert "Traceback" not in err
        errors = [line for line in err.splitlines() if line.startswith("lernet: error:")]
        assert len(errors) == 1 and message in errors[0], err
        assert dump_store(coded) == before


# --- file names that are not UTF-8 -----------------------------------------------------------


def _odd_name(folder: Path, name: bytes, data: bytes) -> Path:
    raw = os.fsencode(folder) + b"/" + name
    try:
        with open(raw, "wb") as fh:
            fh.write(data)
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    return Path(os.fsdecode(raw))


def test_odd_name_is_refused_and_nothing_else_breaks(coded: Path) -> None:
    interviews = coded / "interviews"
    interviews.mkdir()
    (interviews / "p01.txt").write_text(GOOD.replace("anderen", "andere leden"), "utf-8")
    _odd_name(interviews, b"p05_caf\xe9\xff.txt", b"I: Vraag?\n\nR: Ik deel kennis.\n")
    result = runner.invoke(app, ["code", "interviews"])
    assert result.exit_code == 5, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("lernet: error:")]
    assert errors == [
        "lernet: error: interviews/p05_caf\\xe9\\xff.txt: the file name is not valid UTF-8 "
        "(bytes shown as \\xNN); rename the file so lernet can store and export its name"
    ]
    assert "1 new" in result.stderr and "1 error" in result.stderr
    for args in (
        ["tally"],
        ["quotes"],
        ["codings", "--format", "json"],
        ["codings", "--format", "csv"],
        ["export", "csv", "out.csv"],
        ["export", "qdpx", "out.qdpx"],
        ["report", "-o", "out.md"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.stderr, result.exception)
    codings = json.loads(runner.invoke(app, ["codings", "--format", "json"]).stdout)
    assert {c["file"] for c in codings} == {"good.txt", "interviews/p01.txt"}


def test_odd_names_are_shown_escaped(project: Path) -> None:
    path = _odd_name(project, b"caf\xe9.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nR: Ja.\n")
    result = runner.invoke(app, ["speakers", str(path.name), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert {row["file"] for row in json.loads(result.stdout)} == {"caf\\xe9.vtt"}
    for fmt in ("csv", "table"):
        result = runner.invoke(app, ["speakers", str(path.name), "--format", fmt])
        assert result.exit_code == 0 and "caf\\xe9.vtt" in result.stdout, result.stderr
    # A codebook file with such a name: its name, shown and exported, is escaped.
    odd_codebook = _odd_name(project, b"cb\xe9.yaml", (project / "codebook.yaml").read_bytes())
    result = runner.invoke(app, ["codebook", "check", str(odd_codebook.name)])
    assert result.exit_code == 0 and result.stdout.startswith("cb\\xe9.yaml: ok"), result.stderr
    result = runner.invoke(app, ["codebook", "import", "missing\udce9.qdc", "-o", "x.yaml"])
    assert_clean_failure(result, 4, "missing\\xe9.qdc", "file not found")


def test_project_in_a_folder_whose_name_is_not_utf8(tmp_path: Path, mini_codebook: Path) -> None:
    """Stored paths are relative to the project, so only printing and exporting meet the name."""
    root = Path(os.fsdecode(os.fsencode(tmp_path) + b"/onderzoek-caf\xe9"))
    try:
        root.mkdir()
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    (root / "codebook.yaml").write_bytes(mini_codebook.read_bytes())
    (root / "lernet.yaml").write_text("codebook: codebook.yaml\n", encoding="utf-8")
    (root / "p01.txt").write_text(GOOD, encoding="utf-8")
    p = ["--project", str(root)]
    for args in (
        ["code", str(root / "p01.txt"), *p],
        ["tally", *p],
        ["export", "qdpx", str(root / "out\udce9.qdpx"), *p],
        ["export", "qdc", str(root / "out.qdc"), *p],
        ["report", "-o", str(root / "rapport caf\udce9.md"), *p],
        ["backup", str(root / "copy.db"), *p],
        ["restore", str(root / "copy.db"), *p],
        ["import", "qdpx", str(root / "out\udce9.qdpx"), "--into", str(root / "imported")],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.stderr, result.exception)
        assert "\udce9" not in result.stderr + result.stdout
    assert "onderzoek-caf\\xe9" in result.stderr
    report = (root / "rapport caf\udce9.md").read_text(encoding="utf-8")
    assert "](rapport%20caf%E9_files/trust.png)" in report
    assert (root / "rapport caf\udce9_files" / "trust.png").is_file()
    with zipfile.ZipFile(root / "out\udce9.qdpx") as zf:
        assert b'name="onderzoek-caf\\xe9"' in zf.read("project.qde")


def test_one_line_message_for_a_name_with_a_newline(project: Path) -> None:
    result = runner.invoke(app, ["code", "two\nlines.txt"])
    assert_clean_failure(result, 5, "two\\nlines.txt", "file not found")


# --- the helper itself --------------------------------------------------------------------------


def test_a_pipe_swapped_in_after_the_check_does_not_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_hang: None
) -> None:
    """The race the stat check cannot see: O_NONBLOCK and a second look on the descriptor."""
    import lernet_cli.userfiles as userfiles

    pipe = fifo(tmp_path / "p.txt")
    monkeypatch.setattr(userfiles, "check_regular", lambda path, error: None)
    with pytest.raises(TranscriptError, match=r"p\.txt: is a named pipe \(FIFO\)"):
        open_regular(pipe, TranscriptError)


def test_reads_stop_at_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(10_000_000_000)  # sparse: 10 GB that take no room and are never read
    with pytest.raises(TranscriptError, match="too large for a transcript"):
        read_regular(big, TranscriptError, 1000, "a transcript")
    import lernet_cli.readers as readers

    docx = tmp_path / "big.docx"
    docx.write_bytes(b"PK" + b"\0" * 5000)
    monkeypatch.setattr(readers, "MAX_PACKAGE_BYTES", 1000)
    with pytest.raises(TranscriptError, match="5,002 bytes; lernet reads at most 1,000"):
        read_transcript(docx)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".vtt", ".srt", ".docx", ".odt"])
def test_every_reader_refuses_a_pipe(tmp_path: Path, suffix: str, no_hang: None) -> None:
    """Each reader's own open, behind read_transcript's check (which the CLI also passes)."""
    import importlib

    from lernet_cli.readers import READERS

    pipe = fifo(tmp_path / f"p{suffix}")
    reader = importlib.import_module(READERS[suffix])
    with pytest.raises(TranscriptError, match="named pipe"):
        reader.read(pipe)


def test_printable() -> None:
    assert printable(os.fsdecode(b"caf\xe9\xff.txt")) == "caf\\xe9\\xff.txt"
    assert printable("caf\u00e9\ttab\n.txt") == "caf\u00e9\\ttab\\n.txt"
