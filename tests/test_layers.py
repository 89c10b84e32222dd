"""The package layout is the architecture: a module never imports from a higher layer.

Every import in lernet_cli (top-level and inside functions) is read with `ast`, resolved to the
package it lands in, and compared by layer. See ARCHITECTURE.md for what each layer owns.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "lernet_cli"

# Lowest first. Modules at the top of the package (errors, model, __init__) are the base.
LAYERS = [
    "",
    "language",
    "readers",
    "codebook",
    "store",
    "project",
    "coding",
    "analysis",
    "learn",
    "output",
    "exchange",
    "cli",
]
RANK = {name: i for i, name in enumerate(LAYERS)}
ENTRY_POINTS = {"__main__"}


def _layer_of_module(parts: list[str], package: Path) -> str:
    """The layer of a module given as its dotted parts below lernet_cli."""
    if len(parts) > 1 or (parts and (package / parts[0]).is_dir()):
        return parts[0]
    return ""


def _imports(path: Path, package: Path) -> list[tuple[int, list[str]]]:
    """(line, target parts below lernet_cli) for each import of lernet_cli in a file."""
    here = list(path.relative_to(package).parts[:-1])
    out: list[tuple[int, list[str]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)] if node.level > 1 else here
                if node.level - 1 > len(here):
                    raise AssertionError(f"{path}:{node.lineno}: import above the package")
                target = base + (node.module.split(".") if node.module else [])
                if node.module is None:
                    out.extend((node.lineno, target + [a.name]) for a in node.names)
                else:
                    out.append((node.lineno, target))
            elif node.module and node.module.split(".")[0] == "lernet_cli":
                out.append((node.lineno, node.module.split(".")[1:]))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "lernet_cli":
                    out.append((node.lineno, alias.name.split(".")[1:]))
    return out


def violations(package: Path = PACKAGE) -> list[str]:
    found = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).with_suffix("")
        if rel.name in ENTRY_POINTS:
            continue
        mine = _layer_of_module(list(rel.parts), package)
        for line, target in _imports(path, package):
            theirs = _layer_of_module(target, package)
            if RANK[theirs] > RANK[mine]:
                found.append(
                    f"{rel}.py:{line} ({mine or 'base'}) imports {'.'.join(target)} ({theirs})"
                )
    return found


def test_every_package_is_a_known_layer() -> None:
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert packages == set(LAYERS) - {""}


def test_no_import_runs_up_a_layer() -> None:
    assert violations() == []


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    fake = tmp_path / "lernet_cli"
    for layer in ("store", "cli"):
        (fake / layer).mkdir(parents=True)
        (fake / layer / "__init__.py").write_text("")
    (fake / "store" / "store.py").write_text("def f():\n    from ..cli import app\n")
    (fake / "cli" / "common.py").write_text("from ..store.store import f\n")
    assert violations(fake) == ["store/store.py:2 (store) imports cli (cli)"]


@pytest.mark.parametrize("layer", [name for name in LAYERS if name and name != "cli"])
def test_library_never_imports_the_cli_framework(layer: str) -> None:
    for path in (PACKAGE / layer).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not any(n.split(".")[0] in ("typer", "click") for n in names), path
