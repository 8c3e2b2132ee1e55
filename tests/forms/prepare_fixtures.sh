#!/usr/bin/env bash
# CTest fixture for the forms accuracy and rules tests: generates the forms
# fixture set (scanned case files with every document type, planted
# non-standard documents and unrelated pages) and the defects set (case files
# with planted rule defects), and OCRs them and the committed case files with
# the default engine. The OCR cache under the build makes a rerun instant.
#   prepare_fixtures.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src="$1"
build="$2"
out="$build/forms-fixtures"
mkdir -p "$out"
stamp="$out/forms/case-001.truth/case.truth.json"
if [ ! -f "$stamp" ] || [ "$build/caseaudit-fixtures" -nt "$stamp" ]; then
  rm -rf "$out/forms"
  "$build/caseaudit-fixtures" --seed 7 --out "$out" --set forms --quiet
fi
dstamp="$out/defects/case-001.truth/case.truth.json"
if [ ! -f "$dstamp" ] || [ "$build/caseaudit-fixtures" -nt "$dstamp" ]; then
  rm -rf "$out/defects"
  "$build/caseaudit-fixtures" --seed 7 --out "$out" --set defects --quiet
fi
cache="$build/test-ocr-cache"
"$build/caseaudit" ocr $(ls -d "$out"/forms/case-* | grep -v '\.truth$') -o "$out/ocr-forms" --cache "$cache" --jobs 2 -q
"$build/caseaudit" ocr "$src/fixtures/cases/case-001" "$src/fixtures/cases/case-002.pdf" -o "$out/ocr-cases" \
  --cache "$cache" --jobs 2 -q
"$build/caseaudit" ocr $(ls -d "$out"/defects/case-* | grep -v '\.truth$') -o "$out/ocr-defects" --cache "$cache" --jobs 2 -q
echo "forms fixtures ready in $out"
