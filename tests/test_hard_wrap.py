"""Hard-wrapped text files (pdftotext, e-mail, an editor at 80 columns): a turn's wrapped lines are
read as running text, so evidence and quotes run across the line breaks; real paragraph breaks,
speaker labels and files with one paragraph per line are read as before."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.readers import read_transcript
from lernet_cli.readers.txt import wrap_width

runner = CliRunner()

# Interview 6 as pdftotext wrote it: lines of 80-100 characters broken wherever the page ended.
WRAPPED = """\
Interview 6 – Gerrit Wolters, De Eikenhof
I: Gerrit, hoe lang boer je hier al?

R: Sinds 1998. Melkveebedrijf De Eikenhof, honderdvijftig koeien, biologisch sinds 2015. We
zitten hier direct aan de beek, dus het water is voor ons altijd een ding geweest.

I: Wat betekent het netwerk voor jou?

R: Heel veel eigenlijk. Ik ben al jaren bezig met natuurinclusief boeren en ik voelde me daar
vaak alleen in. In het netwerk zijn er mensen die er hetzelfde over denken. We willen allemaal
dat die beek schoon is en dat we er als boer ook van kunnen leven. Dat is een gedeeld doel en dat
voel je.

Dat is ook wat het netwerk sterk maakt, vind ik, want anders houdt niemand het vol op de lange
termijn.

I: Wat breng je in?

R: Mijn land, letterlijk. Veel veldbezoeken zijn bij mij, omdat ik al wat verder ben met plas-dras
en kruidenrijk gras. En ik vertel alles, ook wat misging. Ik heb er geen moeite mee, ik heb geen
geheimen. Wat ik heb geleerd, daar heeft een ander ook wat aan. En ik krijg het ook terug, hè.
Petra van het waterschap heeft me geholpen met een natuurvriendelijke oever, en Marloes met
de bodem.
"""


def write(tmp_path: Path, text: str, name: str = "t.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_wrapped_lines_are_running_text(tmp_path: Path) -> None:
    turns = read_transcript(write(tmp_path, WRAPPED)).turns
    assert [t.speaker for t in turns] == ["I", "R", "I", "R", "I", "R"]
    assert turns[1].text == (
        "Sinds 1998. Melkveebedrijf De Eikenhof, honderdvijftig koeien, biologisch sinds 2015. "
        "We zitten hier direct aan de beek, dus het water is voor ons altijd een ding geweest."
    )
    # The blank line within the answer is a paragraph break, and stays one.
    first, second = turns[3].text.split("\n")
    assert "We willen allemaal dat die beek schoon is" in first
    assert first.endswith("Dat is een gedeeld doel en dat voel je.")
    assert second.startswith("Dat is ook wat het netwerk sterk maakt")
    assert second.endswith("op de lange termijn.")
    # A line after a sentence's end starts on a line of its own, as the file has it.
    assert turns[5].text.split("\n")[1].startswith("Petra van het waterschap")
    assert "plas-dras en kruidenrijk gras" in turns[5].text


def test_wrapped_lines_keep_where_they_are_in_the_file(tmp_path: Path) -> None:
    text = WRAPPED.replace("We willen allemaal\ndat", "We willen [[trust: allemaal\ndat]]")
    t = read_transcript(write(tmp_path, text))
    (mark,) = t.marks
    assert t.turns[mark.turn].text[mark.start : mark.end] == "allemaal dat"


def test_a_line_ending_in_a_hyphen_is_joined_without_a_space(tmp_path: Path) -> None:
    # Most often a compound broken at its own hyphen, so the hyphen stays.
    text = WRAPPED.replace("met plas-dras\nen", "met plas-\ndras en")
    assert (
        "verder ben met plas-dras en kruidenrijk"
        in read_transcript(write(tmp_path, text)).turns[5].text
    )


def test_unlabelled_wrapped_text_is_one_turn_per_paragraph(tmp_path: Path) -> None:
    body = "\n".join(line for line in WRAPPED.splitlines()[3:15] if not line.startswith("I:"))
    body = body.replace("R: ", "")
    turns = read_transcript(write(tmp_path, body)).turns
    assert len(turns) == 3
    assert all("\n" not in t.text for t in turns)


def test_a_file_with_a_paragraph_per_line_is_not_wrapped(tmp_path: Path) -> None:
    # Lines that do not end a sentence, but the file's other lines are far longer: a transcriber's
    # own breaks, kept as they are.
    lines = [
        "I: Wat doe je in het netwerk, en hoe ben je erin gekomen? Vertel eens over het begin.",
        "R: Ik kwam erbij via een collega die er al jaren in zat en die vond dat ik het moest "
        "proberen, dus ik ging mee naar een bijeenkomst in het voorjaar, en daarna bleef ik komen",
        "omdat het klikte",
        "en omdat ik er veel leerde",
        "I: En nu?",
    ]
    path = write(tmp_path, "\n".join(lines))
    assert wrap_width(lines) is None
    assert read_transcript(path).turns[1].text.split("\n")[1:] == lines[2:4]


def test_short_lines_that_fill_no_width_are_not_wrapped(tmp_path: Path) -> None:
    lines = ["I: Hoe gaat het", "R: goed hoor", "ja echt goed", "I: en verder", "R: prima"] * 3
    assert wrap_width(lines) is None
    turns = read_transcript(write(tmp_path, "\n".join(lines))).turns
    assert turns[1].text == "goed hoor\nja echt goed"


def test_list_items_and_timestamps_keep_their_lines(tmp_path: Path) -> None:
    text = WRAPPED.replace(
        "Dat is ook wat",
        "Wat we doen is onder andere het volgende, en dat is eigenlijk best veel voor zo'n groep\n"
        "- veldbezoeken en keukentafelgesprekken, in het voorjaar\n"
        "[00:12:31] en de excursies.\n"
        "Dat is ook wat",
    )
    lines = read_transcript(write(tmp_path, text)).turns[3].text.split("\n")
    assert lines[1].startswith("Wat we doen is")
    assert lines[2].startswith("- veldbezoeken")
    assert lines[3] == "en de excursies."


def test_quotes_run_across_the_line_breaks(project: Path) -> None:
    (project / "codebook.yaml").write_text(
        """\
version: 1
language: nl
themes:
  - id: trust
    label: {nl: Vertrouwen, en: Trust}
    codes:
      - id: shared_vision
        label: {nl: Gedeelde visie, en: Shared vision}
        match:
          - any: ["willen allemaal"]
""",
        encoding="utf-8",
    )
    write(project, WRAPPED, "Interview 6.txt")
    result = runner.invoke(app, ["code", "Interview 6.txt"])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["quotes", "--code", "trust.shared_vision", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    (quote,) = [q["text"] for q in json.loads(result.stdout)]
    assert "We willen allemaal dat die beek schoon is" in quote
    assert quote.endswith("kunnen leven.")
