"""A topic word in a listed organisation's name ("circulair" of "Kenniscentrum Circulair
Bouwen") is an ordinary word where the study says it: hidden as a part of the whole name or
where capitalised inside a sentence, not in "we doen circulair bouwen" nor in the researcher's
own label (qa20 #1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lernet_cli.language.names import Redactor, is_ordinary_word
from lernet_cli.language.stopwords import BY_LANGUAGE

from .conftest import invoke_cli

ORG = "Kenniscentrum Circulair Bouwen"


def redactor(organisation: str, said: tuple[str, ...] = ()) -> Redactor:
    return Redactor(
        ["Marloes Verbeek"],
        [organisation],
        common_words=BY_LANGUAGE["nl"],
        language="nl",
        said_lower=said,
    )


def test_an_adjective_the_dictionary_has_only_inflected_is_an_ordinary_word() -> None:
    assert is_ordinary_word("circulair", "nl")
    assert not is_ordinary_word("verbeek", "nl")


def test_the_topic_word_stays_and_the_name_goes() -> None:
    r = redactor(ORG)
    assert r.redact("Wij doen vooral circulair bouwen.") == "Wij doen vooral circulair bouwen."
    assert r.redact("adviseur circulair bouwen", True) == "adviseur circulair bouwen"
    assert r.redact("Bij Kenniscentrum Circulair Bouwen, ja.") == "Bij [organisatie], ja."
    assert r.redact("bij het kenniscentrum circulair bouwen") == "bij het [organisatie]"
    assert r.redact("Ik werk bij Circulair sinds mei.") == "Ik werk bij [organisatie] sinds mei."


def test_a_word_no_dictionary_has_is_ordinary_where_the_study_writes_it_in_lower_case() -> None:
    org = "Kenniscentrum Biobased Bouwen Zwolle"
    text = "Wij doen biobased bouwen, bij Biobased Bouwen Zwolle en bij Biobased."
    assert redactor(org).redact(text) == (
        "Wij doen [organisatie], bij [organisatie] en bij [organisatie]."
    )
    assert redactor(org, ("biobased",)).redact(text) == (
        "Wij doen biobased bouwen, bij [organisatie] en bij [organisatie]."
    )
    assert redactor(org, ("biobased",)).redact("Biobased is ons vak.") == "Biobased is ons vak."


def test_quotes_and_labels_keep_the_studys_words(project: Path) -> None:
    (project / "participants.yaml").write_text(
        "participants:\n"
        "  - id: P01\n"
        "    label: adviseur biobased bouwen\n"
        "    names: [Marloes Verbeek]\n"
        "    organisations: [Kenniscentrum Biobased Bouwen Zwolle]\n",
        encoding="utf-8",
    )
    (project / "P01.txt").write_text(
        "I: Hoe ging dat?\n"
        "R: Wij doen bij Kenniscentrum Biobased Bouwen Zwolle vooral biobased bouwen en we "
        "kennen elkaar nog niet goed.\n",
        encoding="utf-8",
    )
    assert invoke_cli("code", "P01.txt")[0] == 0
    code, out = invoke_cli("quotes", "--format", "json")
    assert code == 0, out
    quotes = json.dumps(json.loads(out[out.index("[") :]), ensure_ascii=False)
    assert "Wij doen bij [organisatie] vooral biobased bouwen" in quotes
    assert "adviseur biobased bouwen" in quotes and "Zwolle" not in quotes


def test_the_studys_lower_case_words_are_kept_until_its_texts_change(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding them reads every stored turn: done once for the same words and stored
    transcripts, again when a transcript is added, forgotten with the forms on a withdrawal."""
    from lernet_cli.analysis import anonymize
    from lernet_cli.language.formcache import forget_forms
    from lernet_cli.store.store import Store

    (project / "P01.txt").write_text(
        "I: Hoe ging dat?\nR: Wij doen vooral biobased bouwen met elkaar.\n", encoding="utf-8"
    )
    assert invoke_cli("code", "P01.txt")[0] == 0
    cache = project / ".lernet" / "cache"
    orgs, names = ["Kenniscentrum Biobased Bouwen Zwolle"], ["Marloes Verbeek"]
    read: list[int] = []
    with Store.open(project / ".lernet" / "lernet.db") as store:
        real = store.segments

        def counted(tid: int):  # type: ignore[no-untyped-def]
            read.append(tid)
            return real(tid)

        monkeypatch.setattr(store, "segments", counted)
        first = anonymize.said_in_lower_case(store, orgs, names, cache=cache)
        assert first == {"biobased", "bouwen"} and read
        read.clear()
        assert anonymize.said_in_lower_case(store, orgs, names, cache=cache) == first
        assert read == []
        assert anonymize.said_in_lower_case(
            store, orgs[:1] + ["Zorggroep Salland"], names, cache=cache
        )
        assert read
    (project / "P02.txt").write_text("I: En jij?\nR: Zwolle is mooi.\n", encoding="utf-8")
    assert invoke_cli("code", "P02.txt")[0] == 0
    read.clear()
    with Store.open(project / ".lernet" / "lernet.db") as store:
        again = store.segments
        monkeypatch.setattr(store, "segments", lambda tid: read.append(tid) or again(tid))
        assert anonymize.said_in_lower_case(store, orgs, names, cache=cache) == first
        assert read  # a transcript more: read again
        forget_forms(cache)
        assert not list(cache.glob("study-words-*"))
