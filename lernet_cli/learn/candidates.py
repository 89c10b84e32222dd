"""Candidates: participant turns that probably have a code the rules did not give them.

For each code, every participant turn without it is scored by how much its best passage (a few
sentences in a row) resembles what stands for the code: the code's labels, description and
examples, and the evidence of the codings it has (the rules' unless a person rejected them, and
everything people coded or accepted). Words are compared on their lemma, content words only, with
negated uses marked apart, and weighted by tf-idf over all the study's participant sentences, so
that words every interview has count for little (Rocchio's profile: the mean of what stands for
the code, less a part of what stands against it: counterexamples and what people rejected).

The code's own rules add what they nearly found: a passage holding some of an `all:` rule's word
groups, or an `any:` term that a `none:` or a negation kept from firing, scores higher. The most
similar sentence of the best passage is what the reviewer sees, with the words that made it
similar.

A turn is never a candidate for a code it already has, nor after a person rejected it for that
code (a rejected rule coding or a rejected candidate), and interviewer turns never are. Nor is a
turn of a transcript a person coded by hand (a comment, a tag, an import; as `codebook eval`
counts them, learn/handcoding.py): whoever coded it read every turn and left this code off on
purpose, so its turns would only be noise before the real misses (they are evidence for the
profile all the same). Turns of participants who do not have the code yet come first: they are
the ones that can change a count. A turn scoring below a part (`Settings.floor`) of the code's
best candidate is dropped: it shares a word or two with the code and nothing more, and would
otherwise stand, as a new participant's, before real misses of participants who have the code.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..language.names import is_filler
from ..language.plural import counted
from ..language.text import Doc, make_doc, sentences_covering
from .suggest import _content, lemma_key

if TYPE_CHECKING:
    from ..codebook.codebook import Code, Codebook
    from ..store.store import Store

Vector = dict[str, float]


@dataclass(frozen=True)
class Settings:
    """How a code's profile is built and a passage scored. The defaults were chosen on the dev
    interviews of the evaluation corpus (eval/candidates.md)."""

    codebook_weight: float = 1.0
    """The code's labels, description and include: text, as one text."""
    example_weight: float = 1.0
    """Each of the code's examples."""
    coding_weight: float = 1.0
    """Each coding of the code in the study (its sentences)."""
    negative_weight: float = 0.5
    """Counterexamples and rejections, subtracted from the profile."""
    window: int = 3
    """Sentences in a row that make a passage."""
    rule_weight: float = 0.3
    """A near miss of the code's rules, added to the passage's similarity."""
    reference_weight: float = 1.0
    """Each reference passage (learn/reference.py): coded in other studies, counted like an
    example."""
    floor: float = 1 / 3
    """A candidate scoring below this part of the code's best candidate is dropped (0: none)."""


DEFAULT = Settings()
WHY = 5
"""Words shown for why a candidate is similar."""


@dataclass
class Passage:
    start: int
    end: int
    vector: Vector
    words: dict[str, str]
    """feature -> the word as said (its first occurrence)."""
    first: int = 0
    last: int = 0
    """The token range [first, last) it covers."""


@dataclass
class Turn:
    """A participant turn, read once: its sentences and its passages as vectors."""

    transcript_id: int
    path: str
    participant: str
    segment: int
    text: str
    group_name: str | None = None
    label: str | None = None
    sentences: list[Passage] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    near: dict[str, list[float]] = field(default_factory=dict)
    """code -> per passage, how near the code's rules came to firing (0 to 1)."""
    read: str = ""
    """What the rules and the similarity read: the text with the names masked (coding/names.py),
    of the same length; the text itself when not given."""

    def __post_init__(self) -> None:
        if not self.read:
            self.read = self.text


@dataclass
class Candidate:
    code: str
    transcript_id: int
    path: str
    participant: str
    segment: int
    text: str
    """The whole turn."""
    start: int
    end: int
    """The turn's sentence most like the code."""
    score: float
    words: list[tuple[str, str]]
    """(lemma, as said) of the words that made it similar, most weight first."""
    new_participant: bool
    """The participant has no coding of this code in any turn yet."""
    near_miss: float = 0.0
    """How near the code's rules came to firing in the passage (0 to 1)."""
    group_name: str | None = None
    label: str | None = None

    @property
    def sentence(self) -> str:
        return self.text[self.start : self.end]

    def why(self) -> list[dict[str, Any]]:
        """The words that made it similar: as said, their lemma, and whether negated."""
        return [
            {"word": said, "lemma": key.removeprefix("not "), "negated": key.startswith("not ")}
            for key, said in self.words
        ]


def default_limit(transcripts: int) -> int:
    """Candidates per code when none is asked for: three per ten interviews."""
    return 3 * max(1, round(transcripts / 10))


# --------------------------------------------------------------------------- words


def word_features(doc: Doc, first: int, last: int) -> list[tuple[str, str]]:
    """(feature, word as said) of the content words among tokens [first, last): the lemma, and
    for a negated word also `not LEMMA`, so "kennen elkaar niet" is near "kennen" and nearer to
    another negated "kennen"."""
    out = []
    for i in range(first, last):
        token = doc.tokens[i]
        key = lemma_key(token.text)
        if not _content(token.text, key) or is_filler(token.text):
            continue  # a name (masked) makes no turn like another
        out.append((key, token.text))
        if doc.is_negated(i, i):
            out.append(("not " + key, token.text))
    return out


def _counts(pairs: Iterable[tuple[str, str]]) -> tuple[Counter[str], dict[str, str]]:
    counts: Counter[str] = Counter()
    said: dict[str, str] = {}
    for feature, word in pairs:
        counts[feature] += 1
        said.setdefault(feature, word)
    return counts, said


def _norm(vector: Vector) -> Vector:
    length = math.sqrt(sum(v * v for v in vector.values()))
    return {k: v / length for k, v in vector.items()} if length else {}


def _dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def _sentence_tokens(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges [first, last) of each sentence that has words."""
    out: list[tuple[int, int]] = []
    first = 0
    tokens = doc.tokens
    for i in range(1, len(tokens) + 1):
        if i == len(tokens) or tokens[i].sentence != tokens[first].sentence:
            out.append((first, i))
            first = i
    return out


class Space:
    """tf-idf (sublinear term frequency, smoothed idf) over the study's participant sentences."""

    def __init__(self, turns: list[Turn], window: int):
        df: Counter[str] = Counter()
        raw: list[tuple[Turn, Doc, list[tuple[int, int, Counter[str], dict[str, str]]]]] = []
        for turn in turns:
            doc = make_doc(turn.read)
            per = []
            for a, b in _sentence_tokens(doc):
                counts, said = _counts(word_features(doc, a, b))
                per.append((a, b, counts, said))
                df.update(counts.keys())
            raw.append((turn, doc, per))
        n = max(sum(len(per) for _, _, per in raw), 1)
        self.idf = {k: math.log((n + 1) / (v + 1)) + 1.0 for k, v in df.items()}
        self.unseen_idf = math.log(n + 1) + 1.0
        width = max(1, window)
        for turn, doc, per in raw:
            turn.sentences = [self._passage(doc, [s]) for s in per]
            turn.passages = [
                self._passage(doc, per[i : i + width])
                for i in range(max(1, len(per) - width + 1))
                if per[i : i + width]
            ]

    def _passage(
        self, doc: Doc, chunk: list[tuple[int, int, Counter[str], dict[str, str]]]
    ) -> Passage:
        counts: Counter[str] = Counter()
        said: dict[str, str] = {}
        for _, _, c, s in chunk:
            counts.update(c)
            for k, v in s.items():
                said.setdefault(k, v)
        first, last = chunk[0][0], chunk[-1][1]
        start, end = sentences_covering(doc, doc.tokens[first].start, doc.tokens[last - 1].end)
        return Passage(start, end, self.weigh(counts), said, first, last)

    def weigh(self, counts: Counter[str]) -> Vector:
        return _norm(
            {k: (1 + math.log(c)) * self.idf.get(k, self.unseen_idf) for k, c in counts.items()}
        )

    def text_vector(self, text: str, start: int = 0, end: int | None = None) -> Vector:
        """The vector of a text, or of the sentences of it that hold start..end."""
        doc = make_doc(text)
        if end is None:
            first, last = 0, len(doc.tokens)
        else:
            a, b = sentences_covering(doc, start, end)
            toks = [i for i, t in enumerate(doc.tokens) if t.start >= a and t.end <= b]
            if not toks:
                return {}
            first, last = toks[0], toks[-1] + 1
        counts, _ = _counts(word_features(doc, first, last))
        return self.weigh(counts)


# --------------------------------------------------------------------------- the study

Span = tuple[int, int, int, int]
"""(transcript id, segment, start, end)"""


@dataclass
class Study:
    """The study's participant turns and codings, as far as candidates need them."""

    codebook: Codebook
    turns: list[Turn]
    has: dict[tuple[int, int], set[str]]
    """(transcript, segment) -> the codes it has (not rejected), with their ancestors."""
    refused: set[tuple[int, int, str]]
    """(transcript, segment, code) a person rejected: a rule coding or a candidate."""
    coded: dict[str, list[Span]]
    """code -> its codings that are not rejected."""
    rejected: dict[str, list[Span]]
    """code -> what people rejected for it."""
    people_with: dict[str, set[str]]
    """code -> participants with a coding of it (or of a sub-code), not rejected."""
    settings: Settings = DEFAULT
    reference: dict[str, list[str]] = field(default_factory=dict)
    """code -> reference passages in the study's languages (learn/reference.py)."""
    hand_coded: dict[int, str] = field(default_factory=dict)
    """Transcripts a person coded by hand (id -> path): their turns are no candidates."""
    below_floor: dict[str, int] = field(default_factory=dict)
    """code -> the turns its last ranking dropped below the floor."""
    taken: dict[int, tuple[set[str] | None, list[str]]] = field(default_factory=dict)
    """Accepted candidate's coding id -> what `accept` changed, for `unaccept`: the codes its
    turn had before (None: none known) and the codes its participant got anew."""

    def __post_init__(self) -> None:
        self.space = Space(self.turns, self.settings.window)
        self._by_key = {(t.transcript_id, t.segment): t for t in self.turns}
        if self.settings.rule_weight:
            _near_misses(self.codebook, self.turns)

    def leaf_codes(self, within: Iterable[str] | None = None) -> list[str]:
        """The codes a person codes with (those without sub-codes), in codebook order."""
        wanted = set(within) if within is not None else None
        return [
            c.id
            for c in self.codebook.walk()
            if not c.children and (wanted is None or c.id in wanted)
        ]

    def _evidence(self, code: Code) -> tuple[list[tuple[Vector, float]], list[Vector]]:
        s = self.settings
        positive: list[tuple[Vector, float]] = []
        negative: list[Vector] = []
        book = " ".join([*code.labels.values(), code.description, code.include]).strip()
        if book:
            positive.append((self.space.text_vector(book), s.codebook_weight))
        positive += [(self.space.text_vector(e), s.example_weight) for e in code.examples]
        positive += [
            (self.space.text_vector(p), s.reference_weight) for p in self.reference.get(code.id, [])
        ]
        for tid, seg, start, end in self.coded.get(code.id, []):
            turn = self._by_key.get((tid, seg))
            if turn is not None:
                vector = self.space.text_vector(turn.read, start, end)
                positive.append((vector, s.coding_weight))
        negative += [self.space.text_vector(e) for e in code.counterexamples]
        for tid, seg, start, end in self.rejected.get(code.id, []):
            turn = self._by_key.get((tid, seg))
            if turn is not None:
                negative.append(self.space.text_vector(turn.read, start, end))
        return [(v, w) for v, w in positive if v and w > 0], [v for v in negative if v]

    def profile(self, code_id: str) -> Vector:
        """What the code's words look like: the weighted mean of what stands for it, less a part
        of the mean of what stands against it; only the words left positive."""
        positive, negative = self._evidence(self.codebook.codes[code_id])
        out: Vector = {}
        total = sum(w for _, w in positive)
        for vector, w in positive:
            for k, v in vector.items():
                out[k] = out.get(k, 0.0) + v * w / total
        for vector in negative:
            share = self.settings.negative_weight / len(negative)
            for k, v in vector.items():
                out[k] = out.get(k, 0.0) - share * v
        return _norm({k: v for k, v in out.items() if v > 0})

    def rank(self, code_id: str, limit: int | None = None) -> list[Candidate]:
        """The turns without the code (and not in a transcript coded by hand), those scoring below
        `Settings.floor` of the best left out; new participants first, then most similar first."""
        profile = self.profile(code_id)
        near_weight = self.settings.rule_weight
        found: list[Candidate] = []
        with_code = self.people_with.get(code_id, set())
        for turn in self.turns:
            if turn.transcript_id in self.hand_coded:
                continue
            if code_id in self.has.get((turn.transcript_id, turn.segment), ()):
                continue
            if (turn.transcript_id, turn.segment, code_id) in self.refused:
                continue
            near = turn.near.get(code_id)
            best, where, best_near = 0.0, -1, 0.0
            for n, passage in enumerate(turn.passages):
                nearness = near[n] if near else 0.0
                score = _dot(passage.vector, profile) + near_weight * nearness
                if score > best:
                    best, where, best_near = score, n, nearness
            if where < 0:
                continue
            sentence = _best_sentence(turn, turn.passages[where], profile)
            found.append(
                Candidate(
                    code=code_id,
                    transcript_id=turn.transcript_id,
                    path=turn.path,
                    participant=turn.participant,
                    segment=turn.segment,
                    text=turn.text,
                    start=sentence.start,
                    end=sentence.end,
                    score=best,
                    words=_why(turn.passages[where], sentence, profile),
                    new_participant=turn.participant not in with_code,
                    near_miss=best_near,
                    group_name=turn.group_name,
                    label=turn.label,
                )
            )
        if found and self.settings.floor:
            least = self.settings.floor * max(c.score for c in found)
            kept = [c for c in found if c.score >= least]
            self.below_floor[code_id] = len(found) - len(kept)
            found = kept
        found.sort(key=lambda c: (not c.new_participant, -c.score, c.path, c.segment))
        return found if limit is None else found[:limit]

    def accept(self, store: Store, cand: Candidate, reviewer: str) -> int:
        """Store the candidate as the reviewer's coding (source review, accepted) on its
        sentence, and learn from it."""
        from ..codebook.rules import find_direction
        from .handcoding import with_ancestors

        code = self.codebook.codes[cand.code]
        direction = None
        if code.directional and code.directions:
            direction = find_direction(make_doc(cand.text), cand.start, cand.end, code.directions)
        coding_id = store.accept_candidate(
            cand.transcript_id,
            cand.segment,
            cand.code,
            (cand.start, cand.end),
            reviewer,
            direction,
            note="candidate",
        )
        key = (cand.transcript_id, cand.segment)
        codes = with_ancestors(self.codebook, [cand.code])
        had = set(self.has[key]) if key in self.has else None
        new_for = [c for c in codes if cand.participant not in self.people_with.get(c, set())]
        self.taken[coding_id] = (had, new_for)
        self.has.setdefault(key, set()).update(codes)
        self.coded.setdefault(cand.code, []).append((*key, cand.start, cand.end))
        for c in codes:
            self.people_with.setdefault(c, set()).add(cand.participant)
        return coding_id

    def reject(self, store: Store, cand: Candidate, reviewer: str) -> None:
        """Remember the rejection, so the turn is not proposed for this code again."""
        store.reject_candidate(cand.transcript_id, cand.code, cand.text, reviewer)
        self.refused.add((cand.transcript_id, cand.segment, cand.code))
        self.rejected.setdefault(cand.code, []).append(
            (cand.transcript_id, cand.segment, cand.start, cand.end)
        )

    def unaccept(self, store: Store, cand: Candidate, coding_id: int) -> None:
        """Take `accept` back: its coding gone from the store, and the study as before it, so
        the candidate comes back."""
        store.unaccept_candidate(coding_id)
        had, new_for = self.taken.pop(coding_id, (None, []))
        key = (cand.transcript_id, cand.segment)
        if had is None:
            self.has.pop(key, None)
        else:
            self.has[key] = had
        _drop(self.coded.get(cand.code, []), (*key, cand.start, cand.end))
        for c in new_for:
            self.people_with.get(c, set()).discard(cand.participant)

    def unreject(self, store: Store, cand: Candidate) -> None:
        """Take `reject` back: the rejection forgotten, so the candidate comes back."""
        store.unreject_candidate(cand.transcript_id, cand.code, cand.text)
        self.refused.discard((cand.transcript_id, cand.segment, cand.code))
        _drop(
            self.rejected.get(cand.code, []),
            (cand.transcript_id, cand.segment, cand.start, cand.end),
        )


def left_out(study: Study, shown: Callable[[str], str] = str) -> str | None:
    """What the candidates listed so far left out on purpose, in a sentence (None: nothing):
    the turns of transcripts coded by hand (`shown` writes a path, anonymized where it must be),
    and the turns below the floor."""
    parts = []
    if study.hand_coded:
        paths = sorted(study.hand_coded.values())
        named = ", ".join(shown(p) for p in paths[:6]) + (", …" if len(paths) > 6 else "")
        parts.append(
            f"the turns of the {counted(len(paths), 'transcript')} coded by hand ({named}): "
            "whoever "
            "coded them read every turn"
        )
    below = sum(study.below_floor.values())
    if below:
        parts.append(
            f"{counted(below, 'turn')} scoring below {study.settings.floor:.0%} of their code's "
            "best "
            "candidate: a word or two in common is no sign of a miss"
        )
    return "not candidates: " + "; ".join(parts) if parts else None


def _drop(spans: list[Span], span: Span) -> None:
    """The last of these spans that is `span` removed (the one a decision added)."""
    for i in range(len(spans) - 1, -1, -1):
        if spans[i] == span:
            del spans[i]
            return


def _best_sentence(turn: Turn, passage: Passage, profile: Vector) -> Passage:
    inside = [s for s in turn.sentences if passage.first <= s.first and s.last <= passage.last]
    return max(inside or [passage], key=lambda s: _dot(s.vector, profile))


def _why(passage: Passage, sentence: Passage, profile: Vector) -> list[tuple[str, str]]:
    """The passage's words that weigh most in its similarity, those of the sentence shown
    first."""
    weight = {k: v * profile.get(k, 0.0) for k, v in passage.vector.items()}
    ranked = sorted(
        (k for k, v in weight.items() if v > 0),
        key=lambda k: (k not in sentence.vector, -weight[k], k),
    )
    return [(k, passage.words.get(k, k)) for k in ranked[:WHY]]


def _near_misses(codebook: Codebook, turns: list[Turn]) -> None:
    """Per code with rules: in each passage, the largest share of one rule's word groups that
    stand there (an any: rule's term counts as all of it: it stands, but something kept the rule
    from firing). Words as the rules match them: inflection, wildcards, phrases."""
    from ..coding.autocode import rule_index

    index = rule_index(codebook)
    bit_of = index.bit_of

    def bits(group: list[Any]) -> tuple[int, list[tuple[Any, int]]]:
        """The group's terms with their bits in the index (`Present.found`), and those bits as
        one mask: one AND says which may stand, as `id(term) in present` does term by term."""
        placed = [(t, bit_of[id(t)]) for t in group if id(t) in bit_of]
        mask = 0
        for _, b in placed:
            mask |= 1 << b
        return mask, placed

    rules = []
    for code in codebook.walk():
        if code.children:
            continue
        for rule in code.rules:
            if rule.kind != "regex" and rule.groups:
                groups = [bits(group) for group in rule.groups]
                union = 0
                for m, _ in groups:
                    union |= m
                rules.append((code.id, groups, union))
    for turn in turns:
        doc = make_doc(turn.read)
        present = index.present_terms(doc)
        doc.present_terms = present
        found = present.found
        if not found:
            continue
        for code_id, groups, union in rules:
            if not found & union:
                continue  # no term of the rule may stand here
            firsts = [
                {f for t, b in placed if (found >> b) & 1 for f, _ in t.occurrences(doc)}
                if found & m
                else set()
                for m, placed in groups
            ]
            if not any(firsts):
                continue
            per = turn.near.setdefault(code_id, [0.0] * len(turn.passages))
            for n, p in enumerate(turn.passages):
                matched = sum(1 for at in firsts if any(p.first <= i < p.last for i in at))
                per[n] = max(per[n], matched / len(groups))


def load_study(
    store: Store, codebook: Codebook, settings: Settings = DEFAULT, reference: bool = True
) -> Study:
    """Every participant turn of the store, the codings, the rejected candidates, and the
    codebook's reference passages (unless `reference` is False). The codebook needs its rules
    for near misses (without them, similarity alone counts)."""
    from ..coding.names import NameMasks
    from .handcoding import hand_coded_transcripts, with_ancestors
    from .reference import reference_for, study_languages

    masks = NameMasks.from_store(store)  # a name makes no turn like another
    turns = [
        Turn(
            r.transcript_id,
            r.path,
            r.participant,
            r.segment,
            r.segment_text,
            r.group_name,
            r.label,
            read=masks.mask(r.transcript_id, r.segment_text),
        )
        for r in store.participant_segments()
    ]
    has: dict[tuple[int, int], set[str]] = {}
    refused: set[tuple[int, int, str]] = set()
    coded: dict[str, list[Span]] = {}
    rejected: dict[str, list[Span]] = {}
    people: dict[str, set[str]] = {}
    for row in store.coding_rows(include_rejected=True):
        where = (row.transcript_id, row.segment, row.start, row.end)
        if row.status == "rejected":
            refused.add((row.transcript_id, row.segment, row.code))
            rejected.setdefault(row.code, []).append(where)
            continue
        codes = with_ancestors(codebook, [row.code])
        has.setdefault((row.transcript_id, row.segment), set()).update(codes)
        coded.setdefault(row.code, []).append(where)
        for code in codes:
            people.setdefault(code, set()).add(row.participant)
    by_text: dict[tuple[int, str], list[int]] = {}
    for t in turns:
        by_text.setdefault((t.transcript_id, t.text), []).append(t.segment)
    for tid, code, text in store.candidate_rejections():
        for seg in by_text.get((tid, text), []):
            refused.add((tid, seg, code))
            rejected.setdefault(code, []).append((tid, seg, 0, len(text)))
    passages: dict[str, list[str]] = {}
    found = reference_for(codebook) if reference and settings.reference_weight else None
    if found is not None:
        texts: dict[int, list[str]] = {}
        for t in turns:
            texts.setdefault(t.transcript_id, []).append(t.text)
        passages = found.in_languages(study_languages(texts.values()))
    hand = hand_coded_transcripts(store)
    return Study(
        codebook, turns, has, refused, coded, rejected, people, settings, passages, hand_coded=hand
    )
