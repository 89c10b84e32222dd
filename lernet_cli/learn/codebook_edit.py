"""Add match terms to one code of a codebook, changing nothing else in the file.

Researchers lay out and comment their codebooks by hand, so an edit may only touch the lines it is
about. ruamel.yaml's round-trip loader is used only to find where things are; the edit itself is a
small insertion into the text. (Dumping with ruamel would re-indent folded `>` scalars and rewrite
`[{any: [x]}]` as `[any: [x]]`.) Every result is read back and compared with the intended change
before it is returned, so a layout this module does not foresee gives an error, never a broken file.
"""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..codebook.rules import RuleSyntaxError, parse_term
from ..errors import CodebookError

_FAILED = "could not add the terms without changing other parts of the codebook; add them by hand"
# YAML's line breaks: ruamel counts lines and columns with these.
_BREAK_RE = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_BREAKS = "\r\n\x85\u2028\u2029"
_SPACE = " \t" + _BREAKS
# Plain scalars that YAML 1.1 (PyYAML, which lernet reads with) or 1.2 would not read as text.
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"})
_PLAIN_CHARS = frozenset(" _-'.")
_ANY_RULE_KEYS = frozenset({"any", "name", "within", "negation"})
_SEQ_OFFSET = 2

PathStep = str | int


@dataclass
class EditResult:
    """The new text, which terms went in, which were there already, and where they went."""

    text: str
    added: list[str]
    already: list[str]
    where: str


@dataclass
class _Edit:
    """The intended change to the data, which the result must show and nothing more.

    kind "extend": terms appended to the list at `path`; "scalar": the scalar at `path` becomes a
    list with the terms after it; "rule": a new any: rule appended to the match: list at `path`
    (created when missing or empty); "all": the same with a new all: rule.
    """

    kind: str
    path: list[PathStep]
    terms: list[str]
    negated: bool


class _Lines:
    """Line starts and ends of a text, with its line break for new lines."""

    def __init__(self, text: str):
        self.text = text
        breaks = list(_BREAK_RE.finditer(text))
        self.starts = [0] + [m.end() for m in breaks]
        self.ends = [m.start() for m in breaks] + [len(text)]
        self.newline = breaks[0].group() if breaks else "\n"

    def offset(self, line: int, col: int) -> int:
        return min(self.starts[line] + col, self.ends[line])

    def line(self, n: int) -> str:
        return self.text[self.starts[n] : self.ends[n]]

    def insert_after(self, line: int, new: list[str]) -> str:
        """`new` as whole lines after line `line` (-1: before the first line)."""
        if line + 1 < len(self.starts):
            at = self.starts[line + 1]
            block = "".join(x + self.newline for x in new)
            return self.text[:at] + block + self.text[at:]
        return self.text + "".join(self.newline + x for x in new)


PAIR_SEP = "+"
"""`elkaar + kennen`: both words in one sentence, written as a rule `all: [elkaar, kennen]`."""


def add_terms(
    text: str, code_id: str, terms: list[str], negated: bool = False, path: Path | None = None
) -> EditResult:
    """Add match terms to the rule of `code_id` that fits them; return the new text.

    The terms go to the first plain `any:` rule (negated: the first `any:` rule with
    `negation: require`); without one, a new rule is added to `match:`. Terms already in that
    rule are reported and not added twice. A term of words joined by `+` (`elkaar + kennen`)
    becomes a rule of its own, `all: [elkaar, kennen]` (unless the code has that rule already).
    """
    if isinstance(terms, str):
        raise TypeError("terms must be a list of strings")
    pairs = [t for t in terms if isinstance(t, str) and PAIR_SEP in t]
    plain = [t for t in terms if t not in pairs]
    if not pairs:
        return _add_any_terms(text, code_id, plain, negated, path)
    out = EditResult(text, [], [], "")
    wheres: list[str] = []
    if plain:
        out = _add_any_terms(text, code_id, plain, negated, path)
        wheres.append(out.where)
    for pair in pairs:
        one = _add_all_rule(out.text, code_id, pair, negated, path)
        out = EditResult(one.text, out.added + one.added, out.already + one.already, "")
        wheres.append(one.where)
    out.where = "; ".join(dict.fromkeys(w for w in wheres if w))
    return out


def _pair_words(term: str, path: Path | None) -> list[str]:
    words = [" ".join(w.split()) for w in term.split(PAIR_SEP)]
    if len(words) < 2 or not all(words):
        raise CodebookError(
            f"{term!r}: a pair is two or more terms joined by {PAIR_SEP} (elkaar + kennen)", path
        )
    return _clean_terms(words, path)


def _open_code(
    text: str, code_id: str, path: Path | None
) -> tuple[Any, Any, Any, Any, list[Any], int]:
    """The codebook as read (strictly, and for editing) and the code to edit: refused when it is
    unknown or written in flow style, which an edit cannot keep."""
    strict_old = _strict_load(text, path)
    data, root = _load(text, path)
    found = _find_code(data.get("themes") if isinstance(data, dict) else None, code_id.strip())
    if found is None:
        raise CodebookError(f"unknown code {code_id!r}", path)
    code, code_path = found
    code_line = code.lc.line + 1
    if code.fa.flow_style():
        raise CodebookError(
            f"code {code_id!r} is written in flow style ({{id: ...}}); add the terms by hand",
            path,
            code_line,
        )
    return strict_old, data, root, code, code_path, code_line


def _add_all_rule(
    text: str, code_id: str, term: str, negated: bool, path: Path | None
) -> EditResult:
    """A new rule `all: [words]` for the code, unless it has one with these words already."""
    words = _pair_words(term, path)
    shown = f" {PAIR_SEP} ".join(words)
    strict_old, data, root, code, code_path, code_line = _open_code(text, code_id, path)
    rules = code.get("match")
    if rules is not None and not isinstance(rules, list):
        raise CodebookError(f"match: of {code_id!r} is not a list of rules", path, code_line)
    key = sorted(_norm(w) for w in words)
    for i, rule in enumerate(rules or []):
        have = rule.get("all") if isinstance(rule, dict) else None
        if (
            isinstance(have, list)
            and all(isinstance(w, str) for w in have)
            and sorted(_norm(w) for w in have) == key
            and (rule.get("negation") == "require") == negated
            and set(rule) <= _ANY_RULE_KEYS | {"all"}
        ):
            return EditResult(text, [], [shown], f"rule {i + 1} (all:)")
    lines = _Lines(text)
    edit = _Edit("all", [*code_path, "match"], words, negated)
    new_rule = f"all: [{', '.join(_yaml_term(w) for w in words)}]"
    if isinstance(rules, list) and rules:
        where = f"a new rule (rule {len(rules) + 1})"
        new_text = _append_rule(lines, code, _node_at(root, edit.path), new_rule, negated)
    else:
        where = "a new match: list"
        new_text = _add_match(lines, code, _node_at(root, code_path), new_rule, negated)
    failed = CodebookError(_FAILED, path, code_line)
    if new_text is None:
        raise failed
    _verify(text, new_text, data, strict_old, edit, path, failed)
    return EditResult(new_text, [shown], [], where)


def _add_any_terms(
    text: str, code_id: str, terms: list[str], negated: bool, path: Path | None
) -> EditResult:
    wanted = _clean_terms(terms, path)
    strict_old, data, root, code, code_path, code_line = _open_code(text, code_id, path)
    lines = _Lines(text)
    code_node = _node_at(root, code_path)
    failed = CodebookError(_FAILED, path, code_line)
    rules = code.get("match")
    index = None
    if isinstance(rules, list):
        index = next((i for i, r in enumerate(rules) if _fits(r, negated)), None)
    elif rules is not None:
        raise CodebookError(f"match: of {code_id!r} is not a list of rules", path, code_line)

    new_text: str | None
    if index is not None:
        target = rules[index]["any"]
        added, already = _split(wanted, target if isinstance(target, list) else [target])
        where = f"rule {index + 1} (any:{', negation: require' if negated else ''})"
        if not added:
            return EditResult(text, [], already, where)
        any_path: list[PathStep] = [*code_path, "match", index, "any"]
        items = [_yaml_term(t) for t in added]
        new_text, kind = _into_rule(lines, rules[index], _node_at(root, any_path), items)
        edit = _Edit(kind, any_path, added, negated)
    else:
        added, already = _split(wanted, [])
        edit = _Edit("rule", [*code_path, "match"], added, negated)
        new_rule = f"any: [{', '.join(_yaml_term(t) for t in added)}]"
        if isinstance(rules, list):
            where = f"a new rule (rule {len(rules) + 1})"
            new_text = _append_rule(lines, code, _node_at(root, edit.path), new_rule, negated)
        else:
            where = "a new match: list"
            new_text = _add_match(lines, code, code_node, new_rule, negated)
    if new_text is None:
        raise failed
    _verify(text, new_text, data, strict_old, edit, path, failed)
    return EditResult(new_text, added, already, where)


def _clean_terms(terms: list[str], path: Path | None) -> list[str]:
    if isinstance(terms, str):
        raise TypeError("terms must be a list of strings")
    out = []
    for raw in terms:
        if not isinstance(raw, str):
            raise CodebookError(f"a term must be text, not {type(raw).__name__}", path)
        term = " ".join(raw.split())
        try:
            parse_term(term)
        except RuleSyntaxError as exc:
            raise CodebookError(str(exc), path) from None
        out.append(term)
    if not out:
        raise CodebookError("no terms to add", path)
    return out


def _split(wanted: list[str], existing: list[Any]) -> tuple[list[str], list[str]]:
    """(terms to add, terms already there), comparing case- and spacing-blind."""
    seen = {_norm(x) for x in existing}
    added: list[str] = []
    already: list[str] = []
    for term in wanted:
        key = _norm(term)
        (already if key in seen else added).append(term)
        seen.add(key)
    return added, already


def _norm(value: Any) -> str:
    return " ".join(str(value).split()).casefold()


def _yaml_term(term: str) -> str:
    """The term as a scalar that reads back as the same text in YAML 1.1 and 1.2, flow or block."""
    plain = (
        term[0].isalpha()
        and all(c.isalnum() or c in _PLAIN_CHARS for c in term)
        and term.casefold() not in _YAML_WORDS
    )
    return term if plain else json.dumps(term, ensure_ascii=False)


def _strict_load(text: str, path: Path | None) -> Any:
    """The data as lernet itself reads it (PyYAML, YAML 1.1)."""
    from ..codebook.yamlio import load_yaml

    try:
        return load_yaml(path or Path("codebook.yaml"), CodebookError, text)
    except CodebookError as exc:
        raise CodebookError(exc.message, path, exc.line) from None


def _load(text: str, path: Path | None) -> tuple[Any, Any]:
    """The round-trip data (`.lc` gives where things start) and its node tree (where they end)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    class KeepingConstructor(RoundTripConstructor):
        root: Any = None

        def construct_document(self, node: Any) -> Any:
            self.root = node
            return super().construct_document(node)

    yaml = YAML(typ="rt")
    yaml.Constructor = KeepingConstructor
    try:
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise CodebookError(f"invalid YAML: {exc.problem or exc}", path, line) from None
    except YAMLError as exc:
        raise CodebookError(f"invalid YAML: {exc}", path) from None
    return data, yaml.constructor.root


def _find_code(
    items: Any, wanted: str, parent: str | None = None, where: list[PathStep] | None = None
) -> tuple[Any, list[PathStep]] | None:
    """The code's mapping and its path from the top, resolving short ids as the loader does."""
    if not isinstance(items, list):
        return None
    key = "themes" if parent is None else "codes"
    for i, node in enumerate(items):
        here = [*(where or []), key, i]
        raw = node.get("id") if isinstance(node, dict) else None
        if not isinstance(raw, str) or not raw.strip():
            continue
        full = raw.strip()
        if parent is not None and "." not in full:
            full = f"{parent}.{full}"
        if full == wanted:
            return node, here
        found = _find_code(node.get("codes"), wanted, full, here)
        if found is not None:
            return found
    return None


def _node_at(root: Any, steps: list[PathStep]) -> Any:
    node = root
    for step in steps:
        if isinstance(step, int):
            node = node.value[step]
        else:
            node = next(v for k, v in node.value if getattr(k, "value", None) == step)
    return node


def _fits(rule: Any, negated: bool) -> bool:
    """A rule the terms can join without changing what its other parts mean."""
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    if not isinstance(rule, dict) or "any" not in rule or not set(rule) <= _ANY_RULE_KEYS:
        return False
    if rule.get("negation", "exclude") != ("require" if negated else "exclude"):
        return False
    value = rule["any"]
    if isinstance(value, list):
        return all(_is_term(v) for v in value)
    return _is_term(value) and not isinstance(value, FoldedScalarString | LiteralScalarString)


def _is_term(value: Any) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _end_line(node: Any, lines: _Lines) -> int:
    """The last line that holds some of the node's text (not the comments or blanks after it)."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    while isinstance(node, MappingNode | SequenceNode) and not node.flow_style and node.value:
        if isinstance(node, SequenceNode):
            node = node.value[-1]
        else:
            key, node = node.value[-1]
            if _is_empty(node):
                node = key  # an empty value has no text; its marks point at the next token
    first, mark = node.start_mark.line, node.end_mark
    line = mark.line
    if (
        line > first
        and not lines.text[lines.starts[line] : lines.offset(line, mark.column)].strip()
    ):
        line -= 1
    while line > first and not lines.line(line).strip():
        line -= 1
    return line


def _is_empty(node: Any) -> bool:
    return getattr(node, "value", None) == "" and getattr(node, "style", None) is None


def _dash_gap(lines: _Lines, seq: Any, i: int) -> int | None:
    """Columns from an item's dash to the item, when both stand where expected."""
    dash = seq.lc.col
    line, col = seq.lc.item(i)
    text = lines.line(line)
    if col <= dash or text[dash : dash + 1] != "-" or text[dash + 1 : col].strip():
        return None
    return col - dash


def _extend_flow(lines: _Lines, start: tuple[int, int], items: list[str]) -> str | None:
    """Items added after the last item of the flow sequence starting at `start`."""
    text = lines.text
    at = lines.offset(*start)
    if text[at : at + 1] != "[":
        return None
    scanned = _scan_flow(text, at)
    if scanned is None:
        return None
    last = scanned[1]
    joined = ", ".join(items)
    if last is None:
        return text[: at + 1] + joined + text[at + 1 :]
    return text[:last] + ", " + joined + text[last:]


def _scan_flow(text: str, start: int) -> tuple[int, int | None] | None:
    """(offset of the closing bracket, end of the last item or None) of the flow collection that
    opens at `start`; None when it does not close. Skips quoted scalars and comments."""
    depth = 0
    last_end: int | None = None
    token_start = True
    after_quoted = False
    i, n = start, len(text)
    while i < n:
        ch = text[i]
        if ch in _SPACE:
            i += 1
            continue
        if ch == "#" and text[i - 1] in _SPACE:
            while i < n and text[i] not in _BREAKS:
                i += 1
            continue
        if token_start and ch in "'\"":
            i = _quoted_end(text, i)
            if i < 0:
                return None
            last_end, token_start, after_quoted = i, False, True
            continue
        i += 1
        was_quoted, after_quoted = after_quoted, False
        if ch in "[{":
            depth += 1
            token_start = True
            if depth == 1:
                continue
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return i - 1, last_end
            token_start = False
        elif ch == ",":
            token_start = True
            if depth == 1:
                continue
        elif ch in ":?" and (was_quoted or i >= n or text[i] in _SPACE or text[i] in ",[]{}"):
            token_start = True
        else:
            token_start = False
        last_end = i
    return None


def _quoted_end(text: str, i: int) -> int:
    """Offset just past the quoted scalar that starts at `i`; -1 when it does not end."""
    quote = text[i]
    j = i + 1
    while j < len(text):
        c = text[j]
        if quote == '"' and c == "\\":
            j += 2
            continue
        if c == quote:
            if quote == "'" and text[j + 1 : j + 2] == "'":
                j += 2
                continue
            return j + 1
        j += 1
    return -1


def _extend_block(lines: _Lines, seq: Any, node: Any, items: list[str]) -> str | None:
    """New `- item` lines after the last item of a block sequence, dashes aligned."""
    gap = _dash_gap(lines, seq, len(seq) - 1)
    if gap is None:
        return None
    prefix = " " * seq.lc.col + "-" + " " * (gap - 1)
    return lines.insert_after(_end_line(node.value[-1], lines), [prefix + x for x in items])


def _scalar_to_list(lines: _Lines, node: Any, items: list[str]) -> str:
    """`any: x` becomes `any: [x, item]`, the scalar written as it was."""
    text = lines.text
    start = lines.offset(node.start_mark.line, node.start_mark.column)
    end = lines.offset(node.end_mark.line, node.end_mark.column)
    return text[:start] + "[" + text[start:end] + ", " + ", ".join(items) + "]" + text[end:]


def _rule_lines(indent: int, gap: int, rule: str, negated: bool) -> list[str]:
    out = [" " * indent + "-" + " " * (gap - 1) + rule]
    if negated:
        out.append(" " * (indent + gap) + "negation: require")
    return out


def _into_rule(lines: _Lines, rule: Any, node: Any, items: list[str]) -> tuple[str | None, str]:
    """Items added to the rule's `any:` value (`node`); the new text and the kind of edit."""
    target = rule["any"]
    if not isinstance(target, list):
        return _scalar_to_list(lines, node, items), "scalar"
    if node.flow_style:
        return _extend_flow(lines, rule.lc.value("any"), items), "extend"
    return _extend_block(lines, target, node, items), "extend"


def _append_rule(lines: _Lines, code: Any, node: Any, rule: str, negated: bool) -> str | None:
    """A new rule as the last item of the match: list, so the other rules keep their numbers."""
    rules = code["match"]
    if node.flow_style:
        extra = ", negation: require" if negated else ""
        return _extend_flow(lines, code.lc.value("match"), [f"{{{rule}{extra}}}"])
    gap = _dash_gap(lines, rules, len(rules) - 1)
    if gap is None:
        return None
    new = _rule_lines(rules.lc.col, gap, rule, negated)
    return lines.insert_after(_end_line(node.value[-1], lines), new)


def _add_match(lines: _Lines, code: Any, code_node: Any, rule: str, negated: bool) -> str | None:
    """A match: key for a code without one (or with an empty one), before its examples."""
    from ruamel.yaml.nodes import SequenceNode

    indent = code.lc.key("id")[1]
    offset = _SEQ_OFFSET
    for _, node in code_node.value:
        if isinstance(node, SequenceNode) and node.value and not node.flow_style:
            offset = max(node.start_mark.column - indent, 0)  # the dashes of its own lists
            break
    new = _rule_lines(indent + offset, _SEQ_OFFSET, rule, negated)
    if "match" in code:
        key_node, value_node = next((k, v) for k, v in code_node.value if k.value == "match")
        if not _is_empty(value_node):
            return None
        return lines.insert_after(_end_line(key_node, lines), new)
    new.insert(0, " " * indent + "match:")
    for key in ("examples", "counterexamples", "codes"):
        if key in code:
            line, col = code.lc.key(key)
            if col == indent and not lines.line(line)[:col].strip():
                return lines.insert_after(line - 1, new)
    return lines.insert_after(_end_line(_node_at(code_node, ["id"]), lines), new)


def _verify(
    text: str,
    new_text: str,
    data: Any,
    strict_old: Any,
    edit: _Edit,
    path: Path | None,
    failed: CodebookError,
) -> None:
    """Refuse a result whose data is not the old data plus the terms, read either way, or that
    gives the codebook check a new problem."""
    from ..codebook.codebook import parse_codebook

    try:
        new_data, _ = _load(new_text, path)
        strict_new = _strict_load(new_text, path)
        same = _plain(new_data) == _expected(_plain(data), edit) and _plain(
            strict_new
        ) == _expected(_plain(strict_old), edit)
    except (CodebookError, KeyError, IndexError, TypeError):
        raise failed from None
    if not same:
        raise failed
    name = path or Path("codebook.yaml")
    if _problems(parse_codebook(name, text=new_text)) - _problems(parse_codebook(name, text=text)):
        raise failed


def _plain(value: Any) -> Any:
    """Plain dicts, lists and scalars, for comparing what two loads mean."""
    if isinstance(value, dict):
        return {_plain_key(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return ("float", repr(float(value)))
    return (type(value).__name__, repr(value))


def _plain_key(key: Any) -> Any:
    plain = _plain(key)
    try:
        hash(plain)
    except TypeError:
        return repr(plain)
    return plain


def _expected(data: Any, edit: _Edit) -> Any:
    data = copy.deepcopy(data)
    *steps, last = edit.path
    holder = data
    for step in steps:
        holder = holder[step]
    if edit.kind == "extend":
        holder[last] = [*holder[last], *edit.terms]
    elif edit.kind == "scalar":
        holder[last] = [holder[last], *edit.terms]
    else:
        rule: dict[str, Any] = {"all" if edit.kind == "all" else "any": list(edit.terms)}
        if edit.negated:
            rule["negation"] = "require"
        holder[last] = [*(holder.get(last) or []), rule]
    return data


def _problems(codebook: Any) -> Counter[tuple[str | None, str, str]]:
    """Problems without their line numbers, which an insertion shifts."""
    return Counter(
        (p.code_id, p.severity, re.sub(r"\d+", "N", p.message)) for p in codebook.problems
    )
