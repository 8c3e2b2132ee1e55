#!/usr/bin/env bash
# Trust benchmark: how `caseaudit extract` and `caseaudit audit` do on case
# files in other bureaus' house styles (the trust set, fixtures/README.md).
# Generates the set when missing (or older than the generator), OCRs it (the
# cache under the build makes a rerun quick), extracts and audits it against
# every unit's platform export, then scores the held-out family (the bars),
# the tune family and all.
#   bash bench/trust_bench.sh [BUILD_DIR]
# Environment: CASEAUDIT (the caseaudit binary; default BUILD_DIR/caseaudit),
# TRUST_OUT (work folder; default BUILD_DIR/trust-bench), TRUST_MISSES (misses
# to list per run; default 0), JOBS (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
caseaudit="${CASEAUDIT:-$build/caseaudit}"
out="${TRUST_OUT:-$build/trust-bench}"
misses="${TRUST_MISSES:-0}"
jobs="${JOBS:-2}"
trust="$out/trust"
for tool in "$build/caseaudit-fixtures" "$build/caseaudit-trust-eval" "$caseaudit"; do
  [ -x "$tool" ] || { echo "trust_bench: $tool missing (cmake --build $build --target caseaudit-fixtures caseaudit-trust-eval caseaudit)" >&2; exit 2; }
done

stamp="$trust/truth.json"
if [ ! -f "$stamp" ] || [ "$build/caseaudit-fixtures" -nt "$stamp" ]; then
  echo "== generating the trust set in $trust"
  rm -rf "$trust"
  "$build/caseaudit-fixtures" --seed 7 --out "$out" --set trust --quiet
fi
as_of=$(sed -n 's/^ *"as_of": *"\([0-9-]*\)".*/\1/p' "$stamp" | head -1)
mapfile -t cases < <(find "$trust/cases" -mindepth 1 -maxdepth 1 -type d ! -name '*.truth' | sort)
mapfile -t exports < <(find "$trust/exports" -type f | sort)

echo "== ocr (${#cases[@]} case files; cache $build/test-ocr-cache)"
t0=$(date +%s)
rm -rf "$out/ocr"
"$caseaudit" ocr "${cases[@]}" -o "$out/ocr" --cache "$build/test-ocr-cache" --jobs "$jobs" -q
t1=$(date +%s)
echo "   $((t1 - t0)) s"

echo "== extract"
rm -rf "$out/extract"
"$caseaudit" extract "$out"/ocr/case-* -o "$out/extract" -q || echo "   (extract exit status $?)"

echo "== audit (as of $as_of, ${#exports[@]} exports, the units in $trust/units.txt)"
rm -rf "$out/audit"
platform=()
for e in "${exports[@]}"; do platform+=(--platform "$e"); done
units=()
if "$caseaudit" audit --help 2>&1 | grep -q -- '--units'; then units=(--units "$trust/units.txt"); fi
status=0
"$caseaudit" audit --cases "$out/ocr" "${platform[@]}" "${units[@]}" --as-of "$as_of" -o "$out/audit" -q || status=$?
echo "   exit status $status (0 no error found, 5 errors found, 3 some inputs unreadable)"
grep -A3 '"unreadable"' "$out/audit/audit.json" | head -8 || true

for family in held-out tune all; do
  echo
  echo "== scores: $family"
  bars=()
  [ "$family" = held-out ] && bars=(--bars)
  "$build/caseaudit-trust-eval" "$trust" "$out/extract" "$out/audit/audit.json" --family "$family" \
    --show-misses "$misses" "${bars[@]}" || echo "   (held-out bars not met)"
done
