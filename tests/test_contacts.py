"""Phone numbers and street addresses: hidden in anonymized outputs like e-mail addresses, found
by their form; dates, times, amounts and ordinary words stay."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import regex
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.coding.names import ProjectNames
from lernet_cli.language.names import Redactor
from lernet_cli.language.names_contacts import phone_end

runner = CliRunner()


def redactor(names: list[str] = (), language: str = "nl") -> Redactor:  # type: ignore[assignment]
    return Redactor(list(names), [], language=language, contacts=True)


PHONES = [
    "06-12345678",
    "0612345678",
    "06 12345678",
    "06 1234 5678",
    "06 12 34 56 78",
    "+31 6 1234 5678",
    "+31612345678",
    "+31 (0)6 12345678",
    "0031 6 12345678",
    "+32 478 12 34 56",
    "0478 12 34 56",
    "0478/12.34.56",
    "02 123 45 67",
    "030 234 5678",
    "030-2345678",
    "(020) 123 4567",
    "020 7946 0958",
    "07700 900123",
    "+44 20 7946 0958",
    "+44 (0)20 7946 0958",
    "(555) 123-4567",
    "555-123-4567",
    "555.123.4567",
    "+1 555 123 4567",
    "1-800-555-1234",
]


@pytest.mark.parametrize("number", PHONES)
def test_phone_numbers_are_hidden(number: str) -> None:
    text = f"Bel me op {number}, dat is makkelijk."
    assert redactor().redact(text) == "Bel me op [telefoon], dat is makkelijk."


NOT_PHONES = [
    "In 2019 begonnen we, om 12.30 uur.",
    "Van 09.00-17.00 en van 08.30 - 12.30 uur.",
    "Dat is 20 procent, 3 x per week, 0,5% of 12%.",
    "Op 01-02-2019 10 keer, op 01.02.19 09.30 uur, 12-03-2019, 2019-03-12.",
    "Het kostte € 1.250.000 of $1,250,000 en 0,75 per uur.",
    "Om 00:12:34.567 zei ze het, in 2018 2019 2020.",
    "Tussen 0 en 10, 100 of 1000 mensen, 3 van de 12.",
]


@pytest.mark.parametrize("text", NOT_PHONES)
def test_dates_times_amounts_and_counts_stay(text: str) -> None:
    assert redactor().redact(text) == text


def test_a_run_is_cut_after_the_number() -> None:
    assert redactor().redact("Bel 06 12345678 3 keer.") == "Bel [telefoon] 3 keer."
    assert phone_end("06 12345678 3") == len("06 12345678")
    assert phone_end("01-02-2019 10") == 0


def test_a_number_listed_as_a_name_is_hidden_whole_not_by_its_parts() -> None:
    r = Redactor(["06-12345678", "+32 478 12 34 56"], [], language="nl")  # the rules' masks
    text = "Bel 06 - 1234 5678 of +32 (478) 12.34.56; 12 van de 56 zeiden 06."
    assert r.redact(text) == "Bel [telefoon] of [telefoon]; 12 van de 56 zeiden 06."


def test_a_listed_number_changes_the_rules_digest_only_where_one_is_listed() -> None:
    plain = ProjectNames(("Jan Smit",), (), "nl")
    assert plain.digest == ProjectNames(("Jan Smit",), (), "nl").digest
    listed = ProjectNames(("Jan Smit", "06-12345678"), (), "nl")
    assert listed.digest != ProjectNames(("Jan Smit", "0612345678x"), (), "nl").digest


ADDRESSES = [
    ("Ons kantoor is aan de Stationsweg 4 in Zaltbommel.", "aan de [adres] in Zaltbommel"),
    ("Vroeger zaten we aan de Dorpsstraat en daarna.", "aan de [adres] en"),
    ("Toen aan de Hoofdstraat 12, vlak bij het Marktplein.", "de [adres], vlak bij het [adres]."),
    ("Kerkstraat 12 is mooi.", "[adres] is mooi."),
    ("In de Kerkstraat woont ze.", "In de [adres] woont ze."),
    ("We zitten aan de Binnenhof 3 sinds kort.", "aan de [adres] sinds"),
    ("Hij woont Van Goghstraat 3a, naast ons.", "woont [adres], naast"),
    ("Het is Prins Hendrikkade 12-14 geworden.", "is [adres] geworden"),
    ("We zaten aan de Burgemeester de Withstraat toen.", "aan de [adres] toen"),
    ("we wonen in de kerkstraat sinds jaren", "in de [adres] sinds"),
    ("She lives at 221B Baker Street now.", "at [adres] now"),
    ("We met at 14 Mill Lane, on Station Road 3.", "at [adres], on [adres]."),
    ("We met on Park Avenue last year.", "on [adres] last"),
    ("Het adres is Kerkstraat 12, 3512 JE Utrecht.", "is [adres], [adres] Utrecht."),
]


@pytest.mark.parametrize(("text", "shown"), ADDRESSES)
def test_street_addresses_are_hidden(text: str, shown: str) -> None:
    out = redactor().redact(text)
    assert shown in out, out
    for word in ("straat", "weg", "plein", "kade", "Street", "Lane", "Road", "Avenue", "12"):
        assert word not in out or word in text.replace(out, ""), out


ORDINARY = [
    "De weg was lang, onderweg zagen we de hof.",
    "Onderweg zagen we veel.",
    "Op de snelweg stonden we 3 keer stil.",
    "Het Gerechtshof oordeelde anders.",
    "We liepen naar het kerkhof en de dijk.",
    "The Way forward is hard.",
    "Come Close to me.",
    "In 2019 EU-breed en 2020 VS beleid, 1500 ZZP Nederland.",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_words_stay(text: str) -> None:
    assert redactor().redact(text) == text


def test_a_listed_name_inside_an_address_and_an_address_inside_a_name() -> None:
    r = redactor(["Julianalaan", "Frank Hoogendijk"])
    assert r.redact("Hij woont in de Julianalaan 5.") == "Hij woont in de [adres]."
    assert r.redact("Toen zei Frank Hoogendijk nee.") == "Toen zei [naam] nee."


def test_without_contacts_the_redactor_leaves_them() -> None:
    """The rules' masks (coding/names.py): no phone or street found by its form."""
    text = "Bel 06-12345678 of kom naar de Kerkstraat 12."
    assert Redactor(["Jan"], [], language="nl").redact(text) == text


PARTICIPANTS = """\
participants:
  - {id: P16, names: [Bart de Graaf]}
redact:
  names: ["+32 478 12 34 56"]
"""

SAID = """\
Interviewer: Waar zit u?
R: Ons kantoor is aan de Stationsweg 4 in Zaltbommel, vroeger zaten we aan de Dorpsstraat \
en daarna aan de Hoofdstraat 12, vlak bij het Marktplein. Het vertrouwen groeit doordat \
iedereen iets inbrengt, in 2019 om 12.30 uur met 20 procent, 3 x per jaar, aan de Kerkstraat \
12, bel 030 234 5678 of 06-12345678 of +32 478 12 34 56.
"""

SECRETS = ["Stationsweg", "Dorpsstraat", "Hoofdstraat", "Marktplein", "Kerkstraat", "5678", "478"]
KEPT = ["2019", "12.30", "20 procent", "3 x"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from .conftest import MINI_CODEBOOK

    (tmp_path / "t").mkdir()
    (tmp_path / "codebook.yaml").write_text(MINI_CODEBOOK, encoding="utf-8")
    (tmp_path / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: nl\n")
    (tmp_path / "participants.yaml").write_text(PARTICIPANTS, encoding="utf-8")
    (tmp_path / "t" / "P16.txt").write_text(SAID, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["code", "t"])
    assert result.exit_code == 0, result.stderr
    return tmp_path


def _outputs(root: Path, *more: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, args in {
        "quotes": ["quotes", "--format", "json"],
        "codings": ["codings", "--format", "json"],
    }.items():
        result = runner.invoke(app, [*args, *more])
        assert result.exit_code == 0, result.stderr
        out[name] = result.stdout
    for name, args in {
        "csv": ["export", "csv", "x.csv"],
        "report.md": ["report", "-o", "r.md"],
        "report.docx": ["report", "-o", "r.docx"],
        "qdpx": ["export", "qdpx", "x.qdpx"],
    }.items():
        result = runner.invoke(app, [*args, "--force", *more])
        assert result.exit_code == 0, result.stderr
        out[name + " note"] = result.stderr
    out["csv"] = (root / "x.csv").read_text(encoding="utf-8-sig")
    out["report.md"] = (root / "r.md").read_text(encoding="utf-8")
    for name in ("r.docx", "x.qdpx"):
        with zipfile.ZipFile(root / name) as z:
            out[name] = "\n".join(
                z.read(n).decode("utf-8")
                for n in z.namelist()
                if n.endswith((".xml", ".rels", ".qde", ".txt"))
            )
    return out


def test_every_anonymized_output_hides_phones_and_addresses(project: Path) -> None:
    outputs = _outputs(project)
    assert "[telefoon]" in outputs["quotes"] and "[adres]" in outputs["quotes"]
    for where, text in outputs.items():
        if where.endswith("note"):
            continue
        text = regex.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "", text)
        for secret in SECRETS:
            assert secret not in text, (where, secret)
        if where in ("quotes", "csv", "report.md", "x.qdpx"):  # those with the sentence
            for kept in KEPT:
                assert kept in text, (where, kept)
    assert "3 phone numbers and 5 street addresses" in outputs["csv note"]
    raw = _outputs(project, "--no-anonymize")
    for where in ("quotes", "csv", "report.md"):
        assert "Kerkstraat 12" in raw[where] and "030 234 5678" in raw[where], where
        assert "[adres]" not in raw[where] and "[telefoon]" not in raw[where], where


def test_names_lists_and_counts_them(project: Path) -> None:
    (project / "t" / "P17.txt").write_text(
        "I: En verder?\nR: Toen gingen we naar het Binnenhof, dat was mooi.\n", encoding="utf-8"
    )
    assert runner.invoke(app, ["code", "t"]).exit_code == 0
    result = runner.invoke(app, ["names", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    listed = {n["name"] for n in json.loads(result.stdout)}
    assert "Binnenhof" in listed  # not hidden by itself (-hof): listed to decide
    assert "Zaltbommel" in listed
    assert not listed & set(SECRETS)
    assert "3 phone numbers and 5 street addresses" in result.stderr
    assert "Dorpsstraat" in result.stderr


def test_placeholders_for_phones_and_addresses_can_be_set(project: Path) -> None:
    (project / "lernet.yaml").write_text(
        "codebook: codebook.yaml\nlanguage: nl\n"
        'placeholders: {phone: "[tel]", address: "[straat]"}\n'
    )
    result = runner.invoke(app, ["quotes", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert "[tel]" in result.stdout and "[straat]" in result.stdout
    (project / "lernet.yaml").write_text(
        "codebook: codebook.yaml\nlanguage: nl\nplaceholders: {fax: x}\n"
    )
    result = runner.invoke(app, ["quotes"])
    assert result.exit_code != 0
    assert "phone:" in result.stderr and "lernet.yaml" in result.stderr


SPOKEN_PHONES = [
    "my cell is 204 555 0199 or",
    "a fax 2045550143 or",
    "call 1 800 555 0199 or",
    "call 1 (800) 555 0199 or",
    "it's two oh four five five five zero one nine nine or",
    "it's two oh four, five five five, zero one nine nine or",
    "it's double five five zero one nine nine or",
    "it's two oh four 555 0199 or",
    "het is nul zes twaalf vierendertig zesenvijftig achtenzeventig or",
    "het is nul zes, vier een twee acht, negen drie zeven vijf or",
]


@pytest.mark.parametrize("text", SPOKEN_PHONES)
def test_phone_numbers_as_speech_recognition_writes_them_are_hidden(text: str) -> None:
    out = redactor(language="en").redact(text)
    assert out.endswith(" [telefoon] or"), out
    assert not any(c.isdigit() for c in out), out


SPOKEN_NOT_PHONES = [
    "in 2019 we had 3,500 patients, at 12 30 or 12:30, 20 percent, 1000 2000 3000",
    "from 2018 2019 2020 2021 2022 on, 204 555 01999 and 555 0199",
    "one two three four five six seven, we had five or six nurses, twenty twenty four",
    "in nineteen ninety nine, two thousand and four, about two three four people",
    "een twee drie vier vijf zes zeven, tien twintig dertig veertig jaar",
    "the call was at 10:02:33 and 00:12:34.567, 1 2 3 4 5",
]


@pytest.mark.parametrize("text", SPOKEN_NOT_PHONES)
def test_years_amounts_counts_and_times_stay(text: str) -> None:
    assert redactor(language="en").redact(text) == text


SPOKEN_ADDRESSES = [
    ("oh it's at 45 lakeview drive right by the school", "at [adres] right"),
    ("the office is 12 main st. by the rink", "is [adres] by"),
    ("the postal code is r0l 1p0 and", "is [adres] and"),
    ("at 112 Main Street R0L 1P0", "at [adres]"),
    ("London SW1A 1AA, or M1 1AE", "London [adres], or [adres]"),
    ("Minneapolis, MN 55401-1234 and Austin, TX 73301", "MN [adres] and Austin, TX [adres]"),
]


@pytest.mark.parametrize(("text", "shown"), SPOKEN_ADDRESSES)
def test_lower_case_addresses_and_postal_codes_are_hidden(text: str, shown: str) -> None:
    out = redactor(language="en").redact(text)
    assert shown in out, out
    for secret in ("lakeview", "main", "r0l", "R0L", "SW1A", "55401", "73301"):
        assert secret not in out, out


SPOKEN_NOT_ADDRESSES = [
    "it's a 45 minute drive and we drove 45 minutes down the road",
    "we have 2 gravel roads, about 40 mile drive, the 2 lane highway",
    "an MP3 4GB player at 3PM, in 2019 EU and A4 paper",
    "in 2019 the OR 12 and 3 new lanes",
]


@pytest.mark.parametrize("text", SPOKEN_NOT_ADDRESSES)
def test_quantities_before_street_words_stay(text: str) -> None:
    assert redactor(language="en").redact(text) == text


CONTACT_TURN = """\
Interviewer: okay anything else you want to add
Participant: um yeah my cell is 204 555 0199 or uh two oh four five five five zero one nine \
nine and the clinic line is (204) 555-0142 we also have a fax 2045550143 and in 2019 we had \
3,500 patients. oh it's at 45 lakeview drive right by the school the postal code is r0l 1p0.
"""


def test_an_english_project_hides_them_in_exports_and_its_notes_say_so_in_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .conftest import MINI_CODEBOOK

    (tmp_path / "t").mkdir()
    (tmp_path / "codebook.yaml").write_text(MINI_CODEBOOK, encoding="utf-8")
    (tmp_path / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: en\n")
    (tmp_path / "t" / "contact.txt").write_text(CONTACT_TURN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["code", "t"]).exit_code == 0
    result = runner.invoke(app, ["export", "qdpx", "c.qdpx"])
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "c.qdpx") as z:
        text = "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".txt"))
    for secret in ("0199", "two oh four", "2045550143", "0142", "lakeview", "r0l"):
        assert secret not in text, secret
    assert "in 2019 we had 3,500 patients" in text
    assert "4 phone numbers, 1 street address (lakeview drive) and 1 postal code" in result.stderr
    result = runner.invoke(app, ["names"])
    assert result.exit_code == 0, result.stderr
    assert "1 street address (lakeview drive) and 1 postal code in 1" in result.stderr
    assert "()" not in result.stderr and "'in de'" not in result.stderr
    assert "Street, Road" in result.stderr


BSN_IBAN = [
    ("mijn BSN is 123456782, echt", "mijn BSN is [BSN], echt"),
    ("bsn 123 456 782.", "bsn [BSN]."),
    ("nummer 1234.56.782 toch", "nummer [BSN] toch"),
    ("IBAN NL91ABNA0417164300 graag", "IBAN [rekeningnummer] graag"),
    ("op NL91 ABNA 0417 1643 00 en", "op [rekeningnummer] en"),
    ("op be68 5390 0754 7034.", "op [rekeningnummer]."),
]
NOT_BSN_IBAN = [
    "nummer 123456789 klopt niet",  # no 11-test
    "een budget van € 123.456.782",  # an amount
    "dat kostte 123456782 euro",
    "rekening NL91ABNA0417164301 fout",  # no mod 97
    "in 2019 en 2020, 12.30 uur",
]


def test_bsn_and_iban_are_hidden_by_their_checksum_amounts_stay() -> None:
    """qa18 #11: a Dutch citizen service number (nine digits passing the 11-test) and an IBAN
    (mod 97) are hidden, nobody having listed them; other numbers and amounts stay."""
    r = redactor()
    assert [r.redact(text) for text, _ in BSN_IBAN] == [shown for _, shown in BSN_IBAN]
    assert [r.redact(text) for text in NOT_BSN_IBAN] == NOT_BSN_IBAN


def test_bsn_and_iban_placeholders_follow_the_language_and_can_be_set(
    project: Path,
) -> None:
    (project / "t" / "P18.txt").write_text(
        "I: En de declaratie?\nR: Mijn BSN is 123456782 en mijn IBAN NL91ABNA0417164300, "
        "het vertrouwen groeit doordat iedereen iets inbrengt.\n",
        encoding="utf-8",
    )
    assert runner.invoke(app, ["code", "t"]).exit_code == 0
    result = runner.invoke(app, ["quotes", "--format", "json"])
    assert "[BSN]" in result.stdout and "[rekeningnummer]" in result.stdout
    assert "123456782" not in result.stdout and "ABNA" not in result.stdout
    result = runner.invoke(app, ["names", "--format", "json"])
    assert "1 BSN, 1 IBAN and" in result.stderr
    assert not {n["name"] for n in json.loads(result.stdout)} & {"IBAN", "BSN", "NL91ABNA"}
    (project / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: en\n")
    result = runner.invoke(app, ["quotes", "--format", "json"])
    assert "[BSN]" in result.stdout and "[account number]" in result.stdout
    (project / "lernet.yaml").write_text(
        "codebook: codebook.yaml\nlanguage: nl\nplaceholders: {bsn: '[bsn]', iban: '[iban]'}\n"
    )
    result = runner.invoke(app, ["quotes", "--format", "json"])
    assert "[bsn]" in result.stdout and "[iban]" in result.stdout


def test_names_counts_a_postal_code_as_one_not_as_a_street() -> None:
    """qa18 #12: "7411 AB Deventer" was reported as "1 street address (AB)"."""
    from lernet_cli.analysis.hidden_contacts import HiddenContacts

    r = redactor()
    seen = HiddenContacts()
    for text in ("Ons kantoor is 7411 AB Deventer.", "Wij zitten aan de Kerkstraat 12."):
        seen.add("t.txt", text, r.spans(text), r.contacts)
    assert seen.summary() == "1 street address (Kerkstraat) and 1 postal code in 1 transcript"
