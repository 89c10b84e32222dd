"""A study in which nobody has a group (a participants CSV of id, name, role; no participants file
at all) reads as one: the report leaves its counts per group out (participants' table, findings,
chart legend) and `lernet code`'s table its group column, and the note says once how to give
people a group. Where anyone has a group, the breakdown is as before, the others "ungrouped"."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from lernet_cli.output.report import (
    Finding,
    Report,
    ThemeSection,
    build_report,
    chart_alt,
    chart_figure,
    finding_line,
)

from .conftest import coded_study, invoke_cli

CSV = "id,name,role\nP01,Sarah Okafor,lecturer\nP02,James Whitfield,manager\n"
TEXT = "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed.\n"
OTHER = "I: En verder?\nR: We kennen elkaar nog niet goed, zei ik al.\n"
TEXTS = {"P01.txt": TEXT, "P02.txt": OTHER}


def _set_language(project: Path, lang: str) -> None:
    settings = project / "lernet.yaml"
    text = settings.read_text(encoding="utf-8").replace("language: nl", f"language: {lang}")
    settings.write_text(text, encoding="utf-8")


def _report(project: Path) -> Report:
    from lernet_cli.codebook.codebook import load_codebook
    from lernet_cli.project.participants import load_participants
    from lernet_cli.project.project import codebook_file, load_project
    from lernet_cli.store.store import Store

    loaded = load_project(project)
    codebook = load_codebook(codebook_file(loaded))
    people = load_participants(project / "participants.csv")
    with Store.open(loaded.store_path) as store:
        return build_report(loaded, store, codebook, people, charts=False)


def test_a_finding_without_groups_is_its_count_alone() -> None:
    assert finding_line(Finding("a", "Kennis", 2, {}), "nl") == "Kennis (2x)"
    grouped = Finding("a", "Kennis", 2, {"ungrouped": 1, "school": 1})
    assert finding_line(grouped, "en") == "Kennis (n=2) – ungrouped: 1, school: 1"
    section = ThemeSection("t", "Vertrouwen", 2, [Finding("a", "Kennis", 2, {})])
    section.chart_title = "Deelnemers per code"
    assert chart_alt(section, "nl") == ("Staafdiagram, Vertrouwen: deelnemers per code. Kennis: 2.")


def test_a_chart_without_groups_has_one_bar_per_code_and_no_legend() -> None:
    import matplotlib.pyplot as plt

    findings = [Finding("a", "Een", 3, {}), Finding("b", "Twee", 1, {})]
    fig = chart_figure(ThemeSection("t", "Vertrouwen", 3, findings), [], "Deelnemers", "nl")
    (ax,) = fig.axes
    assert not fig.legends and ax.get_legend() is None
    assert sorted(p.get_width() for p in ax.patches) == [1, 3]
    plt.close(fig)


def test_build_report_leaves_groups_out_where_nobody_has_one(project: Path) -> None:
    coded_study(project, "", CSV, TEXTS)
    report = _report(project)
    assert not report.grouped
    assert report.overview.endswith("met 2 deelnemers.")
    findings = [f for s in report.themes for f in s.findings]
    assert findings and all(f.groups == {} for f in findings)
    assert report.method is not None and "zonder groep" not in str(report.method.blocks[0])


def test_build_report_keeps_ungrouped_beside_a_group(project: Path) -> None:
    coded_study(project, "", CSV.replace("role", "group").replace("manager", ""), TEXTS)
    report = _report(project)
    assert report.grouped
    assert report.groups == [("lecturer", 1), ("ungrouped", 1)]
    findings = [f for s in report.themes for f in s.findings]
    assert findings and all(f.groups for f in findings)


@pytest.mark.parametrize(
    ("lang", "nobody", "times"), [("nl", "zonder groep", "(2x)"), ("en", "ungrouped", "(n=2)")]
)
def test_the_markdown_report_of_a_study_without_groups(
    project: Path, lang: str, nobody: str, times: str
) -> None:
    _set_language(project, lang)
    coded_study(project, "", CSV, TEXTS)
    code, out = invoke_cli("report", "-o", "r.md")
    assert code == 0, out
    assert out.count("gives nobody a group") == 1
    assert "a group column in participants.csv gives them one" in out
    text = (project / "r.md").read_text(encoding="utf-8")
    results = text[text.index("\n## ") :]
    # the matrix keeps its one column; the rest names no group
    before_matrix = results.split("\n## Belangenbalans")[0].split("\n## Interest balance")[0]
    assert nobody not in before_matrix
    findings = [line for line in results.splitlines() if line.startswith("- ")]
    assert findings and all(line.endswith(times) for line in findings)
    assert "| Groep" not in text and "| Group" not in text


def test_the_word_report_of_a_study_without_groups(project: Path) -> None:
    coded_study(project, "", CSV, TEXTS)
    code, out = invoke_cli("report", "-o", "r.docx")
    assert code == 0, out
    doc = Document(str(project / "r.docx"))
    bullets = [p.text for p in doc.paragraphs if p.style.name.startswith("List Bullet")]
    assert "Elkaar nog niet goed kennen (2x)" in bullets
    assert not any("zonder groep" in b for b in bullets)
    assert not any(t.rows[0].cells[0].text == "Groep" for t in doc.tables)
    overview = next(p.text for p in doc.paragraphs if p.text.startswith("Er zijn"))
    assert overview == "Er zijn 2 interviews gehouden met 2 deelnemers."
    alts = [s._inline.docPr.get("descr") for s in doc.inline_shapes]
    assert alts and not any("zonder groep" in a or "naar groep" in a for a in alts)


def test_the_word_report_of_a_half_grouped_study_is_as_before(project: Path) -> None:
    coded_study(project, "", CSV.replace("role", "group").replace("manager", ""), TEXTS)
    code, out = invoke_cli("report", "-o", "r.docx")
    assert code == 0, out
    doc = Document(str(project / "r.docx"))
    bullets = [p.text for p in doc.paragraphs if p.style.name.startswith("List Bullet")]
    assert "Elkaar nog niet goed kennen (2x) – lecturer: 1, zonder groep: 1" in bullets
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Groep")
    assert [c.text for c in table.rows[2].cells] == ["zonder groep", "1"]


def test_code_has_no_group_column_where_nobody_has_a_group(project: Path) -> None:
    coded_study(project, "", CSV, {"P01.txt": TEXT})
    (project / "P02.txt").write_text(OTHER, encoding="utf-8")
    code, out = invoke_cli("code", "P02.txt")
    assert code == 0, out
    header = next(line for line in out.splitlines() if "participant" in line and "file" in line)
    assert "group" not in header and "status" in header
    assert out.count("gives nobody a group") == 1


def test_code_keeps_the_group_column_where_someone_has_one(project: Path) -> None:
    coded_study(project, "", CSV.replace("role", "group"), {"P01.txt": TEXT})
    (project / "P02.txt").write_text(OTHER, encoding="utf-8")
    code, out = invoke_cli("code", "P02.txt")
    assert code == 0, out
    header = next(line for line in out.splitlines() if "participant" in line and "file" in line)
    assert "group" in header
    assert "gives nobody a group" not in out


def test_code_without_a_participants_file_has_no_group_column(project: Path) -> None:
    (project / "P01.txt").write_text(TEXT, encoding="utf-8")
    code, out = invoke_cli("code", "P01.txt")
    assert code == 0, out
    header = next(line for line in out.splitlines() if "participant" in line and "file" in line)
    assert "group" not in header
    # a group given with --group is someone's group: the column is back
    (project / "P02.txt").write_text(OTHER, encoding="utf-8")
    code, out = invoke_cli("code", "P02.txt", "--group", "school")
    assert code == 0, out
    header = next(line for line in out.splitlines() if "participant" in line and "file" in line)
    assert "group" in header
