"""Benchmark harness of lernet: start-up, coding throughput, tally, quotes, against a regex floor.

Every command runs in its own process, as a researcher runs it, and is timed from outside. See
bench/README.md for how to run it and what each number means. Benchmarks are not tests: nothing here
asserts a timing; the targets are reported as pass/miss.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CORPUS = BENCH / "corpus"
RESULTS = BENCH / "results.md"
CODEBOOK = REPO / "codebooks" / "lerende-netwerken.yaml"
SAMPLE = REPO / "sample_transcripts"
DEFAULT_SIZES = (10, 100, 1000)
SMOKE_SIZES = (3,)

# Targets from the performance issue; reported as pass/miss, never asserted.
TARGET_STARTUP_S = 0.3
TARGET_FLOOR_RATIO = 6.0
TARGET_RECODE_SHARE = 0.10
TARGET_GROWTH = 11.0
TARGET_PEAK_MB = 300.0
NOTES = "## Notes"
"""A section of results.md from this heading on is written by hand and kept by a new run."""
BEFORE_HELP_S = 0.196
BEFORE_TALLY_S = 0.253
"""`lernet --help` and `lernet tally (sample)` in results.md before the coding-speed work."""

# --- corpus generator (its source is hashed into the corpus stamp: edit it and corpora regenerate)
GENERATOR_VERSION = 1
SEED = 20_240_611
WORDS_PER_FILE = 5_000
EXAMPLE_RATE = 0.3  # chance that a participant turn carries one codebook example sentence
TERM_RATE = 0.12  # chance that a filler sentence carries one codebook match term
NAME_RATE = 0.05  # chance that the interviewer addresses the participant by first name

SUBJECTS = [
    ("ik", 0),
    ("we", 2),
    ("wij", 2),
    ("mijn collega", 1),
    ("de werkgever", 1),
    ("het team", 1),
    ("onze organisatie", 1),
    ("de meeste mensen", 2),
    ("zij", 2),
    ("hij", 1),
    ("de medewerkers", 2),
    ("mijn leidinggevende", 1),
]
VERBS = [
    ("merk", "merkt", "merken"),
    ("zie", "ziet", "zien"),
    ("bespreek", "bespreekt", "bespreken"),
    ("regel", "regelt", "regelen"),
    ("plan", "plant", "plannen"),
    ("bekijk", "bekijkt", "bekijken"),
    ("organiseer", "organiseert", "organiseren"),
    ("evalueer", "evalueert", "evalueren"),
    ("verbeter", "verbetert", "verbeteren"),
    ("volg", "volgt", "volgen"),
    ("noem", "noemt", "noemen"),
    ("begeleid", "begeleidt", "begeleiden"),
]
OBJECTS = [
    "het rooster",
    "de planning",
    "een training",
    "het verzuim",
    "de gesprekken",
    "ons beleid",
    "de cijfers",
    "dat project",
    "de aanpak",
    "de werkdruk",
    "het overleg",
    "de evaluatie",
    "zo'n traject",
    "de begroting",
    "de intake",
    "het jaarplan",
    "de vacatures",
    "de inzetbaarheid",
    "de scholing",
    "de resultaten",
]
ADVERBS = [
    "vaak",
    "eigenlijk",
    "best wel",
    "gewoon",
    "soms",
    "altijd",
    "echt",
    "ook",
    "nu",
    "regelmatig",
    "inmiddels",
    "meestal",
    "wel",
    "natuurlijk",
    "zeker",
    "niet",
    "nog niet",
    "eerst",
]
PLACES = [
    "op de werkvloer",
    "in de zorg",
    "bij ons",
    "met de directie",
    "in het voorjaar",
    "op kantoor",
    "in de regio",
    "met de ondernemingsraad",
    "voor de medewerkers",
    "na de zomer",
    "in de bouw",
    "per kwartaal",
    "samen met HR",
    "in kleine groepjes",
    "",
    "",
]
OPENERS = ["", "", "", "", "ja,", "nou,", "kijk,", "eh,", "ehm,", "maar goed,", "en", "dus ja,"]
TAILS = ["", "", "", "", " hoor", " zeg maar", " denk ik", " weet je wel"]
LINKS = [", maar", " omdat", ", want", " en", ", terwijl"]
QUESTIONS = [
    "Hoe kijk je aan tegen {x}?",
    "Kun je daar een voorbeeld van geven?",
    "Wat bedoel je precies met {x}?",
    "En hoe gaat dat {place}?",
    "Wat merk je daarvan {place}?",
    "Hoe is dat zo gekomen?",
    "Kun je iets meer vertellen over {x}?",
    "Wat zou je anders willen zien aan {x}?",
    "Speelt {x} daarbij een rol?",
]
FIRST_NAMES = "Jeroen Eva Sanne Mark Anouk Pieter Lotte Bas Fleur Tim Iris Daan".split()
LAST_NAMES = ["Bakker", "de Vries", "Jansen", "Visser", "Smit", "Mulder", "de Boer", "Meijer"]
ORGANISATIONS = ["Vitaal Werk", "Zorggroep Oost", "Bouwbedrijf Hendriks", "Kenniscentrum Arbeid"]
GROUPS = ["kenniscentrum", "adviesbureau", "zelfstandig adviseur", "bedrijf"]
LABEL_STYLES = [("I", "R"), ("Interviewer", "Respondent")]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


@dataclass
class Vocabulary:
    """What the codebook looks for: its match terms as written, and its example sentences."""

    terms: list[str]
    sentences: list[str]


@dataclass
class CorpusStats:
    files: int = 0
    words: int = 0
    examples: int = 0
    terms: int = 0


def _term_strings(value: object) -> Iterator[str]:
    """Terms of a rule value, which may be a term, a list, or a list of "one of these" lists."""
    if isinstance(value, list):
        for item in value:
            yield from _term_strings(item)
    elif isinstance(value, str | int | float) and not isinstance(value, bool):
        yield str(value)


def load_vocabulary(path: Path) -> Vocabulary:
    """Read the terms (any/all/none and direction cues) and examples straight from the YAML."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    terms: list[str] = []
    sentences: list[str] = []

    def walk(code: dict[str, object]) -> None:
        for rule in code.get("match") or []:  # type: ignore[attr-defined]
            for key in ("any", "all", "none"):
                if isinstance(rule, dict) and key in rule:
                    terms.extend(_term_strings(rule[key]))
        directions = code.get("directions") or {}
        if isinstance(directions, dict):
            for cues in directions.values():
                terms.extend(_term_strings(cues))
        for key in ("examples", "counterexamples"):
            sentences.extend(str(s) for s in code.get(key) or [])  # type: ignore[attr-defined]
        for child in code.get("codes") or []:  # type: ignore[attr-defined]
            walk(child)

    for theme in data.get("themes") or []:
        walk(theme)
    return Vocabulary(list(dict.fromkeys(terms)), list(dict.fromkeys(sentences)))


def _plain(term: str) -> str:
    """A term as it could be said: without the `=` and `*` of the rule language."""
    return " ".join(w.lstrip("=").strip("*") for w in term.split() if w.strip("=*"))


def _filler(rng: random.Random, vocab: Vocabulary, stats: CorpusStats) -> str:
    subject, person = rng.choice(SUBJECTS)
    obj = rng.choice(OBJECTS)
    if rng.random() < TERM_RATE:
        obj = _plain(rng.choice(vocab.terms))
        stats.terms += 1
    words = [rng.choice(OPENERS), subject, rng.choice(VERBS)[person], rng.choice(ADVERBS), obj]
    words.append(rng.choice(PLACES))
    text = " ".join(w for w in words if w)
    if rng.random() < 0.3:
        subject, person = rng.choice(SUBJECTS)
        text += f"{rng.choice(LINKS)} {subject} {rng.choice(VERBS)[person]} {rng.choice(OBJECTS)}"
    text += rng.choice(TAILS) + "."
    return text[0].upper() + text[1:]


def _question(rng: random.Random, vocab: Vocabulary, first_name: str) -> str:
    x = _plain(rng.choice(vocab.terms)) if rng.random() < 0.3 else rng.choice(OBJECTS)
    text = rng.choice(QUESTIONS).format(x=x, place=rng.choice(PLACES) or "bij jullie")
    text = " ".join(text.split())
    if rng.random() < NAME_RATE:
        text = f"Dank je, {first_name}. {text}"
    return text


def generate_transcript(
    index: int, vocab: Vocabulary, stats: CorpusStats
) -> list[tuple[str | None, str]]:
    """Paragraphs (speaker label or None for a continuation, text) of about WORDS_PER_FILE words."""
    rng = random.Random(SEED * 100_003 + index)
    interviewer, respondent = LABEL_STYLES[(index // 2) % len(LABEL_STYLES)]
    first_name = FIRST_NAMES[index % len(FIRST_NAMES)]
    organisation = ORGANISATIONS[index % len(ORGANISATIONS)]
    paragraphs: list[tuple[str | None, str]] = []
    words = 0
    while words < WORDS_PER_FILE:
        question = _question(rng, vocab, first_name)
        paragraphs.append((interviewer, question))
        sentences = [_filler(rng, vocab, stats) for _ in range(rng.randint(3, 9))]
        if rng.random() < EXAMPLE_RATE:
            sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(vocab.sentences))
            stats.examples += 1
        if rng.random() < 0.1:
            sentences.insert(0, f"Bij {organisation} doen we dat anders.")
        split = len(sentences) // 2 if len(sentences) > 5 and rng.random() < 0.2 else 0
        if split:
            paragraphs.append((respondent, " ".join(sentences[:split])))
            paragraphs.append((None, " ".join(sentences[split:])))
        else:
            paragraphs.append((respondent, " ".join(sentences)))
        words += len(question.split()) + sum(len(s.split()) for s in sentences)
    stats.files += 1
    stats.words += words
    return paragraphs


def _timestamp(index: int, k: int) -> str:
    seconds = 20 * k + index % 17
    return f"[{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}] "


def write_txt(path: Path, paragraphs: list[tuple[str | None, str]], index: int) -> None:
    """One turn per line, a blank line between turns; every fifth file has timestamps."""
    lines = []
    for k, (label, text) in enumerate(paragraphs):
        stamp = _timestamp(index, k) if index % 5 == 0 and label else ""
        lines.append(f"{stamp}{label}: {text}" if label else text)
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")


def write_docx(path: Path, paragraphs: list[tuple[str | None, str]], index: int) -> None:
    """A minimal valid .docx: one paragraph per turn, the speaker label in a bold run.

    Written with zipfile and a template, not python-docx, which is slow at a thousand files; the
    zip entries carry a fixed date so the same corpus gives the same bytes.
    """
    body = []
    for k, (label, text) in enumerate(paragraphs):
        runs = ""
        if label:
            stamp = _timestamp(index, k) if index % 5 == 0 else ""
            runs += f"<w:r><w:rPr><w:b/></w:rPr><w:t>{escape(stamp + label)}:</w:t></w:r>"
            text = " " + text
        runs += f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
        body.append(f"<w:p>{runs}</w:p>")
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{_W}"><w:body>{"".join(body)}<w:sectPr/></w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in (
            ("[Content_Types].xml", _CONTENT_TYPES),
            ("_rels/.rels", _RELS),
            ("word/document.xml", document),
        ):
            zf.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)


def participants_yaml(n: int) -> str:
    """Who the generated files belong to: a group and a label each, names to redact in quotes."""
    lines = [f"groups: [{', '.join(GROUPS)}]", "participants:"]
    for index in range(n):
        name = f"{FIRST_NAMES[index % 12]} {LAST_NAMES[(index // 12) % len(LAST_NAMES)]}"
        lines += [
            f"  - id: {file_stem(index)}",
            f"    group: {GROUPS[index % len(GROUPS)]}",
            f"    label: deelnemer {index + 1}",
            f"    names: [{name}]",
            f"    organisations: [{ORGANISATIONS[index % len(ORGANISATIONS)]}]",
        ]
    return "\n".join(lines) + "\n"


def file_stem(index: int) -> str:
    return f"t{index + 1:04d}"


def generate_corpus(folder: Path, n: int, vocab: Vocabulary) -> CorpusStats:
    """N transcripts, even indexes .docx and odd .txt, and their participants.yaml."""
    stats = CorpusStats()
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(n):
        paragraphs = generate_transcript(index, vocab, stats)
        writer, suffix = (write_docx, ".docx") if index % 2 == 0 else (write_txt, ".txt")
        writer(folder / f"{file_stem(index)}{suffix}", paragraphs, index)
    (folder / "participants.yaml").write_text(participants_yaml(n), encoding="utf-8")
    return stats


# --- end corpus generator


def generator_digest() -> str:
    """Hash of the generator's source and of the codebook it draws its vocabulary from."""
    source = Path(__file__).read_text(encoding="utf-8")
    start = source.index("# --- corpus generator")
    end = source.index("# --- end corpus generator")
    h = hashlib.sha256(source[start:end].encode())
    h.update(CODEBOOK.read_bytes())
    return h.hexdigest()


def ensure_corpus(n: int, vocab: Vocabulary) -> tuple[Path, CorpusStats]:
    """The corpus of size n, generated only when missing or when its stamp is stale."""
    folder = CORPUS / str(n)
    stamp = folder / ".stamp"
    digest = generator_digest()
    if stamp.is_file():
        saved = json.loads(stamp.read_text(encoding="utf-8"))
        if saved.get("digest") == digest and saved.get("n") == n:
            return folder, CorpusStats(**saved["stats"])
    if folder.exists():
        shutil.rmtree(folder)
    t0 = time.perf_counter()
    stats = generate_corpus(folder, n, vocab)
    log(f"generated corpus N={n} in {time.perf_counter() - t0:.1f} s ({stats.words:,} words)")
    stamp.write_text(
        json.dumps({"digest": digest, "n": n, "stats": stats.__dict__}), encoding="utf-8"
    )
    return folder, stats


# --- baseline: text extraction plus one regular expression, the floor lernet is compared with


def _atoms(term: str) -> list[str]:
    """A term as regex pieces: one per letter, \\w* for a wildcard, \\W+ between words."""
    out: list[str] = []
    for word in term.lower().split():
        word = word.lstrip("=")
        core = word.strip("*")
        if not core:
            continue
        if out:
            out.append(r"\W+")
        if word.startswith("*"):
            out.append(r"\w*")
        out += [re.escape(c) for c in core]
        if word.endswith("*"):
            out.append(r"\w*")
    return out


def _trie_regex(node: dict[str, dict]) -> str:
    branches = [atom + _trie_regex(child) for atom, child in sorted(node.items()) if atom]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def keyword_pattern(terms: list[str]) -> str:
    """One regex of every term's plain words, factored as a trie of letters.

    A flat alternation of ~2,500 terms makes Python's `re` try each one at every word start (40x
    slower on this corpus); the trie finds the same matches, and a floor should be a fast one.
    """
    trie: dict[str, dict] = {}
    for term in terms:
        node = trie
        for atom in _atoms(term):
            node = node.setdefault(atom, {})
        if node is not trie:
            node[""] = {}
    return r"\b(?:" + _trie_regex(trie) + r")\b"


def transcript_texts(folder: Path) -> Iterator[str]:
    """The text of every .docx (zip + lxml, paragraphs joined) and .txt in `folder`, sorted by
    name: what both the baseline and the floor read."""
    from lxml import etree

    p_tag, t_tag = f"{{{_W}}}p", f"{{{_W}}}t"
    for path in sorted(folder.iterdir()):
        suffix = path.suffix.lower()
        if suffix == ".docx":
            with zipfile.ZipFile(path) as zf:
                root = etree.fromstring(zf.read("word/document.xml"))
            yield "\n".join("".join(t.text or "" for t in p.iter(t_tag)) for p in root.iter(p_tag))
        elif suffix == ".txt":
            yield path.read_text(encoding="utf-8")


def baseline_worker(pattern_file: Path, folder: Path) -> None:
    """Extract every transcript's text and count the keyword matches; print a JSON summary."""
    pattern = re.compile(pattern_file.read_text(encoding="utf-8"), re.IGNORECASE)
    files = chars = matches = 0
    for text in transcript_texts(folder):
        files += 1
        chars += len(text)
        matches += sum(1 for _ in pattern.finditer(text))
    print(json.dumps({"files": files, "chars": chars, "matches": matches}))


def floor_words(terms: list[str]) -> list[str]:
    """The domain words of the floor: every word of the codebook's terms, lower case."""
    return sorted({w for term in terms for w in _plain(term).lower().split()})


def floor_worker(words_file: Path, folder: Path) -> None:
    """The floor of a keyword coder: read every transcript (zip + lxml for .docx, a plain read
    for .txt), lower-case it, split it into words and look each up in a set of domain words.
    One process; prints a JSON summary."""
    domain = set(words_file.read_text(encoding="utf-8").split())
    word_re = re.compile(r"\w+")
    files = words = hits = 0
    for text in transcript_texts(folder):
        files += 1
        for word in word_re.findall(text.lower()):
            words += 1
            if word in domain:
                hits += 1
    print(json.dumps({"files": files, "words": words, "hits": hits}))


# --- measuring


class BenchError(RuntimeError):
    pass


@dataclass
class Run:
    wall: float
    peak_kb: int
    stdout: str = ""
    cpu: float = 0.0
    """User and system time of the child and of the workers it waited for."""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def child_env() -> dict[str, str]:
    """As on a researcher's machine: byte code is written (pip compiles it at install time).

    Some sandboxes set PYTHONDONTWRITEBYTECODE, which would make every timed run compile lernet's
    sources again and measure that instead.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def one_core() -> set[int] | None:
    """The first core this process may run on, to pin a child to (None where not supported)."""
    if not hasattr(os, "sched_getaffinity"):
        return None
    return {min(os.sched_getaffinity(0))}


def run_child(
    argv: list[str], cwd: Path, keep_stdout: bool = False, cores: set[int] | None = None
) -> Run:
    """Wall time and peak RSS of one child process (os.wait4 gives this child's rusage; its
    peak is that of the largest of it and its workers). `cores` pins it (and its workers) to
    those cores, so that lernet sees one core and codes in one process."""

    def pin() -> None:
        if cores is not None:
            os.sched_setaffinity(0, cores)

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            argv,
            cwd=cwd,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=child_env(),
            preexec_fn=pin if cores is not None else None,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            tail = err.read().decode(errors="replace")[-2000:]
            raise BenchError(f"{' '.join(argv)} exited with {proc.returncode}:\n{tail}")
        text = ""
        if keep_stdout:
            out.seek(0)
            text = out.read().decode(errors="replace")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(wall, usage.ru_maxrss, text, cpu)  # ru_maxrss is in KiB on Linux


@dataclass
class Measurement:
    name: str
    n: int | None
    runs: list[Run]
    words: int = 0
    baseline: float | None = None
    floor: float | None = None
    floor_cpu: float | None = None
    full: float | None = None
    """For a re-coding: the median of a full `lernet code` of the same corpus."""
    note: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def cpu_ratio(self) -> float | None:
        """CPU time against the floor's: what the ratio would be on idle cores, one process."""
        return self.cpu / self.floor_cpu if self.floor_cpu else None

    @property
    def peak_mb(self) -> float:
        return max(r.peak_kb for r in self.runs) / 1024

    @property
    def words_per_s(self) -> float | None:
        return self.words / self.median if self.words else None

    @property
    def ratio(self) -> float | None:
        return self.median / self.baseline if self.baseline else None

    @property
    def floor_ratio(self) -> float | None:
        return self.median / self.floor if self.floor else None


def measure(
    name: str, argv: list[str], cwd: Path, runs: int, n: int | None = None, warm: bool = True
) -> Measurement:
    """Median of `runs` timed runs after one untimed warm-up (byte-code and page caches)."""
    if warm:
        run_child(argv, cwd)
    m = Measurement(name, n, [run_child(argv, cwd) for _ in range(runs)])
    log(f"  {name}{f' N={n}' if n else ''}: {m.median:.3f} s (median of {runs})")
    return m


def lernet_exe() -> str:
    """The console script next to this interpreter (the venv's), else the one on PATH."""
    local = Path(sys.executable).parent / "lernet"
    found = str(local) if local.exists() else shutil.which("lernet")
    if not found:
        raise BenchError("no `lernet` console script next to this Python or on PATH")
    return found


def write_project(root: Path, participants: Path | None) -> None:
    """A project that uses the repository's default codebook, so every run codes the same way."""
    root.mkdir(parents=True, exist_ok=True)
    lines = [f"codebook: {json.dumps(str(CODEBOOK))}", "language: nl"]
    if participants is not None:
        lines.append(f"participants: {json.dumps(str(participants))}")
    (root / "lernet.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def runs_for(n: int, smoke: bool) -> int:
    """Fewer runs where one run is long: the whole benchmark should stay under a quarter of an
    hour on two cores."""
    if smoke:
        return 1
    return 5 if n <= 10 else 3


def code_run(
    exe: str, corpus: Path, keep: Path | None = None, cores: set[int] | None = None
) -> Run:
    """`lernet code` into a fresh project; the project is kept at `keep` if given."""
    with tempfile.TemporaryDirectory(prefix="lernet-bench-") as tmp:
        project = Path(tmp) / "project"
        write_project(project, corpus / "participants.yaml")
        run = run_child([exe, "code", str(corpus)], project, cores=cores)
        if keep is not None:
            shutil.rmtree(keep, ignore_errors=True)
            shutil.copytree(project, keep)
    return run


def size_runs(
    exe: str, corpus: Path, runs: int, workers: dict[str, list[str]], keep: Path | None
) -> dict[str, list[Run]]:
    """The runs of one corpus size, taken in turns (floor, baseline, lernet on all cores, on one
    core) so that a change in the machine's load falls on all of them alike."""
    out: dict[str, list[Run]] = {name: [] for name in (FLOOR, BASELINE, CODE_ALL, CODE_ONE)}
    for k in range(runs):
        for name, argv in workers.items():
            out[name].append(run_child([*argv, str(corpus)], corpus.parent, True))
        last = keep if k == runs - 1 else None
        out[CODE_ALL].append(code_run(exe, corpus, last))
        out[CODE_ONE].append(code_run(exe, corpus, cores=one_core()))
    return out


FLOOR = "floor (read, split, set lookup)"
BASELINE = "baseline (extract + 1 regex)"
CODE_ALL = "lernet code (all cores)"
CODE_ONE = "lernet code (1 core)"
RECODE = "lernet code (one code's rules edited)"
RECODE_FILES = "lernet code FILES (one code's rules edited)"
RECODE_REMOVED = "lernet code (one code's first term removed)"
RECODE_WINDOW = "lernet code (one code's first rule's window changed)"
EDITS = {RECODE: "add", RECODE_FILES: "add", RECODE_REMOVED: "remove", RECODE_WINDOW: "window"}
"""What each re-coding measurement does to the code's first rule: add EDIT_TERM, remove its
first term (which stands in many turns: a word that coded wrongly), or give it a window of
words (an edit of more than its terms)."""


def sample_project(tmp: Path) -> Path | None:
    """The bundled sample interviews, copied into a project of their own and coded once."""
    files = [p for p in SAMPLE.glob("*") if p.suffix.lower() in (".docx", ".txt", ".md")]
    if not files:
        return None
    project = tmp / "sample"
    shutil.copytree(SAMPLE, project / "interviews")
    ppath = next(
        (project / "interviews" / n for n in ("participants.yaml", "participants.csv")), None
    )
    write_project(project, ppath if ppath and ppath.exists() else None)
    run_child([lernet_exe(), "code", "interviews"], project)
    return project


HAND_EVERY = 10
"""One transcript in this many is taken as coded by hand, as a study codes a few by hand first."""


def simulate_hand_coding(project: Path) -> str:
    """Copy three quarters of the rules' codings of every tenth transcript (and at least two) as
    a person's, so that
    `codebook eval` and `suggest` have hand coding to work on; returns the most coded code."""
    conn = sqlite3.connect(project / ".lernet" / "lernet.db")
    try:
        conn.execute(
            "INSERT INTO codings (transcript_id, segment, code, start, end, coder, direction, "
            "status, created_at, source) SELECT transcript_id, segment, code, start, end, "
            "'bench', direction, 'accepted', created_at, 'import' FROM codings "
            f"WHERE coder = 'auto' AND (transcript_id % {HAND_EVERY} = 1 OR transcript_id <= 2) "
            "AND id % 4 != 0"
        )
        conn.commit()
        row = conn.execute(
            "SELECT code FROM codings WHERE coder = 'bench' AND code LIKE '%.%' "
            "GROUP BY code ORDER BY COUNT(*) DESC, code LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    return str(row[0]) if row else "trust.not_acquainted"


EDIT_TERM = "zwaluwstaartverbinding"
"""The term the re-coding measurement adds to one code's first rule: it stands nowhere, so the
codings stay the same while the code's rules (and digest) change."""


def rule_codes_by_count(project: Path) -> list[tuple[str, int]]:
    """The codes of the rules' codings in the project's store, most coded first."""
    conn = sqlite3.connect(project / ".lernet" / "lernet.db")
    try:
        rows = conn.execute(
            "SELECT code, COUNT(*) FROM codings WHERE source = 'rule' GROUP BY code "
            "ORDER BY COUNT(*) DESC, code"
        ).fetchall()
    finally:
        conn.close()
    return [(str(c), int(n)) for c, n in rows]


def edited_codebook(out: Path, code_id: str, edit: str = "add") -> None:
    """The default codebook with EDIT_TERM added to the first group of `code_id`'s first rule
    (`edit` "remove": that group's first term removed; "window": the rule given `within: 8`),
    written back through YAML: comments go, nothing else the rules or labels say changes."""
    import yaml

    data = yaml.safe_load(CODEBOOK.read_text(encoding="utf-8"))

    def walk(node: dict, parent: str) -> bool:
        raw = str(node.get("id"))
        full = raw if not parent or "." in raw else f"{parent}.{raw}"
        if full == code_id and node.get("match"):
            rule = node["match"][0]
            if edit == "window":
                rule["within"] = 8 if rule.get("within") != 8 else 9
                return True
            key = "any" if "any" in rule else "all"
            value = rule[key]
            first = value if key == "any" else value[0]
            if not isinstance(first, list):
                first = [first]
                if key == "any":
                    rule[key] = first
                else:
                    value[0] = first
            if edit == "remove" and len(first) > 1:
                first.pop(0)
            else:
                first.append(EDIT_TERM)
            return True
        return any(walk(child, full) for child in node.get("codes") or [])

    if not any(walk(theme, "") for theme in data["themes"]):
        raise BenchError(f"no code {code_id} with rules in {CODEBOOK.name}")
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def recode_runs(
    exe: str, kept: Path, corpus: Path, code_id: str, runs: int, with_files: bool, edit: str = "add"
) -> list[Run]:
    """`lernet code` (or `lernet code FILES`, the files unchanged) after one code's rules were
    edited (`edited_codebook`), each run on a copy of the coded project's store."""
    out = []
    with tempfile.TemporaryDirectory(prefix="lernet-bench-") as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(kept, project)
        codebook = project / "edited.yaml"
        edited_codebook(codebook, code_id, edit)
        (project / "lernet.yaml").write_text(
            f"codebook: {json.dumps(str(codebook))}\nlanguage: nl\n"
            f"participants: {json.dumps(str(corpus / 'participants.yaml'))}\n",
            encoding="utf-8",
        )
        store = project / ".lernet" / "lernet.db"
        pristine = Path(tmp) / "coded.db"
        shutil.copy(store, pristine)
        argv = [exe, "code", *([str(corpus)] if with_files else [])]
        for _ in range(runs):
            shutil.copy(pristine, store)
            run = run_child(argv, project, keep_stdout=True)
            if "re-coded" not in run.stdout:
                raise BenchError(f"{' '.join(argv)} re-coded nothing after editing {code_id}")
            out.append(run)
    return out


def run_benchmark(sizes: list[int], smoke: bool) -> tuple[list[Measurement], dict[str, object]]:
    exe = lernet_exe()
    vocab = load_vocabulary(CODEBOOK)
    info: dict[str, object] = {"terms": len(vocab.terms), "sentences": len(vocab.sentences)}
    info["load_before"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    few = 1 if smoke else 10
    warm = not smoke  # a smoke run only checks that every step still works
    results: list[Measurement] = []
    with tempfile.TemporaryDirectory(prefix="lernet-bench-") as tmp_name:
        tmp = Path(tmp_name)
        pattern_file = tmp / "keywords.re"
        pattern_file.write_text(keyword_pattern(vocab.terms), encoding="utf-8")
        words_file = tmp / "domain.txt"
        words_file.write_text("\n".join(floor_words(vocab.terms)), encoding="utf-8")
        info["domain_words"] = len(floor_words(vocab.terms))
        log("start-up")
        results.append(measure("lernet --help", [exe, "--help"], tmp, few, warm=warm))
        sample = sample_project(tmp)
        if sample is None:
            results.append(Measurement("lernet tally (sample)", None, [], note="no sample"))
        else:
            results.append(measure("lernet tally (sample)", [exe, "tally"], sample, few, warm=warm))
        largest = max(sizes)
        kept = tmp / "largest"
        workers = {
            FLOOR: [sys.executable, __file__, "--floor-worker", str(words_file)],
            BASELINE: [sys.executable, __file__, "--baseline-worker", str(pattern_file)],
        }
        for n in sizes:
            corpus, stats = ensure_corpus(n, vocab)
            info[f"corpus_{n}"] = stats.__dict__
            runs = runs_for(n, smoke)
            log(f"N={n}: {stats.words:,} words, {runs} run(s) of each")
            got = size_runs(exe, corpus, runs, workers, kept if n == largest else None)
            info[f"baseline_{n}"] = json.loads(got[BASELINE][-1].stdout)
            info[f"floor_{n}"] = json.loads(got[FLOOR][-1].stdout)
            floor = Measurement(FLOOR, n, got[FLOOR], words=stats.words)
            base = Measurement(BASELINE, n, got[BASELINE], words=stats.words)
            measured = [floor, base]
            for name in (CODE_ALL, CODE_ONE):
                m = Measurement(name, n, got[name], words=stats.words)
                m.baseline, m.floor, m.floor_cpu = base.median, floor.median, floor.cpu
                measured.append(m)
            for m in measured:
                ratio = f", {m.floor_ratio:.1f}x floor" if m.floor_ratio else ""
                log(f"  {m.name}: {m.median:.3f} s, {m.peak_mb:.0f} MB{ratio}")
            results += measured
        n, few = largest, 1 if smoke else 3
        corpus = CORPUS / str(n)
        full = _find(results, CODE_ALL, n)
        counts = rule_codes_by_count(kept)
        picks = {"median": counts[len(counts) // 2], "most coded": counts[0]}
        info["recode_codes"] = {k: list(v) for k, v in picks.items()}
        for label, (code_id, count) in picks.items():
            for name, edit in EDITS.items():
                with_files = name == RECODE_FILES
                got = recode_runs(exe, kept, corpus, code_id, few, with_files, edit)
                m = Measurement(name, n, got)
                m.note = f"{label}: {code_id} ({count:,} codings)"
                m.full = full.median if full else None
                log(f"  {name}, {m.note}: {m.median:.3f} s")
                results.append(m)
        unchanged = [exe, "code", str(corpus)]
        results.append(measure("lernet code (unchanged, re-run)", unchanged, kept, few, n, warm))
        results.append(measure("lernet tally", [exe, "tally"], kept, few, n, warm))
        results.append(measure("lernet quotes", [exe, "quotes"], kept, few, n, warm))
        results.append(measure("lernet matrix", [exe, "matrix"], kept, few, n, warm))
        code = simulate_hand_coding(kept)
        info["hand_code"] = code
        evaluate = [exe, "codebook", "eval", "--coder", "bench"]
        results.append(measure("lernet codebook eval", evaluate, kept, few, n, warm))
        learn = [exe, "suggest", "--code", code, "--coder", "bench"]
        results.append(measure("lernet suggest", learn, kept, few, n, warm))
    info["load_after"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    return results, info


# --- reporting


def machine() -> dict[str, str]:
    """Enough to tell whether two results files came from comparable machines."""
    cpu = platform.processor() or platform.machine()
    ram = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        from importlib.metadata import version

        lernet_version = version("lernet")
    except Exception:
        lernet_version = "?"
    commit = subprocess.run(
        ["git", "-C", str(REPO), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    codebook_digest = hashlib.sha256(CODEBOOK.read_bytes()).hexdigest()
    return {
        "CPU": cpu,
        "cores": str(cores),
        "RAM": ram,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "lernet": f"{lernet_version} (git {commit or '?'})",
        "codebook": f"{CODEBOOK.name} (sha256 {codebook_digest[:12]})",
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _fmt(value: float | None, spec: str, unit: str = "") -> str:
    return "" if value is None else format(value, spec) + unit


def table_rows(results: list[Measurement]) -> list[list[str]]:
    rows = []
    for m in results:
        if not m.runs:
            rows.append([m.name, "", "0", m.note, "", "", "", "", "", "", ""])
            continue
        note = m.note
        if m.full:
            note += f"; {m.median / m.full:.1%} of a full `lernet code`"
        rows.append(
            [
                m.name,
                "" if m.n is None else f"{m.n:,}",
                str(len(m.runs)),
                f"{m.median:.3f}",
                f"{m.cpu:.2f}",
                _fmt(m.words_per_s, ",.0f"),
                f"{m.peak_mb:.0f}",
                _fmt(m.floor_ratio, ".1f"),
                _fmt(m.cpu_ratio, ".1f"),
                _fmt(m.ratio, ".1f"),
                note,
            ]
        )
    return rows


COLUMNS = [
    "measurement",
    "N",
    "runs",
    "median s",
    "cpu s",
    "words/s",
    "peak MB",
    "x floor",
    "x floor (cpu)",
    "x baseline",
    "note",
]


def _find(
    results: list[Measurement], name: str, n: int | None = None, note: str = ""
) -> Measurement | None:
    for m in results:
        if m.name == name and (n is None or m.n == n) and m.runs and m.note.startswith(note):
            return m
    return None


def targets(results: list[Measurement], sizes: list[int]) -> list[list[str]]:
    """(target, measured, pass/miss) for each target of the issue; n/a where not measured."""
    out = []

    def verdict(ok: bool | None) -> str:
        return "n/a" if ok is None else "pass" if ok else "miss"

    for name, before in (
        ("lernet --help", BEFORE_HELP_S),
        ("lernet tally (sample)", BEFORE_TALLY_S),
    ):
        m = _find(results, name)
        value = m.median if m else None
        ok = None if value is None else value < TARGET_STARTUP_S
        out.append([f"`{name}` < {TARGET_STARTUP_S} s", _fmt(value, ".3f", " s"), verdict(ok)])
        out.append(
            [
                f"`{name}` no slower than before this work ({before:.3f} s in results.md then)",
                _fmt(value, ".3f", " s"),
                "see the note" if value is not None and value > before else verdict(ok),
            ]
        )
    largest = max(sizes)
    for name in (CODE_ALL, CODE_ONE):
        m = _find(results, name, largest)
        ratio = m.floor_ratio if m else None
        ok = None if ratio is None or name == CODE_ONE else ratio <= TARGET_FLOOR_RATIO
        target = (
            f"`lernet code` within {TARGET_FLOOR_RATIO:.0f}x of the floor on all cores "
            f"(N={largest:,})"
            if name == CODE_ALL
            else f"(for comparison: `lernet code` on one core, N={largest:,})"
        )
        out.append([target, _fmt(ratio, ".1f", "x"), verdict(ok) if name == CODE_ALL else ""])
        if name == CODE_ALL and m is not None and m.floor_cpu:
            cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
            out.append(
                [
                    "(for comparison: CPU seconds of `lernet code` and its workers against the "
                    f"floor's, and that over {cores} idle cores)",
                    f"{m.cpu_ratio:.1f}x, {m.cpu / cores / m.floor_cpu:.1f}x",
                    "",
                ]
            )
    for label in ("median", "most coded"):
        m = _find(results, RECODE, largest, label)
        share = m.median / m.full if m and m.full else None
        out.append(
            [
                f"re-coding {largest:,} stored transcripts after one code's rules changed "
                f"({label} code) < {TARGET_RECODE_SHARE:.0%} of a full `lernet code`",
                _fmt(None if share is None else 100 * share, ".1f", "%"),
                verdict(None if share is None else share < TARGET_RECODE_SHARE),
            ]
        )
        for name, what in ((RECODE_REMOVED, "its first term removed"), (RECODE_WINDOW, "a window")):
            other = _find(results, name, largest, label)
            part = other.median / other.full if other and other.full else None
            out.append(
                [
                    f"(for comparison: the same with {what} instead of a term added)",
                    _fmt(None if part is None else 100 * part, ".1f", "%"),
                    "",
                ]
            )
    small, large = _find(results, CODE_ALL, 100), _find(results, CODE_ALL, 1000)
    growth = large.median / small.median if small and large else None
    out.append(
        [
            f"N=100 → 1,000 time grows ≤ {TARGET_GROWTH:.0f}x",
            _fmt(growth, ".2f", "x"),
            verdict(None if growth is None else growth <= TARGET_GROWTH),
        ]
    )
    peak = max((m.peak_mb for m in results if m.n == 1000 and m.runs), default=None)
    out.append(
        [
            f"peak memory < {TARGET_PEAK_MB:.0f} MB at N=1,000 (largest process of any run)",
            _fmt(peak, ".0f", " MB"),
            verdict(None if peak is None else peak < TARGET_PEAK_MB),
        ]
    )
    return out


def text_table(columns: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(columns, *rows, strict=True)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        pairs = enumerate(zip(row, widths, strict=True))
        cells = [c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in pairs]
        lines.append("  ".join(cells))
    return "\n".join(lines)


def md_table(columns: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def growth_line(results: list[Measurement]) -> str:
    small, large = _find(results, CODE_ALL, 100), _find(results, CODE_ALL, 1000)
    f_small, f_large = _find(results, FLOOR, 100), _find(results, FLOOR, 1000)
    if not (small and large and f_small and f_large):
        return ""
    return (
        f"Growth N=100 → 1,000: lernet code {large.median / small.median:.2f}x, "
        f"floor {f_large.median / f_small.median:.2f}x (10x more input)."
    )


def load_line(info: dict[str, object]) -> str:
    before, after = info.get("load_before"), info.get("load_after")
    if not isinstance(before, tuple | list) or not isinstance(after, tuple | list):
        return ""
    return (
        f"Load average (1, 5, 15 min) at the start: {', '.join(f'{x:.2f}' for x in before)}; "
        f"at the end: {', '.join(f'{x:.2f}' for x in after)}."
    )


def corpus_line(info: dict[str, object], sizes: list[int]) -> str:
    stats = info.get(f"corpus_{max(sizes)}")
    if not isinstance(stats, dict) or not stats.get("words"):
        return ""
    per_k = 1000 / stats["words"]
    base = info.get(f"baseline_{max(sizes)}")
    hits = base.get("matches", 0) if isinstance(base, dict) else 0
    floor = info.get(f"floor_{max(sizes)}")
    looked = floor.get("hits", 0) if isinstance(floor, dict) else 0
    return (
        f"Corpus N={max(sizes):,}: {stats['words']:,} words in {stats['files']:,} files "
        f"(half .docx, half .txt); per 1,000 words {stats['examples'] * per_k:.1f} codebook "
        f"example sentences and {stats['terms'] * per_k:.1f} inserted match terms; the baseline "
        f"regex ({info['terms']} terms) finds {hits * per_k:.1f} keyword hits per 1,000 words; "
        f"the floor's {info.get('domain_words', 0):,} domain words (every word of a term) are "
        f"{looked * per_k:.0f} of every 1,000 words."
    )


def report(results: list[Measurement], info: dict[str, object], sizes: list[int]) -> str:
    parts = ["# lernet benchmark results", ""]
    parts.append("Generated by `python bench/run.py`; see bench/README.md for what each number is.")
    parts += ["", "## Machine", ""]
    described = machine()
    parts += [f"- {k}: {v}" for k, v in described.items()]
    if load_line(info):
        parts += [f"- load: {load_line(info)}"]
    if described["lernet"].endswith("-dirty)"):
        parts += ["", "The working tree had uncommitted changes: these numbers are for that code."]
    parts += ["", "## Measurements", "", md_table(COLUMNS, table_rows(results)), ""]
    for line in (growth_line(results), corpus_line(info, sizes)):
        if line:
            parts += [line, ""]
    rows = [[t, v, "**miss**" if r == "miss" else r] for t, v, r in targets(results, sizes)]
    parts += ["## Targets", "", md_table(["target", "measured", ""], rows), ""]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="N=3, one run each, print only")
    parser.add_argument("--sizes", help="comma-separated corpus sizes (default 10,100,1000)")
    parser.add_argument(
        "--baseline-worker", nargs=2, metavar=("PATTERN", "DIR"), help=argparse.SUPPRESS
    )
    parser.add_argument("--floor-worker", nargs=2, metavar=("WORDS", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.baseline_worker:
        baseline_worker(Path(args.baseline_worker[0]), Path(args.baseline_worker[1]))
        return 0
    if args.floor_worker:
        floor_worker(Path(args.floor_worker[0]), Path(args.floor_worker[1]))
        return 0
    if args.sizes:
        sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    else:
        sizes = list(SMOKE_SIZES if args.smoke else DEFAULT_SIZES)
    t0 = time.perf_counter()
    try:
        results, info = run_benchmark(sizes, args.smoke)
    except BenchError as exc:
        log(f"bench: {exc}")
        return 1
    print(text_table(COLUMNS, table_rows(results)))
    for line in (growth_line(results), corpus_line(info, sizes)):
        if line:
            print(line)
    if load_line(info):
        print(load_line(info))
    print()
    print(text_table(["target", "measured", ""], targets(results, sizes)))
    log(f"benchmark took {time.perf_counter() - t0:.0f} s")
    if not args.smoke:
        text = report(results, info, sizes)
        notes = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
        if NOTES in notes:  # written by hand about a run: kept, to be read against the new one
            text += "\n" + notes[notes.index(NOTES) :]
        RESULTS.write_text(text, encoding="utf-8")
        log(f"wrote {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
