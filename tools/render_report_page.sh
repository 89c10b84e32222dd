#!/usr/bin/env bash
# Render the sample report's pages to PNG, to look at it as a reader would.
# Usage: tools/render_report_page.sh OUT_DIR [lernet report options, e.g. --mark-unreviewed]
# Needs: apt-get install -y libreoffice-writer poppler-utils; with fonts-crosextra-carlito and
# fonts-crosextra-caladea (metric twins of Calibri and Cambria) lines break where Word breaks them.
set -euo pipefail
out=${1:?usage: tools/render_report_page.sh OUT_DIR [report options]}
shift
here=$(cd "$(dirname "$0")/.." && pwd)
lernet=${LERNET:-$(command -v lernet || echo "$here/.venv/bin/lernet")}
for tool in libreoffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y libreoffice-writer poppler-utils" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/sample_transcripts" "$work/"
printf 'codebook: %s\nparticipants: sample_transcripts/participants.yaml\n' \
  "$here/codebooks/lerende-netwerken.yaml" > "$work/lernet.yaml"
(cd "$work" && "$lernet" code sample_transcripts/ >/dev/null && "$lernet" report -o report.docx "$@")
libreoffice --headless --convert-to pdf --outdir "$work" "$work/report.docx" >/dev/null
mkdir -p "$out"
pdftoppm -png -r 60 "$work/report.pdf" "$out/report-page"
ls "$out"
