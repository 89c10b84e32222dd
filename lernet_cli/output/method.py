"""The report's method section: how the counts were made, written from the store.

Everything said here is counted or measured, never assumed: the interviews and participants, the
codebook (name, version, digest), where the counted codings came from, how many of the rules'
codings a person reviewed, the agreement of two people who coded the same interviews, and, for
the default codebook, its accuracy on unseen interviews as measured by the repository's
evaluation (read from `<codebook>.accuracy.json` shipped beside it; left out when absent).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analysis.scope import FileScope, folder_of
from ..codebook.codebook import Codebook, text_digest
from ..language.names import Redactor
from ..project.participants import group_name
from ..store.coders import MACHINES
from ..store.store import REVIEWABLE, CodingRow, Store, StoredTranscript

SOURCES = (
    "rule",
    "protocol",
    "similar",
    "comment",
    "tag",
    "review",
    "candidate",
    "import-rules",
    "import",
)

SOURCE_LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "rule": "Regels van het codeboek (automatisch)",
        "protocol": "Vragen uit het interviewprotocol (automatisch)",
        "similar": "Gelijkende kandidaten, automatisch gecodeerd",
        "comment": "Opmerkingen in de transcripten",
        "tag": "Codes in de tekst (tags)",
        "review": "Code gewijzigd bij beoordeling",
        "candidate": "Gemiste code aangevuld bij beoordeling (kandidaten)",
        "import-rules": "Geïmporteerd, gemaakt door de regels (automatisch)",
        "import": "Geïmporteerd uit een ander programma",
    },
    "en": {
        "rule": "Codebook rules (automatic)",
        "protocol": "Interview protocol questions (automatic)",
        "similar": "Similar candidates, coded automatically",
        "comment": "Comments in the transcripts",
        "tag": "Codes in the text (tags)",
        "review": "Code changed in review",
        "candidate": "Missed code added in review (candidates)",
        "import-rules": "Imported, made by the rules (automatic)",
        "import": "Imported from another program",
    },
}
MADE_BY: dict[str, dict[str, str]] = {
    "nl": {
        "rule": "door de regels",
        "protocol": "uit het interviewprotocol",
        "similar": "automatisch toegevoegd uit kandidaten met een score van {min_score} of hoger "
        "(lernet review --candidates --auto)",
    },
    "en": {
        "rule": "made by the rules",
        "protocol": "made from the interview protocol",
        "similar": "added automatically from candidates scoring {min_score} or more "
        "(lernet review --candidates --auto)",
    },
}

NOUNS: dict[str, dict[str, tuple[str, str]]] = {
    "nl": {
        "interview": ("interview", "interviews"),
        "participant": ("deelnemer", "deelnemers"),
        "transcript": ("transcript", "transcripten"),
        "coding": ("codering", "coderingen"),
        "group": ("groepsgesprek (focusgroep)", "groepsgesprekken (focusgroepen)"),
    },
    "en": {
        "interview": ("interview", "interviews"),
        "participant": ("participant", "participants"),
        "transcript": ("transcript", "transcripts"),
        "coding": ("coding", "codings"),
        "group": ("group interview (focus group)", "group interviews (focus groups)"),
    },
}


def counted(n: int, noun: str, lang: str) -> str:
    """ "1 interview", "3 interviews", in the report's language."""
    from ..language.plural import counted as with_noun

    return with_noun(n, *NOUNS[lang][noun])


# A verb after a count, singular for 1 ("1 van de 4 interviews is", "1 of 4 was"), by its
# English plural; Dutch "tellen ... mee" is the verb the report's "are counted" reads as.
VERBS: dict[str, dict[str, tuple[str, str]]] = {
    "nl": {"were": ("is", "zijn"), "are": ("telt", "tellen")},
    "en": {"were": ("was", "were"), "are": ("is", "are")},
}


def _verb(plural: str, n: int, lang: str) -> str:
    one, many = VERBS[lang][plural]
    return one if n == 1 else many


TEXT: dict[str, dict[str, str]] = {
    "nl": {
        "heading": "Methode",
        "material": "Het materiaal bestaat uit {n} met {m}{groups}.",
        "material_mixed": "Het materiaal bestaat uit {n}: {i} en {g}, met {m}{groups}.",
        "no_material": "Er is nog geen materiaal: dit project bevat geen interviews.",
        "shared_groups": "; {m} in meer dan één groep, in elk daarvan geteld",
        "scope_folders": "Alleen {k} van de {n} transcripten {verb} mee: die in {folders}.",
        "scope_patterns": (
            "Alleen {k} van de {n} transcripten {verb} mee: die waarvan de map of de naam past "
            "bij {patterns}."
        ),
        "codebook": "Gecodeerd is met het codeboek ‘{name}’{version} (SHA-256 {digest}…).",
        "codebook_then": (
            "Gecodeerd is met het codeboek ‘{name}’ zoals het was bij de laatste lernet code "
            "(SHA-256 {then}…); het bestand is sindsdien gewijzigd (nu{version}, SHA-256 "
            "{digest}…)."
        ),
        "codebook_errors": (
            "Let op: het codeboek bevat nu fouten (lernet codebook check); de tellingen zijn "
            "de coderingen van de laatste lernet code."
        ),
        "version": ", versie {v}",
        "stale": (
            "Let op: {k} van de {n} interviews {verb} door de regels gecodeerd met een andere "
            "versie van het codeboek of van lernet; voer lernet code opnieuw uit."
        ),
        "left_out": ("{n} onder codes die het codeboek niet meer heeft ({codes}) {verb} niet mee."),
        "coders": "Alleen de coderingen van {coders} tellen mee.",
        "or": "of",
        "counted": "De tellingen berusten op {n}, naar herkomst:",
        "no_codings": "Er zijn nog geen coderingen.",
        "source": "Herkomst",
        "codings": "Coderingen",
        "review": (
            "Van de {total} {by} {zijn} er {reviewed} door een persoon beoordeeld: "
            "{accepted} geaccepteerd{redirected} en {rejected} afgewezen."
        ),
        "redirected": " (waarvan {k} met een andere richting)",
        "only_reviewed": (
            "De tellingen omvatten alleen coderingen die een persoon maakte of accepteerde; "
            "niet beoordeelde en afgewezen coderingen tellen niet mee."
        ),
        "review_none": ("Van de {total} {by} is er nog geen door een persoon beoordeeld."),
        "with_unreviewed": (
            "De tellingen omvatten {n} die niemand heeft beoordeeld; afgewezen "
            "coderingen tellen niet mee."
        ),
        "no_unreviewed": (
            "De tellingen omvatten geen niet beoordeelde coderingen; afgewezen coderingen "
            "tellen niet mee."
        ),
        "agreement": (
            "{a} en {b} codeerden allebei {k}; over {n} beslissingen "
            "(fragment × code; een codering op themaniveau telt bij haar thema, elke codering "
            "één keer) kwamen zij in {pct} overeen (Cohen’s kappa {kappa}, "
            "Krippendorff’s alpha {alpha})."
        ),
        "too_few": (
            " Dat zijn te weinig eenheden om te beoordelen (minder dan {units}, of minder dan "
            "{each} waarop een codeur een code gaf of wegliet): kappa en alpha zeggen hier niets."
        ),
        "agreement_all": (
            "Alle {m} codeurs samen ({names}; in de {k} die minstens twee van hen codeerden, "
            "elk met de codeurs die het codeerden): Krippendorff’s alpha {alpha} over {n} "
            "beslissingen, waarvan zij het in {pct} allemaal eens waren (lernet agree met alle "
            "namen)."
        ),
        "all_coders": (
            "De tellingen omvatten de coderingen van iedere codeur: waar twee personen "
            "verschillen, telt de code die één van hen gaf mee."
        ),
        "no_agreement": (
            "Geen twee personen codeerden dezelfde interviews: de overeenstemming tussen "
            "codeurs is niet gemeten."
        ),
        "undefined": "niet te bepalen",
        "accuracy": (
            "De regels van dit codeboek zijn gemeten op {n} niet eerder geziene interviews: "
            "F1 {f1} (precisie {p}, recall {r})."
        ),
        "and": "en",
    },
    "en": {
        "heading": "Method",
        "material": "The material is {n} with {m}{groups}.",
        "material_mixed": "The material is {n}: {i} and {g}, with {m}{groups}.",
        "no_material": "There is no material yet: this project holds no interviews.",
        "shared_groups": "; {m} in more than one group, counted in each",
        "scope_folders": "Only {k} of the {n} transcripts {verb} counted: those in {folders}.",
        "scope_patterns": (
            "Only {k} of the {n} transcripts {verb} counted: those whose folder or name matches "
            "{patterns}."
        ),
        "codebook": "Coding used the codebook ‘{name}’{version} (SHA-256 {digest}…).",
        "codebook_then": (
            "Coding used the codebook ‘{name}’ as it was at the last lernet code (SHA-256 "
            "{then}…); the file has changed since (now{version}, SHA-256 {digest}…)."
        ),
        "codebook_errors": (
            "Note: the codebook now has errors (lernet codebook check); the counts are the "
            "codings of the last lernet code."
        ),
        "version": ", version {v}",
        "stale": (
            "Note: {k} of the {n} interviews {verb} coded by the rules of another version of the "
            "codebook or of lernet; run lernet code again."
        ),
        "left_out": "{n} under codes the codebook no longer has ({codes}) {verb} not counted.",
        "coders": "Only the codings of {coders} are counted.",
        "or": "or",
        "counted": "The counts rest on {n}, by origin:",
        "no_codings": "There are no codings yet.",
        "source": "Origin",
        "codings": "Codings",
        "review": (
            "Of the {total} {by}, a person reviewed {reviewed}: {accepted} accepted"
            "{redirected} and {rejected} rejected."
        ),
        "redirected": " ({k} of them with another direction)",
        "only_reviewed": (
            "The counts include only codings a person made or accepted; unreviewed and "
            "rejected codings are not counted."
        ),
        "review_none": "None of the {total} {by} has been reviewed by a person yet.",
        "with_unreviewed": (
            "The counts include {n} nobody has reviewed; rejected codings are not counted."
        ),
        "no_unreviewed": (
            "The counts include no unreviewed codings; rejected codings are not counted."
        ),
        "agreement": (
            "{a} and {b} both coded {k}; over {n} decisions "
            "(segment × code; a coding at theme level counts under its theme, each coding once) "
            "they agreed in {pct} (Cohen’s kappa {kappa}, Krippendorff’s alpha {alpha}; "
            "lernet agree)."
        ),
        "too_few": (
            " Those are too few units to judge (fewer than {units}, or fewer than {each} on which "
            "a coder gave a code or left it out): kappa and alpha mean nothing here."
        ),
        "agreement_all": (
            "All {m} coders together ({names}; in the {k} at least two of them coded, each with "
            "the coders who coded it): Krippendorff’s alpha {alpha} over {n} decisions, on "
            "{pct} of which they all agreed (lernet agree with every name)."
        ),
        "all_coders": (
            "The counts include every coder's codings: where two people differ, the code one "
            "of them gave counts."
        ),
        "no_agreement": (
            "No two people coded the same interviews: agreement between coders was not measured."
        ),
        "undefined": "undefined",
        "accuracy": (
            "This codebook's rules were measured on {n} unseen interviews: F1 {f1} (precision "
            "{p}, recall {r})."
        ),
        "and": "and",
    },
}


@dataclass
class TableBlock:
    header: list[str]
    rows: list[list[str]]
    right: list[int] = field(default_factory=list)
    """Columns aligned right (numbers)."""


@dataclass
class MethodSection:
    heading: str
    blocks: list[str | TableBlock]


@dataclass
class Accuracy:
    """The default codebook's rules measured on unseen interviews (participant level, micro)."""

    interviews: int
    precision: float
    recall: float
    f1: float


MACHINE_CODERS = {
    "nl": {
        "auto": "de regels",
        "protocol": "het interviewprotocol",
        "similar": "de vergelijkbare passages (lernet review --candidates --auto)",
    },
    "en": {
        "auto": "the rules",
        "protocol": "the interview protocol",
        "similar": "the similar passages (lernet review --candidates --auto)",
    },
}
"""How the sentence on `--coder` names lernet's own coders: in words, not by their ids."""


def per_group(counts: Iterable[tuple[str, int]], lang: str, shared: int = 0) -> str:
    """ "ward nurse: 3, community nurse: 2": a group's name as written, never inflected.
    `shared`: how many participants count in more than one group (their group changed between
    interviews), said after the counts, which then add up to more than the participants."""
    text = ", ".join(f"{group_name(g, lang)}: {n}" for g, n in counts)
    if shared:
        text += TEXT[lang]["shared_groups"].format(m=counted(shared, "participant", lang))
    return text


def number(value: float | None, lang: str, digits: int = 2, percent: bool = False) -> str:
    """0.77 / 0,77; 96.1% / 96,1%; None as the language's 'undefined'."""
    if value is None:
        return TEXT[lang]["undefined"]
    text = f"{value * 100:.1f}" if percent else f"{value:.{digits}f}"
    if lang == "nl":
        text = text.replace(".", ",")
    return text + ("%" if percent else "")


def unreviewed(row: CodingRow) -> bool:
    """Made by the rules or the protocol (here, or in the lernet project an archive came from)
    and not yet accepted or rejected by a person."""
    made_by_rules = row.source in REVIEWABLE or row.coder in MACHINES
    return made_by_rules and row.status == "pending"


def accuracy_path() -> Path | None:
    """`lerende-netwerken.accuracy.json` beside the bundled default codebook, if shipped."""
    from ..project.project import DEFAULT_CODEBOOK, bundled_path

    return bundled_path(Path(DEFAULT_CODEBOOK).stem + ".accuracy.json")


def read_accuracy(path: Path | None, codebook_digest: str) -> Accuracy | None:
    """The figures in `path`, or None when there is no such file, it is not as expected, or it
    names another codebook digest than `codebook_digest` (figures for another version).

    Shape: {"interviews": N, "precision": p, "recall": r, "f1": f, "codebook_digest": "..."}
    (the digest optional; other keys ignored).
    """
    if path is None or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    digest = data.get("codebook_digest")
    if digest is not None and digest != codebook_digest:
        return None
    n = data.get("interviews")
    figures = [data.get(k) for k in ("precision", "recall", "f1")]
    if not isinstance(n, int) or isinstance(n, bool) or n <= 0:
        return None
    if not all(
        isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 1 for v in figures
    ):
        return None
    p, r, f = (float(v) for v in figures if isinstance(v, int | float))
    return Accuracy(n, p, r, f)


def default_accuracy(
    codebook: Codebook, rules: str | None = None, cache: Path | None = None
) -> Accuracy | None:
    """The measured accuracy when `codebook` codes as the bundled default codebook does: the
    same codes, rules, direction cues and negation settings (`rules_digest`), whatever its name,
    description, labels or comments say (`lernet init --language en` writes those in English).
    The figures were measured on the bundled codebook's text (its `codebook_digest`). `rules`:
    the codebook's rules digest where the caller knows it; `cache`: the project's cache folder,
    where the bundled codebook's rules digest is kept (building its rules takes a second)."""
    from ..codebook.yamlio import read_text_file
    from ..coding.digests import rules_digest
    from ..errors import CodebookError
    from ..project.project import DEFAULT_CODEBOOK, bundled_path

    default = bundled_path(DEFAULT_CODEBOOK)
    if default is None:
        return None
    try:
        bundled_text = text_digest(read_text_file(default, CodebookError))
        measured = read_accuracy(accuracy_path(), bundled_text)
        if measured is None or bundled_text == codebook.digest:
            return measured
        mine = rules if rules is not None else rules_digest(codebook)
        if mine != _bundled_rules(default, bundled_text, cache):
            return None
    except CodebookError:
        return None
    return measured


def _bundled_rules(default: Path, text: str, cache: Path | None) -> str:
    """The bundled codebook's rules digest, kept in the project's cache by the file's text and
    the matcher's version, which decide it."""
    from ..codebook.codebook import parse_codebook
    from ..coding.digests import CODER_VERSION, rules_digest
    from ..userfiles import write_cache_file

    name = f"rules-{text[:24]}-{CODER_VERSION}.digest"
    if cache is not None:
        try:
            kept = (cache / name).read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            kept = ""
        if kept:
            return kept
    digest = rules_digest(parse_codebook(default))
    if cache is not None:
        write_cache_file(cache, name, digest, keep=("rules-*.digest", 4))
    return digest


def group_interviews(store: Store, transcripts: list[StoredTranscript]) -> int:
    """How many of the stored `transcripts` are group interviews (focus groups): two or more
    participant ids speak in them (listed speakers, and the transcript's own participant where
    a turn is no listed speaker's)."""
    from ..coding.speakers import speaking_participants

    speaking = speaking_participants(store)
    return sum(1 for t in transcripts if len(speaking.get(t.id, ())) >= 2)


def _material(
    lang: str,
    store: Store,
    transcripts: list[StoredTranscript],
    people: int,
    group_counts: list[tuple[str, int]],
    shared: int = 0,
) -> str:
    """ "The material is 10 transcripts: 6 interviews and 4 group interviews (focus groups),
    with 12 participants (…)", or "10 interviews" when none is a group interview; without
    `group_counts` (nobody counted has a group) no counts per group."""
    t = TEXT[lang]
    if not transcripts:
        return t["no_material"]
    m = counted(people, "participant", lang)
    groups = f" ({per_group(group_counts, lang, shared)})" if group_counts else ""
    together = group_interviews(store, transcripts)
    single = len(transcripts) - together
    if together == 0 or single == 0:
        n = counted(len(transcripts), "group" if together else "interview", lang)
        return t["material"].format(n=n, m=m, groups=groups)
    return t["material_mixed"].format(
        n=counted(len(transcripts), "transcript", lang),
        i=counted(single, "interview", lang),
        g=counted(together, "group", lang),
        m=m,
        groups=groups,
    )


def build_method(
    lang: str,
    store: Store,
    codebook: Codebook,
    rows: list[CodingRow],
    group_counts: list[tuple[str, int]],
    selection: dict[str, Any] | None = None,
    scope: FileScope | None = None,
    redactor: Redactor | None = None,
    cache: Path | None = None,
    shared: int = 0,
) -> MethodSection:
    """The method section for the counted `rows` (the report's selection) of `store`; `scope`:
    the transcripts `--file` keeps, named as the report's quotes name files (`redactor`);
    `cache`: the project's cache folder; `shared`: how many participants `group_counts` counts
    in more than one group (`per_group`)."""
    from ..analysis.agreement import MIN_EACH, MIN_UNITS, agreement
    from ..analysis.coders import person_pairs

    t = TEXT[lang]
    too_few = t["too_few"].format(units=MIN_UNITS, each=MIN_EACH)
    selection = selection or {}
    blocks: list[str | TableBlock] = []
    transcripts = [tr for tr in store.transcripts() if scope is None or tr.id in scope.ids]
    people = len(store.people(scope.ids if scope is not None else None))
    blocks.append(_material(lang, store, transcripts, people, group_counts, shared))
    if scope is not None:
        blocks.append(scope_sentence(lang, store, scope, redactor))
    from ..analysis.freshness import freshness

    fresh = freshness(store, codebook, cache)
    version = t["version"].format(v=codebook.version) if codebook.version else ""
    then = fresh.then
    blocks.append(
        t["codebook_then" if then else "codebook"].format(
            name=codebook.name_in(lang),
            version=version,
            digest=codebook.digest[:12],
            then=(then or "")[:12],
        )
    )
    rules: str | None = None
    if fresh.error is not None:
        blocks.append(t["codebook_errors"])
    else:
        rules = fresh.rules
        stale = _stale(transcripts, store, rules) if rules is not None else 0
        if stale:
            blocks.append(
                t["stale"].format(k=stale, n=len(transcripts), verb=_verb("were", stale, lang))
            )
    left: dict[str, int] = {}
    for r in rows:
        if r.code not in codebook.codes:
            left[r.code] = left.get(r.code, 0) + 1
    if left:  # renamed or removed since: left out, as every count leaves them out
        rows = [r for r in rows if r.code in codebook.codes]
        n = sum(left.values())
        blocks.append(
            t["left_out"].format(
                n=counted(n, "coding", lang),
                codes=", ".join(sorted(left)),
                verb=_verb("are", n, lang),
            )
        )
    if selection.get("coders"):
        machine = MACHINE_CODERS.get(lang, MACHINE_CODERS["en"])
        coders = [
            machine.get(c) or (redactor.coder(c) if redactor else c) for c in selection["coders"]
        ]
        joined = (
            ", ".join(coders[:-1]) + f" {t['and']} " + coders[-1] if len(coders) > 1 else coders[0]
        )
        blocks.append(t["coders"].format(coders=joined))

    by_source: dict[str, int] = {}
    for r in rows:
        # A coding merged from another coder's project (`lernet merge`) counts by how it was
        # made there, which it keeps as `rule`.
        source = (r.rule or "import") if r.source == "merge" else r.source
        # An accepted candidate is a review coding too, but not a changed code.
        source = "candidate" if source == "review" and r.note == "candidate" else source
        if source == "import" and r.coder in MACHINES:
            source = "import-rules"  # a lernet archive's rule codings
        by_source[source] = by_source.get(source, 0) + 1
    if rows:
        blocks.append(t["counted"].format(n=counted(len(rows), "coding", lang)))
        order = [s for s in SOURCES if s in by_source] + sorted(set(by_source) - set(SOURCES))
        blocks.append(
            TableBlock(
                [t["source"], t["codings"]],
                [[SOURCE_LABELS[lang].get(s, s), str(by_source[s])] for s in order],
                right=[1],
            )
        )
    else:
        blocks.append(t["no_codings"])

    made = store.coding_rows(
        include_rejected=True,
        sources=REVIEWABLE,
        transcripts=scope.ids if scope is not None else None,
    )
    made = [r for r in made if r.code in codebook.codes]
    threshold = store.similar_min_score()
    min_score = number(threshold, lang) if threshold is not None else "?"
    review: list[str] = []
    for source in REVIEWABLE:
        mine = [r for r in made if r.source == source]
        if not mine:
            continue
        # a direction changed in review: the coding accepted, with the reviewer's direction
        turned = {r.id for r in mine if r.rules_direction is not None and r.status == "accepted"}
        accepted = sum(1 for r in mine if r.status == "accepted")
        rejected = sum(1 for r in mine if r.status == "rejected")
        template = t["review"] if accepted + rejected else t["review_none"]
        review.append(
            template.format(
                total=counted(len(mine), "coding", lang),
                by=MADE_BY[lang][source].format(min_score=min_score),
                reviewed=accepted + rejected,
                accepted=accepted,
                redirected=t["redirected"].format(k=len(turned)) if turned else "",
                rejected=rejected,
                zijn="is" if accepted + rejected == 1 else "zijn",
            )
        )
    pending = sum(1 for r in rows if unreviewed(r))
    if selection.get("reviewed"):
        review.append(t["only_reviewed"])
    elif pending:
        review.append(t["with_unreviewed"].format(n=counted(pending, "coding", lang)))
    else:
        review.append(t["no_unreviewed"])
    blocks.append(" ".join(review))

    def shown(coder: str) -> str:
        return redactor.coder(coder) if redactor else coder

    def in_order(coder: str) -> tuple[int, str]:
        """Pseudonyms by their number (Codeur 2 before Codeur 10), names alphabetically."""
        name = shown(coder)
        last = name.rsplit(" ", 1)[-1]
        return (int(last) if redactor and last.isdigit() else 0, name.casefold())

    pairs = sorted(
        (tuple(sorted(pair, key=in_order)) for pair in person_pairs(store)),
        key=lambda pair: (in_order(pair[0]), in_order(pair[1])),
    )
    if not pairs:
        blocks.append(t["no_agreement"])
    for a, b in pairs:
        result = agreement(store, codebook, a, b)
        o = result.overall
        blocks.append(
            t["agreement"].format(
                a=shown(a),
                b=shown(b),
                k=counted(len(result.transcripts), "interview", lang),
                n=o.n,
                pct=number(o.agreement(), lang, percent=True),
                kappa=number(o.kappa(), lang),
                alpha=number(o.alpha(), lang),
            )
            + (too_few if o.n and o.too_few() else "")
        )
    team = sorted({c for pair in pairs for c in pair}, key=in_order)
    if len(team) >= 3:
        from ..analysis.agreement_all import agreement_all

        together = agreement_all(store, codebook, team)
        o_all = together.overall
        blocks.append(
            t["agreement_all"].format(
                m=len(team),
                names=", ".join(shown(c) for c in team[:-1]) + f" {t['and']} " + shown(team[-1]),
                k=counted(len(together.transcripts), "interview", lang),
                alpha=number(o_all.alpha(), lang),
                n=o_all.units,
                pct=number(o_all.all_agree(), lang, percent=True),
            )
            + (too_few if o_all.units and o_all.too_few() else "")
        )
    if pairs and not selection.get("coders"):
        blocks.append(t["all_coders"])
    measured = default_accuracy(codebook, rules, cache)
    if measured is not None:
        blocks.append(
            t["accuracy"].format(
                n=measured.interviews,
                f1=number(measured.f1, lang),
                p=number(measured.precision, lang),
                r=number(measured.recall, lang),
            )
        )
    return MethodSection(t["heading"], blocks)


def scope_sentence(
    lang: str, store: Store, scope: FileScope, redactor: Redactor | None = None
) -> str:
    """Which transcripts the report is limited to (`--file`): the folders, when it keeps every
    transcript in them, else the patterns; names hidden as in the quotes' file names."""
    t = TEXT[lang]

    def shown(text: str) -> str:
        return redactor.file(text) if redactor is not None else text

    def joined(items: list[str], word: str) -> str:
        return ", ".join(items[:-1]) + f" {word} " + items[-1] if len(items) > 1 else items[0]

    folders = scope.folders()
    whole = {tr.id for tr in store.transcripts() if folder_of(tr.path) in folders}
    if whole == set(scope.ids) and "" not in folders:
        return t["scope_folders"].format(
            k=len(scope.ids),
            n=scope.total,
            verb=_verb("are", len(scope.ids), lang),
            folders=joined([shown(f) for f in folders], t["and"]),
        )
    quoted = [f"‘{shown(p)}’" for p in scope.patterns]
    return t["scope_patterns"].format(
        k=len(scope.ids),
        n=scope.total,
        verb=_verb("are", len(scope.ids), lang),
        patterns=joined(quoted, t["or"]),
    )


def _stale(transcripts: list[Any], store: Store, rules: str) -> int:
    """Interviews coded by `lernet code` whose rule codings come from other rules than these
    (`rules`: their digest)."""
    coded = {t.path for t in transcripts if t.codebook_digest is not None}
    return len(coded & set(store.stale_transcripts(rules)))
