"""A strict YAML loader that remembers line numbers.

Researchers edit these files by hand, so errors must point at a line. PyYAML silently keeps the last
of two equal keys and happily expands alias bombs; this loader refuses both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import LernetError

MAX_YAML_BYTES = 5_000_000


class LineDict(dict[Any, Any]):
    """A mapping that knows the line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_Base):
    """libyaml's parser when present (ten times faster), with Python-side checks."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        # A node met twice is an alias: refusing it also defuses "billion laughs" files.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _LoadProblem(
                "YAML aliases (*name) are not allowed; this anchor is reused",
                node.start_mark.line + 1,
            )
        return super().construct_object(node, deep=deep)


class _LoadProblem(Exception):
    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.message = message
        self.line = line


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise _LoadProblem(
                "a key must be a plain value", key_node.start_mark.line + 1
            ) from None
        if key in result:
            raise _LoadProblem(
                f"duplicate key {key!r} (first on line {result.key_lines[key]})",
                key_node.start_mark.line + 1,
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path, error: type[LernetError], text: str | None = None) -> Any:
    """Parse a YAML file strictly; raise `error` naming the file and line on any problem."""
    if text is None:
        text = read_text_file(path, error)
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except _LoadProblem as exc:
        raise error(exc.message, path, exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        reason = exc.problem or str(exc)
        if line is not None and "\t" in (text.splitlines()[line - 1 : line] or [""])[0]:
            reason = "a tab on this line: YAML indentation must use spaces"
        raise error(f"invalid YAML: {reason}", path, line) from None
    except yaml.YAMLError as exc:
        raise error(f"invalid YAML: {exc}", path) from None


def read_text_file(path: Path, error: type[LernetError]) -> str:
    if not path.exists():
        raise error("file not found", path)
    if path.is_dir():
        raise error("is a folder, not a file", path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", path) from None
    if len(data) > MAX_YAML_BYTES:
        raise error(f"too large for a settings file ({len(data)} bytes)", path)
    if b"\x00" in data:
        raise error("not a text file (binary content)", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error("not UTF-8 text; save it as UTF-8", path, line) from None
