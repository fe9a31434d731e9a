#!/usr/bin/env bash
# The main job on embedded defaults, with demo data: installs what accessd needs,
# builds it, imports the demo directory and screens the demo mail.
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/debian-deps.sh
export OMP_THREAD_LIMIT=1
cargo build --release --locked
bin=target/release/accessd
for f in accounts cases parties requests; do
  "$bin" import "$f" "deploy/demo/directory/$f.csv"
done
for m in deploy/demo/mail/*.eml; do
  echo "== $m"
  "$bin" check "$m"
done
