"""`lernet names` on a varied generated corpus gives exactly what it gave when this test was
written (tests/data/likely_names_corpus.json): work on its speed must not change what it lists,
how often, where, or the example shown. A change of what it finds on purpose regenerates the
file (`python tests/test_names_unchanged.py`), and the diff shows what changed."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

from lernet_cli.analysis.anonymize import Redactor
from lernet_cli.analysis.likely_names import NameFinder

GOLDEN = Path(__file__).parent / "data" / "likely_names_corpus.json"

FIRST = "Geert Roos Mark Frank Sjoerd Anneke Koen Daan Henk Truus Iris Bas Fleur Will Hope".split()
FIRST += "Grace Tom Sarah Rose Jack Bill Ravi Priya Sue Mieke Jef Lies".split()
LAST = "Meijer Hoekstra Okafor Bakker Verhaeghe Peeters Jansen Visser Mulder Smith Baker".split()
PLACES = "Dronten Hoofddorp Zevenhuizen Marknesse Gasselte Dauphin Urk Gent Deventer".split()
ORGS = ["Bodemkompas", "TNO", "GGD", "Riverside Trust", "ACME", "Rabobank", "Thuiszorg Noord"]
WORDS = (
    "het project liep goed maar de subsidie was lastig en we hadden weinig tijd voor overleg "
    "met de gemeente over de uitvoering van het plan in de regio"
).split()
ENGLISH = (
    "the project went well but funding was hard and we had little time to talk with the "
    "council about the plan in the region"
).split()

DUTCH_TEMPLATES = [
    "{F} zei toen dat het goed ging.",
    "Toen belde {F} me op.",
    "Mijn directeur, {F} {L}, vraagt wel eens wat het oplevert.",
    "Ik woon in {P} en werk vlakbij {P2}.",
    "Ik sprak met {F} en {F2} over de {w}.",
    "Maar {F} zei het ook.",
    "Dokter {L} was er ook bij.",
    "Het was tijd van {O}, zegt {F}.",
    "{F} {L} belde gisteren.",
    "Hoop doet leven, zei mijn moeder.",
    "Toen ging ik naar huis, {w} {w2}.",
    "toen belde ik {f} en die zei dat het goed was",
    "ik ben {f} {l} en ik werk bij de {w}",
    "{f} kun je me horen",
    "Gisteren {F} belde nog.",
    "Het was frank en vrij gezegd.",
    "De {w} van {O} deed mee, met {F} {L}.",
    "Mieke d'r zus en Bram z'n auto.",
    "We hebben via Teams gebeld in Oktober.",
    "Jan de Vries zei laatst tegen me dat hij zich gast voelt.",
    "Ik en {F} gingen samen naar {P}.",
    "Mijn telefoon is 06-12345678 en ik woon aan de Kerkstraat 12 in {P}.",
    "met spoed belde ik de wmo, en de {f} zei niets.",
]
ENGLISH_TEMPLATES = [
    "{F} told me it was fine.",
    "Then {F} called, and {F2} agreed.",
    "We met {F} {L} at {O} on Monday.",
    "I'm {F} {L} and I live near {P}.",
    "Finally {F} called about the {e}.",
    "Well, the {e} was {e2}.",
    "Mrs. {L} and Dr {L2} were there.",
    "me and {F} went to {P}.",
    "thanks {f}, can you hear me",
    "{F} said the {e} was fine.",
    "Hope is important, {e} {e2}.",
    "Our SENCO talked to the GP and the NHS about CPD.",
]


def corpus(seed: int = 72) -> dict[str, Any]:
    rng = random.Random(seed)

    def fill(template: str) -> str:
        f, f2 = rng.sample(FIRST, 2)
        last, last2 = rng.sample(LAST, 2)
        p, p2 = rng.sample(PLACES, 2)
        words = WORDS if "{w" in template else ENGLISH
        w, w2 = rng.sample(words, 2)
        return template.format(
            F=f,
            F2=f2,
            L=last,
            L2=last2,
            f=f.lower(),
            l=last.lower(),
            P=p,
            P2=p2,
            O=rng.choice(ORGS),
            w=w,
            w2=w2,
            e=w,
            e2=w2,
        )

    texts = []
    for n in range(40):
        templates = DUTCH_TEMPLATES if n % 3 else ENGLISH_TEMPLATES
        turns = [" ".join(fill(rng.choice(templates)) for _ in range(rng.randint(1, 5)))]
        texts += [(f"t{n:02d}.txt", turn) for turn in turns]
    said_only = [(f"t{n:02d}.txt", fill(rng.choice(DUTCH_TEMPLATES[11:14]))) for n in range(8)]
    files = [
        (f"ronde1/p{n:02d}_{rng.choice(FIRST)}_{rng.choice(LAST)}.docx", f"p{n:02d}")
        for n in range(6)
    ] + [
        ("ronde2/interview_de_vries.txt", "p06"),
        ("ronde2/jan-de-boer-interview.docx", "p07"),
        ("Interview Koen Verhaege ronde 2.docx", "p08"),
    ]
    written = [("t01.txt", "note", "Vraag aan Geert of Hoekstra mee wil doen.")]
    return {"texts": texts, "said_only": said_only, "files": files, "written": written}


def found(language: str) -> list[dict[str, Any]]:
    data = corpus()
    redactor = Redactor(
        ["Anneke Visser", "Roos", "Jan de Boer"],
        ["Bodemkompas"],
        language=language,
        contacts=True,
    )
    finder = NameFinder(language, {"subsidie", "overleg"}, redactor)
    out = finder.find(
        data["texts"], data["said_only"], files=data["files"], written=data["written"]
    )
    return [{**n.to_json(), "where": sorted(n.transcripts)} for n in out]


def current() -> dict[str, Any]:
    return {language: found(language) for language in ("nl", "en")}


def test_names_on_a_varied_corpus_are_what_they_were() -> None:
    expected = json.loads(GOLDEN.read_text("utf-8"))
    got = current()
    for language in expected:
        assert got[language] == expected[language], language


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps(current(), ensure_ascii=False, indent=1) + "\n", "utf-8")
    sys.exit(0)
