#!/usr/bin/env bash
# Runs every accessd test on a fresh Debian machine: installs what the tests need,
# then the unit, property, conformance and integration tests (which start their own
# Dovecot, Postfix, PostgreSQL and Chromium from temp dirs).
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/debian-deps.sh
# Debian's tesseract uses OpenMP; one thread per OCR job is faster on small machines.
export OMP_THREAD_LIMIT=1
cargo test --all-targets --locked "$@"
# The daemon's integration suite again, on PostgreSQL (a server the tests start).
ACCESSD_TEST_ENGINE=postgres cargo test --locked --test daemon "$@"
