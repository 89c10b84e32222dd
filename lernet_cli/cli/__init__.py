"""The command line: a module per command group; each parses options, calls the library, renders.

Commands are registered here, in the order `lernet --help` lists them. The `lernet` program
registers (and so imports) only the command it runs: building every command's options from its
signature and importing every module's library code was a third of `lernet tally`'s start-up.
`app` (for tests and tools) has them all.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib import import_module
from typing import Any, cast

__all__ = ["app", "main"]

# (group, its command name, module, function); the group None is `lernet` itself.
_COMMANDS: list[tuple[str | None, str, str, str]] = [
    (None, "init", "project", "init"),
    (None, "code", "code", "code"),
    (None, "speakers", "coding", "speakers"),
    (None, "tally", "tally", "tally"),
    (None, "cases", "cases", "cases"),
    (None, "quotes", "quotes", "quotes"),
    (None, "names", "names", "names"),
    (None, "codings", "coding", "codings"),
    (None, "memos", "coding", "memos"),
    (None, "review", "coding", "review"),
    (None, "matrix", "matrix", "matrix"),
    (None, "phases", "phases", "phases"),
    (None, "report", "report", "report"),
    (None, "agree", "agree", "agree"),
    (None, "merge", "team", "merge"),
    (None, "suggest", "learn", "suggest"),
    (None, "backup", "project", "backup"),
    (None, "restore", "project", "restore"),
    (None, "remove", "project", "remove"),
    ("export", "qdpx", "exchange", "export_qdpx_cmd"),
    ("export", "qdc", "exchange", "export_qdc_cmd"),
    ("export", "csv", "exchange", "export_csv_cmd"),
    ("export", "taguette", "exchange", "export_taguette_cmd"),
    ("import", "qdpx", "exchange", "import_qdpx_cmd"),
    ("import", "taguette", "exchange", "import_taguette_cmd"),
    ("codebook", "import", "codebook", "codebook_import"),
    ("codebook", "check", "codebook", "codebook_check"),
    ("codebook", "test", "codebook", "codebook_test"),
    ("codebook", "eval", "learn", "codebook_eval"),
    ("codebook", "show", "codebook", "codebook_show"),
    ("codebook", "renamed", "codebook", "codebook_renamed"),
    ("codebook", "removed", "codebook", "codebook_removed"),
    ("coders", "same", "team", "coders_same"),
    ("coders", "apart", "team", "coders_apart"),
]
_GROUPS = ("codebook", "export", "import", "coders")
_registered: frozenset[str] | None = frozenset()
"""The top-level names registered so far (None: all)."""


def _function(module: str, name: str) -> Any:
    return cast(Any, getattr(import_module(f"{__name__}.{module}"), name))


def register(names: frozenset[str] | None = None) -> Any:
    """Register the commands under these top-level names (None: every command), in the listed
    order, and return the app."""
    global _registered
    from . import common

    if names == _registered:
        return common.app
    groups = {
        None: common.app,
        "codebook": common.codebook_app,
        "export": common.export_app,
        "import": common.import_app,
        "coders": common.coders_app,
    }
    for group in groups.values():
        group.registered_commands.clear()
    for group_name, name, module, function in _COMMANDS:
        if names is None or (group_name or name) in names:
            groups[group_name].command(name)(_function(module, function))
    if names is None or "coders" in names:
        common.coders_app.callback(invoke_without_command=True)(_function("team", "coders"))
    _registered = names
    return common.app


def wanted(args: Sequence[str]) -> frozenset[str] | None:
    """The top-level command these arguments run (None when that is not plain: help, a global
    option, a misspelt command, which need every command)."""
    if not args or args[0].startswith("-"):
        return None
    first = args[0]
    known = {name for group, name, _, _ in _COMMANDS if group is None} | set(_GROUPS)
    return frozenset({first}) if first in known else None


def shows_help(args: Sequence[str]) -> bool:
    """Whether these arguments show a help text (the only thing typer formats with rich): asked
    for, a command group alone, or `lernet` itself (`wanted` gives None)."""
    if wanted(args) is None or "--help" in args or "-h" in args:
        return True
    return len(args) == 1 and args[0] in _GROUPS and args[0] != "coders"  # it lists the coders


def _typer_without_rich() -> None:
    """Import typer as if rich were absent. Typer imports rich's help panels, Markdown and
    tracebacks at start-up (a third of `lernet tally --format csv`) for the help screens only;
    lernet turns every command-line error into its own one line and prints its tables with rich
    itself, imported where it draws them. A run that shows help imports typer as it is."""
    if "typer" in sys.modules:
        return
    saved = sys.modules.get("rich")
    sys.modules["rich"] = None  # type: ignore[assignment]
    try:
        import typer.main  # noqa: F401
    finally:
        if saved is None:
            del sys.modules["rich"]
        else:
            sys.modules["rich"] = saved


def main() -> None:
    args = sys.argv[1:]
    if not shows_help(args):
        _typer_without_rich()
    from .common import main as run

    register(wanted(args))
    run()


def __getattr__(name: str) -> Any:
    if name == "app":
        return register(None)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
