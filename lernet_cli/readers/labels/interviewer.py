"""Who the interviewer is: labels given, role words, or the speaker who asks most."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...language.text import fold_label as fold
from ...model import Turn
from .questions import asks, is_question
from .shape import _LABEL_SHAPE_RE, clean_label, role_word


def _named_speaker(turns: list[Turn], name: str) -> str | None:
    """The one speaker whose label is this name, its first or its last word ("Lotte" for
    Lotte Janssens)."""
    words = fold(name).split()
    keys = {" ".join(words), words[0], words[-1]}
    found = [
        s
        for s in dict.fromkeys(t.speaker for t in turns)
        if s and fold(re.sub(r"\s*\(.*?\)\s*", " ", s)) in keys
    ]
    return found[0] if len(found) == 1 else None


def assign_roles(
    turns: list[Turn], interviewer: Sequence[str] | None
) -> tuple[list[str], list[str]]:
    """Roles of turns read before, as `build_transcript` gives them: `interviewer` lists the
    interviewer's labels (None: the usual role words, else the speaker who asks most). Returns the
    labels taken as the interviewer's and the warnings; turns without speakers are participants'."""
    warnings: list[str] = []
    for t in turns:
        t.role = "participant"
    labelled = [t for t in turns if t.speaker]
    if not labelled:
        return [], warnings
    labels = _assign_roles(labelled, interviewer, warnings, explicit=interviewer is not None)
    return labels, warnings


def _metadata_interviewer(metadata: dict[str, object]) -> list[str] | None:
    value = metadata.get("interviewer")
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [str(v) for v in value]
    return None


def _label_keys(label: str) -> set[str]:
    """The forms an interviewer label may be given in: whole, without its part in brackets, and
    "Priya Raman" for "Raman, Priya (TRUST)"."""
    m = _LABEL_SHAPE_RE.match(clean_label(label))
    if not m:
        return {fold(label)}
    keys = {fold(label), fold(m["name"])}
    surname, comma, given = m["name"].partition(",")
    if comma:
        keys.add(fold(f"{given} {surname}"))
    return keys


def _assign_roles(
    turns: list[Turn], interviewer: Sequence[str] | None, warnings: list[str], explicit: bool
) -> list[str]:
    """Set each turn's role; return the speaker labels taken as the interviewer's."""
    speakers = list(dict.fromkeys(t.speaker for t in turns))
    if interviewer:
        wanted = {key for label in interviewer for key in _label_keys(label)}
        chosen = [s for s in speakers if _label_keys(s) & wanted]
        if chosen:
            return _apply(turns, set(_one_asks(turns, chosen, speakers, warnings)))
        if explicit:
            warnings.append(
                f"none of the interviewer labels ({', '.join(interviewer)}) occur in this "
                "transcript: speaker labels interpreted as usual"
            )
    roles = {s: role_word(s) for s in speakers}
    chosen = _one_asks(
        turns, [s for s in speakers if roles[s] == "interviewer"], speakers, warnings
    )
    chosen = _not_a_header(turns, chosen, speakers, warnings)
    unknown = [s for s in speakers if roles[s] is None]
    if not chosen and unknown and len(speakers) >= 2:
        best, asked, total = _most_questioning(turns, unknown)
        chosen = [best]
        warnings.append(
            f"took '{best}' as the interviewer ({asked} of {total} turns are questions); "
            "set interviewer labels in lernet.yaml or --interviewer to change"
        )
    return _apply(turns, set(chosen))


def _not_a_header(
    turns: list[Turn], chosen: list[str], speakers: list[str], warnings: list[str]
) -> list[str]:
    """An interviewer's role word with a single turn, the first ("Moderator: Lotte Janssens"), is
    no interviewer when another speaker asks questions: that speaker is taken instead."""
    if len(chosen) != 1 or sum(t.speaker == chosen[0] for t in turns) != 1:
        return chosen
    if turns[0].speaker != chosen[0]:
        return chosen
    others = [s for s in speakers if s != chosen[0]]
    if not others:
        return chosen
    best, asked, total = _most_questioning(turns, others)
    if asked == 0:
        return chosen
    warnings.append(
        f"'{chosen[0]}' has only the first turn, so took '{best}' as the interviewer ({asked} of "
        f"{total} turns are questions); set interviewer labels in lernet.yaml or --interviewer "
        "to change"
    )
    return [best]


def _one_asks(
    turns: list[Turn], chosen: list[str], speakers: list[str], warnings: list[str]
) -> list[str]:
    """When every speaker's label reads as the interviewer's ("Interviewer:" and "Researcher:" in
    an interview with a researcher), the one who mostly asks questions is the interviewer."""
    if len(speakers) < 2 or set(chosen) != set(speakers):
        return chosen
    best, asked, total = _most_questioning(turns, speakers)
    warnings.append(
        f"every speaker's label reads as the interviewer's; took '{best}' as the interviewer "
        f"({asked} of {total} turns are questions); set interviewer labels in lernet.yaml or "
        "--interviewer to change"
    )
    return [best]


_SENTENCE_RE = re.compile(r"[^.!?…]+(?:[.!?…]+[\"'”’»)\]]*|$)")


def _asking_words(text: str, marks: bool) -> int:
    """How many of a turn's words are in sentences that ask: those ending in "?" where the
    transcript writes question marks, else those that open as a question (`asks`)."""
    count = 0
    for m in _SENTENCE_RE.finditer(text):
        sentence = m.group(0).strip()
        if sentence and (sentence.rstrip("\"'”’»)]").endswith("?") if marks else asks(sentence)):
            count += len(sentence.split())
    return count


def _most_questioning(turns: list[Turn], candidates: list[str]) -> tuple[str, int, int]:
    """The speaker the largest share of whose words are questions, with how many of their turns
    ask and their turns. By words, not turns: an interviewer's "Ja." and "Hm hm." between the
    answers, each a turn of its own in a service's transcript, and a participant's "weet je?"
    in the middle of an answer do not outweigh the interviewer's questions."""
    marks = any("?" in t.text for t in turns)
    asked = dict.fromkeys(candidates, 0)
    total = dict.fromkeys(candidates, 0)
    asking = dict.fromkeys(candidates, 0)
    words = dict.fromkeys(candidates, 0)
    for t in turns:
        if t.speaker in total:
            total[t.speaker] += 1
            asked[t.speaker] += is_question(t.text)
            asking[t.speaker] += _asking_words(t.text, marks)
            words[t.speaker] += len(t.text.split())
    best = max(candidates, key=lambda s: asking[s] / words[s] if words[s] else 0.0)
    return best, asked[best], total[best]


def _apply(turns: list[Turn], interviewers: set[str]) -> list[str]:
    for t in turns:
        t.role = "interviewer" if t.speaker in interviewers else "participant"
    return [s for s in dict.fromkeys(t.speaker for t in turns) if s in interviewers]
