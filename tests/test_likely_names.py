"""`lernet names`: words in what participants said that look like names nobody listed, and the
note after a report or export that holds them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from lernet_cli.analysis.anonymize import Redactor
from lernet_cli.analysis.likely_names import NameFinder
from lernet_cli.cli import app

runner = CliRunner()

DUTCH = (
    "Ja hoor. Ik ben Klaas Hoekstra, ik heb samen met mijn broer Sjoerd de Maatschap Hoekstra. "
    "Onder Gasselte, tegen de Hunze aan. Mijn directeur, Frank Meijer, vraagt wel eens wat het "
    "oplevert. Maar Henk zei het ook. Jan de Vries zei laatst tegen me dat hij zich gast voelt."
)


def names_in(text: str, finder: NameFinder) -> list[str]:
    return sorted(n.name for n in finder.find([("t.txt", text)]))


def test_capitalised_words_inside_a_sentence_that_are_no_ordinary_words() -> None:
    found = names_in(DUTCH, NameFinder("nl"))
    for name in ("Frank Meijer", "Sjoerd", "Gasselte", "Hunze", "Henk", "Jan de Vries"):
        assert name in found
    # the sentence's capital, an ordinary word, the article before a word: not names
    for word in ("Ja", "Ik", "Onder", "Mijn", "Maar", "Maar Henk", "Sjoerd de Maatschap Hoekstra"):
        assert word not in found


def test_names_lernet_hides_and_codebook_words_are_left_out() -> None:
    redactor = Redactor(["Klaas Hoekstra"], ["Maatschap Hoekstra"], language="nl")
    finder = NameFinder("nl", known_words={"gasselte"}, redactor=redactor)
    found = names_in(DUTCH, finder)
    assert "Klaas Hoekstra" not in found and "Maatschap Hoekstra" not in found
    assert "Gasselte" not in found
    sjoerd = next(n for n in finder.find([("t.txt", DUTCH)]) if n.name == "Sjoerd")
    assert "mijn broer Sjoerd de [organisatie]" in sjoerd.example
    assert "Hoekstra" not in sjoerd.example


def test_counts_and_transcripts() -> None:
    found = NameFinder("nl").find(
        [("a.txt", "Ik sprak Frank Meijer. Toen belde Frank Meijer weer."), ("b.txt", DUTCH)]
    )
    frank = next(n for n in found if n.name == "Frank Meijer")
    assert (frank.count, len(frank.transcripts)) == (3, 2)
    assert found[0] is frank  # most transcripts first


def test_english() -> None:
    text = "We met Sarah Okafor at Riverside Trust on Monday. I think Tom agreed. An idea came."
    found = names_in(text, NameFinder("en"))
    assert "Sarah Okafor" in found and "Riverside Trust" in found and "Tom" in found
    assert "Monday" not in found and "I" not in found and "An" not in found


def test_abbreviations_of_a_kind_of_thing_are_no_names_but_an_organisations_are() -> None:
    """ "POH", "GGZ", "MKB", "ZZP'ers", "AVG" name a role, a sector, a law: nobody is found by
    them, and listing them buried the real names. An organisation's own abbreviation and a public
    body a member could be recognised by stay listed."""
    dutch = (
        "We werken samen met de POH en met de GGZ. Het MKB doet mee, vooral de ZZP'ers. "
        "De AVG maakt het lastig en de ICT ook. Bij TNO deden ze onderzoek, via de GGD ook."
    )
    found = names_in(dutch, NameFinder("nl"))
    for word in ("POH", "GGZ", "MKB", "ZZP'ers", "AVG", "ICT"):
        assert word not in found
    flemish = "Ze zit in het TSO, haar broer in het ASO, en de OKAN-klas hielp veel."
    assert names_in(flemish, NameFinder("nl")) == []
    assert "TNO" in found and "GGD" in found
    english = "Our SENCO talked to the GP and the NHS about CPD. Then Ravi from ACME called."
    found = names_in(english, NameFinder("en"))
    assert "SENCO" not in found and "GP" not in found and "CPD" not in found
    assert "NHS" in found and "Ravi" in found and "ACME" in found


def test_adjectives_of_places_and_role_words_with_an_abbreviation_are_no_names() -> None:
    """ "Vlaamse", "HR-manager" and "HR-dienst" were listed in a Flemish study: an adjective of a
    place or nation (which the dictionary inflects as one, or that stands between a determiner
    and its noun) and a compound of an abbreviation and an ordinary word are no names, in either
    language; the names beside them still are."""
    dutch = (
        "Het decreet van de Vlaamse overheid is streng. Ik ben HR-manager bij ons, want we "
        "hebben geen HR-dienst. Het West-Vlaamse netwerk en de Gentse haven doen mee, de "
        "Europese subsidies ook. Toen belde Frank Meijer, van KU-Leuven, en de Ilse zei niets. "
        "Ik sprak ook Frans en Louise."
    )
    found = names_in(dutch, NameFinder("nl"))
    assert found == ["Frank Meijer", "Frans", "Ilse", "KU-Leuven", "Louise"]
    english = (
        "We work with the Canadian firm and the Congolese partners, and our ICT-team helps. "
        "Then Tom Hughes called, and Adrian agreed."
    )
    found = names_in(english, NameFinder("en"))
    assert found == ["Adrian", "Tom Hughes"]


PARTICIPANTS = """\
participants:
  - id: p1
    names: [Marloes van Dijk]
    organisations: [Bodemkompas]
"""
P1 = (
    "I: Hoeveel tijd kost het?\n"
    "R: Het is tijd van Bodemkompas. Mijn directeur, Frank Meijer, vraagt wat het oplevert, "
    "we kennen elkaar nog niet. [[not_acquainted: kennen elkaar nog niet]]\n"
)
P2 = (
    "I: Wie doet er mee?\n"
    "R: Ik en mijn broer Sjoerd. Frank Meijer ook. [[not_acquainted: ken ze niet]]\n"
)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def coded(project: Path) -> None:
    (project / "t").mkdir()
    (project / "t" / "participants.yaml").write_text(PARTICIPANTS, "utf-8")
    (project / "t" / "p1.txt").write_text(P1, "utf-8")
    (project / "t" / "p2.txt").write_text(P2, "utf-8")
    assert run("code", "t")[0] == 0


def test_names_command_in_every_format(project: Path) -> None:
    coded(project)
    code, out, err = run("names", "--format", "json")
    assert code == 0, err
    rows = {r["name"]: r for r in json.loads(out)}
    assert set(rows) == {"Frank Meijer", "Sjoerd"}
    assert rows["Frank Meijer"]["count"] == 2 and rows["Frank Meijer"]["transcripts"] == 2
    assert "Frank Meijer" in rows["Frank Meijer"]["example"]
    assert "[organisatie]" in rows["Frank Meijer"]["example"]  # a listed name stays hidden
    assert list(rows["Sjoerd"]) == ["name", "count", "transcripts", "example"]
    code, out, err = run("names", "--format", "csv")
    assert code == 0 and out.splitlines()[0] == "name;count;transcripts;example"
    assert out.splitlines()[1].startswith("Frank Meijer;2;2;")
    code, out, err = run("names", "--format", "md", "--limit", "1")
    assert code == 0 and "| Frank Meijer | 2 | 2 |" in out and "Sjoerd" not in out
    assert "2 words that look like names (the first 1 shown)" in err and "redact:" in err
    code, out, _ = run("names")
    assert code == 0 and "Frank Meijer" in out and "Sjoerd" in out


def test_a_name_listed_under_redact_is_no_longer_listed(project: Path) -> None:
    coded(project)
    (project / "t" / "participants.yaml").write_text(
        PARTICIPANTS + "redact:\n  names: [Frank Meijer, Sjoerd]\n", "utf-8"
    )
    code, out, err = run("names", "--format", "json")
    assert code == 0 and json.loads(out) == [], err
    code, _, err = run("names")
    assert code == 0 and "no words that look like names" in err


def test_report_and_export_say_when_names_may_be_left(project: Path) -> None:
    coded(project)
    code, _, err = run("report", "-o", "r.md")
    assert code == 0, err
    # the report quotes p1's sentence with Frank Meijer; p2's quote is the tagged words only
    assert (
        "lernet: note: 1 word that looks like a name is not hidden in the report's quotes: "
        "lernet names" in err
    )
    code, _, err = run("export", "qdpx", "x.qdpx")
    assert code == 0 and "2 words that look like names are not hidden" in err, err
    code, _, err = run("export", "csv", "x.csv")
    assert code == 0 and "2 words that look like names are not hidden" in err, err
    code, _, err = run("report", "-o", "plain.md", "--no-anonymize")
    assert code == 0 and "look like names" not in err
    (project / "t" / "participants.yaml").write_text(
        PARTICIPANTS + "redact:\n  names: [Frank Meijer, Sjoerd]\n", "utf-8"
    )
    code, _, err = run("report", "-o", "r2.md")
    assert code == 0 and "look like names" not in err


def test_bad_format_is_one_line(project: Path) -> None:
    coded(project)
    code, _, err = run("names", "--format", "xml")
    assert code == 2 and "unknown format 'xml'" in err and err.count("\n") == 1


def test_codebook_words_are_its_labels_and_lower_case_words(project: Path) -> None:
    from lernet_cli.analysis.name_sources import codebook_words
    from lernet_cli.codebook.codebook import load_codebook

    codebook = load_codebook(project / "codebook.yaml")
    code = codebook.codes["trust.not_acquainted"]
    code.examples.append("Jeroen zei dat we elkaar niet kennen")
    words = codebook_words(codebook)
    assert {"vertrouwen", "trust", "acquainted", "kennen"} <= words
    assert "jeroen" not in words


# Speech recognition writes no capitals: a name is found there by its place only.
RAW_NL = (
    "goeiemiddag iedereen euh iene kunt ge mij horen euh ja ik ben christoph ik ben leerkracht "
    "in het atheneum euh ik ben bang dat het stopt euh dank je wel lotte"
)
RAW_EN = "hi everyone my name is siobhan okafor and i'm worried thanks tom can you hear me"


def test_names_said_by_their_place_in_text_without_capitals_nl() -> None:
    found = names_in(RAW_NL, NameFinder("nl"))
    assert found == ["christoph", "iene", "lotte"]
    # an ordinary word after "ik ben" is no name; a hidden name is not listed again
    redactor = Redactor(["Lotte Janssens"], [], language="nl")
    assert names_in(RAW_NL, NameFinder("nl", redactor=redactor)) == ["christoph", "iene"]


def test_names_said_by_their_place_in_text_without_capitals_en() -> None:
    assert names_in(RAW_EN, NameFinder("en")) == ["siobhan okafor", "tom"]
    # with capitals the capital decides, as before: "I'm Worried" is no self-introduction here
    assert names_in("I'm worried, thanks.", NameFinder("en")) == []


def test_uncased_text_counts_long_turns_without_capitals() -> None:
    from lernet_cli.analysis.uncased import uncased_text

    uncased = uncased_text(
        [("a.vtt", RAW_NL), ("a.vtt", "ja oké"), ("b.vtt", RAW_EN), ("c.txt", DUTCH)]
    )
    assert uncased.turns == 2 and uncased.files() == ["a.vtt", "b.vtt"]


RAW_TRANSCRIPT = (
    "I: euh iene kunt ge mij horen\n"
    "R: euh ja ik ben christoph en ik ken elkaar nog niet euh "
    "[[not_acquainted: ken ze niet en weet niet wie ze zijn]]\n"
)


def test_names_and_exports_say_where_text_has_no_capitals(project: Path) -> None:
    coded(project)
    (project / "t" / "raw.txt").write_text(RAW_TRANSCRIPT, "utf-8")
    assert run("code", "t")[0] == 0
    code, out, err = run("names", "--format", "json")
    assert code == 0, err
    rows = {r["name"]: r for r in json.loads(out)}
    assert "christoph" in rows and "iene" in rows  # iene: the interviewer's, in the export
    assert "1 turn in 1 transcript (t/raw.txt) is written without capitals" in err
    assert "names there cannot be found by their capital" in err
    for args in (("export", "qdpx", "x.qdpx"), ("export", "csv", "x.csv")):
        code, _, err = run(*args)
        assert code == 0 and "t/raw.txt" in err and "without capitals" in err, err
    code, _, err = run("report", "-o", "r.md")
    assert code == 0 and "written without capitals" in err, err
    code, _, err = run("export", "csv", "y.csv", "--no-anonymize")
    assert code == 0 and "without capitals" not in err


def test_a_capitalised_particle_makes_a_surname_of_an_ordinary_word() -> None:
    """ "De Smet" after a hidden "Griet": "smet" is a word, but "De" with a capital inside a
    sentence is a surname's; at a sentence's start it is the sentence's capital."""
    redactor = Redactor(["Griet"], [], language="nl")
    finder = NameFinder("nl", redactor=redactor)
    assert names_in("Ik sprak Griet De Smet gisteren.", finder) == ["De Smet"]
    assert names_in("De smet op het blad. De Smet is een vlek.", finder) == []


def test_a_name_alone_at_a_sentence_start_and_one_after_a_title_are_listed() -> None:
    """qa18 #10: "Truus zei ..." is how speech names a third person, and "dokter Mulder" a
    doctor whose name is also a word: listed, the title not with it; the sentence's own first
    word is not, nor a sound of speech, nor a word the texts write in lower case elsewhere."""
    dutch = (
        "Truus regelt de scholing. Bertus van de andere thuiszorg helpt haar soms. Toen kwam "
        "dokter Mulder uit de praktijk langs. Meneer Schuurman zei niks. Tja, dat snap ik. "
        "Achteraf was het goed. We zagen het achteraf pas. Samenwerking kost tijd."
    )
    found = names_in(dutch, NameFinder("nl"))
    for name in ("Truus", "Bertus", "Mulder", "Schuurman"):
        assert name in found
    for word in ("Toen", "Meneer Schuurman", "Tja", "Achteraf", "Samenwerking", "dokter Mulder"):
        assert word not in found
    english = "We've met Mrs. Baker twice. Nobody's sure. Priya said so. Uncle Ray agreed."
    found = names_in(english, NameFinder("en"))
    for name in ("Baker", "Priya", "Ray"):
        assert name in found
    assert "We've" not in found and "Nobody's" not in found and "Uncle Ray" not in found


def test_a_first_name_after_flemish_ons_or_den_is_listed_even_where_it_is_a_word() -> None:
    """A Flemish speaker says "ons Lies", "den Koen": Lies and Koen are also Dutch words (koen:
    brave), and a likely name after these as after a title."""
    flemish = (
        "Ik heb da met ons Lies besproken, en den Koen was er ook bij. "
        "Den Frank zei niks. Ons Roos doet het verslag. We gingen naar den Haag."
    )
    found = names_in(flemish, NameFinder("nl"))
    for name in ("Lies", "Koen", "Frank", "Roos", "Haag"):
        assert name in found
    for word in ("ons Lies", "den Koen", "Den Frank", "Ons Roos", "Den"):
        assert word not in found
    # lower case after them is no name
    assert names_in("Ons moeder en den bakker.", NameFinder("nl")) == []
