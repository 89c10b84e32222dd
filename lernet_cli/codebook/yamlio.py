"""A strict YAML loader that remembers line numbers.

Researchers edit these files by hand, so errors must point at a line. PyYAML silently keeps the last
of two equal keys and happily expands alias bombs; this loader refuses both.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import LernetError
from ..language.plural import counted
from ..userfiles import read_regular, write_cache_file

MAX_YAML_BYTES = 5_000_000


class LineDict(dict[Any, Any]):
    """A mapping that knows the line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence that knows the line it starts on and the line of each item."""

    line: int = 0
    item_lines: list[int]

    def line_at(self, index: int) -> int:
        lines = getattr(self, "item_lines", [])
        return lines[index] if 0 <= index < len(lines) else self.line


class _LoadProblem(Exception):
    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.message = message
        self.line = line


@functools.cache
def _strict_loader() -> Any:
    """The loader class, made at its first use: most runs read the parsed tree from the cache
    (`load_yaml`) and never import PyYAML (20-40 ms of a command's start-up)."""
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _StrictLoader(base):
        """libyaml's parser when present (ten times faster), with Python-side checks.

        With `problems` set to a list, the checks that leave a readable tree (a reused anchor,
        a duplicate key) are noted there and loading goes on, so that `lernet codebook check`
        can list every problem at once; otherwise the first one is raised.
        """

        problems: list[tuple[int, str]] | None = None

        def note(self, message: str, line: int) -> None:
            if self.problems is None:
                raise _LoadProblem(message, line)
            self.problems.append((line, message))

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            # A node met twice is an alias: refusing it (None in its place) also defuses
            # "billion laughs" files.
            if node in self.constructed_objects or node in self.recursive_objects:
                self.note(
                    "YAML aliases (*name) are not allowed; this anchor is reused",
                    node.start_mark.line + 1,
                )
                return None
            return super().construct_object(node, deep=deep)

    tags = yaml.resolver.BaseResolver
    _StrictLoader.add_constructor(tags.DEFAULT_MAPPING_TAG, _construct_mapping)
    _StrictLoader.add_constructor(tags.DEFAULT_SEQUENCE_TAG, _construct_sequence)
    return _StrictLoader


def _construct_mapping(loader: Any, node: Any) -> LineDict:
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
            loader.note(
                f"duplicate key {key!r} (first on line {result.key_lines[key]})",
                key_node.start_mark.line + 1,
            )
            continue  # the first one counts
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: Any, node: Any) -> LineList:
    result = LineList(loader.construct_object(item, deep=True) for item in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [item.start_mark.line + 1 for item in node.value]
    return result


def load_yaml(
    path: Path,
    error: type[LernetError],
    text: str | None = None,
    cache: Path | None = None,
    problems: list[tuple[int, str]] | None = None,
) -> Any:
    """Parse a YAML file strictly; raise `error` naming the file and line on any problem.

    With `cache` (a folder), the parsed tree is kept there as JSON under the text's sha256: the
    codebook is read by every command, and parsing its YAML is a fifth of `lernet tally`'s time.
    With `problems` (a list), a duplicate key or a reused anchor is added to it as (line,
    message) instead of raised; syntax errors are still raised.
    """
    if text is None:
        text = read_text_file(path, error)
    if cache is None:
        return _parse(path, error, text, problems)
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    cached = _cache_read(cache, key)
    if cached is not _MISSING:
        return cached
    found: list[tuple[int, str]] = []
    data = _parse(path, error, text, found if problems is not None else None)
    if problems is not None:
        problems.extend(found)
    if not found:  # a tree with problems is not kept: the problems would be lost
        _cache_write(cache, key, data)
    return data


NBSP = "\u00a0"


def word_spaces(text: str) -> list[tuple[int, str]]:
    """(line, message) for each line with a non-breaking space where YAML needs an ordinary one:
    Word puts them after a ':' or ',' (one between two letters or digits, "10 km" in a
    description, is text and left alone)."""
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        at = line.find(NBSP)
        while at >= 0:
            before, after = line[:at].rstrip(NBSP + " "), line[at + 1 :].lstrip(NBSP + " ")
            if not (before[-1:].isalnum() and after[:1].isalnum() and line[at - 1] != " "):
                break
            at = line.find(NBSP, at + 1)
        if at < 0:
            continue
        before = line[:at].rstrip(NBSP + " ")
        where = f"after {before.split()[-1][-20:]!r}" if before.strip() else "in the indentation"
        out.append((n, f"a non-breaking space {where} (Word?): use an ordinary space"))
    return out


def _parse(
    path: Path, error: type[LernetError], text: str, problems: list[tuple[int, str]] | None
) -> Any:
    import yaml

    spaces = word_spaces(text) if NBSP in text else []
    loader = _strict_loader()(text)
    loader.problems = problems
    try:
        data = loader.get_single_data()
    except _LoadProblem as exc:
        raise error(exc.message, path, exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = mark.line + 1 if mark else None
        first = next((s for s in reversed(spaces) if at is None or s[0] <= at), None)
        if first is not None:  # the cause, not what YAML made of it a line later
            raise error(first[1], path, first[0]) from None
        reason = exc.problem or str(exc)
        if "could not find expected ':'" in reason and exc.context_mark is not None:
            mark = exc.context_mark  # the line of the key without its ':', not the next one
        if exc.context_mark is not None and any(key in reason for key in UNCLOSED):
            # Where the quote or list that never closed was opened, not where the file ran out.
            mark = exc.context_mark
            reason = "a quote or a [ list opened on this line is not closed"
        line = mark.line + 1 if mark else None
        if line is not None and "\t" in (text.splitlines()[line - 1 : line] or [""])[0]:
            reason = "a tab on this line: YAML indentation must use spaces"
        elif line is not None and "unknown escape character" in reason:
            reason += _escape_in_double_quotes(text.splitlines()[line - 1 : line])
        elif (
            line is not None
            and "',' or '}'" in reason
            and (said := _colon_in_flow_value(text.splitlines()[line - 1 :]))
        ):
            reason += said
        else:
            reason += next((hint for key, hint in YAML_HINTS.items() if key in reason), "")
        found = hand_mistakes(text)
        breaking = [n for kind, n, _ in found if kind != "quote"]
        if breaking and (line is None or line >= breaking[0]):
            # the mistakes that break YAML, all at once (a parser stops at the first)
            raise _all_at_once(error, path, [(n, m) for _, n, m in found]) from None
        quotes = [(n, m) for kind, n, m in found if kind == "quote" and n != line]
        raise _all_at_once(error, path, [(line, f"invalid YAML: {reason}"), *quotes]) from None
    except yaml.YAMLError as exc:
        raise error(f"invalid YAML: {exc}", path) from None
    finally:
        loader.dispose()
    if spaces and problems is not None:
        problems.extend(spaces)
    return data


MAX_MISTAKES_SHOWN = 10
"""Lines of a YAML file's mistakes told at once; the rest are counted."""


def _all_at_once(
    error: type[LernetError], path: Path, found: list[tuple[int | None, str]]
) -> LernetError:
    """One error per line of `found` (sorted by line, at most MAX_MISTAKES_SHOWN)."""
    found = sorted(found, key=lambda f: f[0] or 0)
    shown = found[:MAX_MISTAKES_SHOWN]
    first = error(shown[0][1], path, shown[0][0])
    rest = [error(m, path, n) for n, m in shown[1:]]
    if len(found) > len(shown):
        rest.append(
            error(f"and {counted(len(found) - len(shown), 'more mistake')} like these", path)
        )
    first.also = tuple(rest)
    return first


_KEY_LINE_RE = re.compile(r"^(?P<indent>[ \t]*(?:-[ \t]+)*)(?P<key>[A-Za-z_][\w-]*):(?:\s|$)")
_BARE_KEY_RE = re.compile(r"^(?P<indent>[ \t]*(?:-[ \t]+)*)(?P<key>[A-Za-z_][\w-]*)[ \t]+\S")
_CURLY_START_RE = re.compile(r"(?:^|[:\[,-])[ \t]*([“”‘’„«»])")


def hand_mistakes(text: str) -> list[tuple[str, int, str]]:
    """(kind, line, message) for the mistakes a hand-edited YAML file shows without being parsed:
    a tab in the indentation ("tab"), a key without its ':' ("colon": `label Geen tijd`, where
    `label:` stands elsewhere in the file at the same depth) and a value opened with a curly
    quote that Word put for a straight one ("quote"). A parser stops at the first of these;
    this finds them all."""
    lines = text.splitlines()
    keys: dict[str, set[int]] = {}
    for line in lines:
        found = _KEY_LINE_RE.match(line)
        if found:
            keys.setdefault(found["key"], set()).add(len(found["indent"].expandtabs(2)))
    out: list[tuple[str, int, str]] = []
    block: int | None = None  # the indentation of a `key: |` block's text, which is no YAML
    for n, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" \t"))
        if block is not None and indent > block:
            continue
        block = None
        if re.search(r":[ \t]*[|>][+-]?[ \t]*(#.*)?$", line):
            block = indent
        if "\t" in line[:indent]:
            out.append(
                ("tab", n, "invalid YAML: a tab on this line: YAML indentation must use spaces")
            )
            continue
        bare = None if _KEY_LINE_RE.match(line) else _BARE_KEY_RE.match(line)
        if bare and len(bare["indent"]) in keys.get(bare["key"], set()):
            out.append(
                (
                    "colon",
                    n,
                    f"invalid YAML: {bare['key']!r} without its ':' (write {bare['key']}: "
                    f"{line[bare.end('key') :].strip()[:30]})",
                )
            )
            continue
        quote = _CURLY_START_RE.search(line)
        if quote and not stripped.startswith(("'", '"')):
            out.append(
                (
                    "quote",
                    n,
                    f"a curly quote {quote[1]} where YAML needs a straight one (Word?): write "
                    "' or \" (or none)",
                )
            )
    return out


_FLOW_VALUE_RE = re.compile(
    r"[{,]\s*(?P<key>[^\s:,{}\[\]'\"][^:,{}\[\]]*):\s+"
    r"(?P<value>[^\s,{}\[\]'\"][^,{}\[\]]*?:\s[^,{}\[\]]*)"
)
"""A key of a {...} mapping whose unquoted value holds ': ' (it runs to the next ',' or '}')."""


def _colon_in_flow_value(lines: list[str]) -> str:
    """The hint for a ':' inside a value of a {...} mapping ({en: RES: regional energy
    strategy, nl: ...}), which PyYAML reports as a missing ',' or '}': the value to put in
    quotes, as written, or the ',' missing between two keys ({en: X nl: Y}). Empty when the
    line (the first of `lines`) has no such value."""
    if not lines:
        return ""
    found = _FLOW_VALUE_RE.search(lines[0])
    if found is None:
        return ""
    key, value = found["key"].strip(), found["value"].strip()
    before = value.split(": ", 1)[0].split()
    keys = {k.strip() for k in re.findall(r"[{,]\s*([^:,{}]+):", lines[0])} | {"en", "nl"}
    if len(before) > 1 and before[-1] in keys:  # {en: X nl: Y}
        return f" (a ',' missing before '{before[-1]}:'?)"
    return f" (a ':' inside a value needs the value in quotes: {key}: \"{value}\")"


_DOUBLE_QUOTED_RE = re.compile(r'^\s*(?:- )?(?P<key>[\w-]+:)\s*"(?P<value>.*)"\s*(?:#.*)?$')
"""A `key: "value"` line (or a list item's), whose value YAML reads with backslash escapes."""


def _escape_in_double_quotes(lines: list[str]) -> str:
    """The hint for a backslash YAML does not know in double quotes (`regex: "\\d+ hours"`):
    a regular expression's backslashes stand as written in single quotes, given as the line
    to write where the line is one `key: "value"`."""
    found = _DOUBLE_QUOTED_RE.match(lines[0]) if lines else None
    if found is None or '"' in found["value"]:
        return " (a backslash in double quotes starts an escape: write the text in single quotes)"
    value = found["value"].replace("'", "''")
    return (
        " (a backslash in double quotes starts an escape: write the text in single quotes, "
        f"{found['key']} '{value}')"
    )


UNCLOSED = ("found unexpected end of stream", "did not find expected ',' or ']'")
YAML_HINTS = {
    "mapping values are not allowed": (
        " (is this line indented like the ones around it? a ':' inside a value needs the "
        "value in quotes)"
    ),
    "could not find expected ':'": " (a line without its ':', or a quote that is not closed?)",
    "did not find expected key": " (is this line indented like the ones around it?)",
    "did not find expected '-' indicator": " (is this list item indented like the others?)",
    "found unexpected end of stream": " (a quote or bracket that is not closed?)",
    "did not find expected ',' or '}'": (
        " (a '}' that is missing, or a ':' inside a value, which needs the value in quotes?)"
    ),
}
"""PyYAML's words for the mistakes people make by hand, with what to look at."""

_MISSING: Any = object()
_CACHE_PREFIX = "yaml-"
_CACHE_KEEP = 8
_CACHE_MAX_BYTES = 20 * MAX_YAML_BYTES


def _encode(value: Any) -> Any:
    """JSON that keeps what LineDict knows; raises TypeError for what JSON cannot hold."""
    if isinstance(value, LineDict):
        entries = []
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError("only text keys are cached")
            entries.append([key, value.key_lines.get(key, value.line), _encode(item)])
        return {"m": value.line, "e": entries}
    if isinstance(value, list):
        lines = getattr(value, "item_lines", None)
        out: dict[str, Any] = {"l": [_encode(item) for item in value]}
        if lines is not None:
            out["n"] = [getattr(value, "line", 0), *lines]
        return out
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise TypeError(f"not cached: {type(value).__name__}")


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "l" in value:
            seq = LineList(_decode(item) for item in value["l"])
            lines = value.get("n") or [0]
            seq.line = lines[0]
            seq.item_lines = list(lines[1:])
            return seq
        result = LineDict()
        result.line = value["m"]
        result.key_lines = {}
        for key, line, item in value["e"]:
            result[key] = _decode(item)
            result.key_lines[key] = line
        return result
    return value


def _cache_read(cache: Path, key: str) -> Any:
    try:
        raw = read_regular(cache / f"{_CACHE_PREFIX}{key}.json", LernetError, _CACHE_MAX_BYTES)
        return _decode(json.loads(raw.decode("utf-8")))
    except (LernetError, ValueError, KeyError, TypeError, IndexError):
        return _MISSING


def _cache_write(cache: Path, key: str, data: Any) -> None:
    """Best effort: a read-only project or an odd value just means no cache."""
    try:
        payload = json.dumps(_encode(data), ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):
        return
    write_cache_file(
        cache, f"{_CACHE_PREFIX}{key}.json", payload, keep=(f"{_CACHE_PREFIX}*.json", _CACHE_KEEP)
    )


def forget_parsed(cache: Path | None) -> None:
    """Delete the kept parses of settings files: those of a participants file hold its names,
    and one of an earlier version of it would keep a withdrawn participant's row after the
    researcher deleted it (the next run parses the files again)."""
    if cache is None or not cache.is_dir():
        return
    for path in cache.glob(f"{_CACHE_PREFIX}*.json"):
        path.unlink(missing_ok=True)


def read_settings_bytes(path: Path, error: type[LernetError]) -> bytes:
    """A settings file's bytes (codebook, participants, lernet.yaml): a regular file of at most
    `MAX_YAML_BYTES`, read without blocking."""
    return read_regular(path, error, MAX_YAML_BYTES, "a settings file")


@dataclass(frozen=True)
class TextForm:
    """How a settings file holds its text: the encoding and byte order mark `read_text_file`
    found, so that lernet writes an edit of the researcher's codebook back the way it came
    (Notepad's "UTF-8 with BOM" and "Unicode" stay so). Line ends are the edit's to keep."""

    encoding: str = "utf-8"
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def line_end(text: str) -> str:
    """The line end a settings file's text uses: its first line's ("\r\n" as Windows' Notepad and
    Excel save, else "\n"), for text lernet writes whole in its place (a dumped YAML has "\n")."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def text_form(data: bytes) -> TextForm:
    """The form of a settings file's bytes as `read_text_file` reads them."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return TextForm(encoding, bom)
    return TextForm()


def read_text_file(path: Path, error: type[LernetError], data: bytes | None = None) -> str:
    """A settings file as text; `data` is its bytes when they were read already."""
    if data is None:
        data = read_settings_bytes(path, error)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        # Saved as "Unicode" (UTF-16, with its byte order mark) by Word or Notepad.
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise error(
                "not UTF-16 text, though it starts like it; save it as UTF-8", path
            ) from None
    if b"\x00" in data:
        raise error("not a text file (binary content)", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error("not UTF-8 text; save it as UTF-8", path, line) from None
