#!/usr/bin/env bash
# CTest fixture for the trust-class tests (test_trust_classes.cpp): generates
# the trust set's `tune` family (case files in other bureaus' house styles and
# scan modes, with their platform exports; fixtures/README.md), OCRs them with
# the default engine (the OCR cache under the build makes a rerun quick), and
# runs `caseaudit extract`, `check` and `audit` on them as a user would. The
# held-out family is never generated here: it is for bench/trust_bench.sh.
#   prepare_trust.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src="$1"
build="$2"
out="$build/trust-fixtures"
gen="$build/caseaudit-fixtures"
ca="$build/caseaudit"
trust="$out/trust"
mkdir -p "$out"

stamp="$trust/truth.json"
if [ ! -f "$stamp" ] || [ "$gen" -nt "$stamp" ]; then
  rm -rf "$trust"
  "$gen" --seed 7 --out "$out" --set trust --only truth --quiet
fi
# The tune family's folders, from the truth.
mapfile -t tune < <(python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))
print("\n".join(c["folder"] for c in t["cases"] if c["family"] == "tune"))' "$stamp")
missing=()
for c in "${tune[@]}"; do
  if [ ! -d "$trust/cases/$c" ] || [ "$gen" -nt "$trust/cases/$c" ]; then missing+=("$c"); fi
done
if [ ${#missing[@]} -gt 0 ]; then
  printf '%s\n' "${missing[@]}" | xargs -P 2 -I{} "$gen" --seed 7 --out "$out" --set trust --only {} --quiet
fi

cases=()
for c in "${tune[@]}"; do cases+=("$trust/cases/$c"); done
"$ca" ocr "${cases[@]}" -o "$out/ocr" --cache "$build/test-ocr-cache" --jobs 2 -q

as_of=$(sed -n 's/^ *"as_of": *"\([0-9-]*\)".*/\1/p' "$stamp" | head -1)
platform=()
while IFS= read -r e; do platform+=(--platform "$e"); done < <(find "$trust/exports" -type f | sort)

rm -rf "$out/extract" "$out/check" "$out/audit" "$out/audit-nanyang" "$out/audit-shuanggongshi"
"$ca" extract "$out"/ocr/case-* -o "$out/extract" -q || true
"$ca" check "$out"/ocr/case-* -o "$out/check" -q || true
"$ca" audit --cases "$out/ocr" "${platform[@]}" --units "$trust/units.txt" --as-of "$as_of" -o "$out/audit" -q || true
# The same audit under 南阳's profile: its clock starts at the decision and its findings cite its own sources.
"$ca" audit --cases "$out/ocr" "${platform[@]}" --units "$trust/units.txt" --as-of "$as_of" --profile nanyang \
  -o "$out/audit-nanyang" -q || true
# The units' penalties as published in the national 双公示 columns, in place of the platform's export.
sgs=()
while IFS= read -r e; do sgs+=(--platform "$e"); done < <(find "$trust/shuanggongshi" -type f | sort)
"$ca" audit --cases "$out/ocr" "${sgs[@]}" --units "$trust/units.txt" --as-of "$as_of" -o "$out/audit-shuanggongshi" -q || true
for f in "$out/audit/audit.json" "$out/audit-nanyang/audit.json" "$out/audit-shuanggongshi/audit.json"; do
  [ -s "$f" ] || { echo "prepare_trust: $f was not written" >&2; exit 1; }
done
echo "trust fixtures ready in $out"
