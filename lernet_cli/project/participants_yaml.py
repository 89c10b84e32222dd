"""A participants file in YAML: its keys checked, every mistake in it named at once, one line
each, with the line it stands on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..codebook.yamlio import LineDict, LineList, load_yaml
from ..errors import ParticipantsError
from ..model import Participant
from .participants_model import Participants, _add, _Problems, _same_group_names, _spelling_key
from .participants_table import CSV_ALIASES

PARTICIPANT_KEYS = {
    "id",
    "group",
    "label",
    "files",
    "names",
    "organisations",
    "organizations",
    "description",
    "variables",
}


TOP_KEYS = {"participants", "groups", "redact"}


def _in_languages(value: Any, what: str, path: Path, line: int) -> dict[str, str]:
    """A `{nl: …, en: …}` mapping of texts by language (`en-GB` is en)."""
    from ..codebook.codebook import LANGS, language_code

    out: dict[str, str] = {}
    for key, text in value.items():
        lang = language_code(key)
        if lang is None or not isinstance(text, str | int) or not str(text).strip():
            raise ParticipantsError(
                f"{what}: give a text per language ({', '.join(LANGS)}), as "
                f"{{nl: …, en: …}}; {key!r} is "
                + ("no language" if lang is None else "without a text"),
                path,
                value.line_of(key) if isinstance(value, LineDict) else line,
            )
        out[lang] = " ".join(str(text).split())
    return out


def _groups(value: Any, path: Path, line: int) -> tuple[list[str], dict[str, dict[str, str]]]:
    """`groups:` as names, and the names some have per language: a list of names, each a text
    or `bedrijf: {en: company}`, or one mapping of them."""
    if value is None or isinstance(value, str):
        return _str_list(value, path, line, "groups"), {}
    items: list[tuple[Any, Any, int]] = []
    if isinstance(value, dict):
        at = value.line_of if isinstance(value, LineDict) else (lambda _k: line)
        items = [(k, v, at(k)) for k, v in value.items()]
    elif isinstance(value, list):
        for i, item in enumerate(value):
            where = value.line_at(i) if isinstance(value, LineList) else line
            if isinstance(item, dict) and len(item) == 1:
                ((k, v),) = item.items()
                items.append((k, v, item.line_of(k) if isinstance(item, LineDict) else where))
            elif isinstance(item, dict):
                raise ParticipantsError(
                    "groups: one group per item, as `- bedrijf: {en: company}`", path, where
                )
            else:
                items.append((item, None, where))
    else:
        raise ParticipantsError("groups: must be a list of names", path, line)
    names: list[str] = []
    worded: dict[str, dict[str, str]] = {}
    for key, names_of, at_line in items:
        if not isinstance(key, str | int) or not str(key).strip():
            raise ParticipantsError("groups: must be a list of names", path, at_line)
        name = " ".join(str(key).split())
        names.append(name)
        if names_of is None:
            continue
        if not isinstance(names_of, dict):
            raise ParticipantsError(
                f"groups: give {name!r} a name per language, as `{name}: {{en: …}}`",
                path,
                at_line,
            )
        worded[_spelling_key(name)] = _in_languages(names_of, f"groups: {name}", path, at_line)
    return names, worded


def _str_list(value: Any, path: Path, line: int, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return [str(v).strip() for v in value if str(v).strip()]
    raise ParticipantsError(f"{key}: must be a list of names", path, line)


def _load_yaml(path: Path, cache: Path | None = None) -> Participants:
    data = load_yaml(path, ParticipantsError, cache=cache)
    if isinstance(data, list):
        wrapped = LineDict({"participants": data})
        wrapped.key_lines = {"participants": 1}
        wrapped.line = 1
        data = wrapped
    if not isinstance(data, LineDict) or not isinstance(data.get("participants"), list):
        raise ParticipantsError("expected a participants: list", path, 1)
    problems = _Problems()
    for key in data:
        if key not in TOP_KEYS:
            problems.add(
                ParticipantsError(
                    f"unknown key {key!r}; known: {', '.join(sorted(TOP_KEYS))}",
                    path,
                    data.line_of(key),
                )
            )
    result = Participants(path=str(path))
    result.groups, result.group_names = problems.value(
        lambda: _groups(data.get("groups"), path, data.line_of("groups")), ([], {})
    )
    redact = data.get("redact") or {}
    redact_line = data.line_of("redact")
    if not isinstance(redact, dict):
        problems.add(
            ParticipantsError("redact: must have names: and organisations:", path, redact_line)
        )
        redact = {}
    result.other_names = problems.value(
        lambda: _str_list(redact.get("names"), path, redact_line, "names"), []
    )
    result.other_organisations = problems.value(
        lambda: _str_list(
            redact.get("organisations", redact.get("organizations")),
            path,
            redact_line,
            "organisations",
        ),
        [],
    )
    for item in data["participants"]:
        if not isinstance(item, LineDict):
            problems.add(
                ParticipantsError(
                    "each participant must be a mapping with id:",
                    path,
                    getattr(item, "line", None) or data.line_of("participants"),
                )
            )
            continue
        for key in item:
            if key not in PARTICIPANT_KEYS:
                meant = CSV_ALIASES.get(str(key).strip().lower())
                hint = (
                    f"did you mean {meant}:?"
                    if meant
                    else "a participant variable goes under variables:, as "
                    f"`variables: {{{key}: ...}}`"
                )
                problems.add(
                    ParticipantsError(
                        f"unknown key {key!r}; known: {', '.join(sorted(PARTICIPANT_KEYS))} "
                        f"({hint})",
                        path,
                        item.line_of(key),
                    )
                )
        given = item.get("group")
        if isinstance(given, list):
            problems.add(_groups_given(given, path, item.line_of("group")))
            continue
        pid = item.get("id")
        if pid is None or not str(pid).strip():
            problems.add(ParticipantsError("participant without id:", path, item.line))
            continue
        group = item.get("group")
        if isinstance(group, dict | list):
            problems.add(
                ParticipantsError(
                    "group: one name; give a group its name per language under groups:, as "
                    "`groups: [bedrijf: {en: company}]`",
                    path,
                    item.line_of("group"),
                )
            )
            group = None
        group = _opt(group)
        if result.groups and group is not None and group not in result.groups:
            problems.add(
                ParticipantsError(
                    f"group {group!r} is not one of the groups: {', '.join(result.groups)} "
                    "(a typo? or add it to groups:)",
                    path,
                    item.line_of("group"),
                )
            )

        lists: dict[str, list[str]] = {}
        spellings = (("files", "files"), ("names", "names"), ("organisations", "organizations"))
        for key, spelled in spellings:
            value = item.get(key, item.get(spelled))
            lists[key] = problems.value(
                lambda: _str_list(value, path, item.line_of(key), key),  # noqa: B023
                [],
            )
        variables = problems.value(
            lambda: _variables(item.get("variables"), path, item.line_of("variables")),  # noqa: B023
            {},
        )
        for name in variables:
            if name not in result.variable_names:
                result.variable_names.append(name)
        label = item.get("label")
        if isinstance(label, dict):
            worded = problems.value(
                lambda: _in_languages(label, "label", path, item.line_of("label")),  # noqa: B023
                {},
            )
            if worded:
                result.label_names[str(pid).strip()] = worded
            label = next(iter(worded.values()), None)
        try:
            _add(
                result,
                Participant(
                    id=str(pid).strip(),
                    group=group,
                    label=_opt(label),
                    files=lists["files"],
                    names=lists["names"],
                    organisations=lists["organisations"],
                    description=_opt(item.get("description")),
                    variables=variables,
                ),
                path,
                item.line_of("id"),
            )
        except ParticipantsError as exc:
            problems.add(exc)
    problems.value(lambda: _same_group_names(result, path, data.line_of("groups")), None)
    problems.raise_any()
    return result


def _variables(value: Any, path: Path, line: int) -> dict[str, str | int | float | bool]:
    """`variables:` a mapping of names to values (text, a number or true/false), as another
    tool's case variables are kept."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(v, str | int | float | bool) or v is None for v in value.values()
    ):
        raise ParticipantsError(
            "variables: must map each variable's name to a value (Role: Care home manager)",
            path,
            line,
        )
    return {str(k).strip(): v for k, v in value.items() if v is not None and str(k).strip()}


def _groups_given(groups: list[Any], path: Path, line: int | None) -> ParticipantsError:
    """A participant given several groups: each counts in one group, so a second grouping is
    a variable (`variables:`), which `--by` counts as the groups are."""
    named = ", ".join(repr(str(g)) for g in groups)
    return ParticipantsError(
        f"group: one group per participant, not a list ({named}): each counts in one group; "
        "give another grouping as a variable, as `variables: {role: ...}` (lernet tally --by "
        "role counts it)",
        path,
        line,
    )


def _opt(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
