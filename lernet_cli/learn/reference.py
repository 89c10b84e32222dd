"""Reference passages: what a code looks like in interviews of other studies, coded by people.

A codebook's few examples say little about the many ways an idea is put; passages other people
coded with the same codes say more. Candidates (`lernet review --candidates`) count them with the
examples when they build a code's profile; they are never shown, quoted or counted.

A reference is a JSON file `{"source": "...", "codes": {"<code id>": ["passage", ...]}}`, found
beside the codebook as `<codebook file name without .yaml>.reference.json`, or else the one
shipped with the default codebook, made by `eval/reference.py` from the evaluation corpus's dev
interviews. A reference applies only to a codebook that has every code it names, so a study's own
codebook never gets passages meant for other codes; of its passages, only those in a language of
the study's interviews are used.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CodebookError
from ..language.detect import detect_language

if TYPE_CHECKING:
    from ..codebook.codebook import Codebook

SUFFIX = ".reference.json"


@dataclass
class Reference:
    path: Path
    source: str
    passages: dict[str, list[str]] = field(default_factory=dict)

    def in_languages(self, languages: set[str]) -> dict[str, list[str]]:
        """The passages in one of `languages` (a passage's own function words decide)."""
        return {
            code: kept
            for code, texts in self.passages.items()
            if (kept := [t for t in texts if detect_language([t], "").language in languages])
        }


def load_reference(path: Path) -> Reference:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CodebookError(f"reference passages unreadable: {exc}", path) from None
    codes = data.get("codes") if isinstance(data, dict) else None
    if not isinstance(codes, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(t, str) for t in v)
        for k, v in codes.items()
    ):
        raise CodebookError(
            'reference passages need {"codes": {"<code id>": ["passage", ...]}}', path
        )
    return Reference(path, str(data.get("source", "")), {k: list(v) for k, v in codes.items()})


def reference_for(codebook: Codebook) -> Reference | None:
    """The reference beside the codebook, else the default codebook's, if it fits."""
    from ..project.project import DEFAULT_CODEBOOK, bundled_path

    places: list[Path | None] = [bundled_path(Path(DEFAULT_CODEBOOK).stem + SUFFIX)]
    if codebook.path:
        own = Path(codebook.path)
        places.insert(0, own.with_name(own.stem + SUFFIX))
    for place in places:
        if place is not None and place.is_file():
            reference = load_reference(place)
            if set(reference.passages) <= set(codebook.codes):
                return reference
    return None


def reference_warnings(codebook: Codebook) -> list[str]:
    """What is wrong with the reference beside the codebook, as `codebook check` says it: a
    reference that names codes the codebook lacks is not used at all."""
    if not codebook.path:
        return []
    own = Path(codebook.path)
    path = own.with_name(own.stem + SUFFIX)
    if not path.is_file():
        return []
    unknown = sorted(set(load_reference(path).passages) - set(codebook.codes))
    if not unknown:
        return []
    return [
        f"{path}: names {', '.join(unknown)}, not codes of this codebook: candidates do not use "
        "this reference until every code it names is one"
    ]


def study_languages(texts_by_transcript: Iterable[list[str]]) -> set[str]:
    """The languages the study's transcripts are in, each judged on its own turns."""
    return {detect_language(texts).language for texts in texts_by_transcript if texts}
