"""REFI-QDA codebooks (.qdc): lernet's codebook out, another tool's codebook in as lernet YAML."""

from __future__ import annotations

import json
import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from lxml import etree

from .. import __version__
from ..analysis.anonymize import Redactor
from ..codebook.codebook import ANALYSES, COLOR_RE, GUID_RE, ID_RE, Code, Codebook
from ..errors import CodebookError, printable
from ..language.plural import counted
from ..output.files import check_new, write_output
from ..store.store import Store
from ..userfiles import read_regular
from .qdaxml import (
    _DESC_KEYS,
    _LABEL_KEY_RE,
    _SLUG_RE,
    CODEBOOK_GUID_NS,
    CODEBOOK_NS,
    DESC_WORDS,
    MAX_XML_BYTES,
    ORIGIN,
    _el,
    _kid,
    _kids,
    _local,
    _parse_xml,
    _to_bytes,
    _xml_text,
    desc_words,
    not_anonymized_line,
)


def _description(
    code: Code,
    language: str,
    redactor: Redactor | None,
    with_id: bool = True,
    parent: Code | None = None,
) -> str:
    """The description plus what REFI-QDA has no field for, as labelled paragraphs.

    Anonymized (`redactor`), only the examples and counterexamples are redacted: they are often
    a participant's words. The description, include, exclude and labels are the researcher's
    own text about the code, written as the .qdc writes them ("Kate's own code" stays)."""

    def quoted(text: str) -> str:
        return redactor.redact(text) if redactor else text

    words = desc_words(language)
    paras = [p for p in re.split(r"\n[^\S\n]*\n", code.description) if p.strip()]
    if code.include:
        paras.append(f"{words['include']} {code.include}")
    if code.exclude:
        paras.append(f"{words['exclude']} {code.exclude}")
    paras += [f"{words['example']} {quoted(e)}" for e in code.examples]
    paras += [f"{words['counterexample']} {quoted(e)}" for e in code.counterexamples]
    name = code.label(language)
    for lang, text in sorted(code.labels.items()):
        if lang != language and text != name:
            paras.append(f"Label ({lang}): {text}")
    paras += _analyses(code, parent)
    if with_id:
        paras.append(f"{_DESC_KEYS['id']} {code.id}")
    return "\n\n".join(" ".join(p.split()) for p in paras)


def _analyses(code: Code, parent: Code | None) -> list[str]:
    """What the analyses take from the code, where the code itself declares it (a code below
    inherits `directional:` and the direction labels)."""
    paras = []
    if code.analysis:
        paras.append(f"{_DESC_KEYS['analysis']} {code.analysis}")
    if code.phase is not None:
        paras.append(f"{_DESC_KEYS['phase']} {code.phase}")
    if code.directional and not (parent and parent.directional):
        paras.append(f"{_DESC_KEYS['directional']} true")
    if code.direction_labels and code.direction_labels != (parent and parent.direction_labels):
        labels = json.dumps(code.direction_labels, ensure_ascii=False)
        paras.append(f"{_DESC_KEYS['direction_labels']} {labels}")
    return paras


def _derived_id(name: str, parent: str | None, taken: set[str]) -> str:
    """The id an import gives a code of this name that carries no `lernet id:` (see
    `_read_codes`)."""
    base = (parent + "." if parent else "") + code_slug(" ".join(name.split()) or "code")
    code_id, n = base, 2
    while code_id in taken:
        code_id, n = f"{base}_{n}", n + 1
    return code_id


def _add_codes(
    parent: etree._Element,
    codes: list[Code],
    guids: dict[str, str],
    ns: str,
    language: str,
    redactor: Redactor | None = None,
    notes: dict[str, str] | None = None,
    taken: set[str] | None = None,
    above: Code | None = None,
    coded: set[str] | None = None,
) -> None:
    """Codes with their GUIDs and colours. A code's lernet id goes into its Description only
    when an import would not find it again from the code's name (another tool shows the
    Description as the code's meaning: codes that came from it, named as there, get theirs back
    unchanged). `notes`: code id -> the GUID of the Note holding its memo (a project's codes).
    A code declared `codable: false` (a QualCoder category) is not codable there either, unless
    it has codings of its own in the archive (`coded`: the codes that have)."""
    taken = set() if taken is None else taken
    for code in codes:
        name = code.label(language)
        with_id = _derived_id(name, code.parent, taken) != code.id
        taken.add(code.id)
        el = _el(parent, "Code", ns, guid=guids[code.id], name=name)
        folder = not code.codable and code.id not in (coded or set())
        el.set("isCodable", "false" if folder else "true")
        if code.color:
            el.set("color", code.color)
        text = _description(code, language, redactor, with_id, above)
        if text:
            _el(el, "Description", ns).text = _xml_text(text)
        if notes and code.id in notes:
            _el(el, "NoteRef", ns, targetGUID=notes[code.id])
        _add_codes(el, code.children, guids, ns, language, redactor, notes, taken, code, coded)


def code_guids(codebook: Codebook, store: Store | None) -> dict[str, str]:
    """Code id -> GUID: the codebook's own `guid:` (another tool's code), else the one the store
    keeps (made at the first export), else, without a store, one derived from the id."""
    own = {c.id: c.guid for c in codebook.walk() if c.guid}
    rest = [c.id for c in codebook.walk() if not c.guid]
    if store is not None:
        made = store.ensure_guids("code", rest)
    else:
        made = {i: str(uuid.uuid5(CODEBOOK_GUID_NS, i)) for i in rest}
    taken = {g.strip("{}").lower() for g in own.values()}
    out = {}
    for code in codebook.walk():
        guid = own.get(code.id) or made[code.id]
        if code.id not in own and guid.lower() in taken:
            # the store's GUID went to another code in the codebook (a guid: line moved)
            guid = str(uuid.uuid5(CODEBOOK_GUID_NS, "moved:" + code.id))
        out[code.id] = guid
    return out


def export_qdc(
    codebook: Codebook,
    out: Path,
    language: str = "nl",
    store: Store | None = None,
    overwrite: bool = False,
    redactor: Redactor | None = None,
) -> int:
    """Write the codebook as a REFI-QDA .qdc; returns the number of codes.

    `redactor`: the examples and counterexamples anonymized, as a .qdpx export writes them
    (`_description`).

    A code keeps the GUID and colour the codebook gives it (`guid:`, `color:`, as an import
    writes them); other codes get, with the project's store, the same GUIDs as in a .qdpx export,
    and without it GUIDs derived from the code ids (stable too). Match rules are not exported:
    the format has no place for them.
    """
    check_new(out, overwrite)
    guids = code_guids(codebook, store)
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS})
    root.set("origin", ORIGIN)
    _add_codes(
        _el(root, "Codes", CODEBOOK_NS), codebook.themes, guids, CODEBOOK_NS, language, redactor
    )
    data = _to_bytes(root)
    if redactor is None:  # a comment after the declaration, which every reader passes over
        head, _, body = data.partition(b"\n")
        mark = f"<!-- {not_anonymized_line('qdc', language)} -->".encode()
        data = head + b"\n" + mark + b"\n" + body
    write_output(out, data, anonymized=redactor is not None)
    return len(guids)


@dataclass
class _ImportedCode:
    id: str
    guid: str
    name: str
    labels: dict[str, str]
    description: str = ""
    include: str = ""
    exclude: str = ""
    examples: list[str] = field(default_factory=list)
    counterexamples: list[str] = field(default_factory=list)
    analyses: dict[str, Any] = field(default_factory=dict)
    """analysis, phase, directional, direction_labels: as a lernet export carried them."""
    children: list[_ImportedCode] = field(default_factory=list)
    color: str | None = None
    notes: list[str] = field(default_factory=list)  # GUIDs of the Notes on the code (.qdpx)
    memo: str = ""
    codable: bool = True  # isCodable="false": a folder (QualCoder's category)


def code_slug(name: str) -> str:
    """A code id from a name another tool gives: ASCII, lower case, words joined by _."""
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_ = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    slug = _SLUG_RE.sub("_", ascii_).strip("_")
    if not slug:
        return "code"
    return slug if slug[0].isalpha() else f"code_{slug}"


ANALYSIS_KEYS = ("analysis", "phase", "directional", "direction_labels")


def _analysis(key: str, value: str) -> Any:
    """A `lernet analysis:` (phase, directional, direction labels) paragraph's value as the
    codebook writes it; None when it does not read as one (the paragraph stays text)."""
    if key == "analysis":
        return value if value in ANALYSES else None
    if key == "phase":
        return int(value) if value.isdigit() and int(value) >= 1 else None
    if key == "directional":
        return True if value == "true" else None
    try:
        labels = json.loads(value)
    except ValueError:
        return None
    ok = isinstance(labels, dict) and all(
        isinstance(k, str)
        and isinstance(v, dict)
        and all(isinstance(a, str) and isinstance(b, str) for a, b in v.items())
        for k, v in labels.items()
    )
    return labels if ok else None


_PREFIXES = [
    *((key, prefix) for words in DESC_WORDS.values() for key, prefix in words.items()),
    *_DESC_KEYS.items(),
]
"""Every paragraph label an import reads: `DESC_WORDS` in each language, and lernet's own."""


def _split_description(text: str) -> dict[str, Any]:
    """Undo `_description`: labelled paragraphs (in any language lernet writes them in) back to
    fields; the rest is the description."""
    fields: dict[str, Any] = {"examples": [], "counterexamples": [], "labels": {}, "analyses": {}}
    plain: list[str] = []
    for para in re.split(r"\n[ \t]*\n", text.strip()):
        para = para.strip()
        label = _LABEL_KEY_RE.match(para)
        if label:
            fields["labels"][label["lang"]] = " ".join(label["text"].split())
            continue
        for key, prefix in _PREFIXES:
            if para.startswith(prefix):
                value = " ".join(para[len(prefix) :].split())
                if key in ("example", "counterexample"):
                    fields[key + "s"].append(value)
                elif key in ANALYSIS_KEYS:
                    found = _analysis(key, value)
                    if found is not None:
                        fields["analyses"][key] = found
                    else:
                        plain.append(para)
                else:
                    fields[key] = value
                break
        else:
            if para:
                plain.append(para)
    fields["description"] = "\n\n".join(plain)
    return fields


def _read_codes(
    parent: etree._Element | None, ancestors: list[str], taken: set[str]
) -> list[_ImportedCode]:
    """Codes with lernet ids: the id a lernet export carried when valid, else a slug of the name."""
    out: list[_ImportedCode] = []
    for el in _kids(parent, "Code"):
        name = " ".join((el.get("name") or "").split()) or "code"
        desc = _kid(el, "Description")
        fields = _split_description((desc.text or "") if desc is not None else "")
        wanted = fields.get("id", "")
        if ancestors:
            fits = any(wanted.startswith(a + ".") for a in ancestors)
        else:
            fits = "." not in wanted
        if wanted and fits and ID_RE.match(wanted) and wanted not in taken:
            code_id = wanted
        else:
            base = (ancestors[-1] + "." if ancestors else "") + code_slug(name)
            code_id, n = base, 2
            while code_id in taken:
                code_id, n = f"{base}_{n}", n + 1
        taken.add(code_id)
        labels = {"nl": name, "en": name}
        labels.update(fields["labels"])
        code = _ImportedCode(
            id=code_id,
            guid=el.get("guid") or "",
            name=name,
            labels=labels,
            description=fields["description"],
            include=fields.get("include", ""),
            exclude=fields.get("exclude", ""),
            examples=fields["examples"],
            counterexamples=fields["counterexamples"],
            analyses=fields["analyses"],
        )
        color = (el.get("color") or "").strip()
        code.color = color if COLOR_RE.match(color) else None
        code.codable = (el.get("isCodable") or "").strip().lower() not in ("false", "0")
        code.notes = [r.get("targetGUID", "") for r in _kids(el, "NoteRef")]
        code.children = _read_codes(el, [*ancestors, code_id], taken)
        out.append(code)
    return out


def _walk_imported(codes: list[_ImportedCode]) -> Iterable[_ImportedCode]:
    for code in codes:
        yield code
        yield from _walk_imported(code.children)


def left_out_sets(root: etree._Element, codes: list[_ImportedCode]) -> list[str]:
    """A project's or codebook's sets, which lernet has no place for, by name and codes."""
    names = {c.guid: c.name for c in _walk_imported(codes)}
    sets = []
    for found in _kids(_kid(root, "Sets"), "Set"):
        members = [
            names.get(r.get("targetGUID") or r.get("guid") or "", "?")
            for r in _kids(found, "MemberCode")
        ]
        others = len(_kids(found, "MemberSource"))
        what = ", ".join(members) + (f", {counted(others, 'source')}" if others else "")
        sets.append(f"{printable(found.get('name') or '?')!r} ({what})")
    if not sets:
        return []
    return [f"left out {counted(len(sets), 'set')} (lernet has no sets): " + "; ".join(sets)]


class _NoAliasDumper(yaml.SafeDumper):
    """lernet's YAML loader refuses aliases, so never write any."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _code_yaml(code: _ImportedCode, parent: str | None = None) -> dict[str, Any]:
    short = code.id.removeprefix(f"{parent}.") if parent else code.id
    labels = set(code.labels.values())
    label: Any = code.name if labels == {code.name} else dict(code.labels)
    out: dict[str, Any] = {"id": short if "." not in short else code.id, "label": label}
    for key in ("description", "include", "exclude"):
        value = getattr(code, key)
        if value:
            out[key] = value
    if code.examples:
        out["examples"] = list(code.examples)
    if code.counterexamples:
        out["counterexamples"] = list(code.counterexamples)
    for key in ANALYSIS_KEYS:
        if key in code.analyses:
            out[key] = code.analyses[key]
    if code.memo:
        out["memo"] = code.memo
    if code.color:
        out["color"] = code.color
    if code.guid and GUID_RE.match(code.guid):
        out["guid"] = code.guid
    if not code.codable:
        out["codable"] = False
    if code.children:
        out["codes"] = [_code_yaml(c, code.id) for c in code.children]
    return out


def _codebook_yaml(codes: list[_ImportedCode], name: str, source: str) -> str:
    data = {
        "version": 1,
        "name": name,
        "themes": [_code_yaml(c) for c in codes],
    }
    header = (
        f"# Imported from {source} (REFI-QDA) by lernet {__version__}.\n"
        "# REFI-QDA codebooks carry no match rules: these codes have none, so `lernet code`\n"
        "# will not find them by itself. Add match: rules (see docs/codebook-format.md).\n"
    )
    body = yaml.dump(data, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True, width=100)
    return header + body


def _nested_at_dots(codes: etree._Element | None) -> etree._Element | None:
    """Taguette's .qdc names each tag by its whole path, flat (`Sfeer.Koffie`): the tags nested
    at their dots, as its codebook CSV is read (a level that is no tag of its own becomes a
    code without a GUID). A path with an empty level stays as it is, a code of its own."""
    if codes is None:
        return None
    out = etree.Element(codes.tag)
    made: dict[str, etree._Element] = {}
    for el in _kids(codes, "Code"):
        name = " ".join((el.get("name") or "").split())
        parts = [" ".join(p.split()) for p in name.split(".")]
        if not all(parts):
            parts = [name]
        above = out
        for depth in range(len(parts)):
            key = ".".join(parts[: depth + 1]).casefold()
            if key not in made:
                made[key] = etree.SubElement(above, el.tag, name=parts[depth])
            above = made[key]
        for attr, value in el.attrib.items():
            if attr != "name":
                above.set(attr, value)
        for child in el:
            if _local(child) != "Code":
                above.insert(0, child)
    return out


def import_qdc(path: Path, warnings: list[str] | None = None) -> str:
    """A REFI-QDA codebook (.qdc) as lernet codebook YAML text (without rules: it has none).
    `warnings` gets what lernet leaves out, by name (sets)."""
    data = read_regular(path, CodebookError, MAX_XML_BYTES, "a codebook")
    if data.startswith(b"PK\x03\x04"):
        what = "a REFI-QDA project (.qdpx)" if path.suffix.lower() == ".qdpx" else "a zip archive"
        raise CodebookError(
            f"{what}, not a codebook (.qdc): `lernet import qdpx {printable(path.name)}` makes a "
            "project of it, with its codes as codebook.yaml",
            path,
        )
    root = _parse_xml(data, path, CodebookError)
    if _local(root) != "CodeBook":
        raise CodebookError(
            f"not a REFI-QDA codebook (root element is {_local(root)!r}, not CodeBook)", path
        )
    codes_el = _kid(root, "Codes")
    if (root.get("origin") or "").strip().lower().startswith("taguette"):
        codes_el = _nested_at_dots(codes_el)
    codes = _read_codes(codes_el, [], set())
    if not codes:
        raise CodebookError("the codebook has no codes", path)
    if warnings is not None:
        warnings.extend(left_out_sets(root, codes))
    # The names go into the YAML text, so a name that is not UTF-8 is written with \x escapes.
    return _codebook_yaml(codes, printable(path.stem), printable(path.name))
