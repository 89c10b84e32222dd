#!/usr/bin/env bash
# Regenerate the LibreOffice-made fixtures from their flat-XML sources (needs LibreOffice):
#   bash tests/data/libreoffice/make.sh
# The outputs are committed so that tests run on machines without LibreOffice.
set -euo pipefail
cd "$(dirname "$0")"
for src in *.fodt; do
  soffice --headless --convert-to docx "$src" >/dev/null
  soffice --headless --convert-to odt "$src" >/dev/null
done
