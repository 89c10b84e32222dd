"""Versions of one interview are found from small samples kept with each stored transcript
(coding/versions.py, language/speech.py): found as the full comparison found them, at a cost that
does not grow with every stored transcript."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from lernet_cli.coding.versions import SHARE, SpeechIndex
from lernet_cli.language.speech import (
    at_level,
    key_level,
    sample_bytes,
    sample_keys,
    speech_grams,
    speech_sample,
    words_sample,
)
from lernet_cli.model import Transcript, Turn
from lernet_cli.store.migrations import MIGRATIONS
from lernet_cli.store.store import Store

from .test_copies import CLEANED, OTHER, RAW, interviews, run, write

# A small vocabulary, as in interviews on one subject: any two texts share many 3-grams.
VOCABULARY = (
    "ik we de het een en dat is niet wel ook maar want dus nog zo heel vaak soms altijd nooit "
    "netwerk leden kennis subsidie gemeente project samen werken delen vragen leren zien merken "
    "vinden denken weten doen gaan komen hebben zijn worden kunnen moeten willen zullen mogen "
    "organisatie bijeenkomst programma opdracht concurrentie markt positie klant contact idee "
    "ervaring voorbeeld probleem oplossing tijd geld mensen collega directie team overleg plan "
    "goed slecht groot klein nieuw oud belangrijk lastig makkelijk duidelijk eigenlijk gewoon"
).split()


def interview(rng: random.Random, words: int) -> list[str]:
    """Turns of made-up speech, 20 words a turn."""
    said = [rng.choice(VOCABULARY) for _ in range(words)]
    return [" ".join(said[i : i + 20]) for i in range(0, words, 20)]


def edited(rng: random.Random, turns: list[str], rate: float) -> list[str]:
    """A version: fillers and repeated words put in, and `rate` of the words left out or
    changed."""
    out = []
    for turn in turns:
        words: list[str] = []
        for word in turn.split():
            r = rng.random()
            if r < rate / 2:
                continue
            if r < rate:
                word = rng.choice(VOCABULARY)
            if rng.random() < 0.05:
                words.append("euh,")
            words.append(word.capitalize() if rng.random() < 0.05 else word)
            if rng.random() < 0.03:
                words.append(word)
        out.append(" ".join(words))
    return out


def sample(turns: list[str]) -> tuple[int, list[int]]:
    """The sample of made-up speech (its words are split at white space, as `make_doc` would)."""
    return words_sample(" ".join(turns).split())


def share(a: list[str], b: list[str]) -> float:
    x, y = speech_grams(a), speech_grams(b)
    return len(x & y) / min(len(x), len(y))


def test_the_sample_leaves_out_fillers_and_repeated_words() -> None:
    rng = random.Random(1)
    turns = interview(rng, 3000)
    noisy = [
        " ".join(f"euh {w} {w}," if i % 7 == 0 else w for i, w in enumerate(t.split()))
        for t in turns
    ]
    assert speech_sample(noisy) == speech_sample(turns)
    assert speech_sample([t.upper() for t in turns]) == speech_sample(turns)


def test_a_sample_at_a_higher_level_is_part_of_one_at_a_lower_level() -> None:
    rng = random.Random(2)
    long = interview(rng, 6000)
    short = long[:30]  # 600 words: sampled at a lower level
    (high, many), (low, few) = sample(long), sample(short)
    assert low < high
    assert all(key_level(k) >= high for k in many) and all(key_level(k) >= low for k in few)
    assert at_level(few, high) <= set(many)
    assert sample_keys(sample_bytes(many)) == many


def test_the_index_finds_versions_and_nothing_else() -> None:
    rng = random.Random(3)
    stored = [interview(rng, rng.randrange(1500, 5000)) for _ in range(150)]
    index = SpeechIndex()
    for tid, turns in enumerate(stored):
        assert index.candidates(sample(turns)) == [], tid  # no two are versions
        index.add(tid, sample(turns))
    found = 0
    for tid in range(0, 150, 10):
        version = edited(rng, stored[tid], rng.choice([0.02, 0.04, 0.06]))
        assert share(version, stored[tid]) >= SHARE
        assert index.candidates(sample(version)) == [tid]
        half = stored[tid][: len(stored[tid]) // 2]  # the first half of it, coded on its own
        assert index.candidates(sample(half)) == [tid]
        found += 1
    assert found == 15
    index.remove(0)
    assert index.candidates(sample(stored[0])) == []
    assert index.candidates(sample(stored[10])) == [10]


CLITICS = "R: Dat is 't mooie van zo'n netwerk, d'r is altijd wel iemand die 't weet.\n"


def test_an_old_store_gets_the_samples_when_opened(project: Path) -> None:
    # what coding keeps (the words the matcher read) is what the store's turns give again
    write(project / "t" / "Interview 3.txt", RAW + CLITICS)
    assert run("code", "t")[0] == 0
    db = project / ".lernet" / "lernet.db"
    with Store.open(db) as store:
        kept = dict(store.speech_samples())
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM schema_migrations WHERE version = 13")
    conn.execute("ALTER TABLE transcripts DROP COLUMN speech_level")
    conn.execute("ALTER TABLE transcripts DROP COLUMN speech_sample")
    conn.commit()
    conn.close()
    with Store.open(db) as store:
        assert store.schema_version() == MIGRATIONS[-1][0]
        assert dict(store.speech_samples()) == kept
        levels = store.conn.execute("SELECT count(*) FROM transcripts WHERE speech_level IS NULL")
        assert levels.fetchone()[0] == 0
    write(project / "t" / "Interview 3 opgeschoond.txt", CLEANED + CLITICS)
    code, err = run("code", "t")
    assert code == 5, err
    assert "skipped t/Interview 3 opgeschoond.txt: a version of t/Interview 3.txt" in err, err
    assert interviews() == 1


def test_once_the_stored_version_is_removed_the_other_is_coded(project: Path) -> None:
    write(project / "t" / "Interview 3.txt", RAW)
    assert run("code", "t")[0] == 0
    write(project / "t" / "Interview 3 opgeschoond.txt", CLEANED)
    assert "a version of" in run("code", "t")[1]
    code, err = run("remove", "t/Interview 3.txt")
    assert code == 0, err
    (project / "t" / "Interview 3.txt").unlink()
    code, err = run("code", "t")
    assert code == 0, err
    assert "1 new" in err and "version" not in err, err
    assert interviews() == 1


def test_a_changed_file_is_compared_as_it_says_now(project: Path) -> None:
    write(project / "t" / "a.txt", OTHER)
    assert run("code", "t")[0] == 0
    write(project / "t" / "a.txt", RAW)  # saved again with another interview in it
    code, err = run("code", "t")
    assert code == 0 and "1 updated" in err, err
    write(project / "t" / "b.txt", CLEANED)
    code, err = run("code", "t/b.txt")
    assert code == 5, err
    assert "skipped t/b.txt: a version of t/a.txt" in err, err
    # and the other way round: what a.txt said before is no version of what it says now
    write(project / "t" / "a.txt", OTHER)
    assert run("code", "t/a.txt")[0] == 0
    write(project / "v" / "c.txt", CLEANED)
    code, err = run("code", "v")
    assert code == 0 and "1 new" in err and "version" not in err, err


def test_turns_given_another_role_change_the_sample(tmp_path: Path) -> None:
    turns = [
        Turn("A", " ".join(["de leden kennen elkaar niet"] * 20)),
        Turn("B", " ".join(["we werken samen aan projecten"] * 20)),
    ]
    with Store.open(tmp_path / "s.db", create=True) as store:
        store.save_imported("x.qdpx/a", "sha", "p1", Transcript("a", turns), [])
        ((tid, both),) = store.speech_samples()
        assert both == speech_sample([t.text for t in turns])
        store.set_roles(tid, {1: "interviewer", 2: "participant"}, ["A"])
        ((_, one),) = store.speech_samples()
        assert one == speech_sample([turns[1].text])
