"""The report's charts kept in the project's cache folder, for the next report that draws them.

Importing matplotlib and drawing a theme's chart cost a report about a second for five themes, at
every run, although a researcher who edits one code's rules and writes the report again changes
the counts of one theme's chart at most. A chart's PNG is kept (sealed: see `sealed.py`) under
what it shows (its title, bars, groups and counts), the code that draws it, the installed
matplotlib and Pillow and the matplotlib settings files it would read, so that a chart taken from
the cache is the one drawing it would give, byte for byte. Best effort: a chart that cannot be
kept or loaded is drawn.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from .. import sealed

PREFIX = "chart-"
KEEP = 40
"""Charts kept: a report's themes by group and by a variable or two, and those before an edit."""
_MAX_BYTES = 8 * 1024 * 1024

DRAWN_BY = ("output/report.py", "output/chart_cache.py", "sealed.py")
"""The modules whose code decides what a chart is drawn as (paths below lernet_cli/)."""
LIBRARIES = ("matplotlib", "PIL")


@lru_cache(maxsize=1)
def _version() -> str | None:
    return sealed.version_key(DRAWN_BY, LIBRARIES)


def _settings() -> str:
    """The matplotlibrc files matplotlib would read (a user's or a folder's), by size and time:
    one edited draws another chart. Its own defaults are part of the installed library."""
    try:
        home: Path | None = Path.home()
    except (RuntimeError, KeyError):  # no home folder
        home = None
    candidates = [Path.cwd() / "matplotlibrc"]
    given = os.environ.get("MATPLOTLIBRC")
    if given:
        candidates += [Path(given), Path(given) / "matplotlibrc"]
    if os.environ.get("MPLCONFIGDIR"):
        candidates.append(Path(os.environ["MPLCONFIGDIR"]) / "matplotlibrc")
    xdg = os.environ.get("XDG_CONFIG_HOME")
    if xdg:
        candidates.append(Path(xdg) / "matplotlib" / "matplotlibrc")
    if home is not None:
        candidates += [
            home / ".config" / "matplotlib" / "matplotlibrc",
            home / ".matplotlib" / "matplotlibrc",
        ]
    found = []
    for path in candidates:
        try:
            st = path.stat()
        except OSError:
            continue
        found.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
    return ";".join(found)


def chart_key(shown: object) -> str | None:
    """The key of a chart that shows `shown` (JSON-able: everything the drawing reads), or None
    when the code's version cannot be told (nothing is cached then)."""
    version = _version()
    if version is None:
        return None
    what = hashlib.sha256(json.dumps(shown, ensure_ascii=False).encode()).hexdigest()
    return f"chart\0{version}\0{_settings()}\0{what}"


def cached_chart(cache: Path | None, shown: object, draw: Callable[[], bytes]) -> bytes:
    """The PNG `draw` gives for a chart showing `shown`: the one kept in `cache` when there is
    one, else drawn and kept."""
    key = chart_key(shown) if cache is not None else None
    if cache is None or key is None:
        return draw()
    name = sealed.file_name(PREFIX, key)
    found = sealed.load(cache, name, key, _MAX_BYTES)
    if isinstance(found, bytes):
        return found
    png = draw()
    sealed.save(cache, name, key, png, (f"{PREFIX}*.pickle", KEEP))
    return png
