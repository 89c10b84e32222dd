"""Write the command reference into README.md from the CLI's own help (options, arguments, docs).

Run `python tools/cli_reference.py` after changing a command; `--check` exits 1 when the README is
stale (the test suite calls that).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

README = Path(__file__).resolve().parent.parent / "README.md"
START = "<!-- cli-reference:start -->"
END = "<!-- cli-reference:end -->"


def _commands(group: Any, prefix: str) -> list[tuple[str, Any]]:
    """Commands in definition order; typer's click objects are used by duck typing only."""
    out: list[tuple[str, Any]] = []
    for name, cmd in group.commands.items():
        if cmd.hidden:
            continue
        full = f"{prefix} {name}"
        if hasattr(cmd, "commands"):
            if any(p.name != "help" for p in cmd.params):
                out.append((full, cmd))  # a group that does something alone (`lernet coders`)
            out.extend(_commands(cmd, full))
        else:
            out.append((full, cmd))
    return out


def _declared_help(callback: Any, name: str) -> str:
    """An argument's help from its Annotated declaration (older typer keeps it there only)."""
    import inspect
    import typing

    try:
        hints = typing.get_type_hints(inspect.unwrap(callback), include_extras=True)
    except Exception:
        return ""
    for meta in getattr(hints.get(name), "__metadata__", ()):
        text = getattr(meta, "help", None)
        if text:
            return str(text)
    return ""


def _param_line(param: Any, callback: Any = None) -> str:
    if param.param_type_name == "argument":
        name = str(param.name).upper()
        many = "..." if param.nargs == -1 else ""
        optional = "" if param.required else " (optional)"
        help_text = getattr(param, "help", None) or _declared_help(callback, str(param.name))
        return f"- `{name}{many}`{optional}: {help_text}".rstrip(": ")
    names = ", ".join(f"`{o}`" for o in param.opts + param.secondary_opts)
    is_flag = bool(getattr(param, "is_flag", False))
    if not is_flag:
        names += f" `{param.metavar}`" if param.metavar else " `VALUE`"
    extra = []
    if param.multiple:
        extra.append("repeatable")
    default = param.default
    if default not in (None, False, (), []) and not is_flag and param.show_default is not False:
        extra.append(f"default: {default}")
    text = (param.help or "").strip()
    if extra:
        text += f" ({'; '.join(extra)})"
    return f"- {names}: {text}"


def reference() -> str:
    from lernet_cli.cli import app

    root = typer.main.get_command(app)
    lines: list[str] = []
    for name, cmd in _commands(root, "lernet"):
        lines.append(f"### `{name}`")
        lines.append("")
        doc = (cmd.help or "").strip().split("\n\n")[0]
        lines.append(" ".join(doc.split()))
        lines.append("")
        params = [p for p in cmd.params if p.name not in ("help",)]
        for p in params:
            lines.append(_param_line(p, cmd.callback))
        if params:
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render(readme: str) -> str:
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{reference()}{END}{tail}"


def main() -> int:
    text = README.read_text(encoding="utf-8")
    new = render(text)
    if "--check" in sys.argv:
        if new != text:
            print("README.md command reference is stale: run python tools/cli_reference.py")
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
