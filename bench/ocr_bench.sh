#!/usr/bin/env bash
# OCR benchmark: caseaudit against two named baselines on the same pages, in one run.
#
#   bash bench/ocr_bench.sh [PAGES_DIR]        (default: fixtures/pages, 20+ pages with .truth.txt)
#
# Runs, each on 2 cores:
#   caseaudit   build/caseaudit ocr PAGES --jobs 2 --no-cache --engine tesseract   (clean-up included)
#   ppocr       the same with --engine ppocr (PP-OCRv4 on OpenCV dnn)
#   tesseract   the tesseract CLI page by page, two at a time, OMP_THREAD_LIMIT=1, -l chi_sim
#   ocrmypdf    ocrmypdf -l chi_sim --deskew --jobs 2 on the same pages as one PDF (img2pdf, lossless)
#   warm cache  caseaudit again with its cache filled (seconds per 100 pages)
# and prints wall time, pages per minute and CER (strict and NFKC-folded, whitespace removed) of each,
# with time ratios against the tesseract CLI and ocrmypdf. Installs ocrmypdf/img2pdf/ghostscript if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${1:-fixtures/pages}
BIN=build/caseaudit
CER=build/caseaudit-cer
[ -x "$BIN" ] && [ -x "$CER" ] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }

need=()
for p in ocrmypdf img2pdf ghostscript; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

WORK=$(mktemp -d /tmp/caseaudit-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mapfile -t IMGS < <(ls "$PAGES"/*.jpg | sort -V)
N=${#IMGS[@]}
[ "$N" -gt 0 ] || { echo "no pages in $PAGES" >&2; exit 2; }
mkdir -p "$WORK/pages"
for img in "${IMGS[@]}"; do ln -s "$(realpath "$img")" "$WORK/pages/$(basename "$img")"; done

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN{print b-a}'; }
calc() { awk "BEGIN{print $1}"; }

# Pairs "recognised truth" for caseaudit-cer, in page order.
pairs() { # $1: function mapping a page stem to its recognised text file
  for img in "${IMGS[@]}"; do
    stem=$(basename "${img%.jpg}"); printf '%s %s ' "$($1 "$stem")" "${img%.jpg}.truth.txt"
  done
}
cer_of() { "$CER" $(pairs "$1") | tail -n 1 | awk '{printf "%.2f %.2f", $2*100, $3*100}'; }

echo "caseaudit OCR benchmark: $N pages from $PAGES, $(nproc) cores"

# caseaudit: one case file (the folder), pages in natural order = sort -V order.
t0=$(now)
OMP_THREAD_LIMIT=1 "$BIN" ocr "$WORK/pages" -o "$WORK/ca" --jobs 2 --no-cache --quiet --engine tesseract || true
t1=$(now); T_CA=$(elapsed "$t0" "$t1")
t0=$(now)
"$BIN" ocr "$WORK/pages" -o "$WORK/pp" --jobs 2 --no-cache --quiet --engine ppocr || true
t1=$(now); T_PP=$(elapsed "$t0" "$t1")
i=0; declare -A CA_TXT
for img in "${IMGS[@]}"; do i=$((i+1)); CA_TXT[$(basename "${img%.jpg}")]=$(printf '%s/ca/pages/page-%04d.txt' "$WORK" "$i"); done
ca_txt() { echo "${CA_TXT[$1]}"; }
pp_txt() { local f; f=$(ca_txt "$1"); echo "${f/\/ca\//\/pp\/}"; }

# tesseract CLI, two pages at a time.
mkdir -p "$WORK/tess"
t0=$(now)
printf '%s\n' "${IMGS[@]}" | OMP_THREAD_LIMIT=1 xargs -P 2 -I{} sh -c \
  'tesseract "$1" "$2/$(basename "${1%.jpg}")" -l chi_sim >/dev/null 2>&1' _ {} "$WORK/tess"
t1=$(now); T_TS=$(elapsed "$t0" "$t1")
tess_txt() { echo "$WORK/tess/$1.txt"; }

# ocrmypdf on one PDF of the same pages (img2pdf embeds the JPEGs losslessly).
img2pdf "${IMGS[@]}" -o "$WORK/in.pdf"
t0=$(now)
ocrmypdf -q -l chi_sim --deskew --jobs 2 "$WORK/in.pdf" "$WORK/ocrmypdf.pdf" >/dev/null 2>&1 || echo "ocrmypdf failed" >&2
t1=$(now); T_OM=$(elapsed "$t0" "$t1")
mkdir -p "$WORK/om"; i=0
for img in "${IMGS[@]}"; do
  i=$((i+1)); pdftotext -f $i -l $i "$WORK/ocrmypdf.pdf" "$WORK/om/$(basename "${img%.jpg}").txt" 2>/dev/null || true
done
om_txt() { echo "$WORK/om/$1.txt"; }

# caseaudit again over a warm cache.
"$BIN" ocr "$WORK/pages" -o "$WORK/warm-fill" --jobs 2 --cache "$WORK/cache" --quiet --engine tesseract >/dev/null 2>&1 || true
t0=$(now)
"$BIN" ocr "$WORK/pages" -o "$WORK/warm" --jobs 2 --cache "$WORK/cache" --quiet --engine tesseract || true
t1=$(now); T_WARM=$(elapsed "$t0" "$t1")

row() { # name seconds cer_pair
  printf '| %-34s | %8.1f | %9.1f | %s |\n' "$1" "$2" "$(calc "$N * 60 / $2")" "$3"
}
echo
echo "| run                                | wall (s) | pages/min | CER strict % / NFKC % |"
echo "|------------------------------------|----------|-----------|-----------------------|"
row "caseaudit --engine tesseract -j2" "$T_CA" "$(cer_of ca_txt)"
row "caseaudit --engine ppocr -j2" "$T_PP" "$(cer_of pp_txt)"
row "tesseract CLI x2 (OMP_THREAD_LIMIT=1)" "$T_TS" "$(cer_of tess_txt)"
row "ocrmypdf --deskew --jobs 2" "$T_OM" "$(cer_of om_txt)"
echo
printf 'caseaudit (tesseract) / tesseract CLI wall time: %.2f (bar: <= 1.10)\n' "$(calc "$T_CA / $T_TS")"
printf 'caseaudit (ppocr): %.2f s wall per page (bar: <= 2.0)\n' "$(calc "$T_PP / $N")"
printf 'caseaudit / ocrmypdf wall time:      %.2f (bar: <= 0.50)\n' "$(calc "$T_CA / $T_OM")"
printf 'warm-cache rerun: %.2f s for %d pages = %.2f s per 100 pages (bar: < 1)\n' \
  "$T_WARM" "$N" "$(calc "$T_WARM * 100 / $N")"
echo
echo "Per page, CER strict % (caseaudit tesseract / caseaudit ppocr / tesseract CLI / ocrmypdf):"
for img in "${IMGS[@]}"; do
  s=$(basename "${img%.jpg}")
  a=$("$CER" "$(ca_txt "$s")" "${img%.jpg}.truth.txt" | head -1 | awk '{printf "%.1f", $3*100}')
  p=$("$CER" "$(pp_txt "$s")" "${img%.jpg}.truth.txt" | head -1 | awk '{printf "%.1f", $3*100}')
  b=$("$CER" "$(tess_txt "$s")" "${img%.jpg}.truth.txt" | head -1 | awk '{printf "%.1f", $3*100}')
  c=$("$CER" "$(om_txt "$s")" "${img%.jpg}.truth.txt" | head -1 | awk '{printf "%.1f", $3*100}')
  printf '  %-28s %6s %6s %6s %6s\n' "$s" "$a" "$p" "$b" "$c"
done
