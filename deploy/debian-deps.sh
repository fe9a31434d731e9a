#!/usr/bin/env bash
# Installs what accessd needs on Debian 12 (bookworm) to build, run and test:
# the OCR stack (tesseract, leptonica, libheif, poppler), clang for bindgen, and the
# real servers the integration tests start (Dovecot, Postfix, PostgreSQL, Chromium).
# Idempotent: does nothing when everything is already installed.
#
# Run accessd with OMP_THREAD_LIMIT=1 in its environment (systemd: Environment=
# OMP_THREAD_LIMIT=1): Debian's tesseract uses OpenMP, 2-5x slower when OCR jobs share
# a small machine, and OpenMP reads the variable only at start. accessd re-executes
# itself with it when it is missing.
set -euo pipefail

packages=(
  build-essential pkg-config clang libclang-dev
  libtesseract-dev libleptonica-dev tesseract-ocr-eng
  # the tesseract command: the ID-reading benchmark's baseline
  tesseract-ocr
  # libheif 1.15 (libheif-rs 0.20 builds against it); its x265 encoder lets the tests
  # write HEIC, its libde265 decoder reads iPhone photos
  libheif-dev libde265-dev
  # pdftoppm renders PDF pages that have no embedded scan
  poppler-utils
  # the fonts the ID-reading tests draw synthetic IDs with
  fonts-dejavu-core
  # the test corpus's documents (tests/corpus/documents/fonts.rs), printed in faces
  # other than accessd's own test IDs: Arial/Times/Courier metrics (also the base-14
  # metrics of its text PDFs), FreeFont, Calibri/Cambria metrics, URW base 35 (Century,
  # Palatino, Bookman, Gothic, Nimbus Sans Narrow, Zapf Chancery), OCR-B for machine-
  # readable zones, Dancing Script for signatures
  fonts-liberation2 fonts-freefont-ttf fonts-crosextra-carlito fonts-crosextra-caladea
  fonts-urw-base35 fonts-ocr-b fonts-dancingscript
  sqlite3
  dovecot-imapd dovecot-lmtpd postfix
  postgresql
  chromium chromium-driver
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# Postfix asks questions on install; answer them so it installs unattended. accessd's
# tests run their own Postfix from a temp dir, so the system one stays unconfigured.
echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
echo "postfix postfix/mailname string localhost" | $SUDO debconf-set-selections
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
