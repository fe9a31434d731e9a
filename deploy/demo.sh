#!/usr/bin/env bash
# The main job on embedded defaults, with demo data: installs what accessd needs,
# builds it, imports the demo directory, puts the demo mail into the Maildir
# (var/mail) and runs the daemon. Replies are written to var/outbox as .eml files.
# Ctrl-C stops the daemon cleanly. Running it again is harmless: the same mail is
# recognised and not ticketed twice.
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/debian-deps.sh
export OMP_THREAD_LIMIT=1
cargo build --release --locked
bin=target/release/accessd
for f in accounts cases parties requests; do
  "$bin" import "$f" "deploy/demo/directory/$f.csv"
done
"$bin" deliver deploy/demo/mail/*.eml

# A desk account for the demo, with a fresh password each run. The demo desk is plain
# HTTP on this machine, so its cookie cannot be HTTPS-only.
mkdir -p var
password="demo-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s' "$password" > var/demo-clerk-password
"$bin" clerks add demo --role supervisor --password-file var/demo-clerk-password
export ACCESSD__DESK__SECURE_COOKIE=false

"$bin" run &
daemon=$!
trap 'kill -TERM $daemon 2>/dev/null; wait $daemon' INT TERM
expected=$(ls deploy/demo/mail/*.eml | wc -l)
for _ in $(seq 1 120); do
  settled=$(find var/mail/new var/mail/cur -type f 2>/dev/null | wc -l)
  [ "$settled" -eq 0 ] && break
  sleep 1
done
echo
echo "== tickets (accessd tickets list): expect one ready_for_review, two awaiting_party, one flagged, one ignored"
"$bin" tickets list
echo
echo "== replies written to var/outbox: $(ls var/outbox | wc -l) (expected at most $expected; automatic mail gets none)"
echo "== the clerk desk: http://127.0.0.1:8080  name: demo  password: $password"
echo "== the daemon keeps running; deliver more with: $bin deliver FILE.eml   (Ctrl-C stops it)"
wait $daemon
