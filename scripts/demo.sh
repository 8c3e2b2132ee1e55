#!/usr/bin/env bash
# The main job on the bundled samples: set up, then OCR the sample case files
# into out/ (per-page JSON and text, and a searchable PDF per case file).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
rm -rf out
./build/caseaudit ocr fixtures/cases/case-001 fixtures/cases/case-002.pdf -o out --pdf
echo "demo: results in out/ (see out/*/page-*.txt and out/*.pdf)"
