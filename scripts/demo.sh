#!/usr/bin/env bash
# The main job on the bundled samples: set up, then OCR the sample case files
# into out/ocr (per-page JSON and text, and a searchable PDF per case file),
# extract their documents and fields into out/extract (JSON and a summary), and
# self-check them against the rule packs into out/check, and audit them against
# the sample platform export (fixtures/platform) into out/audit.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
rm -rf out
./build/caseaudit ocr fixtures/cases/case-001 fixtures/cases/case-002.pdf -o out/ocr --pdf
./build/caseaudit extract fixtures/cases/case-001 fixtures/cases/case-002.pdf -o out/extract
# The self-check exits 5 when it finds an error; case-001's transfer lacks its report and goods list.
./build/caseaudit check fixtures/cases/case-001 fixtures/cases/case-002.pdf -o out/check || [ $? -eq 5 ]
# The audit exits 5 on error findings: case-002 was never entered, case-001's transfer was entered late.
./build/caseaudit audit --cases fixtures/cases/case-001 --cases fixtures/cases/case-002.pdf \
  --platform fixtures/platform/南阳市-平台导出-样例.csv --as-of 2024-06-30 -o out/audit || [ $? -eq 5 ]
echo "demo: OCR in out/ocr (page-*.txt, *.pdf); documents and fields in out/extract (*.summary.txt, *.extract.json);"
echo "      self-check reports in out/check (*.check.txt, *.check.json)"
echo "      platform audit in out/audit (audit-report.txt, audit-findings.xlsx and .csv, audit.json)"
