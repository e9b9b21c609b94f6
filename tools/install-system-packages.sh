#!/usr/bin/env bash
# Debian packages the tests and PDF rendering need: LibreOffice (lays out the DOCX), poppler
# (pdftotext, pdftoppm), Laksaman (rescaled into a TH SarabunPSK-compatible font), and
# Chromium (the publish test opens index.html in a real browser), Tesseract with its Thai model
# (OCRmyPDF reads scanned manuals with it).
# Installs only what is missing; needs root (or sudo).
set -euo pipefail
packages=(libreoffice-writer-nogui python3-uno poppler-utils fonts-tlwg-laksaman fontconfig
          chromium tesseract-ocr tesseract-ocr-tha)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "system packages: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
