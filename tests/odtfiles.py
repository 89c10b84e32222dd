"""Hand-built .odt packages for tests: the odd cases LibreOffice will not write on request."""

from __future__ import annotations

import zipfile
from pathlib import Path

TEXT_MIMETYPE = "application/vnd.oasis.opendocument.text"
NAMESPACES = " ".join(
    f'xmlns:{prefix}="{uri}"'
    for prefix, uri in {
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
        "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
        "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
        "dc": "http://purl.org/dc/elements/1.1/",
        "loext": "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0",
    }.items()
)
MANIFEST_NS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"


def content_xml(body: str, automatic_styles: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-content {NAMESPACES} office:version="1.3">'
        f"<office:automatic-styles>{automatic_styles}</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>"
    )


def manifest_xml(mimetype: str = TEXT_MIMETYPE, entries: str = "") -> str:
    return (
        f'<manifest:manifest xmlns:manifest="{MANIFEST_NS}" manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        f"{entries}</manifest:manifest>"
    )


def odt(
    path: Path,
    body: str = "",
    *,
    automatic_styles: str = "",
    styles: str | None = None,
    content: str | bytes | None = None,
    mimetype: str | None = TEXT_MIMETYPE,
    manifest: str | None = None,
) -> Path:
    """Write an .odt laid out as LibreOffice writes it: `mimetype` first and stored, then parts.

    `body` goes inside office:text; `content` replaces the whole content.xml (None and no body:
    no content.xml at all); `styles` is the inside of styles.xml's office:styles.
    """
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        if mimetype is not None:
            zf.writestr(zipfile.ZipInfo("mimetype"), mimetype, zipfile.ZIP_STORED)
        zf.writestr("META-INF/manifest.xml", manifest or manifest_xml(mimetype or TEXT_MIMETYPE))
        if content is None and body:
            content = content_xml(body, automatic_styles)
        if content is not None:
            zf.writestr("content.xml", content)
        if styles is not None:
            zf.writestr(
                "styles.xml",
                f'<office:document-styles {NAMESPACES} office:version="1.3">'
                f"<office:styles>{styles}</office:styles></office:document-styles>",
            )
    return path


def paragraphs(*lines: str) -> str:
    return "".join(f"<text:p>{line}</text:p>" for line in lines)
