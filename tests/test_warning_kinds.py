"""`lernet code`'s warnings that say the same of many files come as one line per kind; the
warnings about one file stand out beside them."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.coding.warning_kinds import GROUP_FROM, group_warnings

runner = CliRunner()

TOOK = (
    "took 'Marloes' as the interviewer (3 of 4 turns are questions); set interviewer labels in "
    "lernet.yaml or --interviewer to change"
)
HEADER = "line 1 ('Moderator: Lotte Janssens') read as the header, not a turn"
PREAMBLE = "skipped 1 paragraph before the first speaker label (line 2): not taken as speech"


def test_a_kind_of_many_files_is_one_line_naming_them() -> None:
    pairs = [(f"Golf 1/Interview {n:02d}.docx", TOOK) for n in range(1, 12)]
    pairs.insert(4, ("Golf 1/Interview 05.docx", "a version of Golf 1/Interview 02.docx …"))
    lines, rest = group_warnings(pairs)
    (line,) = lines
    assert line.startswith(
        "11 files (Interview 01.docx, Interview 02.docx, Interview 03.docx and 8 more): took "
        "'Marloes' as the interviewer"
    ), line
    assert "lernet speakers FILE says it of each" in line
    assert rest == [("Golf 1/Interview 05.docx", "a version of Golf 1/Interview 02.docx …")]


def test_another_interviewer_is_a_kind_of_its_own() -> None:
    pairs = [(f"{n}.txt", TOOK) for n in range(GROUP_FROM)]
    pairs.append(("x.txt", TOOK.replace("Marloes", "Eva")))
    lines, rest = group_warnings(pairs)
    assert len(lines) == 1 and "'Marloes'" in lines[0]
    assert rest == [("x.txt", TOOK.replace("Marloes", "Eva"))]


def test_few_files_keep_their_own_lines() -> None:
    pairs = [(f"{n}.txt", HEADER) for n in range(GROUP_FROM - 1)]
    assert group_warnings(pairs) == ([], pairs)


def test_header_and_preamble_lines_are_grouped_with_an_example() -> None:
    pairs = [(f"D{n:02d}.txt", w) for n in range(1, 17) for w in (HEADER, PREAMBLE)]
    lines, rest = group_warnings(pairs)
    assert rest == []
    assert len(lines) == 2
    assert lines[0].startswith("16 files (D01.txt, D02.txt, D03.txt and 13 more): ")
    assert "'Moderator: Lotte Janssens' (line 1 of D01.txt)" in lines[0]
    assert "skipped the paragraphs before the first speaker label" in lines[1]


def test_code_says_a_repeated_warning_once_and_the_others_per_file(project: Path) -> None:
    folder = project / "t"
    folder.mkdir()
    for n in range(1, 6):
        (folder / f"D{n:02d}.txt").write_text(
            f"Moderator: Lotte Janssens. Uitgeschreven door: Ruben\n"
            f"Lotte: Hoe kennen de leden elkaar, in gesprek {n}?\n"
            f"Anja: We kennen elkaar nog niet goed, dat zei ik al {n} keer.\n"
            f"Lotte: En wat haalt u eruit?\n"
            f"Anja: Kennis over subsidies, vooral in jaar {n}.\n",
            encoding="utf-8",
        )
    (folder / "D06.txt").write_text("Moderator: x\nhallo\n", encoding="utf-8")
    result = runner.invoke(app, ["code", "t"])
    warnings = [x for x in result.stderr.splitlines() if x.startswith("lernet: warning:")]
    header = [x for x in warnings if "read as the file's header" in x or "read as the header" in x]
    assert len(header) == 1, result.stderr
    assert header[0].startswith("lernet: warning: 5 files (D01.txt, D02.txt, D03.txt and 2 more)")
    # every fact stays available, per file
    each = runner.invoke(app, ["speakers", "t/D04.txt"])
    assert "lernet: warning: t/D04.txt: line 1 ('Moderator: Lotte Janssens" in each.stderr, (
        each.stderr
    )


def test_a_tools_footer_in_many_files_is_one_line() -> None:
    footer = (
        "line 49 ('Transcribed by https://otter.ai') is a transcription tool's footer, not speech"
    )
    pairs = [(f"p{n:02d}.txt", footer) for n in range(1, 9)]
    lines, rest = group_warnings(pairs)
    assert rest == []
    assert lines == [
        "8 files (p01.txt, p02.txt, p03.txt and 5 more): the last line ('Transcribed by "
        "https://otter.ai') is a transcription tool's footer, not speech (lernet speakers FILE "
        "says it of each)"
    ]
