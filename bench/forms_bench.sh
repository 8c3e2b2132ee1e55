#!/usr/bin/env bash
# Forms benchmark: accuracy per field against the generator's truth, and the
# time to extract an already-OCR'd 30-page case file against reading its
# page JSON. Uses the same generated, OCR'd fixture set as the tests (made
# here when missing; the OCR cache makes a second run quick).
#   bash bench/forms_bench.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
bash tests/forms/prepare_fixtures.sh "$PWD" "$build" > /dev/null
root="$build/forms-fixtures"
args=()
for d in "$root"/forms/case-*.truth; do args+=("$root/ocr-forms/$(basename "$d" .truth)" "$d"); done
args+=("$root/ocr-cases/case-001" fixtures/cases/case-001.truth "$root/ocr-cases/case-002" fixtures/cases/case-002.truth)
echo "== accuracy (PP-OCR output of the forms fixture set and the committed case files)"
"$build/caseaudit-forms-eval" "${args[@]}"
echo
echo "== speed"
"$build/caseaudit-forms-speed" "$root"/ocr-forms/case-*
