"""A 95% confidence interval for Krippendorff's alpha, per row and overall, for `lernet agree` of
two coders (`agreement.py`) and of three or more (`agreement_all.py`), as journal reviewers ask.

Decisions, so that the interval can be reported and reproduced:

- Method: a percentile bootstrap over the units. Each of RESAMPLES resamples draws as many units
  as were compared, with replacement; a unit drawn comes with all its values for every code, so
  that the overall (which pools the codes' decisions) is resampled as the units it rests on, not
  as independent decisions. The interval is the 2.5th and 97.5th percentile (linear between the
  two nearest) of the alphas of the resamples.
- Reproducible: the resamples come from a generator seeded with SEED, the same for every run and
  every row, so the same codings give the same interval.
- Undefined: no interval where alpha itself is undefined (None). A resample in which only one
  value occurs has no alpha and is left out; the interval is over the resamples that have one.
- Alpha in a resample is computed as in `agreement_all.Coincidences` (nominal, a unit of m values
  adds 1/(m - 1) per ordered pair), in floating point; with two coders on every unit that is the
  two-coder alpha.
"""

from __future__ import annotations

import operator
import random
from collections import Counter
from typing import Any, Protocol

RESAMPLES = 1000
SEED = 20250101
LEVEL = 0.95
METHOD = "percentile bootstrap over units"


class _Row(Protocol):
    yes: dict[int, int]
    pooled: bool
    own: Any
    ci: tuple[float, float] | None

    def point(self) -> float | None: ...


def method_json(resamples: int = RESAMPLES) -> dict[str, Any] | None:
    """How the intervals were made, for `--format json`; None when none were (`--resamples 0`)."""
    if not resamples:
        return None
    return {"level": LEVEL, "method": METHOD, "resamples": resamples, "seed": SEED}


def _alpha(yy: float, yn: float, nn: float) -> float | None:
    n_yes = yy + yn
    n_no = nn + yn
    n = n_yes + n_no
    expected = 2 * n_yes * n_no
    if n < 2 or expected <= 1e-12:
        return None
    return 1 - (n - 1) * 2 * yn / expected


def _percentile(ordered: list[float], q: float) -> float:
    pos = q * (len(ordered) - 1)
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def intervals(
    values: list[int],
    parts: list[dict[int, int]],
    pooled: list[bool],
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> tuple[list[tuple[float, float] | None], tuple[float, float] | None]:
    """The interval of each part and of the overall (the sum of the `pooled` parts).

    `values[u]`: how many coders gave unit u a value (units with fewer than two are not paired);
    `parts[i]`: unit -> how many of them gave code i there (units where nobody did left out).
    """
    rng = random.Random(seed)
    draws: list[list[float]] = [[] for _ in parts]
    overall: list[float] = []
    pairable = [m if m >= 2 else 0 for m in values]
    drawn = [u for u, m in enumerate(pairable) if m]  # a unit of one value is not compared
    if not drawn:
        return [None for _ in parts], None
    # per part: (m, k) -> the units where k of m values are "yes", whose weights add up alike
    grouped: list[list[tuple[float, float, float, list[int]]]] = []
    for yes in parts:
        by: dict[tuple[int, int], list[int]] = {}
        for u, k in yes.items():
            if pairable[u]:
                by.setdefault((pairable[u], k), []).append(u)
        grouped.append(
            [
                (
                    k * (k - 1) / (m - 1),
                    k * (m - k) / (m - 1),
                    (m - k) * (m - k - 1) / (m - 1) - m,
                    us,
                )
                for (m, k), us in by.items()
            ]
        )
    n = len(pairable)
    for _ in range(resamples):
        weights = [0] * n
        for u, c in Counter(rng.choices(drawn, k=len(drawn))).items():
            weights[u] = c
        base = float(sum(map(operator.mul, weights, pairable)))  # all "no": m each
        total = [0.0, 0.0, 0.0]
        for i, groups in enumerate(grouped):
            yy = yn = 0.0
            nn = base
            for d_yy, d_yn, d_nn, us in groups:
                c = sum(map(weights.__getitem__, us))
                yy += c * d_yy
                yn += c * d_yn
                nn += c * d_nn
            alpha = _alpha(yy, yn, nn)
            if alpha is not None:
                draws[i].append(alpha)
            if pooled[i]:
                total[0] += yy
                total[1] += yn
                total[2] += nn
        alpha = _alpha(*total)
        if alpha is not None:
            overall.append(alpha)

    def interval(alphas: list[float]) -> tuple[float, float] | None:
        if not alphas:
            return None
        alphas.sort()
        tail = (1 - LEVEL) / 2
        return (_percentile(alphas, tail), _percentile(alphas, 1 - tail))

    return [interval(d) for d in draws], interval(overall) if any(pooled) else None


def add_intervals(result: Any, resamples: int = RESAMPLES) -> None:
    """Set `ci` on each row of an agreement result (two coders or a group), on its `own` part,
    and `overall_ci` on the result; None where alpha is undefined, and everywhere with
    `resamples` 0 (a researcher who reports no interval need not wait for one)."""
    result.ci_resamples = resamples
    if not resamples:
        return
    rows: list[_Row] = []
    for row in result.codes:
        rows.append(row)
        if row.own is not None:
            rows.append(row.own)
    pooled = [bool(r.pooled) for r in rows]  # a row whose sub-codes are rows: its own part is
    found, overall = intervals(result.unit_values, [r.yes for r in rows], pooled, resamples)
    for row, ci in zip(rows, found, strict=True):
        row.ci = ci if row.point() is not None else None
    result.overall_ci = overall if result.overall_point() is not None else None
