"""The codebook: themes and nested codes with labels, notes, match rules and examples.

Loading collects every problem with its line, so `lernet codebook check` can list them all at once;
`load_codebook` refuses a codebook with any error.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CodebookError, UsageError, printable
from .rules import Rule, RuleSyntaxError, Term, check_rule, parse_terms
from .yamlio import LineDict, LineList, load_yaml, read_text_file

ID_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
SHORT_CODE_RE = re.compile(r"([A-Za-z]{0,4}\d+(?:\.\d+)*[a-z]?)\.?\s+\S")
"""A team's short code in front of a label ("1.3a Schuldgevoel", "T1.2 Tijdsdruk"), which
names the code as its label does."""
ID_RULE = "lower-case letters, digits and _, a dot between a theme and its code"


def id_advice(written: str) -> str:
    """Why an id as written is not one, naming what is wrong in it, and a valid id to write
    instead: "id 'eigen régie' has a space and an accent (é): …; write eigen_regie"."""

    wrong: list[str] = []
    seen: set[str] = set()

    def say(kind: str, text: str) -> None:
        if kind not in seen:
            seen.add(kind)
            wrong.append(text)

    for ch in written:
        if ch == " ":
            say("space", "a space")
        elif ch in "\u00a0\u2007\u202f":
            say("nbsp", "a non-breaking space")
        elif ch in "‘’‚‛“”„‟«»":
            curly = "".join(dict.fromkeys(c for c in written if c in "‘’‚‛“”„‟«»"))
            say("curly", f"curly quotes ({' '.join(curly)})")
        elif ch in "'\"":
            say("quote", f"a quote ({ch})")
        elif ch == "-":
            say("hyphen", "a hyphen (-)")
        elif ch.isupper():
            caps = "".join(dict.fromkeys(c for c in written if c.isupper()))
            say("caps", f"capitals ({caps[:5]})")
        elif ch.isalpha() and not ch.isascii():
            accents = "".join(
                dict.fromkeys(c for c in written if c.isalpha() and not c.isascii() and c.islower())
            )
            say("accent", f"an accent ({accents[:5]})")
        elif not (ch.isascii() and (ch.isalnum() or ch in "._")):
            say(f"other{ch}", f"{ch!r}")
    parts = [p for p in written.split(".")]
    if not wrong and any(p[:1].isdigit() for p in parts):
        wrong.append("a part that starts with a digit")
    if not wrong and any(not p for p in parts):
        wrong.append("an empty part between dots")
    suggestion = suggest_id(written)
    has = (
        f" has {', '.join(wrong[:-1])} and {wrong[-1]}"
        if wrong[1:]
        else (f" has {wrong[0]}" if wrong else " is not valid")
    )
    write = f"; write {suggestion}" if suggestion and suggestion != written else ""
    return f"id {written!r}{has}: an id is {ID_RULE}{write}"


def _parents_fault(code_id: str, parent: Code | None) -> bool:
    """Whether an invalid id is so only by its parent's (`Barriers.time_pressure`): the parent's
    line says so already, once."""
    return (
        parent is not None
        and not ID_RE.match(parent.id)
        and ID_RE.match(code_id.rsplit(".", 1)[-1]) is not None
    )


def suggest_id(written: str) -> str:
    """A valid id close to what was written: accents dropped, quotes removed, spaces and hyphens
    as _ ("Opgelegd van bóvenaf" -> "opgelegd_van_bovenaf"); "" when nothing is left."""
    import unicodedata

    parts = []
    for part in written.split("."):
        plain = unicodedata.normalize("NFKD", part)
        plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
        plain = re.sub(r"[\s\-\u00a0]+", "_", plain.strip())
        plain = re.sub(r"[^a-z0-9_]", "", plain)
        plain = re.sub(r"_+", "_", plain).strip("_")
        plain = re.sub(r"^[0-9_]+", "", plain)
        if plain:
            parts.append(plain)
    return ".".join(parts)


TOP_KEYS = {"version", "name", "description", "language", "themes"}
CODE_KEYS = {
    "id",
    "label",
    "description",
    "include",
    "exclude",
    "match",
    "examples",
    "counterexamples",
    "codes",
    "directional",
    "directions",
    "direction_labels",
    "related",
    "memo",
    "analysis",
    "phase",
    "color",
    "guid",
    "codable",
}
GUID_RE = re.compile(
    r"^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|"
    r"\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\})$"
)
"""A REFI-QDA GUID, as the schema writes it."""
COLOR_RE = re.compile(r"^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
"""A REFI-QDA colour: #RRGGBB (or #RGB)."""
ANALYSES = ("matrix",)
"""What `analysis:` may declare; phases are marked one by one with `phase: N`."""
DIRECTIONS = ("bring", "take", "both")
LANGS = ("nl", "en")


def language_code(value: object) -> str | None:
    """nl or en for a `language:` setting as written: `en`, `EN`, `en-GB`, `nl_BE` (a region
    after the language is no mistake); None for anything else."""
    m = re.fullmatch(r"\s*([A-Za-z]{2})(?:[-_][A-Za-z]{2,4})?\s*", str(value or ""))
    code = m.group(1).lower() if m else None
    return code if code in LANGS else None


def codebook_language(path: Path) -> str | None:
    """The `language:` a codebook file sets at its top (nl or en; None: none, or it cannot be
    read), read off its text without parsing it: what a project that sets no language of its
    own follows."""
    try:
        with path.open("rb") as fh:
            text = fh.read(1 << 20).decode("utf-8-sig", errors="replace")
    except OSError:
        return None
    m = re.search(r"(?m)^language:[ \t]*[\"']?([A-Za-z_-]+)", text)
    return language_code(m.group(1)) if m else None


def words_labels_in(path: Path, lang: str) -> bool:
    """Whether a codebook file words its labels in `lang` itself, `label: {nl: …, en: …}` as
    the bundled one does: such a codebook serves a project in that language with labels of
    that language (a plain label, one text for both, does not say which language it is in).
    False where the file cannot be read."""
    from .yamlio import load_yaml

    try:
        raw = load_yaml(path, CodebookError)
    except (CodebookError, OSError):
        return False

    def speaks(node: Any) -> bool:
        if isinstance(node, dict):
            label = node.get("label")
            if isinstance(label, dict) and any(
                language_code(k) == lang and str(v or "").strip() for k, v in label.items()
            ):
                return True
            return any(speaks(child) for child in node.get("codes") or [])
        return False

    return isinstance(raw, dict) and any(speaks(t) for t in raw.get("themes") or [])


LANG_CODE_RE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")
"""A key of a `label: {…}` mapping: a language code (nl, en; others are kept, not used)."""
DIRECTION_LABELS = {
    "nl": {
        "bring": "Brengen",
        "take": "Halen",
        "both": "Brengen en halen",
        "none": "n.v.t.",
        "unknown": "Richting onbekend",
    },
    "en": {
        "bring": "Brings",
        "take": "Takes",
        "both": "Both",
        "none": "n.a.",
        "unknown": "Direction unknown",
    },
}
"""The words of the matrix's cells when a codebook does not declare its own
(`direction_labels:`), as the research report this tool comes from has them; `unknown` is a
group coded with the code only without a direction (a comment without a direction word)."""


@dataclass
class Problem:
    path: str
    line: int
    code_id: str | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        who = f" [{self.code_id}]" if self.code_id else ""
        return f"{where}:{who} {self.message}"


@dataclass
class Code:
    id: str
    labels: dict[str, str]
    description: str = ""
    include: str = ""
    exclude: str = ""
    parent: str | None = None
    theme: str = ""
    depth: int = 0
    rules: list[Rule] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    counterexamples: list[str] = field(default_factory=list)
    children: list[Code] = field(default_factory=list)
    directional: bool = False
    directions: dict[str, list[Term]] = field(default_factory=dict)
    direction_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    """Direction (bring, take, both, none) -> language -> the word the matrix shows, as declared
    with `direction_labels:` here or on a code above (inherited per direction)."""
    related: list[str] = field(default_factory=list)
    line: int = 0
    example_lines: dict[str, int] = field(default_factory=dict)
    """An example's or counterexample's text -> the line it stands on (for `codebook test`)."""
    analysis: str | None = None
    """"matrix": this theme or code is the bring/take matrix (its codes are the rows)."""
    phase: int | None = None
    """This code is a development phase; the number is its place in the order."""
    memo: str = ""
    """The researcher's memo on the code (not shown to coders as its meaning)."""
    color: str | None = None
    """Its colour in other tools (#RRGGBB), kept for REFI-QDA exports."""
    guid: str | None = None
    """The GUID another tool knows the code by (REFI-QDA), so an export back updates that code."""
    codable: bool = True
    """False: a folder for the codes below it in other tools (QualCoder's category, REFI-QDA's
    isCodable="false"), which a person codes nothing with directly."""

    def label(self, lang: str = "nl") -> str:
        return self.labels.get(lang) or next(iter(self.labels.values()), self.id)

    def direction_words(self, lang: str = "nl") -> dict[str, str]:
        """bring / take / both / none -> the word shown for it in `lang`: the codebook's own
        `direction_labels:` where it declares them, else Brengen / Halen / ... (Brings / ...)."""
        words = dict(DIRECTION_LABELS.get(lang, DIRECTION_LABELS["en"]))
        for direction, labels in self.direction_labels.items():
            words[direction] = labels.get(lang) or next(iter(labels.values()))
        return words

    def own_direction_words(self, lang: str = "nl") -> dict[str, str]:
        """bring / take / both -> the codebook's own word for it (`direction_labels:`), lower
        case, as a comment or tag may write it after a code ("Advies vraagt"); only those it
        declares, so that a hint shows the study's words where it has them."""
        words = self.direction_words(lang)
        return {
            d: words[d].lower()
            for d in ("bring", "take", "both")
            if d in self.direction_labels and words[d].strip()
        }


@dataclass
class Codebook:
    path: str
    name: str
    themes: list[Code]
    codes: dict[str, Code]
    problems: list[Problem] = field(default_factory=list)
    digest: str = ""
    version: str = ""
    """The codebook's own `version:`, as written (empty when it has none)."""
    protocol: Any = None
    """The interview protocol for structural coding, when the project names one."""
    matrix: str | None = None
    """The theme or code declared `analysis: matrix`, if any."""
    phases: list[str] = field(default_factory=list)
    """The codes declared `phase: N`, in phase order."""
    with_rules: bool = True
    """Whether the match rules were compiled (commands that only read codes leave them out)."""
    language: str | None = None
    """The codebook's `language:` (nl or en; `en-GB` is en), None when it sets none."""
    names: dict[str, str] = field(default_factory=dict)
    """`name: {nl: …, en: …}`: the codebook's name per language (empty: one name for all);
    `name` is the one in the codebook's language, else the first."""

    def name_in(self, lang: str) -> str:
        """The codebook's name as an output in `lang` writes it."""
        return self.names.get(lang) or self.name

    def walk(self) -> Iterator[Code]:
        """Every theme and code in codebook order (depth first)."""

        def rec(code: Code) -> Iterator[Code]:
            yield code
            for child in code.children:
                yield from rec(child)

        for theme in self.themes:
            yield from rec(theme)

    def direction_word(self, code_id: str, direction: str, lang: str = "nl") -> str:
        """What every output calls a coding's direction (bring, take, both): the codebook's
        `direction_labels:` for the code where it declares them, else Brengen / Halen / ...
        (Brings / Takes / ...); a direction lernet does not know stays as it is."""
        code = self.codes.get(code_id)
        words = (
            code.direction_words(lang)
            if code is not None
            else DIRECTION_LABELS.get(lang, DIRECTION_LABELS["en"])
        )
        return words.get(direction, direction)

    def descendants(self, code_id: str) -> list[str]:
        """The id itself and every id below it."""
        code = self.codes[code_id]
        out = [code.id]
        for child in code.children:
            out.extend(self.descendants(child.id))
        return out

    def named(self, key: str) -> list[Code]:
        """The themes and codes a name names: the one whose id it is (any case); else every one
        whose label (either language), short id or short code in front of its label (`1.3a` of
        "1.3a Schuldgevoel") it is. More than one: the name is ambiguous."""
        wanted = " ".join(key.strip().split()).casefold()
        if not wanted:
            return []
        for code in self.walk():
            if code.id.casefold() == wanted:
                return [code]
        by_label = [
            c
            for c in self.walk()
            if any(" ".join(v.split()).casefold() == wanted for v in c.labels.values())
        ]
        short = [c for c in self.walk() if c.id.rsplit(".", 1)[-1].casefold() == wanted]
        team = [
            c
            for c in self.walk()
            if any(
                (m := SHORT_CODE_RE.match(v.strip())) and m.group(1).casefold() == wanted
                for v in c.labels.values()
            )
        ]
        out: list[Code] = []
        for code in by_label + short + team:
            if code not in out:
                out.append(code)
        return out

    def find(self, key: str) -> Code | None:
        """A theme or code by id, label (either language) or short id, any case; None when the
        name names none, or more than one (`named`)."""
        found = self.named(key)
        return found[0] if len(found) == 1 else None

    def resolve(self, key: str, kind: str = "theme or code") -> Code:
        """Like `find`, but an unknown or ambiguous key is the user's error, with the valid
        themes or the codes it names."""
        found = self.find(key)
        if found is not None:
            return found
        several = self.named(key)
        if several:
            raise UsageError(
                f"{key!r} names {len(several)} codes: {', '.join(c.id for c in several)}; "
                "use the full id"
            )
        themes = ", ".join(t.id for t in self.themes)
        meant = self.nearest(key, themes_only=kind == "theme")
        near = f" (did you mean {meant!r}?)" if meant else ""
        if kind == "theme":
            raise UsageError(f"unknown theme {key!r}{near}; valid themes: {themes}")
        raise UsageError(
            f"unknown {kind} {key!r}{near}; valid themes: {themes} (codes: see `lernet codebook "
            "show`)"
        )

    def nearest(self, key: str, themes_only: bool = False) -> str | None:
        """The id of the theme or code whose id, short id or label is spelled closest to `key`
        (any case), as did-you-mean everywhere says it; None when none is close."""
        import difflib

        names: dict[str, str] = {}
        for code in self.themes if themes_only else self.walk():
            names.setdefault(code.id.casefold(), code.id)
            names.setdefault(code.id.rsplit(".", 1)[-1].casefold(), code.id)
            for label in code.labels.values():
                names.setdefault(" ".join(label.split()).casefold(), code.id)
        wanted = " ".join(key.split()).casefold()
        found = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.75)
        return names[found[0]] if found else None

    def resolve_theme(self, key: str) -> Code:
        code = self.resolve(key, "theme")
        if code.depth != 0:
            raise UsageError(
                f"{key!r} is a code, not a theme; use --code, or one of: "
                + ", ".join(t.id for t in self.themes)
            )
        return code

    def rule_codes(self) -> list[Code]:
        return [c for c in self.walk() if c.rules]


class _Builder:
    def __init__(self, path: Path, with_rules: bool = True):
        self.path = str(path)
        self.with_rules = with_rules
        self.problems: list[Problem] = []
        self.codes: dict[str, Code] = {}
        self.references: list[tuple[str, str, int]] = []
        self.matrix: Code | None = None
        self.phases: dict[int, Code] = {}
        self.guids: dict[str, str] = {}
        """GUID -> the code that has it (no two codes may share one)."""
        self.language: str | None = None
        """The codebook's `language:`: a label only in that language is no problem."""

    def problem(
        self, line: int, code_id: str | None, message: str, severity: str = "error"
    ) -> None:
        self.problems.append(Problem(self.path, line, code_id, message, severity))

    def build_code(
        self,
        raw: Any,
        parent: Code | None,
        ancestors: list[str],
        inherited_dir: dict[str, list[Term]],
        inherited_directional: bool,
        line: int,
    ) -> Code | None:
        if not isinstance(raw, LineDict):
            self.problem(line, None, "a theme or code must be a mapping with id: and label:")
            return None
        raw_id = raw.get("id")
        anonymous = not isinstance(raw_id, str) or not raw_id.strip()
        if anonymous:
            # Go on checking what it holds (keys, labels, rules, codes below) so that one run
            # lists every problem; it is not kept as a code.
            self.problem(raw.line, None, "missing id:")
            code_id = f"{parent.id}.?" if parent is not None else "?"
            ancestors = [*ancestors, code_id]
        else:
            code_id = str(raw_id).strip()
        if parent is not None and "." not in code_id:
            code_id = f"{parent.id}.{code_id}"
        checked = not anonymous and not any(a.endswith("?") for a in ancestors)
        if checked and not ID_RE.match(code_id) and not _parents_fault(code_id, parent):
            self.problem(raw.line_of("id"), code_id, id_advice(str(raw_id).strip()))
        if (
            checked
            and parent is not None
            and not any(code_id.startswith(a + ".") for a in ancestors)
        ):
            self.problem(
                raw.line_of("id"), code_id, f"id must start with its parent's id {parent.id!r}"
            )
        if checked and parent is None and "." in code_id:
            self.problem(raw.line_of("id"), code_id, "a theme id has no dots")
        if checked and code_id in self.codes:
            self.problem(
                raw.line_of("id"),
                code_id,
                f"duplicate id (first on line {self.codes[code_id].line})",
            )
        for key in raw:
            if key not in CODE_KEYS:
                self.problem(raw.line_of(key), code_id, _unknown_code_key(str(key)))
        labels = self.labels(raw, code_id)
        code = Code(
            id=code_id,
            labels=labels,
            description=self.text(raw, "description", code_id),
            include=self.text(raw, "include", code_id),
            exclude=self.text(raw, "exclude", code_id),
            memo=self.text(raw, "memo", code_id),
            parent=parent.id if parent else None,
            theme=parent.theme if parent else code_id,
            depth=(parent.depth + 1) if parent else 0,
            line=raw.line,
        )
        if checked and code_id not in self.codes:
            self.codes[code_id] = code
        directional = raw.get("directional", inherited_directional)
        if not isinstance(directional, bool):
            # `directional: ja` or "nee" would read as true alike: said, and read as meant
            meant = str(directional).strip().casefold() in ("ja", "yes", "y", "j", "waar", "1")
            self.problem(
                raw.line_of("directional"),
                code_id,
                f"directional: is true or false, not {str(directional)!r}: write "
                f"directional: {'true' if meant else 'false'}",
            )
            directional = meant
        code.directional = directional
        code.directions = {k: list(v) for k, v in inherited_dir.items()}
        if parent is not None:
            code.direction_labels = {k: dict(v) for k, v in parent.direction_labels.items()}
        if "directions" in raw:
            self.directions(raw, code)
        if "direction_labels" in raw:
            self.direction_labels(raw, code)
        # A code without match rules (one imported from another tool) has its directions from
        # its codings, not from cues.
        if (
            code.directional
            and "match" in raw
            and not any(code.directions.get(d) for d in DIRECTIONS)
        ):
            self.problem(raw.line, code_id, "directional: true needs directions: bring/take cues")
        self.exchange(raw, code)
        if self.with_rules:
            self.rules(raw, code)
        self.declarations(raw, code, bool(raw.get("codes")))
        for key in ("examples", "counterexamples"):
            value = raw.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                self.problem(raw.line_of(key), code_id, f"{key}: must be a list of sentences")
            else:
                setattr(code, key, [v.strip() for v in value if v.strip()])
                for i, v in enumerate(value):
                    if v.strip() and isinstance(value, LineList):
                        code.example_lines.setdefault(v.strip(), value.line_at(i))
        related = raw.get("related", [])
        if isinstance(related, str):
            related = [related]
        if not isinstance(related, list):
            self.problem(raw.line_of("related"), code_id, "related: must be a list of code ids")
        else:
            code.related = [str(r) for r in related]
            for r in code.related:
                self.references.append((r, code_id, raw.line_of("related")))
        children = raw.get("codes", [])
        if not isinstance(children, list):
            self.problem(raw.line_of("codes"), code_id, "codes: must be a list")
            children = []
        for child_raw in children:
            child = self.build_code(
                child_raw,
                code,
                [*ancestors, code_id],
                code.directions,
                code.directional,
                raw.line_of("codes"),
            )
            if child is not None:
                code.children.append(child)
        return code

    def labels(self, raw: LineDict, code_id: str) -> dict[str, str]:
        label = raw.get("label")
        if isinstance(label, str) and label.strip():
            return {lang: label.strip() for lang in LANGS}
        if isinstance(label, LineDict):
            labels = self.by_language(label, "label", code_id)
            if labels is None:
                return {lang: code_id for lang in LANGS}
            for lang in LANGS:
                if lang not in labels and not (self.language in labels and lang != self.language):
                    self.problem(
                        raw.line_of("label"), code_id, f"label has no {lang}: text", "warning"
                    )
            if labels:
                return labels
        self.problem(raw.line, code_id, "missing label: (give nl: and en:)")
        return {lang: code_id for lang in LANGS}

    def by_language(self, value: LineDict, key: str, code_id: str | None) -> dict[str, str] | None:
        """The texts of a `{nl: …, en: …}` mapping by language; None after an error.

        YAML ends an unquoted text at a comma: `{nl: Eigen specialisme, geen zorgen, en: …}` is
        the label "Eigen specialisme" and a key "geen zorgen" without a value. Such keys are put
        back after the language before them, with a warning to quote the label; a key that is no
        language code and has a text of its own, or comes before any language, is an error.
        """
        parts: dict[str, list[str]] = {}
        lang: str | None = None
        cut: list[Any] = []
        wrong = False
        for k, v in value.items():
            if isinstance(k, str) and LANG_CODE_RE.match(k):
                # en-GB, nl_BE: the language, as in `language:` (a plain en: beside it wins)
                lang = k if language_code(k) in (None, *parts) else str(language_code(k))
                parts[lang] = [_text(v)] if _text(v) else []
            elif v is None and lang is not None:
                parts[lang].append(str(k).strip())
                cut.append(k)
            elif not (wrong and v is None):  # of keys without text, the first says it all
                wrong = True
                name = printable(str(k))
                self.problem(
                    value.line_of(k),
                    code_id,
                    f"{key} has key {name!r} with no text: quote a {key} that contains a comma"
                    if v is None
                    else f"{key} has key {name!r}, which is no language code "
                    f"({', '.join(LANGS)}): write {key}: {{nl: …, en: …}} and quote a {key} "
                    "that contains a comma or a colon",
                )
        texts = {k: ", ".join(p) for k, p in parts.items() if p}
        if cut and not wrong:
            whole = ", ".join(f'{k}: "{t}"' for k, t in texts.items())
            self.problem(
                value.line_of(cut[0]),
                code_id,
                f"{key} has key {printable(str(cut[0]))!r} with no text: quote a {key} that "
                f"contains a comma, as in {key}: {{{whole}}} (read so for now)",
                "warning",
            )
        return None if wrong else texts

    def text(self, raw: LineDict, key: str, code_id: str) -> str:
        """A description, include, exclude or memo: one text, for every language."""
        value = raw.get(key)
        if isinstance(value, dict | list):
            blank = (
                next((k for k, v in value.items() if v is None), None)
                if isinstance(value, dict)
                else None
            )
            kind = "list" if isinstance(value, list) else "mapping"
            self.problem(
                raw.line_of(key),
                code_id,
                f"{key} has key {printable(str(blank))!r} with no text: quote a {key} that "
                "contains a comma"
                if blank is not None
                else f"{key}: must be text, not a {kind} (quote a {key} that starts with {{ or [)",
            )
            return ""
        return _text(value)

    def exchange(self, raw: LineDict, code: Code) -> None:
        """`color:`, `guid:` and `codable:`, which a REFI-QDA import writes and an export gives
        back."""
        color, guid = raw.get("color"), raw.get("guid")
        codable = raw.get("codable", True)
        if not isinstance(codable, bool):
            self.problem(
                raw.line_of("codable"),
                code.id,
                f"codable: is true or false, not {str(codable)!r}",
            )
        elif not codable and "match" in raw:
            self.problem(
                raw.line_of("codable"),
                code.id,
                "codable: false, but it has match: rules, which code it directly: "
                "remove one of the two",
            )
        else:
            code.codable = codable
        if color is not None:
            if isinstance(color, str) and COLOR_RE.match(color.strip()):
                code.color = color.strip()
            else:
                self.problem(
                    raw.line_of("color"), code.id, f"color: {color!r} is not a colour like #C0392B"
                )
        if guid is not None:
            key = str(guid).strip().strip("{}").lower()
            if not isinstance(guid, str) or not GUID_RE.match(str(guid).strip()):
                self.problem(
                    raw.line_of("guid"),
                    code.id,
                    f"guid: {guid!r} is not a GUID like 401a6831-1430-e598-0a74-3ac554d5ecd3",
                )
            elif key in self.guids:
                self.problem(
                    raw.line_of("guid"),
                    code.id,
                    f"guid: also the GUID of {self.guids[key]!r}; each code has its own",
                )
            else:
                self.guids[key] = code.id
                code.guid = str(guid).strip()

    def directions(self, raw: LineDict, code: Code) -> None:
        value = raw["directions"]
        line = raw.line_of("directions")
        if not isinstance(value, LineDict):
            self.problem(line, code.id, "directions: must map bring/take/both to cue words")
            return
        for key, cues in value.items():
            if key not in DIRECTIONS:
                self.problem(value.line_of(key), code.id, _unknown_direction(str(key)))
                continue
            if not isinstance(cues, list):
                self.problem(value.line_of(key), code.id, f"{key}: must be a list of cue words")
                continue
            for cue in cues:
                try:
                    code.directions.setdefault(key, []).extend(parse_terms(cue))
                except RuleSyntaxError as exc:
                    self.problem(value.line_of(key), code.id, str(exc))

    def direction_labels(self, raw: LineDict, code: Code) -> None:
        """`direction_labels:`: the words the matrix (and report, exports) shows for bring, take,
        both and none, per language like `label:`; a comment or tag may use them too."""
        value = raw["direction_labels"]
        line = raw.line_of("direction_labels")
        if not code.directional:
            self.problem(
                line, code.id, "direction_labels: needs directional: true (and directions:)"
            )
            return
        if not isinstance(value, LineDict) or not value:
            self.problem(
                line,
                code.id,
                "direction_labels: must map bring/take/both/none/unknown to a label, e.g. "
                "bring: {en: Gives, nl: Geeft}",
            )
            return
        allowed = set(DIRECTION_LABELS["en"])
        for key, label in value.items():
            kline = value.line_of(key)
            if key not in allowed:
                hint = _closest(str(key), allowed)
                self.problem(
                    kline,
                    code.id,
                    f"direction_labels: unknown direction {key!r} (bring, take, both, none or "
                    "unknown)" + (f"; did you mean {hint!r}?" if hint else ""),
                )
                continue
            if isinstance(label, str | int | float) and not isinstance(label, bool):
                labels = {lang: str(label).strip() for lang in LANGS}
            elif isinstance(label, LineDict):
                unknown = [str(k) for k in label if language_code(k) is None]
                if unknown:
                    self.problem(
                        kline,
                        code.id,
                        f"direction_labels: {key}: unknown language {unknown[0]!r} "
                        f"({' or '.join(LANGS)})",
                    )
                    continue
                labels = {
                    str(language_code(k)): str(v).strip()
                    for k, v in label.items()
                    if v is not None and not isinstance(v, LineDict | list)
                }
            else:
                labels = {}
            if not labels or not all(labels.values()):
                self.problem(
                    kline,
                    code.id,
                    f"direction_labels: {key}: needs a label, e.g. {key}: {{en: ..., nl: ...}}",
                )
                continue
            code.direction_labels[str(key)] = labels
        for lang in LANGS:
            words = code.direction_words(lang)
            seen: dict[str, str] = {}
            for direction, word in words.items():
                folded = " ".join(word.split()).casefold()
                if folded in seen:
                    self.problem(
                        line,
                        code.id,
                        f"direction_labels: {seen[folded]} and {direction} are both {word!r} "
                        f"in {lang}; the matrix could not tell them apart",
                    )
                    break
                seen[folded] = direction

    def rules(self, raw: LineDict, code: Code) -> None:
        if "match" not in raw:
            return
        value = raw["match"]
        line = raw.line_of("match")
        if not isinstance(value, list):
            self.problem(line, code.id, "match: must be a list of rules")
            return
        lines = getattr(value, "item_lines", None) or []
        for i, rule_raw in enumerate(value, 1):
            rline = lines[i - 1] if i - 1 < len(lines) else line
            rule, problems = check_rule(rule_raw, f"{code.id}#{i}", rline)
            for pline, message in problems:
                self.problem(pline, code.id, f"rule {i}: {message}")
            if rule is not None:
                code.rules.append(rule)

    def declarations(self, raw: LineDict, code: Code, has_codes: bool) -> None:
        """`analysis: matrix` and `phase: N`: which codes the matrix and phases commands use."""
        if "analysis" in raw:
            value = raw["analysis"]
            line = raw.line_of("analysis")
            if value not in ANALYSES:
                self.problem(
                    line,
                    code.id,
                    f"analysis: {value!r} is not one of: {', '.join(ANALYSES)} "
                    "(phases are marked with phase: N on each phase code)",
                )
            elif not code.directional:
                self.problem(
                    line,
                    code.id,
                    "analysis: matrix needs directional: true and directions: (the matrix "
                    "shows who brings and who takes)",
                )
            elif not has_codes:
                self.problem(
                    line, code.id, "analysis: matrix needs codes below it (they are its rows)"
                )
            elif self.matrix is not None:
                self.problem(
                    line,
                    code.id,
                    f"a second analysis: matrix (the first is {self.matrix.id!r} on line "
                    f"{self.matrix.line}); declare one, and show others with "
                    "`lernet matrix --codes`",
                )
            else:
                code.analysis = value
                self.matrix = code
        if "phase" in raw:
            value = raw["phase"]
            line = raw.line_of("phase")
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                self.problem(
                    line, code.id, "phase: must be a whole number from 1 (its place in the order)"
                )
            elif value in self.phases:
                first = self.phases[value]
                self.problem(
                    line,
                    code.id,
                    f"phase {value} is also {first.id!r} (line {first.line}); "
                    "each phase has its own number",
                )
            else:
                code.phase = value
                self.phases[value] = code


KEY_MEANING = {
    "stage": "phase",
    "stages": "phase",
    "step": "phase",
    "fase": "phase",
    "phases": "phase",
    "order": "phase",
}
"""Keys a researcher may write for one lernet has under another name (`stage: 2` for
`phase: 2`), suggested where spelling alone does not find them."""
DIRECTION_MEANING = {
    **dict.fromkeys(("give", "gives", "giving", "brings", "offer", "offers", "geven"), "bring"),
    **dict.fromkeys(("contribute", "contributes", "brengen", "inbrengen"), "bring"),
    **dict.fromkeys(("get", "gets", "getting", "takes", "receive", "receives"), "take"),
    **dict.fromkeys(("halen", "krijgen", "ophalen"), "take"),
    **dict.fromkeys(("exchange", "mutual", "beide", "uitwisselen", "two-way"), "both"),
}
"""A direction named in the researcher's own words (`gives:`), and the key lernet has for it."""


def _unknown_code_key(key: str) -> str:
    """A code's unknown key: the key it likely means, by meaning (`stage` for `phase`), by
    spelling, or, for a direction written at the code's top, where its cue words go."""
    if key in DIRECTIONS:
        return (
            f"unknown key {key!r}: cue words of a direction go under directions: "
            f"(directions: {{{key}: [...]}})"
        )
    hint = KEY_MEANING.get(key.casefold()) or _closest(key, CODE_KEYS)
    return f"unknown key {key!r}" + (f" (did you mean {hint!r}?)" if hint else "")


def _unknown_direction(key: str) -> str:
    """An unknown key of `directions:`: the keys there are, the one it likely means, and where
    the researcher's own word for a direction goes (`direction_labels:`)."""
    hint = DIRECTION_MEANING.get(key.casefold()) or _closest(key, set(DIRECTIONS))
    meant = f"; did you mean {hint!r}?" if hint else ""
    own = (
        f" (to show {key!r} in the matrix: direction_labels: {{{hint}: {key.capitalize()}}})"
        if hint
        else ""
    )
    return f"unknown direction {key!r}: directions: takes bring, take and both{meant}{own}"


def _closest(word: str, options: set[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return found[0] if found else None


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def parse_codebook(
    path: Path, with_rules: bool = True, cache: Path | None = None, text: str | None = None
) -> Codebook:
    """Build a codebook and collect every problem; does not raise for content problems.

    `cache` is a folder for the parsed YAML (see `load_yaml`) and for the codebook built from it
    (`codebook/cached.py`: a codebook without errors is kept, for its text and path). `text`,
    when given, is checked instead of the file's content (an edit is checked before it is
    written).
    """
    if text is None:
        text = read_text_file(path, CodebookError)
    if cache is None:
        return _build_codebook(path, with_rules, None, text)
    from .cached import cached_codebook, keep_codebook

    found = cached_codebook(cache, path, text, with_rules)
    if found is not None:
        return found
    codebook = _build_codebook(path, with_rules, cache, text)
    keep_codebook(cache, path, text, codebook)
    return codebook


def _build_codebook(path: Path, with_rules: bool, cache: Path | None, text: str) -> Codebook:
    yaml_problems: list[tuple[int, str]] = []
    data = load_yaml(path, CodebookError, text, cache, problems=yaml_problems)
    builder = _Builder(path, with_rules)
    for line, message in yaml_problems:
        builder.problem(line, None, message)
    themes: list[Code] = []
    name = printable(path.stem)  # shown and exported: a name that is not UTF-8 gets \x escapes
    names: dict[str, str] = {}
    version = ""
    if not isinstance(data, LineDict):
        builder.problem(1, None, "a codebook must be a mapping with themes:")
    else:
        for key in data:
            if key not in TOP_KEYS:
                hint = _closest(str(key), TOP_KEYS)
                builder.problem(
                    data.line_of(key),
                    None,
                    f"unknown key {key!r}" + (f" (did you mean {hint!r}?)" if hint else ""),
                )
        version = _text(data.get("version"))
        builder.language = language_code(data.get("language"))
        written_language = data.get("language")
        if builder.language is None and written_language is not None:
            builder.problem(data.line_of("language"), None, _not_a_language(written_language))
        written = data.get("name")
        if isinstance(written, LineDict):  # name: {nl: …, en: …}
            names = builder.by_language(written, "name", None) or {}
            name = names.get(builder.language or "") or next(iter(names.values()), name)
        else:
            name = str(written or name)
        raw_themes = data.get("themes")
        if not isinstance(raw_themes, list) or not raw_themes:
            builder.problem(data.line_of("themes"), None, "themes: must be a non-empty list")
        else:
            for raw in raw_themes:
                theme = builder.build_code(raw, None, [], {}, False, data.line_of("themes"))
                if theme is not None:
                    themes.append(theme)
    for ref, owner, line in builder.references:
        if ref not in builder.codes:
            builder.problem(line, owner, f"related: unknown code {ref!r}")
    _same_names(builder)
    # Broken YAML (a duplicate key, a reused anchor) first: it may cause the problems after it;
    # the rest in file order, to fix top to bottom.
    n_yaml = len(yaml_problems)
    builder.problems[n_yaml:] = sorted(builder.problems[n_yaml:], key=lambda p: p.line)
    return Codebook(
        path=str(path),
        name=name,
        names=names,
        themes=themes,
        codes=builder.codes,
        problems=builder.problems,
        digest=text_digest(text),
        version=version,
        with_rules=with_rules,
        matrix=builder.matrix.id if builder.matrix is not None else None,
        phases=[builder.phases[n].id for n in sorted(builder.phases)],
        language=builder.language,
    )


def _not_a_language(value: object) -> str:
    """What to say of a `language:` that is not nl or en (`English`, `British English`): the
    code to write where the word names one of them."""
    said = printable(str(value))
    word = said.lower()
    code = (
        "en"
        if any(w in word for w in ("engl", "brit", "engels"))
        else "nl"
        if any(w in word for w in ("dutch", "neder", "vlaams", "flem"))
        else None
    )
    return (
        f"language must be nl or en (en-GB, nl-BE and the like are read as en, nl), not {said!r}"
        + (f": write language: {code}" if code else "")
    )


def _same_names(builder: Any) -> None:
    """A warning for each code that shares a label (in a language) or a short id with a code
    before it: a comment, tag or --code naming it by that name is refused (it names both)."""
    labels: dict[tuple[str, str], Code] = {}
    shorts: dict[str, Code] = {}
    for code in builder.codes.values():
        # one warning per label and code it is also the label of, naming the language only
        # where the code's labels differ by language (a plain `label: X` is every language's)
        same: dict[tuple[str, str], list[str]] = {}
        for lang, label in sorted(code.labels.items()):
            key = (lang, " ".join(str(label).split()).casefold())
            first = labels.setdefault(key, code)
            if first is not code and key[1]:
                same.setdefault((str(label), first.id), []).append(lang)
        for (label, other), langs in same.items():
            alike = len(set(code.labels.values())) == 1 and len(langs) == len(code.labels)
            # a label that is one of the two's id (a theme `belemmeringen` labelled
            # Belemmeringen) names that one, as `Codebook.named` reads it: not refused
            name = " ".join(label.split()).casefold()
            by_id = next((c for c in (other, code.id) if c.casefold() == name), None)
            if by_id is not None:
                rest = other if by_id == code.id else code.id
                what = (
                    f"a comment, tag or --code naming it names {by_id} (its id); write {rest} "
                    "for the other, or give each its own label"
                )
            else:
                what = "a comment, tag or --code naming it is refused; give each its own label"
            builder.problem(
                code.line,
                code.id,
                f"label {label!r}{'' if alike else ' (' + ', '.join(langs) + ')'} is also "
                f"{other}'s: {what}",
                "warning",
            )
        short = code.id.rsplit(".", 1)[-1].casefold()
        first = shorts.setdefault(short, code)
        if first is not code and "." in code.id:
            builder.problem(
                code.line,
                code.id,
                f"short id {short!r} is also {first.id}'s: a comment, tag or --code naming "
                f"{short!r} is refused; write the full id",
                "warning",
            )


def text_digest(text: str) -> str:
    """A codebook's digest: SHA-256 of its text, so equal text is the same codebook."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_codebook(
    path: Path, with_rules: bool = True, cache: Path | None = None, text: str | None = None
) -> Codebook:
    """Load a codebook for use; refuse it when it has errors (warnings are kept on it).

    Without rules (for counting and quoting) loading skips compiling them, which is most of its
    cost; rule errors are then found by `lernet code` and `lernet codebook check`.
    """
    codebook = parse_codebook(path, with_rules, cache, text)
    errors = [p for p in codebook.problems if p.severity == "error"]
    if errors:
        first = errors[0]
        more = (
            f" (and {len(errors) - 1} more; run `lernet codebook check`)" if len(errors) > 1 else ""
        )
        who = f"[{first.code_id}] " if first.code_id else ""
        raise CodebookError(f"{who}{first.message}{more}", first.path, first.line)
    return codebook
