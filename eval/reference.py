"""Write the default codebook's reference passages from the dev interviews' key.

    .venv/bin/python eval/reference.py

Every passage the writers tagged in eval/dev/*.md (the key's evidence, tags taken out by lernet's
Markdown reader), per code, in file order, each once: what `lernet review --candidates` counts
with the codebook's examples (lernet_cli/learn/reference.py). Only dev: the test split and the
unseen studies stay unread, so candidates measured there (eval/candidates.py) remain a fair test.
Writes codebooks/lerende-netwerken.reference.json; a test checks that it is what this script
writes.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "codebooks" / "lerende-netwerken.reference.json"
_DIRECTION_RE = re.compile(r"\([^)]*\)")


def build(files: list[Path] | None = None) -> dict[str, Any]:
    """The passages of `files` (default: every dev interview)."""
    from lernet_cli.codebook.codebook import load_codebook
    from lernet_cli.readers import md

    book = load_codebook(ROOT / "codebooks" / "lerende-netwerken.yaml", with_rules=False)
    codes: dict[str, list[str]] = {}
    if files is None:
        files = sorted((ROOT / "eval" / "dev").glob("*.md"))
    for path in files:
        doc = md.read(path)
        paragraphs = {p.position: p.text for p in doc.paragraphs}
        for tag in doc.annotations:
            if tag.kind != "tag" or tag.start[0] != tag.end[0] or tag.start[0] not in paragraphs:
                continue
            text = " ".join(paragraphs[tag.start[0]][tag.start[1] : tag.end[1]].split())
            for part in tag.note.split(","):
                code = _DIRECTION_RE.sub("", part).strip()
                if text and code in book.codes and text not in codes.setdefault(code, []):
                    codes[code].append(text)
    return {
        "source": f"eval/dev: the key of {len(files)} interviews, written by eval/reference.py",
        "codes": {code: codes[code] for code in book.codes if codes.get(code)},
    }


def main() -> int:
    data = build()
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    n = sum(len(v) for v in data["codes"].values())
    print(f"wrote {OUT.relative_to(ROOT)}: {n} passages for {len(data['codes'])} codes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
