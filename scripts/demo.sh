#!/usr/bin/env bash
# The main job on the bundled samples: set up, then OCR the sample case files
# into out/ocr (per-page JSON and text, and a searchable PDF per case file) and
# extract their documents and fields into out/extract (JSON and a summary).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
rm -rf out
./build/caseaudit ocr fixtures/cases/case-001 fixtures/cases/case-002.pdf -o out/ocr --pdf
./build/caseaudit extract fixtures/cases/case-001 fixtures/cases/case-002.pdf -o out/extract
echo "demo: OCR in out/ocr (page-*.txt, *.pdf); documents and fields in out/extract (*.summary.txt, *.extract.json)"
