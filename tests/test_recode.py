"""Re-coding from the store after a codebook edit: only the codes whose rules changed are made
again, from the stored turns, and what people did stays."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.codebook.codebook import load_codebook, parse_codebook
from lernet_cli.coding import digests
from lernet_cli.coding.digests import code_digests, coding_digest, rules_digest
from lernet_cli.coding.recode import changed_codes
from lernet_cli.store.recoding import turn_mask, turns_of
from lernet_cli.store.store import Store

from .conftest import DEFAULT_CODEBOOK, MINI_CODEBOOK, dump_store

runner = CliRunner()

A = """\
I: Hoe gaat het?
R: We kennen elkaar nog niet goed.
I: En de anderen?
R: Concurrentie is er zeker, de markt is klein.
I: Wat haal je er?
R: Wij halen veel kennis op bij de anderen.
I: En verder?
R: [[trust.built: Vertrouwen groeit langzaam.]]
"""
B = """\
I: Hoe staat u ervoor?
R: Onze marktpositie is sterk.
I: En de markt?
R: Onze marktpositie is goed, de markt verandert.
I: Nog iets?
R: Vertrouwen groeit als mensen iets inbrengen.
I: En de markt zelf?
R: De markt is klein.
"""
COMPETITION = 'any: ["*concurrent*", marktpositie]'
EDITED = 'any: ["*concurrent*", markt]'


def rows(root: Path, where: str = "1") -> list[tuple]:
    conn = sqlite3.connect(root / ".lernet" / "lernet.db")
    try:
        return conn.execute(
            "SELECT c.id, t.path, c.segment, c.code, c.start, c.end, c.rule, c.direction, "
            "c.status, c.source, c.coder, c.reviewer FROM codings c JOIN transcripts t "
            f"ON t.id = c.transcript_id WHERE {where} ORDER BY t.path, c.segment, c.code, c.id"
        ).fetchall()
    finally:
        conn.close()


def made(root: Path, where: str = "1") -> set[tuple]:
    """What the codings say, without ids (to compare two projects)."""
    return {r[1:] for r in rows(root, where)}


def code(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["code", *args])
    return result.exit_code, result.stderr


@pytest.fixture
def coded(project: Path) -> Path:
    (project / "a.txt").write_text(A, encoding="utf-8")
    (project / "b.txt").write_text(B, encoding="utf-8")
    assert code("a.txt", "b.txt")[0] == 0
    return project


def edit(root: Path, old: str, new: str) -> None:
    path = root / "codebook.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def fresh(root: Path, tmp_path: Path) -> Path:
    """The same files coded from scratch in a new project with the project's codebook."""
    other = tmp_path / "fresh"
    other.mkdir()
    for name in ("a.txt", "b.txt", "codebook.yaml", "lernet.yaml"):
        shutil.copy(root / name, other / name)
    done = runner.invoke(
        app, ["code", "--project", str(other), str(other / "a.txt"), str(other / "b.txt")]
    )
    assert done.exit_code == 0, done.stderr
    return other


def code_without_reading(*args: str) -> tuple[int, str]:
    """`lernet code ARGS` where reading a transcript fails the test."""
    import lernet_cli.readers as readers

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("a file was read")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(readers, "read_transcript", no_reading)
        return code(*args)


def test_a_rule_edit_recodes_that_code_alone_from_the_store(coded: Path, tmp_path: Path) -> None:
    before = rows(coded)
    edit(coded, COMPETITION, EDITED)
    status, err = code_without_reading()
    assert status == 0, err
    assert "2 re-coded" in err
    after = rows(coded)
    # the other codes' codings are the same rows, ids included
    others = [r for r in before if r[3] != "competition.protect_position"]
    assert [r for r in after if r[3] != "competition.protect_position"] == others
    # the changed code's codings are what coding the files afresh makes
    assert made(coded) == made(fresh(coded, tmp_path))
    competition = [(r[1], r[2]) for r in after if r[3] == "competition.protect_position"]
    assert competition == [("a.txt", 4), ("b.txt", 4), ("b.txt", 8)]
    # and again: nothing left to do
    status, err = code()
    assert status == 0 and "2 unchanged" in err and "re-coded" not in err, err


def test_naming_the_same_files_recodes_from_the_store(coded: Path, tmp_path: Path) -> None:
    edit(coded, COMPETITION, EDITED)
    status, err = code_without_reading("a.txt", "b.txt")
    assert status == 0, err
    assert "2 re-coded" in err
    assert made(coded) == made(fresh(coded, tmp_path))


def test_a_changed_file_is_read_again_while_the_others_are_recoded(coded: Path) -> None:
    edit(coded, COMPETITION, EDITED)
    (coded / "b.txt").write_text(B + "I: Tot slot?\nR: De markt groeit.\n", encoding="utf-8")
    status, err = code("a.txt", "b.txt")
    assert status == 0, err
    assert "1 re-coded" in err and "1 updated" in err
    assert ("b.txt", 10) in {(r[1], r[2]) for r in rows(coded, "code LIKE 'competition%'")}


def test_reviews_and_hand_codings_stay(coded: Path) -> None:
    competition = {(r[1], r[2]): r[0] for r in rows(coded, "code LIKE 'competition%'")}
    accepted = competition[("b.txt", 2)]  # marktpositie only: the edit drops it
    rejected = competition[("b.txt", 4)]  # marktpositie and markt: still proposed
    with Store.open(coded / ".lernet" / "lernet.db") as store:
        store.set_review(accepted, "accepted", "anna")
        store.set_review(rejected, "rejected", "anna", "niet relevant")
        own = store.change_code(
            [r[0] for r in rows(coded, "code = 'trust.not_acquainted'")][0],
            "trust.built",
            "anna",
        )
    people = rows(coded, "source NOT IN ('rule')")
    assert {r[9] for r in people} == {"tag", "review"}
    edit(coded, COMPETITION, EDITED)
    edit(coded, "negation: require", "negation: ignore")
    status, err = code()
    assert status == 0, err
    by_id = {r[0]: r for r in rows(coded)}
    # kept although the rule no longer proposes it, as it was
    assert by_id[accepted][8:] == ("accepted", "rule", "auto", "anna")
    assert by_id[accepted][4:6] == (5, 17)
    # still proposed: the decision carries over to the new evidence ("markt")
    assert by_id[rejected][8:] == ("rejected", "rule", "auto", "anna")
    text = B.splitlines()[3][3:]
    assert text[by_id[rejected][4] : by_id[rejected][5]] == "markt"
    # what people made is untouched
    assert rows(coded, "source NOT IN ('rule')") == people
    assert by_id[own][3] == "trust.built"
    # the rejected coding under a changed code stays rejected (trust.not_acquainted changed too)
    assert [r[8] for r in rows(coded, "code = 'trust.not_acquainted'")] == ["rejected"]


def test_code_digests_follow_the_rules_alone() -> None:
    base = code_digests(_codebook(MINI_CODEBOOK))
    relabelled = MINI_CODEBOOK.replace("{nl: Concurrentie, en: Competition}", "Markt") + "# x\n"
    assert code_digests(_codebook(relabelled)) == base
    edited = code_digests(_codebook(MINI_CODEBOOK.replace(COMPETITION, EDITED)))
    assert changed_codes(base, edited) == {"competition.protect_position"}
    cue = MINI_CODEBOOK.replace("take: [halen,", "take: [lenen, halen,")
    assert changed_codes(base, code_digests(_codebook(cue))) == {"interest_balance.knowledge"}
    window = MINI_CODEBOOK.replace("within: 12", "within: 10")
    assert changed_codes(base, code_digests(_codebook(window))) == {"trust.built"}
    gone = MINI_CODEBOOK.replace('          - any: ["*concurrent*", marktpositie]\n', "")
    assert changed_codes(base, code_digests(_codebook(gone))) == {"competition.protect_position"}
    assert changed_codes(None, base) is None


def test_a_new_matcher_version_changes_every_code(monkeypatch: pytest.MonkeyPatch) -> None:
    codebook = _codebook(MINI_CODEBOOK)
    base = code_digests(codebook)
    monkeypatch.setattr(digests, "CODER_VERSION", "next")
    assert changed_codes(base, code_digests(codebook)) == set(base)


def test_a_new_reader_version_reads_stored_files_again(
    coded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file stored by a lernet that read its format differently (tags in .vtt) is read
    again by `lernet code FILE`, not taken as unchanged; the rules' digests stay."""
    rules = code_digests(_codebook(MINI_CODEBOOK))
    monkeypatch.setattr(digests, "READER_VERSION", "next")
    assert code_digests(_codebook(MINI_CODEBOOK)) == rules
    result = runner.invoke(app, ["code", "a.txt"])
    assert result.exit_code == 0, result.stderr
    assert "1 updated" in result.stderr
    assert "1 unchanged" in runner.invoke(app, ["code", "a.txt"]).stderr


def test_labels_count_for_the_file_digest_and_rules_do_not() -> None:
    codebook = _codebook(MINI_CODEBOOK)
    file_digest = coding_digest(codebook, ["I"])
    assert coding_digest(_codebook(MINI_CODEBOOK.replace(COMPETITION, EDITED)), ["I"]) == (
        file_digest
    )
    relabelled = _codebook(MINI_CODEBOOK.replace("en: Competition", "en: Rivalry"))
    assert coding_digest(relabelled, ["I"]) != file_digest
    assert rules_digest(relabelled) == rules_digest(codebook)


def test_a_codebook_read_without_rules_has_the_same_rules_digest(tmp_path: Path) -> None:
    path = tmp_path / "codebook.yaml"
    path.write_text(MINI_CODEBOOK, encoding="utf-8")
    assert rules_digest(load_codebook(path, with_rules=False)) == rules_digest(load_codebook(path))


def test_rules_not_known_to_the_store_recode_every_code(coded: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(coded / ".lernet" / "lernet.db")
    conn.execute("UPDATE transcripts SET rules_digest = 'an older lernet', words = NULL")
    conn.execute("DELETE FROM codings WHERE code LIKE 'trust%' AND source = 'rule'")
    conn.commit()
    conn.close()
    status, err = code()
    assert status == 0 and "2 re-coded" in err
    assert made(coded) == made(fresh(coded, tmp_path))
    conn = sqlite3.connect(coded / ".lernet" / "lernet.db")
    words = [w.split() for (w,) in conn.execute("SELECT words FROM transcripts ORDER BY path")]
    conn.close()
    # each word with the turns it stands in, as a bit mask in hex
    assert "kennis:x40" in words[0] and "markt:x110" in words[1]
    assert turns_of("x110") == [4, 8] and turn_mask("x110") == turn_mask("4,8") == 0x110


def test_words_stored_by_an_older_lernet_are_read(coded: Path, tmp_path: Path) -> None:
    """Stores written before the turns were bit masks hold them as lists ("markt:4,8"): a
    re-coding finds the same turns in them."""
    conn = sqlite3.connect(coded / ".lernet" / "lernet.db")
    for tid, stored in conn.execute("SELECT id, words FROM transcripts").fetchall():
        older = " ".join(
            f"{w}:{','.join(map(str, turns_of(t)))}"
            for w, t in (part.split(":") for part in stored.split(" "))
        )
        assert "x" not in older.replace(":", " ").split()[1]
        conn.execute("UPDATE transcripts SET words = ? WHERE id = ?", (older, tid))
    conn.execute("DELETE FROM code_rules")  # nor did that lernet keep the rules' terms
    conn.commit()
    conn.close()
    edit(coded, COMPETITION, EDITED)
    codebook = load_codebook(coded / "codebook.yaml")
    from lernet_cli.coding.recode import recode_from_store

    with Store.open(coded / ".lernet" / "lernet.db") as store:
        done = recode_from_store(store, codebook, store.transcripts())
    assert sum(r.turns_read for r in done) == 3  # as from the words stored as masks
    assert made(coded) == made(fresh(coded, tmp_path))


def test_imported_transcripts_are_left_alone(coded: Path) -> None:
    conn = sqlite3.connect(coded / ".lernet" / "lernet.db")
    conn.execute("UPDATE transcripts SET rules_digest = NULL WHERE path = 'b.txt'")
    conn.commit()
    conn.close()
    edit(coded, COMPETITION, EDITED)
    before = rows(coded, "t.path = 'b.txt'")
    status, err = code()
    assert status == 0 and "1 re-coded" in err and "1 unchanged" in err
    assert rows(coded, "t.path = 'b.txt'") == before


def test_without_files_only_the_rules_are_applied(coded: Path) -> None:
    for args, message in (
        (["--participant", "p1"], "--participant"),
        (["--interviewer", "I"], "--interviewer"),
        (["--coder", "anna"], "--coder"),
    ):
        before = dump_store(coded)
        status, err = code(*args)
        assert status == 2 and message in err and "name the files" in err
        assert dump_store(coded) == before


def test_without_files_outside_a_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    status, err = code()
    assert status == 2 and "no lernet project here" in err
    assert not (tmp_path / ".lernet").exists()


def test_without_files_before_any_coding(project: Path) -> None:
    status, err = code()
    assert status == 7 and "no store yet" in err


def test_the_store_is_one_file_again_after_coding(coded: Path) -> None:
    edit(coded, COMPETITION, EDITED)
    assert code()[0] == 0
    db = coded / ".lernet" / "lernet.db"
    assert not Path(f"{db}-wal").exists()
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()


def _codebook(text: str):  # type: ignore[no-untyped-def]
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "codebook.yaml"
        path.write_text(text, encoding="utf-8")
        return parse_codebook(path)


def test_a_bad_file_in_a_batch_leaves_the_store_as_it_was(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files are written many to a transaction, each in a savepoint: a file that fails, before
    or half way through its writes, is not in the store; the others are, as if coded alone."""
    from lernet_cli.errors import TranscriptError
    from lernet_cli.store import saving as store_module

    (project / "a.txt").write_text(A, encoding="utf-8")
    (project / "b.txt").write_text(B, encoding="utf-8")
    (project / "c.txt").write_text("I: Alleen vragen?\nI: Ja.\n", encoding="utf-8")
    (project / "d.txt").write_text(A.replace("kennis", "ervaring"), encoding="utf-8")
    real = store_module._insert_memos
    calls = []

    def fail_on_the_third(*args: object) -> None:
        calls.append(1)
        if len(calls) == 3:  # d.txt: its segments and codings are written already
            raise TranscriptError("fails half way")
        real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(store_module, "_insert_memos", fail_on_the_third)
    result = runner.invoke(app, ["code", "a.txt", "b.txt", "c.txt", "d.txt"])
    assert result.exit_code == 5
    assert "no participant speech" in result.stderr and "fails half way" in result.stderr
    conn = sqlite3.connect(project / ".lernet" / "lernet.db")
    paths = [p for (p,) in conn.execute("SELECT path FROM transcripts ORDER BY path")]
    orphans = sum(
        conn.execute(
            f"SELECT COUNT(*) FROM {table} WHERE transcript_id NOT IN (SELECT id FROM transcripts)"
        ).fetchone()[0]
        for table in ("segments", "codings", "memos")
    )
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    assert paths == ["a.txt", "b.txt"] and orphans == 0 and integrity == "ok"
    monkeypatch.setattr(store_module, "_insert_memos", real)
    assert made(project) == made(fresh(project, tmp_path))


def test_every_rule_of_the_default_codebook_recodes_the_sample_as_coding_it_did(
    coded_sample: Path, tmp_path: Path
) -> None:
    """Re-coding every code from the store (the store not knowing which rules coded) chooses
    the turns to match by the rules' words: it must find every coding that coding the files
    found, no more."""
    root = tmp_path / "sample"
    shutil.copytree(coded_sample, root)
    before = made(root, "source = 'rule'")
    assert len(before) > 100
    recode_everything(root)
    assert made(root, "source = 'rule'") == before


def recode_everything(root: Path) -> None:
    """Make every stored transcript's rule codings out of date and gone, then `lernet code`."""
    conn = sqlite3.connect(root / ".lernet" / "lernet.db")
    conn.execute("UPDATE transcripts SET rules_digest = 'an older lernet'")
    conn.execute("DELETE FROM codings WHERE source = 'rule'")
    conn.commit()
    conn.close()
    result = runner.invoke(app, ["code", "--project", str(root)])
    assert result.exit_code == 0, result.stderr


def forget_the_rules_terms(root: Path) -> None:
    """A store that cannot compare an edit with the rules before it (an older lernet's)."""
    conn = sqlite3.connect(root / ".lernet" / "lernet.db")
    conn.execute("DELETE FROM code_rules")
    conn.commit()
    conn.close()


def test_only_the_turns_that_can_hold_the_rules_are_matched(coded: Path) -> None:
    from lernet_cli.coding.recode import recode_from_store

    forget_the_rules_terms(coded)
    edit(coded, COMPETITION, EDITED)
    codebook = load_codebook(coded / "codebook.yaml")
    with Store.open(coded / ".lernet" / "lernet.db") as store:
        done = recode_from_store(store, codebook, store.transcripts())
    assert {r.transcript.path: r.codes for r in done} == {
        "a.txt": {"competition.protect_position"},
        "b.txt": {"competition.protect_position"},
    }
    # of 8 participant turns, those with "concurrent..." or "markt" as a word
    assert sum(r.turns_read for r in done) == 3


def test_the_live_turns_follow_from_the_stored_words_as_from_the_text(
    coded_sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """For every code of the default codebook alone, and for all at once, the turns re-coding
    matches are those where a rule is live on the turn's own words, taken as a set: the rules of
    words found from the stored words alone, the regular expressions checked on the text. On
    the words in their order fewer rules may be live (a term's words must stand in a row), never
    more: a turn re-coding skips is one where no rule is live."""
    from lernet_cli.codebook.codebook import load_codebook
    from lernet_cli.coding import recode
    from lernet_cli.coding.autocode import RuleIndex
    from lernet_cli.language.text import Doc, token_words

    codebook = load_codebook(DEFAULT_CODEBOOK)
    with Store.open(coded_sample / ".lernet" / "lernet.db") as store:
        stored = store.transcripts()
        words = store.transcript_words(t.id for t in stored)
        turns = store.participant_turns(t.id for t in stored)

    def live(index: RuleIndex, text: str, ordered: bool) -> bool:
        doc = Doc.from_lists(text, [], (token_words(text), [], [], [], []))
        if ordered:
            return bool(index.live_rules(doc))
        with monkeypatch.context() as m:
            m.setattr(RuleIndex, "_in_a_row", lambda self, doc, multi, generation: multi)
            return bool(index.live_rules(doc))

    only: list[set[str] | None] = [{code.id} for code in codebook.rule_codes()]
    checked = sure_turns = fewer = 0
    for codes in [*only, None]:
        index = RuleIndex(codebook, only=codes)
        by_words = recode._LiveTurns(index, words)
        for t in stored:
            sure = by_words.turns(words[t.id])
            assert sure is not None
            as_set = {seg for seg, text in turns.get(t.id, []) if live(index, text, False)}
            ordered = {seg for seg, text in turns.get(t.id, []) if live(index, text, True)}
            assert ordered <= as_set
            fewer += len(as_set - ordered)
            if recode._searches_text(index):
                assert sure <= as_set
            else:
                assert sure == as_set, (codes, t.path)
                assert ordered <= sure
                checked += 1
            sure_turns += len(sure)
    assert checked > 100 and sure_turns > 100 and fewer > 0


def test_many_turns_are_matched_on_all_cores_as_on_one(
    coded_sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A re-coding with enough turns to match shares them among worker processes: the codings
    are those of matching them in one process, and a rule that fails in a worker fails the
    re-coding with the store as it was."""
    from lernet_cli.coding import recode

    roots = []
    for least in (10**9, 1):
        monkeypatch.setattr(recode, "MIN_TURNS_FOR_WORKERS", least)
        root = tmp_path / f"sample{least}"
        shutil.copytree(coded_sample, root)
        recode_everything(root)
        roots.append(root)
    assert made(roots[0], "source = 'rule'") == made(roots[1], "source = 'rule'")
    assert len(made(roots[1], "source = 'rule'")) > 100

    root = roots[1]
    codebook = root / "slow.yaml"
    codebook.write_text(
        "themes:\n  - id: t\n    label: T\n    match:\n      - regex: '(a|aa)+$'\n",
        encoding="utf-8",
    )
    (root / "lernet.yaml").write_text(
        (root / "lernet.yaml")
        .read_text(encoding="utf-8")
        .replace(str(DEFAULT_CODEBOOK), str(codebook)),
        encoding="utf-8",
    )
    conn = sqlite3.connect(root / ".lernet" / "lernet.db")
    (slow, path) = conn.execute(
        "SELECT s.transcript_id, t.path FROM segments s JOIN transcripts t ON t.id = "
        "s.transcript_id WHERE s.rowid = (SELECT MAX(rowid) FROM segments "
        "WHERE role = 'participant')"
    ).fetchone()
    conn.execute(
        "UPDATE segments SET text = ? WHERE rowid = (SELECT MAX(rowid) FROM segments "
        "WHERE role = 'participant')",
        ("a" * 60 + "b",),
    )
    conn.commit()

    def kept() -> list[tuple]:
        return conn.execute(
            "SELECT * FROM codings WHERE transcript_id = ? ORDER BY id", (slow,)
        ).fetchall()

    before = kept()
    result = runner.invoke(app, ["code", "--project", str(root)])
    # on all cores as on one: the transcript it is slow on is named and keeps what is stored,
    # the others are re-coded
    assert result.exit_code == 5 and "takes too long" in result.stderr
    assert f"{path}: not re-coded (its stored codings stay as they were): " in result.stderr
    assert "re-coded, 1 error (only " in result.stderr
    assert kept() == before
    conn.close()


def test_stored_words_that_do_not_read_are_none() -> None:
    """Words stored in neither form (a colon missing or doubled) are not read: every turn is
    matched then, and the words stored anew."""
    from lernet_cli.store.recoding import _words

    assert _words("kennis:x40 markt:4,8") == {"kennis": "x40", "markt": "4,8"}
    assert _words("kennis:x40 markt") is None
    assert _words("kennis:x40:x2 markt:x1") is None
    assert _words("") is None and _words(None) is None


def turns_read_after(
    root: Path, old: str, new: str, code_id: str = "competition.protect_position"
) -> int:
    """The turns re-coding matches after this edit of one code's rules."""
    from lernet_cli.coding.recode import recode_from_store

    edit(root, old, new)
    codebook = load_codebook(root / "codebook.yaml")
    with Store.open(root / ".lernet" / "lernet.db") as store:
        done = recode_from_store(store, codebook, store.transcripts())
    assert {c for r in done for c in r.codes or ()} == {code_id}
    return sum(r.turns_read for r in done)


@pytest.mark.parametrize(
    ("new", "turns"),
    [
        # a term that stands in one turn ("de markt verandert")
        ('any: ["*concurrent*", marktpositie, verandert]', 1),
        # a term that stands nowhere: nothing to match, codings as they were
        ('any: ["*concurrent*", marktpositie, zeilboot]', 0),
        # a term removed: the two turns it stood in, where its codings go
        ('any: ["*concurrent*"]', 2),
        # one added and one removed: where either stands
        ('any: ["*concurrent*", markt]', 4),
    ],
)
def test_an_edit_of_terms_alone_matches_the_turns_where_they_stand(
    coded: Path, tmp_path: Path, new: str, turns: int
) -> None:
    before = rows(coded, "code = 'competition.protect_position'")
    assert turns_read_after(coded, COMPETITION, new) == turns
    assert made(coded) == made(fresh(coded, tmp_path))
    if turns == 0:
        assert rows(coded, "code = 'competition.protect_position'") == before


def test_a_term_of_one_group_counts_only_where_the_rules_other_groups_stand(
    coded: Path, tmp_path: Path
) -> None:
    """ "markt" stands in three turns, but never with "bijdragen" or "inbrengen", which the
    rule also needs: adding it to the rule's first group changes nothing anywhere."""
    rule = "all: [vertrouwen, [bijdragen, inbrengen]]"
    wider = "all: [[vertrouwen, markt], [bijdragen, inbrengen]]"
    assert turns_read_after(coded, rule, wider, "trust.built") == 0
    assert made(coded) == made(fresh(coded, tmp_path))
    # a word of the second group that stands with "vertrouwen" once: that turn
    more = "[bijdragen, inbrengen, langzaam]]"
    assert turns_read_after(coded, "[bijdragen, inbrengen]]", more, "trust.built") == 1
    (tmp_path / "again").mkdir()
    assert made(coded) == made(fresh(coded, tmp_path / "again"))


def test_a_term_edit_keeps_the_reviews_of_the_turns_it_reads(coded: Path) -> None:
    """b.txt's turn 4 holds "marktpositie" and "markt": re-matched when "marktpositie" goes,
    and its rejected coding takes the new evidence with the decision, as on any re-coding."""
    competition = {(r[1], r[2]): r[0] for r in rows(coded, "code LIKE 'competition%'")}
    rejected = competition[("b.txt", 4)]
    with Store.open(coded / ".lernet" / "lernet.db") as store:
        store.set_review(rejected, "rejected", "anna", "niet relevant")
    edit(coded, COMPETITION, EDITED)
    status, err = code()
    assert status == 0, err
    by_id = {r[0]: r for r in rows(coded)}
    assert by_id[rejected][8:] == ("rejected", "rule", "auto", "anna")
    text = B.splitlines()[3][3:]
    assert text[by_id[rejected][4] : by_id[rejected][5]] == "markt"


@pytest.mark.parametrize(
    ("old", "new", "terms"),
    [
        ([["a", "b"]], [["a", "b", "c"]], [[["c"]]]),
        ([["a", "b"]], [["b"]], [[["a"]]]),
        ([["a"], ["x", "y"]], [["a", "b"], ["x", "y"]], [[["b"], ["x", "y"]]]),
        ([["a"], ["x"]], [["a"], ["z"]], [[["x", "z"], ["a"]]]),
    ],
)
def test_term_edits_name_the_terms_and_the_rest_of_their_rule(
    old: list[list[str]], new: list[list[str]], terms: list[list[list[str]]]
) -> None:
    import json

    def key(groups: list[list[str]], none: list[str] | None = None) -> str:
        rule = ["c#1", "all", groups, none or [], "sentence", "exclude", ""]
        return json.dumps(["14", "c", None, [rule]])

    assert digests.term_edits(key(old), key(new)) == terms
    # a none: term: where it stands with every group
    assert digests.term_edits(key(old), key(old, ["n"])) == [[["n"], *old]]


@pytest.mark.parametrize(
    "change",
    [
        lambda r: r.__setitem__(4, 12),  # a window
        lambda r: r.__setitem__(5, "require"),  # negation
        lambda r: r.__setitem__(1, "any"),  # the kind
        lambda r: r[2].append(["extra"]),  # a group more
        lambda r: r[2][0].reverse(),  # the same terms in another order
    ],
)
def test_other_edits_are_not_term_edits(change) -> None:  # type: ignore[no-untyped-def]
    import copy
    import json

    rule = ["c#1", "all", [["a", "b"], ["x"]], [], "sentence", "exclude", ""]
    changed = copy.deepcopy(rule)
    change(changed)
    old = json.dumps(["14", "c", None, [rule]])
    assert digests.term_edits(old, json.dumps(["14", "c", None, [changed]])) is None
    assert digests.term_edits(old, json.dumps(["14", "c", None, [rule, rule]])) is None
    assert digests.term_edits(old, json.dumps(["15", "c", None, [rule]])) is None
    assert digests.term_edits(old, json.dumps(["14", "c", {"bring": ["x"]}, [rule]])) is None
