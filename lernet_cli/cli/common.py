"""What every command shares: the Typer apps, common options, opening a project, and turning
lernet's errors into one-line exits."""

from __future__ import annotations

import contextlib
import errno
import functools
import io
import shlex
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import click
import typer
from typer.core import TyperGroup

from .. import __version__
from ..errors import LernetError, ProjectError, StoreError, UsageError, printable, safe_text
from ..language.plural import counted

if TYPE_CHECKING:
    from ..analysis.scope import FileScope
    from ..codebook.codebook import Codebook
    from ..project.participants import Participants
    from ..project.project import Project
    from ..store.store import Store


def usage_line(exc: click.ClickException, args: list[str]) -> str:
    """A mistyped command line as one line: what is wrong, in the option's own words, with the
    option meant when it is close, and where the help is (click's box says it in several)."""
    ctx = getattr(exc, "ctx", None)
    where = ctx.command_path if ctx is not None else "lernet"
    help_hint = f"; see {where} -h"
    # the line starts "lernet: error: " already; a subcommand's path says which one
    head = f"{where}: " if ctx is not None and ctx.parent is not None else ""
    if isinstance(exc, click.NoSuchOption):
        given = exc.option_name
        known = _option_names(ctx)
        meant = _meant_option(given, args, known)
        if meant:
            return f"{head}no option {meant[0]} (did you mean {meant[1]}?){help_hint}"
        out = _out_argument(ctx) if given in OUTPUT_OPTIONS else None
        if out:
            return f"{head}no option {given}: name the file to write without it ({where} {out})"
        return f"{head}no option {given}{help_hint}"
    if isinstance(exc, click.BadOptionUsage) and "requires an argument" in exc.message:
        return f"{head}{exc.option_name} needs a value{help_hint}"
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        name = _param_name(exc.param)
        kind = "argument" if isinstance(exc.param, click.Argument) else "option"
        return f"{head}the {kind} {name} is needed{help_hint}"
    if isinstance(exc, click.BadParameter) and exc.param is not None:
        return f"{head}{_bad_value(exc)}{help_hint}"
    message = exc.format_message().rstrip(".")
    if ctx is not None and message.startswith("No such command"):
        import difflib

        group = ctx.command
        names = list(getattr(group, "commands", {}))
        given = message.split("'")[1] if "'" in message else ""
        close = difflib.get_close_matches(given, names, n=1, cutoff=0.6)
        near = f" (did you mean {close[0]!r}?)" if close else ""
        return f"{head}no command {given!r}{near}{help_hint}"
    return f"{head}{message[:1].lower()}{message[1:]}{help_hint}"


OUTPUT_OPTIONS = {"-o", "--output", "--out"}
"""How `report`, `cases` and `agree` name the file they write: typed to a command that takes the
file as its argument (`export csv OUT`) out of habit."""


def _out_argument(ctx: click.Context | None) -> str | None:
    """The argument that names the file a command writes (`OUT`), or None."""
    if ctx is None:
        return None
    params = ctx.command.params
    return next(
        (_param_name(p) for p in params if isinstance(p, click.Argument) and p.name == "out"), None
    )


def _param_name(param: click.Parameter) -> str:
    if isinstance(param, click.Argument):
        return (param.name or "").upper()
    longs = [o for o in param.opts if o.startswith("--")]
    return (longs or param.opts or [param.name or "?"])[0]


def _option_names(ctx: click.Context | None) -> list[str]:
    if ctx is None:
        return []
    return [o for p in ctx.command.params for o in (*p.opts, *p.secondary_opts) if o[:1] == "-"]


def _meant_option(given: str, args: list[str], known: list[str]) -> tuple[str, str] | None:
    """(what was typed, the option meant): `-by` for `--by` (click reads it as `-b -y` and
    names only `-b`), or an option spelled close to one the command has."""
    import difflib

    longs = [o for o in known if o.startswith("--")]
    for arg in args:
        typed = arg.split("=", 1)[0]
        short = typed.startswith("-") and not typed.startswith("--") and len(typed) > 2
        if short and given in {typed, typed[:2]} and "-" + typed in longs:
            return typed, "-" + typed
    close = difflib.get_close_matches(given, longs, n=1, cutoff=0.6)
    return (given, close[0]) if close else None


def _bad_value(exc: click.BadParameter) -> str:
    """ "--limit needs a whole number (got 'twee')"; "--quotes needs a whole number of at least
    0 (got -1)"; else the option and click's reason."""
    import re

    param = exc.param
    assert param is not None
    name = _param_name(param)
    kind = param.type
    message = exc.message.rstrip(".")
    got = re.match(r"^(.*?) is not (?:a valid|in the range)", message)
    value = got.group(1) if got else None
    if isinstance(kind, click.types.IntParamType | click.types.FloatParamType):
        what = "a whole number" if isinstance(kind, click.types.IntParamType) else "a number"
        low = getattr(kind, "min", None)
        high = getattr(kind, "max", None)
        if low is not None and high is not None:
            what += f" from {low} to {high}"
        elif low is not None:
            what += f" of at least {low}"
        elif high is not None:
            what += f" of at most {high}"
        return f"{name} needs {what}" + (f" (got {value})" if value else "")
    if isinstance(kind, click.Choice):
        choices = ", ".join(str(c) for c in kind.choices)
        return f"{name} is one of {choices}" + (f" (got {value})" if value else "")
    return f"{name}: {message}"


class LernetGroup(TyperGroup):
    """The root command: a mistyped command line is one line on stderr and exit code 2."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        given = list(sys.argv[1:] if args is None else args)
        shown = sys.modules.get("rich.console")  # typer's help draws with rich
        if shown is not None:
            shown.Console.on_broken_pipe = _rich_reader_gone
        with _closed_output_ends_well():
            try:
                rv = super().main(given, prog_name, complete_var, False, **extra)
                sys.stdout.flush()  # here, not at exit, where a reader gone would be an error
            except click.ClickException as exc:
                if type(exc).__name__ == "NoArgsIsHelpError":  # `lernet` alone: its help
                    if exc.message.strip():
                        exc.show()
                else:
                    _err(f"lernet: error: {usage_line(exc, given)}")
                sys.exit(exc.exit_code)
            except click.Abort:
                _err("lernet: aborted")
                sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)

    # both before click's own handler, which ends a closed pipe with exit code 1
    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        with _closed_output_ends_well():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        with _closed_output_ends_well():
            return super().invoke(ctx)


def _rich_reader_gone(self: Any) -> None:
    """rich's own handler of a closed pipe ends the program with exit code 1."""
    self.quiet = True
    raise BrokenPipeError(errno.EPIPE, "standard output was closed")


@contextlib.contextmanager
def _closed_output_ends_well() -> Iterator[None]:
    """A reader of standard output that is gone (`lernet codings | head`) wanted no more: the
    command ends quietly with 0. A broken pipe elsewhere (a worker's) is no reason to end well."""
    try:
        yield
    except BrokenPipeError:
        if not _stdout_gone():
            raise
        _output_closed()
        sys.exit(0)
    except OSError as exc:
        if exc.errno not in OUTPUT_FULL:
            raise
        # every file lernet writes itself says its own error: this is standard output's
        _err(f"lernet: error: cannot write standard output: {exc.strerror}")
        _output_closed()  # what is still buffered goes nowhere, not into a second error at exit
        sys.exit(ProjectError.exit_code)


OUTPUT_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
"""A redirected standard output that cannot take more (`lernet tally > /dev/full`, a full disk
or quota): one line and exit code 3, as `--output` on a full disk, rather than a traceback."""


def _stdout_gone() -> bool:
    """Whether standard output is a pipe whose reader is gone (poll says POLLERR); where poll
    cannot tell (Windows), a broken pipe is taken to be standard output's."""
    import select

    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError, io.UnsupportedOperation):
        return False
    if not hasattr(select, "poll"):
        return True
    poller = select.poll()
    poller.register(fd, select.POLLOUT)
    return any(event & select.POLLERR for _, event in poller.poll(0))


def _output_closed() -> None:
    """The reader of standard output is gone (`lernet codings | head`): it wanted no more, so
    the command ends quietly with 0, as `head`'s users expect; what is still buffered goes
    nowhere rather than raising again when Python flushes at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


app = typer.Typer(
    cls=LernetGroup,
    name="lernet",
    help="Code interview transcripts; count interviewees; quote them anonymously.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)
codebook_app = typer.Typer(
    help="Check, test and show a codebook.", no_args_is_help=True, add_completion=False
)
app.add_typer(codebook_app, name="codebook")
export_app = typer.Typer(
    help="Write the project for other tools: REFI-QDA (.qdpx, .qdc), CSV, or the codebook for "
    "Taguette.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(export_app, name="export")
import_app = typer.Typer(
    help="Another tool's work: a REFI-QDA archive as a project (or into one), Taguette's "
    "highlights onto this project's transcripts.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(import_app, name="import")
coders_app = typer.Typer(
    help="The names people coded under, and which of them are one person.",
    add_completion=False,
)
app.add_typer(coders_app, name="coders")

F = TypeVar("F", bound=Callable[..., Any])

ForceOpt = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Overwrite OUT if it exists; the old file is kept beside it as "
        "'NAME (backup DATE TIME).EXT'.",
    ),
]
ForceOutputOpt = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Overwrite the --output file if it exists; the old file is kept beside it as "
        "'NAME (backup DATE TIME).EXT'.",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file instead of the screen, in the format --format names or else "
        "the one its extension says (.md, .csv, .json, .txt); an existing file only with --force.",
        show_default=False,
    ),
]
SAID = "names, organisations, phone numbers, e-mail and street addresses"
"""What anonymized outputs hide in what was said, and `--no-anonymize` shows."""


def no_anonymize_opt(shows: str) -> Any:
    """The `--no-anonymize` option of a command, its help saying what it then shows."""
    return typer.Option("--no-anonymize", help=f"Do not anonymize: show {shows} as they are.")


ProjectOpt = Annotated[
    Path | None,
    typer.Option(
        "--project", help="Project folder (default: search upward from here).", show_default=False
    ),
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table, md, csv or json.")]
DelimiterOpt = Annotated[
    str,
    typer.Option(
        "--delimiter",
        help="CSV: auto (';' and decimal commas in a Dutch project, as Dutch and Belgian Excel "
        "expect; ',' in an English one), ',', ';' or tab.",
    ),
]
LimitOpt = Annotated[
    int | None,
    typer.Option(
        "--limit",
        help="With --candidates: at most this many per code (default: 3 per ten interviews).",
    ),
]
CoderOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--coder", help="Count only this coder's codings (repeat for several; auto = the rules)."
    ),
]
FileOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--file",
        help="Only the transcripts in this folder or matching this pattern, as stored in the "
        "project (e.g. 'Golf 1*' or '*ronde 2*'; * and ? as in the shell, any case); repeat for "
        "several.",
        show_default=False,
    ),
]
ReviewedOpt = Annotated[
    bool,
    typer.Option(
        "--reviewed", help="Count only codings a person made or accepted (not pending auto codes)."
    ),
]
LanguageOpt = Annotated[
    str | None,
    typer.Option(
        "--language",
        help="nl or en: this output's language (headings, code labels, placeholders, CSV "
        "delimiter; the participants file's groups and labels where it words them per "
        "language), whatever lernet.yaml says. Changes nothing else.",
        show_default=False,
    ),
]
TidyOpt = Annotated[
    bool,
    typer.Option(
        "--tidy",
        help="Leave fillers (um, uh, erm, eh, ehm; euh; 'you know', 'weet je' between commas) and "
        "words said twice in a row ('the the') out of the quotes; default: verbatim.",
    ),
]


def _err(message: str) -> None:
    sys.stderr.write(safe_text(message.rstrip("\n")) + "\n")


NOTHING_WRITTEN = "nothing was written and the store is as it was"
"""What Ctrl-C leaves after a command that reads the store and writes at most one file at the
end (files are written whole or not at all: output/files.py)."""
AGAIN = "run the same command again to be sure it is done"
INTERRUPTED = {
    "code": "what was finished is stored; run the same `lernet code` again to finish (what is "
    "done is not done again)",
    "merge": "a merge is one transaction: it is in the store whole or not at all "
    "(`lernet coders` shows which)",
    "remove": "a removal is one transaction: the transcripts are all removed or all still "
    "stored (`lernet tally` shows which)",
    "restore": "run `lernet restore` again to be sure the backup is in place",
    "backup": "run `lernet backup` again for a complete backup",
    **{
        name: AGAIN
        for name in (
            "init",
            "import_qdpx_cmd",
            "codebook_import",
            "codebook_renamed",
            "codebook_removed",
            "coders_same",
            "coders_apart",
            "speakers",
            "suggest",
        )
    },
}
"""What Ctrl-C leaves after the commands that change the store or the project, by their
function's name (`lernet code` and `lernet review` say it themselves); the others only read
the store."""


def _say_waiting(path: Path) -> None:
    _err(f"lernet: waiting for the store ({_shown(path)} is open in another program)…")


def _say_upgraded(path: Path, before: int, after: int, kept: Path | None) -> None:
    where = (
        f"; the store as it was is in {_shown(kept)} (an older lernet opens that one)"
        if kept is not None
        else ""
    )
    _err(
        f"lernet: note: {_shown(path)} was made by an older lernet: brought up to date "
        f"(store version {before} -> {after}), once{where}"
    )


def _shown(path: Path) -> Path:
    """`path` from the current folder where it lies under it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):
        return path


def handle_errors(func: F) -> F:
    """Turn the user's mistakes into one line on stderr and a distinct exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ..store import store, transactions

        transactions.waiting_notice = _say_waiting
        store.upgrade_notice = _say_upgraded
        transactions._noticed.clear()
        from .. import userfiles

        userfiles.READ.clear()  # another command's, in the same process
        if "lernet_cli.output.files" in sys.modules:
            sys.modules["lernet_cli.output.files"].project_files(())
        try:
            return func(*args, **kwargs)
        except LernetError as exc:
            _say_kept()
            _err(f"lernet: error: {exc}")
            for more in exc.also:
                _err(f"lernet: error: {more}")
            raise typer.Exit(exc.exit_code) from None
        except sqlite3.DatabaseError as exc:
            _say_kept()
            from ..store.store import _explain

            _err(f"lernet: error: {_explain(exc)}")
            raise typer.Exit(StoreError.exit_code) from None
        except KeyboardInterrupt:
            _say_kept()
            _err(f"lernet: interrupted; {INTERRUPTED.get(func.__name__, NOTHING_WRITTEN)}")
            raise typer.Exit(130) from None
        finally:
            _say_kept()

    return wrapper  # type: ignore[return-value]


def _say_kept() -> None:
    """One line per file a command wrote over with --force: where what it held is kept."""
    if "lernet_cli.output.files" not in sys.modules:
        return  # nothing was written
    from ..output.files import is_not_anonymized, kept_backups

    for out, backup in kept_backups():
        if is_not_anonymized(backup):
            _err(
                f"lernet: kept the previous {out.name}, written NOT anonymized, as {backup.name} "
                "beside it, readable by you alone (delete it when you do not need it)"
            )
        else:
            _err(f"lernet: kept the previous {out.name} as {backup.name} beside it")


class Interrupts:
    """Notes a Ctrl-C at a prompt, which click turns into the same Abort as the end of the
    input: an interrupted review saves what was answered, says so, and ends with exit code 130
    like every interrupted command; one whose piped answers ran out ends with 0."""

    seen = False

    def __enter__(self) -> Interrupts:
        import signal

        def note(signum: int, frame: Any) -> None:
            self.seen = True
            raise KeyboardInterrupt

        self._installed = False
        try:
            self._old = signal.signal(signal.SIGINT, note)
            self._installed = True
        except ValueError:  # not the main thread: Ctrl-C is not ours to see
            pass
        return self

    def __exit__(self, *exc: object) -> None:
        import signal

        if self._installed:
            signal.signal(signal.SIGINT, self._old)

    def exit_if_seen(self) -> None:
        if self.seen:
            raise typer.Exit(130)


def _check_format(value: str, allowed: tuple[str, ...]) -> str:
    value = value.lower()
    if value not in allowed:
        raise UsageError(f"unknown format {value!r}; choose one of: {', '.join(allowed)}")
    return value


FILE_FORMATS = {".docx": "docx", ".md": "md", ".csv": "csv", ".json": "json", ".txt": "text"}
"""The format `--output FILE` writes when --format does not say: by the file's extension."""


def output_format(fmt: str, allowed: tuple[str, ...], output: Path | None, force: bool) -> str:
    """The format a command writes: `--format` checked against `allowed` (the first is the
    screen's: table or text) and, with `--output`, the file checked first (it is kept unless
    --force). Asked for in the screen's format, the file is written in the format its extension
    names; a table is for the screen only."""
    fmt = _check_format(fmt, allowed)
    if output is not None and str(output) == "-":
        raise UsageError("-o - would be a file named '-': leave out -o to write to standard output")
    if output is None:
        if fmt == "docx":
            raise UsageError("--format docx needs --output FILE.docx")
        return fmt
    if fmt == allowed[0]:
        fmt = FILE_FORMATS.get(output.suffix.lower(), "")
        if fmt not in allowed:
            suffixes = [s for s, f in FILE_FORMATS.items() if f in allowed]
            names = " or ".join(
                [", ".join(suffixes[:-1]), suffixes[-1]] if suffixes[1:] else suffixes
            )
            raise UsageError(f"--output writes {names}", output)
    from ..output.files import check_new

    check_new(output, force)
    return fmt


@contextlib.contextmanager
def output_to(output: Path | None, fmt: str, anonymized: bool = True) -> Iterator[None]:
    """Send what the command writes on standard output into `--output`'s file instead, once it
    has all been written (an error leaves no file); a CSV gets a byte-order mark, so that Excel
    reads it as UTF-8. Messages still go to standard error; a command that writes nothing (no
    quotes for that selection) leaves no file. `anonymized=False`: written with --no-anonymize,
    which the line says (`write_output` notes it)."""
    if output is None:
        yield
        return
    import io

    from ..output.files import write_output

    screen, buffer = sys.stdout, io.StringIO()
    sys.stdout = buffer
    try:
        yield
    finally:
        sys.stdout = screen
    text = buffer.getvalue()
    if text:
        data = text.encode("utf-8-sig" if fmt == "csv" else "utf-8")
        write_output(output, data, anonymized=anonymized)
        _err(f"lernet: wrote {output}" + ("" if anonymized else " (NOT anonymized)"))


def _open(
    project_dir: Path | None, language: str | None = None
) -> tuple[Project, Store, Codebook, Participants]:
    """The project, its store, codebook and participants; `language` (`--language`) the
    language this run's output is in, in place of the project's."""
    from ..codebook.codebook import load_codebook
    from ..project.participants import load_participants
    from ..project.project import codebook_file, load_project, participants_file
    from ..store.store import Store

    wanted = _output_language(language)
    project = load_project(project_dir)
    if wanted is not None:
        project.follow_language(wanted, "option")
    codebook = load_codebook(codebook_file(project), with_rules=False, cache=project.cache_dir)
    participants_file(project)  # a moved one: said before the store is opened
    store = Store.open(project.store_path)
    _note_sync_copies(project)
    participants_path = _participants_path(project, store)
    participants = load_participants(participants_path, project.cache_dir, project.language)
    _keep_project_files(project, store, participants_path)
    return project, store, codebook, participants


def _keep_project_files(project: Project, store: Store, participants: Path | None) -> None:
    """The files the project reads, which no output of this command is written over (not even
    with --force): lernet.yaml, the codebook, the participants file, the protocol, the store,
    and every stored transcript."""
    from ..output.files import project_files

    files = [
        (project.config_path, f"this project's settings ({project.config_path.name})"),
        (project.codebook_path, "this project's codebook"),
        *([(participants, "this project's participants file")] if participants else []),
        *([(project.protocol_path, "this project's protocol")] if project.protocol_path else []),
        *(
            (project.store_path.with_name(project.store_path.name + end), "this project's store")
            for end in ("", "-wal", "-shm", "-journal")
        ),
    ]
    files += [
        (project.root / t.path, "a transcript this project codes") for t in store.transcripts()
    ]
    project_files(files)


def _note_sync_copies(project: Project) -> None:
    """One note per copy of the store a sync service made beside it, with the command that
    brings its work in: a reviewer's work on another machine is otherwise silently not counted."""
    from ..store.backup import sync_copies

    for copy in sync_copies(project.store_path):
        shown = shlex.quote(str(_shown(copy)))
        _err(
            f"lernet: note: {printable(_shown(copy))} looks like a copy of the store a sync "
            f"service made when two machines changed it; lernet counts only "
            f"{_shown(project.store_path)}: to take the copy's hand coding and reviews, "
            f"lernet merge {printable(shown)} --reviews, then move the copy out of "
            f"{_shown(project.store_path.parent)}/"
        )


def _output_language(language: str | None) -> str | None:
    """nl or en for `--language` (en-GB is en); a usage error for anything else."""
    if language is None:
        return None
    from ..codebook.codebook import language_code

    found = language_code(language)
    if found is None:
        raise UsageError(f"--language must be nl or en, not {language!r}")
    return found


def _say_freshness(project: Project, store: Store, codebook: Codebook) -> None:
    """One warning line when the stored codings are not the codebook's rules as they are now:
    the rules changed since the last `lernet code`, or the codebook has errors."""
    from ..analysis.freshness import freshness

    line = freshness(store, codebook, project.cache_dir).warning(codebook)
    if line:
        _err(f"lernet: warning: {line}")
    from ..coding.interrupted import still_left

    left = still_left(store, project.root)
    if left:
        _err(
            "lernet: warning: the last `lernet code` was interrupted with "
            f"{counted(len(left), 'file')} not coded ({', '.join(Path(p).name for p in left[:3])}"
            f"{' …' if len(left) > 3 else ''}): these counts leave "
            f"{'it' if len(left) == 1 else 'them'} out until `lernet code` codes "
            f"{'it' if len(left) == 1 else 'them'}"
        )
    if project.language_source == "option" and not any(
        project.language in code.labels for code in codebook.walk()
    ):
        said = {"nl": "Dutch", "en": "English"}
        wanted = said.get(project.language, project.language)
        _err(
            f"lernet: note: the codebook has no {wanted} labels: its themes and codes keep the "
            f"names it gives them; the rest of this output is in {wanted}"
        )
    if (
        project.language_source == "lernet.yaml"
        and codebook.language is not None
        and codebook.language != project.language
        # a codebook with labels in both languages (the bundled one) serves either
        and not any(project.language in code.labels for code in codebook.walk())
    ):
        names = {"nl": "Dutch", "en": "English"}
        _err(
            f"lernet: note: {project.config_path} sets language: {project.language}, the "
            f"codebook's language: {codebook.language}: tables, the report and the placeholders "
            f"of hidden names are {names.get(project.language, project.language)} (remove "
            "language: from lernet.yaml to follow the codebook)"
        )


def _participants_path(project: Project, store: Store | None) -> Path | None:
    """lernet.yaml's participants file, else the one `lernet code` found and the store
    remembers, else one in the project's folder or beside the stored transcripts, where
    `lernet code` looks: a file put beside them after coding hides its names in every output
    from then on, without coding again."""
    if project.participants_path is not None:
        from ..project.project import participants_file

        return participants_file(project)
    if store is not None:
        remembered = store.get_meta("participants_path")
        if remembered and (project.root / remembered).is_file():
            return project.root / remembered
    from ..project.participants import find_participants_file

    folders = [project.root]
    if store is not None:
        folders += sorted({(project.root / t.path).parent for t in store.transcripts()})
    return find_participants_file(list(dict.fromkeys(folders)))


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"lernet {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version."
        ),
    ] = None,
) -> None:
    """lernet: qualitative coding of interview transcripts for learning-network research."""


def _scope(store: Store, files: list[str] | None, project: Project) -> FileScope | None:
    """The transcripts `--file` keeps (None: all)."""
    from ..analysis.scope import file_scope

    return file_scope(store, files, project.root, Path.cwd())


def _selection(
    store: Store, coder: list[str] | None, reviewed: bool, scope: FileScope | None = None
) -> dict[str, Any]:
    """Which codings count: by default every coding not rejected (see README, "What counts");
    `scope`: those of the transcripts `--file` keeps."""
    if coder:
        from ..analysis.coders import spelled, unknown_coder

        people = []
        for name in coder:
            person = spelled(store, name)
            if person is None:
                raise UsageError(unknown_coder(store, name))
            people.append(person)
        coder = list(dict.fromkeys(people))
    out: dict[str, Any] = {"coders": coder or None, "reviewed": reviewed}
    if scope is not None:
        out["transcripts"] = scope.ids
    return out


def without_passages(data: dict[str, Any]) -> dict[str, Any]:
    """Agreement JSON without the disagreements' passages (what a participant said stays out of
    a file meant for figures)."""
    for c in data["codes"]:
        for d in [*c["disagreements"], *c.get("own", {}).get("disagreements", [])]:
            d.pop("text", None)
    return data


def _num(value: float | None, percent: bool = False, lang: str = "en") -> str:
    """A figure of a table a person reads: 96.0% / 0.830, in a Dutch one 96,0% / 0,830 (as the
    report writes them); None as "undefined" (niet te bepalen)."""
    from ..output.render import Figure

    if value is None:
        return "niet te bepalen" if lang == "nl" else "undefined"
    text = f"{value * 100:.1f}%" if percent else f"{value:.3f}"
    return Figure(text.replace(".", ",") if lang == "nl" else text)


def _codebook_file(file: Path | None, project_dir: Path | None) -> Path:
    if file is not None:
        return file
    from ..project.project import default_codebook_path, find_project_root, load_project

    if project_dir is not None or find_project_root(Path.cwd()) is not None:
        return load_project(project_dir).codebook_path
    _err(
        "lernet: note: no project here and no codebook named: this is lernet's default codebook "
        "(name a file, or run it in your project's folder)"
    )
    return default_codebook_path()


def main() -> None:
    set_up_streams()
    plain_help_on_a_dumb_terminal()
    app()


def plain_help_on_a_dumb_terminal() -> None:
    """On a dumb terminal (TERM=dumb, a screen reader's console) `--help` is click's plain text
    wrapped to the window: typer draws its boxes 80 columns wide there, whatever the window."""
    import os

    if os.environ.get("TERM", "").lower() in ("dumb", "unknown") and sys.stdout.isatty():
        import typer.core

        if getattr(typer.core, "rich", None) is not None:
            typer.core.rich = None  # type: ignore[assignment]


def set_up_streams() -> None:
    """Standard output and error redirected into a file (`lernet tally -f csv > tally.csv`,
    `2>&1` too) are UTF-8 whatever the console's code page: on Windows Python would write them
    in the ANSI code page, which has no emoji, makes JSON that is not UTF-8, a CSV without its
    byte-order mark, and a file of two encodings with `2>&1`. A console or pipe that is not
    UTF-8 keeps its code page (`| more` shows it), and there a character the code page lacks is
    written plain (`“` as `"`) rather than ending the command with a UnicodeEncodeError."""
    import os
    import stat

    from ..output import render  # noqa: F401  (registers the "lernet-plain" error handler)

    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding.replace("_", "") in {"utf8", "utf8sig"} or not hasattr(stream, "reconfigure"):
            continue
        try:
            into_file = stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
        except (OSError, ValueError, io.UnsupportedOperation):
            into_file = False
        if into_file:
            stream.reconfigure(encoding="utf-8")
        else:
            stream.reconfigure(errors="lernet-plain")


def _delimiter(choice: str, fmt: str, language: str | None) -> str:
    """The CSV delimiter `--delimiter` asks for (checked whatever the format)."""
    from ..output.render import csv_delimiter

    sep = csv_delimiter(choice, language)
    if choice != "auto" and fmt != "csv":
        raise UsageError("--delimiter goes with --format csv")
    return sep


def _write_csv(columns: Any, rows: Any, delimiter: str) -> None:
    from ..output.render import to_csv, write_csv

    write_csv(to_csv(columns, rows, delimiter))
