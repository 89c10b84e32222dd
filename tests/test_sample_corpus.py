"""The bundled sample corpus, coded by the default codebook's rules, gives the report's figures.

Nothing here is fed to the product: the figures come out of reading the ten files and applying the
rules; this test only compares them with the research report.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.analysis.matrix import cell_text, interest_matrix
from lernet_cli.cli import app
from lernet_cli.codebook.codebook import load_codebook
from lernet_cli.project.participants import load_participants
from lernet_cli.store.store import Store

from .conftest import DEFAULT_CODEBOOK

runner = CliRunner()

REPORT_COUNTS = {
    "knowledge_sharing.convinced": 3,
    "knowledge_sharing.hesitant": 3,
    "competition.protect_position": 2,
    "competition.client_openness": 2,
    "competition.specialization": 3,
    "competition.small_groups": 4,
    "trust.not_acquainted": 5,
    "development.critical_moment": 3,
}
GROUPS = ["kenniscentrum", "adviesbureau", "zelfstandig adviseur", "bedrijf"]
B, H, BH, NA = "Brengen", "Halen", "Brengen en halen", "n.v.t."
TABEL_1 = {
    "interest_balance.knowledge": [B, H, H, H],
    "interest_balance.experiences": [H, B, BH, BH],
    "interest_balance.inspiration": [BH, BH, BH, BH],
    "interest_balance.instruments": [B, H, H, H],
    "interest_balance.quality_monitoring": [B, H, H, H],
    "interest_balance.acquisition": [H, B, B, B],
    "interest_balance.sparring_partner": [B, NA, H, H],
    "interest_balance.complementary_services": [B, BH, BH, H],
    "interest_balance.networking": [BH, BH, BH, BH],
}
ADVISERS = {"adviesbureau", "zelfstandig adviseur"}


@pytest.fixture(scope="module")
def sample_project(coded_sample: Path) -> Path:
    return coded_sample


@pytest.fixture(scope="module")
def tally_json(sample_project: Path) -> dict:
    result = runner.invoke(app, ["tally", "--project", str(sample_project), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _codes(tally_json: dict) -> dict[str, dict]:
    return {c["id"]: c for t in tally_json["themes"] for c in t["codes"]}


def test_ten_interviews_in_four_groups(sample_project: Path) -> None:
    with Store.open(sample_project / ".lernet" / "lernet.db") as store:
        transcripts = store.transcripts()
    assert len(transcripts) == 10
    people = load_participants(sample_project / "sample_transcripts" / "participants.yaml")
    groups = Counter(people.people[t.participant].group for t in transcripts)
    assert groups == {
        "adviesbureau": 2,
        "zelfstandig adviseur": 2,
        "bedrijf": 4,
        "kenniscentrum": 2,
    }
    suffixes = Counter(Path(t.path).suffix for t in transcripts)
    assert suffixes[".txt"] >= 2 and suffixes[".docx"] >= 6


@pytest.mark.parametrize(("code", "expected"), sorted(REPORT_COUNTS.items()))
def test_report_counts(tally_json: dict, code: str, expected: int) -> None:
    assert _codes(tally_json)[code]["participants"] == expected


def test_advisers_behind_competition_and_critical_moment(tally_json: dict) -> None:
    codes = _codes(tally_json)
    for code in ("competition.protect_position", "development.critical_moment"):
        by_group = codes[code]["by_group"]
        assert sum(n for g, n in by_group.items() if g not in ADVISERS) == 0, by_group


def test_most_place_network_between_uniting_and_growing(tally_json: dict) -> None:
    codes = _codes(tally_json)
    phases = {
        p: set(codes[f"development.phase_{p}"]["participant_ids"])
        for p in ("potential", "uniting", "growing", "active", "dissolving")
    }
    between = phases["uniting"] | phases["growing"]
    assert len(between) > 5
    assert all(
        len(between) > len(ids) for p, ids in phases.items() if p not in ("uniting", "growing")
    )


def test_interest_balance_matrix_equals_tabel_1(sample_project: Path) -> None:
    cb = load_codebook(DEFAULT_CODEBOOK)
    people = load_participants(sample_project / "sample_transcripts" / "participants.yaml")
    with Store.open(sample_project / ".lernet" / "lernet.db") as store:
        rows = store.coding_rows(codes=cb.descendants("interest_balance"))
    matrix = interest_matrix(cb, rows, people)
    assert matrix.groups == GROUPS
    got = {r.id: [cell_text(r.cells[g]) for g in GROUPS] for r in matrix.rows}
    assert got == TABEL_1


def test_quotes_never_name_anyone(sample_project: Path) -> None:
    people = load_participants(sample_project / "sample_transcripts" / "participants.yaml")
    result = runner.invoke(app, ["quotes", "--project", str(sample_project), "--format", "json"])
    assert result.exit_code == 0
    text = result.stdout.lower()
    for name in people.all_names() + people.all_organisations():
        assert name.lower() not in text, name
    assert "[naam]" in text or "[organisatie]" in text
