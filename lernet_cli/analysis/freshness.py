"""Whether the stored codings still come from the codebook as it is: counts, quotes and reports
read the codings `lernet code` stored, made with the codebook's rules as they were then.

After a rule edit and before `lernet code`, or with a codebook that has errors (read without its
rules, as counting reads it), tally, quotes, matrix, phases and report say so in one line, and the
report cites the codebook the codings were made with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..codebook.codebook import Codebook, Problem, parse_codebook
from ..coding.digests import (
    CODED_WITH,
    CODED_WITH_RULES,
    code_digests,
    digest_of,
    still_coded_with,
)
from ..coding.orphans import left_out, left_out_line, new_codes, renamed_pairs, which_codes
from ..language.plural import counted
from ..store.store import Store


@dataclass
class Freshness:
    """How the stored rule codings stand to the codebook's rules now."""

    stale: int = 0
    """Interviews `lernet code` coded whose rule codings come from other rules than these."""
    coded: int = 0
    """Interviews `lernet code` coded."""
    error: Problem | None = None
    """The codebook's first error (its rules unread), if it has any."""
    errors: int = 0
    coded_with: str | None = None
    """The codebook file's digest when every interview was last coded with its rules."""
    left: dict[str, int] = field(default_factory=dict)
    """Codings stored under codes the codebook lacks (renamed or removed since), by code: left
    out of every count."""
    rules: str | None = None
    """The digest of the codebook's rules now (None where it has errors)."""
    new: list[str] = field(default_factory=list)
    """The codebook's codes the last `lernet code` did not have: nothing coded under them yet."""

    def warning(self, codebook: Codebook) -> str | None:
        """One line for the counts' reader, or None when the codings are the rules' as they are."""
        name = Path(codebook.path).name
        if self.error is not None:
            more = f" (and {self.errors - 1} more)" if self.errors > 1 else ""
            return (
                f"{self.error}{more}: the codebook has errors, so it is read without its rules: "
                "the counts are the codings stored at the last `lernet code` (lernet codebook "
                "check lists every problem)"
            )
        if self.stale:
            return (
                "the counts are from the codebook's rules as they were at the last `lernet "
                f"code`: {self.stale} of {counted(self.coded, 'interview')} "
                f"{'was' if self.stale == 1 else 'were'} coded with other rules "
                f"than {name} has now{self._changed(name)} (run `lernet code` to re-code"
                f"{self._renamed()})"
            )
        if self.left:
            return left_out_line(self.left, name)
        return None

    def _changed(self, name: str) -> str:
        """Which codes show nothing, or less, for the codebook's edits since."""
        parts = []
        if self.new:
            verb = "shows" if len(self.new) == 1 else "show"
            parts.append(f"{', '.join(self.new)} (new in it) {verb} nothing yet")
        if self.left:
            which = which_codes(self.left)
            parts.append(
                f"{counted(sum(self.left.values()), 'coding')} under {which}, which it no "
                f"longer has, {'is' if sum(self.left.values()) == 1 else 'are'} left out"
            )
        return f", so {' and '.join(parts)}" if parts else ""

    def _renamed(self) -> str:
        if not self.left:
            return ""
        pairs = renamed_pairs(self.left, self.new)
        old, new = pairs[0] if len(pairs) == 1 else ("OLD", "NEW")
        return (
            f"; for a renamed code, lernet codebook renamed {old} {new} keeps its reviews; for "
            f"one removed on purpose, lernet codebook removed {old if pairs else 'OLD'} drops "
            "its codings"
        )

    @property
    def then(self) -> str | None:
        """The digest of the codebook the codings were made with, when it is not the file now
        (the rules changed since, or the codebook has errors) and lernet knows it."""
        return self.coded_with if (self.stale or self.error) else None


def freshness(store: Store, codebook: Codebook, cache: Path | None = None) -> Freshness:
    """How the stored codings stand to `codebook` (read with or without its rules; its rules are
    read here, from the project's `cache` when they are kept there)."""
    coded = [t for t in store.transcripts() if t.rules_digest is not None]
    out = Freshness(coded=len(coded), coded_with=store.get_meta(CODED_WITH))
    out.left = left_out(store, codebook)
    if still_coded_with(store, codebook, [str(t.rules_digest) for t in coded]):
        out.coded_with = None
        out.rules = (store.get_meta(CODED_WITH_RULES) or "").partition(" ")[2]
        return out  # the usual case: the file unchanged since the last `lernet code`
    if out.coded_with == codebook.digest:
        out.coded_with = None
    full = codebook if codebook.with_rules else parse_codebook(Path(codebook.path), True, cache)
    errors = [p for p in full.problems if p.severity == "error"]
    if errors:
        out.error, out.errors = errors[0], len(errors)
        return out
    rules = out.rules = digest_of(code_digests(full))
    out.stale = sum(1 for t in coded if t.rules_digest != rules)
    if out.stale:
        out.new = new_codes(store, codebook)
    return out
