"""A paragraph's text as a reader collects it from runs: the text, its leading bold part (a
speaker label set in bold) and the comment anchors met on the way, by offset."""

from __future__ import annotations


class RunText:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.bold: list[str] = []
        self.bold_open = True
        self.length = 0
        self.marks: list[tuple[str, str, int]] = []
        """Comment anchors: (kind, comment key, offset in the text)."""

    def add(self, text: str, bold: bool) -> None:
        self.parts.append(text)
        self.length += len(text)
        if self.bold_open:
            if bold or not text.strip():
                self.bold.append(text)
            else:
                self.bold_open = False

    def mark(self, kind: str, key: str) -> None:
        self.marks.append((kind, key, self.length))

    @property
    def text(self) -> str:
        return "".join(self.parts)

    @property
    def bold_prefix(self) -> str | None:
        return "".join(self.bold).strip() or None
