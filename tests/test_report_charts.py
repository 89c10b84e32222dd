"""The report's charts: a legend that never covers a bar; a caption and alt text in the
project's language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lernet_cli.output.report import Finding, ThemeSection, chart_caption, chart_figure

from .conftest import invoke_cli

GROUPS = ["melkveehouder", "akkerbouwer", "adviseur"]


@pytest.mark.parametrize(
    "findings",
    [
        [Finding("a", "Elkaar nog niet goed kennen", 5, dict(zip(GROUPS, (3, 1, 1), strict=True)))],
        [Finding("a", "Openheid over klanten is lastig", 2, {"adviseur": 2})],
        [
            Finding("a", "Een", 12, {"melkveehouder": 6, "akkerbouwer": 4, "adviseur": 2}),
            Finding("b", "Twee", 1, {"adviseur": 1}),
        ],
    ],
)
def test_the_legend_covers_no_bar(findings: list[Finding]) -> None:
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    section = ThemeSection("t", "Vertrouwen", 5, findings)
    fig = chart_figure(section, GROUPS, "Deelnemers per code, naar groep", "nl")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    (ax,) = fig.axes
    legends = fig.legends + ([ax.get_legend()] if ax.get_legend() else [])
    assert len(legends) == 1
    box = legends[0].get_window_extent(renderer)
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert bars
    for bar in bars:
        assert not box.overlaps(bar.get_window_extent(renderer)), bar
    assert not box.overlaps(ax.get_window_extent(renderer))
    plt.close(fig)


@pytest.mark.parametrize(
    ("lang", "title", "drawn"),
    [
        ("nl", "Deelnemers per code, naar groep", "Vertrouwen: deelnemers per code, naar groep"),
        ("en", "Participants per code, by group", "Vertrouwen: participants per code, by group"),
    ],
)
def test_the_drawn_title_is_the_captions(lang: str, title: str, drawn: str) -> None:
    """The title in the picture reads as the caption under it: no capital after the colon."""
    import matplotlib.pyplot as plt

    findings = [Finding("a", "Elkaar nog niet goed kennen", 2, {"adviseur": 2})]
    section = ThemeSection("t", "Vertrouwen", 2, findings, chart_title=title)
    fig = chart_figure(section, GROUPS, title, lang)
    assert fig.axes[0].get_title(loc="left") == drawn == chart_caption(section, lang)
    plt.close(fig)


GOOD = (
    "I: Kent u de anderen?\n"
    "R: We kennen elkaar nog niet goed.\n"
    "I: En de concurrentie?\n"
    "R: De concurrent kijkt mee, dus we beschermen onze marktpositie.\n"
)


@pytest.fixture
def coded(project: Path) -> Path:
    """One interview, its participant in a group: the charts are "per code, by group" (in a
    study without groups they are "per code" alone: test_study_without_groups.py)."""
    (project / "good.txt").write_text(GOOD, encoding="utf-8")
    code, out = invoke_cli("code", "good.txt", "--group", "melkveehouder")
    assert code == 0, out
    return project


def test_word_report_speaks_the_projects_language(coded: Path) -> None:
    """Document properties, chart captions and alt text in Dutch in a Dutch project."""
    from docx import Document

    code, out = invoke_cli("report", "-o", "rapport.docx")
    assert code == 0, out
    doc = Document(str(coded / "rapport.docx"))
    props = doc.core_properties
    assert props.comments.startswith("Geschreven door lernet")
    assert "transcript" in props.comments and "Written" not in props.comments
    assert props.title.endswith(": resultaten") and props.language == "nl-NL"
    frames = doc.inline_shapes
    assert len(frames) == 2
    for n, shape in enumerate(frames, 1):
        frame = shape._inline.docPr
        assert frame.get("name") == f"Figuur {n}"
        descr = frame.get("descr")
        assert descr.startswith("Staafdiagram, ") and "deelnemers per code, naar groep" in descr
    assert "Elkaar nog niet goed kennen: 1" in frames[0]._inline.docPr.get("descr")
    captions = [p for p in doc.paragraphs if p.style.name == "Caption"]
    assert [p.text for p in captions] == [
        "Figuur 1. Vertrouwen: deelnemers per code, naar groep",
        "Figuur 2. Concurrentie: deelnemers per code, naar groep",
        "Tabel 1. Wat elke groep brengt en haalt.",
    ]
    assert "SEQ Figuur" in captions[0]._p.xml
    # the table's caption is Word's too (its list of tables), above the table it keeps with
    assert "SEQ Tabel" in captions[2]._p.xml
    body = list(doc.element.body)
    assert body[body.index(captions[2]._p) + 1].tag.endswith("}tbl")
    assert captions[2].paragraph_format.keep_with_next


def test_english_project_and_markdown(coded: Path) -> None:
    from docx import Document

    (coded / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: en\n", encoding="utf-8")
    code, out = invoke_cli("report", "-o", "report.docx")
    assert code == 0, out
    doc = Document(str(coded / "report.docx"))
    assert doc.core_properties.comments.startswith("Written by lernet")
    assert doc.core_properties.language == "en-GB"
    assert doc.inline_shapes[0]._inline.docPr.get("descr").startswith("Bar chart, Trust: ")
    code, out = invoke_cli("report", "-o", "report.md")
    assert code == 0, out
    md = (coded / "report.md").read_text(encoding="utf-8")
    assert "![Bar chart, Trust: participants per code, by group. Not acquainted: 1" in md
    assert "*Figure 1. Trust: participants per code, by group*" in md


def test_matrix_docx_properties_in_the_projects_language(coded: Path) -> None:
    from docx import Document

    code, out = invoke_cli("matrix", "-o", "tabel.docx")
    assert code == 0, out
    props = Document(str(coded / "tabel.docx")).core_properties
    assert props.comments.startswith("Geschreven door lernet") and props.title == "Belangenbalans"


def _charts(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.png"))}


def _counting_draws(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The themes whose chart is drawn from now on (not taken from the cache)."""
    import lernet_cli.output.report as report

    drawn: list[str] = []
    real = report.chart_figure

    def counted(section: ThemeSection, *args: Any) -> Any:
        drawn.append(section.id)
        return real(section, *args)

    monkeypatch.setattr(report, "chart_figure", counted)
    return drawn


def test_a_chart_drawn_before_is_not_drawn_again(
    coded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writing the report again (a researcher after each edit) takes unchanged charts from the
    project's cache: the same bytes, without drawing them."""
    code, out = invoke_cli("report", "-o", "eerst.md")
    assert code == 0, out
    first = _charts(coded / "eerst_files")
    assert len(first) == 2
    drawn = _counting_draws(monkeypatch)
    code, out = invoke_cli("report", "-o", "daarna.md")
    assert code == 0, out
    assert drawn == []
    assert _charts(coded / "daarna_files") == first


def test_a_chart_whose_counts_or_settings_changed_is_drawn_again(
    coded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the chart whose bars changed is drawn again, as a report without a cache draws it;
    a matplotlibrc in the folder draws every chart again."""
    code, out = invoke_cli("report", "-o", "eerst.md")
    assert code == 0, out
    (coded / "tweede.txt").write_text("I: En verder?\nR: Wij kennen elkaar nog niet.\n", "utf-8")
    code, out = invoke_cli("code", "tweede.txt", "--group", "melkveehouder")
    assert code == 0, out
    drawn = _counting_draws(monkeypatch)
    code, out = invoke_cli("report", "-o", "daarna.md")
    assert code == 0, out
    assert drawn == ["trust"]
    kept = _charts(coded / "daarna_files")
    assert kept["competition.png"] == _charts(coded / "eerst_files")["competition.png"]
    assert kept["trust.png"] != _charts(coded / "eerst_files")["trust.png"]
    for chart in (coded / ".lernet" / "cache").glob("chart-*"):
        chart.unlink()
    code, out = invoke_cli("report", "-o", "vers.md")
    assert code == 0, out
    assert _charts(coded / "vers_files") == kept
    drawn.clear()
    (coded / "matplotlibrc").write_text("axes.facecolor: yellow\n", encoding="utf-8")
    code, out = invoke_cli("report", "-o", "geel.md")
    assert code == 0, out
    assert sorted(drawn) == ["competition", "trust"]  # (read when a new run imports matplotlib)
    for chart in (coded / ".lernet" / "cache").glob("chart-*"):
        chart.unlink()
    code, out = invoke_cli("report", "--no-anonymize", "-o", "namen.md")
    assert code == 0, out
    assert not list((coded / ".lernet" / "cache").glob("chart-*"))  # names may be in them


def test_groups_differ_by_pattern_not_colour_alone() -> None:
    """A chart printed in grey, or seen by a reader who cannot tell its colours apart, still
    says which group is which: each group's bars and its legend entry have a pattern of their
    own (WCAG 1.4.1, use of colour)."""
    import matplotlib.pyplot as plt

    findings = [
        Finding("a", "Een", 6, {"melkveehouder": 3, "akkerbouwer": 2, "adviseur": 1}),
        Finding("b", "Twee", 2, {"akkerbouwer": 1, "adviseur": 1}),
    ]
    section = ThemeSection("t", "Vertrouwen", 6, findings)
    fig = chart_figure(section, GROUPS, "Deelnemers per code, naar groep", "nl")
    (ax,) = fig.axes
    by_group = {
        container.get_label(): {bar.get_hatch() or "" for bar in container}
        for container in ax.containers
    }
    assert list(by_group) == GROUPS
    assert all(len(patterns) == 1 for patterns in by_group.values())
    assert len({p for patterns in by_group.values() for p in patterns}) == len(GROUPS)
    (legend,) = fig.legends
    shown = [handle.get_hatch() or "" for handle in legend.legend_handles]
    assert len(set(shown)) == len(GROUPS)
    plt.close(fig)
