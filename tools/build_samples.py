"""Build the sample corpus in sample_transcripts/ from the plain sources in tools/sample_sources/.

    python tools/build_samples.py            # writes the 10 transcripts
    python tools/build_samples.py --check    # rebuilds in memory and fails if a file differs

Each source (pNN.txt, UTF-8) is a list of turns: a line starting with "I: " opens an interviewer
turn, "R: " a respondent turn; any other non-empty line continues the current turn as a new
paragraph; lines starting with "#" are comments ("# title: ..." sets a title paragraph).

The transcripts deliberately come in the mixed formats real researchers hand in (see SPECS):
speaker labels of different kinds, a table, bold names, timestamps, continuation paragraphs, a
page header and footer, a title line, and two plain-text files (one cp1252 with CRLF). The output
is byte-for-byte reproducible: fixed document properties and fixed zip timestamps.

The design rules the texts follow (who says what) are in tools/sample_sources/DESIGN.md and are
checked by tools/sample_sources/check_sources.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tools" / "sample_sources"
OUT = ROOT / "sample_transcripts"

FIXED_TIME = dt.datetime(2024, 3, 12, 9, 0, 0)
ZIP_TIME = (2024, 3, 12, 9, 0, 0)


@dataclass
class Spec:
    file: str
    style: str  # labels | table | bold | timestamps | txt_cp1252 | txt_timestamps | header_footer
    interviewer: str
    respondent: str
    header: str = ""
    footer: str = ""
    start: int = 4  # seconds into the recording of the first turn (timestamped styles)
    extra: dict[str, str] = field(default_factory=dict)


SPECS: dict[str, Spec] = {
    # "Interviewer:" / "Respondent:" labels, one paragraph per turn.
    "p01": Spec("p01_adviesbureau_a.docx", "labels", "Interviewer", "Respondent"),
    # A two-column table with a header row "Spreker | Tekst".
    "p02": Spec("p02_adviesbureau_b.docx", "table", "Interviewer", "Linda"),
    # Bold first names as labels; the interviewer (Eva) is not a standard interviewer label.
    "p03": Spec("p03_zelfstandig_a.docx", "bold", "Eva", "Maarten"),
    # "[00:03:12] R: ..." timestamps before I:/R: labels.
    "p04": Spec("p04_zelfstandig_b.docx", "timestamps", "I", "R", start=6),
    # Plain text, cp1252, CRLF, blank line between turns.
    "p05": Spec("p05_bedrijf_zorg.txt", "txt_cp1252", "I", "R"),
    # First names as labels; the interviewer (Sanne) must be inferred from the questions.
    "p06": Spec("p06_bedrijf_logistiek.docx", "labels", "Sanne", "Karel"),
    # Plain UTF-8 text with short "m:ss" timestamps at the start of each line.
    "p07": Spec(
        "p07_bedrijf_metaal.txt", "txt_timestamps", "Interviewer", "Geïnterviewde", start=3
    ),
    # Answers spread over several paragraphs; continuation paragraphs carry no label.
    "p08": Spec("p08_bedrijf_waterbouw.docx", "labels", "Interviewer", "Deelnemer"),
    # I:/R: with a page header and footer that name the interviewee and his organisation.
    "p09": Spec(
        "p09_kenniscentrum_tno.docx",
        "header_footer",
        "I",
        "R",
        header="Interview NIPlan – Wouter Vermeulen, TNO (expertisegroep Duurzaam Werkvermogen)",
        footer="Vertrouwelijk – gesprek met W. Vermeulen (TNO) – pagina ",
    ),
    # A title paragraph before the first labelled turn.
    "p10": Spec("p10_kenniscentrum_hogeschool.docx", "labels", "Interviewer", "Respondent"),
}


@dataclass
class Turn:
    role: str  # "I" | "R"
    paragraphs: list[str]

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


@dataclass
class Source:
    pid: str
    turns: list[Turn]
    title: str = ""


def read_source(path: Path) -> Source:
    turns: list[Turn] = []
    title = ""
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            m = re.match(r"#\s*title:\s*(.+)$", line)
            if m:
                title = m.group(1).strip()
            continue
        m = re.match(r"^(I|R):\s*(.*)$", line)
        if m:
            turns.append(Turn(m.group(1), [m.group(2).strip()]))
        elif turns:
            turns[-1].paragraphs.append(line)
        else:
            raise SystemExit(f"{path}:{n}: text before the first I:/R: turn")
    if not turns:
        raise SystemExit(f"{path}: no turns")
    return Source(path.stem, turns, title)


def timestamps(turns: list[Turn], start: int) -> list[int]:
    """Plausible, deterministic start times (seconds) for each turn: ~2.2 words a second."""
    out = []
    t = start
    for turn in turns:
        out.append(t)
        t += int(round(turn.words / 2.2)) + 2
    return out


def hms(sec: int) -> str:
    return f"{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}"


def ms(sec: int) -> str:
    return f"{sec // 60}:{sec % 60:02d}" if sec < 3600 else hms(sec)


# ---------------------------------------------------------------- docx


def _new_document():
    from docx import Document

    doc = Document()
    cp = doc.core_properties
    cp.author = ""
    cp.last_modified_by = ""
    cp.title = ""
    cp.subject = ""
    cp.comments = ""
    cp.keywords = ""
    cp.category = ""
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.last_printed = FIXED_TIME
    cp.revision = 1
    return doc


def _label(spec: Spec, role: str) -> str:
    return spec.interviewer if role == "I" else spec.respondent


def _add_page_field(paragraph) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    paragraph._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )


def build_docx(spec: Spec, src: Source) -> bytes:
    doc = _new_document()
    if src.title:
        doc.add_paragraph(src.title, style="Title")
    if spec.style == "table":
        table = doc.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        hdr = table.rows[0].cells
        hdr[0].text = "Spreker"
        hdr[1].text = "Tekst"
        for cell in hdr:
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for turn in src.turns:
            row = table.add_row().cells
            row[0].text = _label(spec, turn.role)
            row[1].text = turn.paragraphs[0]
            for extra in turn.paragraphs[1:]:
                row[1].add_paragraph(extra)
        doc.add_paragraph()  # Word wants a paragraph between a final table and the section end
    elif spec.style == "timestamps":
        for turn, sec in zip(src.turns, timestamps(src.turns, spec.start), strict=True):
            first, *rest = turn.paragraphs
            doc.add_paragraph(f"[{hms(sec)}] {_label(spec, turn.role)}: {first}")
            for extra in rest:
                doc.add_paragraph(extra)
    elif spec.style == "bold":
        for turn in src.turns:
            first, *rest = turn.paragraphs
            para = doc.add_paragraph()
            para.add_run(f"{_label(spec, turn.role)}:").bold = True
            para.add_run(f" {first}")
            for extra in rest:
                doc.add_paragraph(extra)
    elif spec.style in ("labels", "header_footer"):
        for turn in src.turns:
            first, *rest = turn.paragraphs
            doc.add_paragraph(f"{_label(spec, turn.role)}: {first}")
            for extra in rest:
                doc.add_paragraph(extra)
        if spec.style == "header_footer":
            section = doc.sections[0]
            section.header.paragraphs[0].text = spec.header
            footer_p = section.footer.paragraphs[0]
            footer_p.text = spec.footer
            _add_page_field(footer_p)
    else:
        raise SystemExit(f"{src.pid}: unknown docx style {spec.style}")
    buf = io.BytesIO()
    doc.save(buf)
    return _normalise_zip(buf.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a docx with fixed member timestamps, so that builds are reproducible."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------- plain text


def build_txt(spec: Spec, src: Source) -> bytes:
    if spec.style == "txt_cp1252":
        blocks = []
        for turn in src.turns:
            blocks.append(f"{_label(spec, turn.role)}: " + "\r\n".join(turn.paragraphs))
        text = "\r\n\r\n".join(blocks) + "\r\n"
        return text.encode("cp1252")  # strict: every character must exist in cp1252
    if spec.style == "txt_timestamps":
        lines = []
        for turn, sec in zip(src.turns, timestamps(src.turns, spec.start), strict=True):
            first, *rest = turn.paragraphs
            lines.append(f"{ms(sec)} {_label(spec, turn.role)}: {first}")
            lines.extend(rest)
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise SystemExit(f"{src.pid}: unknown text style {spec.style}")


def build_all() -> dict[str, bytes]:
    out = {}
    for pid, spec in SPECS.items():
        src = read_source(SOURCES / f"{pid}.txt")
        if spec.file.endswith(".docx"):
            out[spec.file] = build_docx(spec, src)
        else:
            out[spec.file] = build_txt(spec, src)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if a built file differs")
    args = parser.parse_args(argv)
    built = build_all()
    if args.check:
        stale = [
            name
            for name, data in built.items()
            if not (OUT / name).is_file() or (OUT / name).read_bytes() != data
        ]
        for name in stale:
            print(f"out of date: sample_transcripts/{name}")
        return 1 if stale else 0
    OUT.mkdir(exist_ok=True)
    for name, data in built.items():
        (OUT / name).write_bytes(data)
        print(f"wrote sample_transcripts/{name} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
