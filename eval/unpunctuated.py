"""Robustness of the rules to unpunctuated speech (automatic transcripts): a split's interviews
with their punctuation taken out (speaker labels and the key's tag heads kept; `--lower` also
lower-cases them), scored as eval/run.py scores a split, beside the same interviews as written.

    .venv/bin/python eval/unpunctuated.py ROOT [dev|test] [--lower]

ROOT: the lernet checkout whose lernet_cli and eval/run.py are used. It prints participant-level
figures only (test interviews are never shown). Results: eval/unpunctuated.md.
"""

import json
import re
import sys
import tempfile
from pathlib import Path

root = Path(sys.argv[1]).resolve()
split = sys.argv[2] if len(sys.argv) > 2 else "dev"
sys.path.insert(0, str(root / "eval"))
sys.path.insert(0, str(root))
import run as ev  # noqa: E402

HEAD = re.compile(r"\[\[[a-z_.]+(?: \((?:take|bring|both|brengen|halen)\))?: ")
LABEL = re.compile(r"^([A-Z][\w .]{0,30}?: )")
PUNCT = re.compile(r"[.,?!;:…\"“”‘’()\-–—]+(?=\s|$|\]\])|(?<=\s)[\"“”‘(–—-]+")


def strip(text: str) -> str:
    lines = text.split("\n")
    out, front = [], 0
    for line in lines:
        if line.strip() == "---" and front < 2:
            front += 1
            out.append(line)
            continue
        if front < 2 or not line.strip():
            out.append(line)
            continue
        label = ""
        m = LABEL.match(line)
        if m:
            label, line = m.group(1), line[m.end() :]
        heads: list[str] = []

        def keep(mh: re.Match[str], heads: list[str] = heads) -> str:
            heads.append(mh.group(0))
            return f"\x00{len(heads) - 1}\x00"

        body = HEAD.sub(keep, line)
        body = PUNCT.sub("", body)
        body = re.sub(r"  +", " ", body)
        if "--lower" in sys.argv:
            body = body.lower()
        for k, v in enumerate(heads):
            body = body.replace(f"\x00{k}\x00", v)
        out.append(label + body)
    return "\n".join(out)


files = ev.interviews(split)
with tempfile.TemporaryDirectory() as tmp:
    src = Path(tmp) / "src"
    src.mkdir()
    for f in files:
        (src / f.name).write_text(strip(f.read_text(encoding="utf-8")), encoding="utf-8")
    variants = {"punctuated": files, "unpunctuated": sorted(src.glob("*.md"))}
    res = {}
    for name, fs in variants.items():
        r = ev.score_files(fs, Path(tmp) / name, private=(split != "dev"))
        m = r["micro"]["participant"]
        res[name] = {k: m[k] for k in ("tp", "fp", "fn", "precision", "recall", "f1")}
        res[name]["theme_f1"] = r["theme"]["participant"]["f1"]
print(json.dumps(res, indent=1))
