"""Every `from X import name` in lernet_cli resolves, those inside functions too: a module moved
or split (readers/labels.py into a package) can leave a function-level import pointing at a
name that is no longer there, which neither mypy (missing imports ignored) nor the layer test
sees until that function runs."""

from __future__ import annotations

import ast
import importlib
import importlib.util
from pathlib import Path

import lernet_cli

ROOT = Path(lernet_cli.__file__).parent


def _imports() -> list[tuple[str, str, str]]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        package = ".".join(parts[:-1])
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                module = node.module or ""
                name = (
                    importlib.util.resolve_name("." * node.level + module, package)
                    if node.level
                    else module
                )
                found += [(str(path.relative_to(ROOT)), name, a.name) for a in node.names]
    return found


def test_every_from_import_in_the_package_resolves() -> None:
    unresolved = []
    for where, module, name in _imports():
        if not module.startswith("lernet_cli"):
            continue
        try:
            loaded = importlib.import_module(module)
        except ImportError:
            unresolved.append(f"{where}: from {module} import {name}")
            continue
        if name == "*" or hasattr(loaded, name):
            continue
        try:
            importlib.import_module(f"{module}.{name}")
        except ImportError:
            unresolved.append(f"{where}: from {module} import {name}")
    assert unresolved == []
