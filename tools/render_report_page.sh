#!/usr/bin/env bash
# Render a Word report's pages to PNG, to look at it as a reader would.
# Usage: tools/render_report_page.sh OUT_DIR REPORT.docx   your report (or any .docx)
#        tools/render_report_page.sh OUT_DIR [lernet report options, e.g. --mark-unreviewed]
#          the bundled sample coded and reported in a scratch folder (for developers)
# The pages are OUT_DIR/<name>-page-1.png, -2.png ...
# Needs: apt-get install -y libreoffice-writer poppler-utils; with fonts-crosextra-carlito and
# fonts-crosextra-caladea (metric twins of Calibri and Cambria) lines break where Word breaks them.
set -euo pipefail
out=${1:?usage: tools/render_report_page.sh OUT_DIR [REPORT.docx | report options]}
shift
here=$(cd "$(dirname "$0")/.." && pwd)
for tool in libreoffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y libreoffice-writer poppler-utils" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ $# -ge 1 && "$1" == *.[dD][oO][cC][xX] ]]; then
  [[ -f "$1" ]] || { echo "$1: file not found" >&2; exit 1; }
  [[ $# -eq 1 ]] || { echo "a report file takes no report options: make it with lernet report first" >&2; exit 1; }
  name=$(basename "$1")
  name=${name%.*}
  cp "$1" "$work/report.docx"
else
  name=report
  lernet=${LERNET:-$(command -v lernet || echo "$here/.venv/bin/lernet")}
  cp -r "$here/sample_transcripts" "$work/"
  printf 'codebook: %s\nparticipants: sample_transcripts/participants.yaml\n' \
    "$here/codebooks/lerende-netwerken.yaml" > "$work/lernet.yaml"
  (cd "$work" && "$lernet" code sample_transcripts/ >/dev/null && "$lernet" report -o report.docx "$@")
fi
libreoffice --headless --convert-to pdf --outdir "$work" "$work/report.docx" >/dev/null
mkdir -p "$out"
pdftoppm -png -r 60 "$work/report.pdf" "$out/$name-page"
ls "$out"
