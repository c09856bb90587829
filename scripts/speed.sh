#!/usr/bin/env bash
# Measures the real binary on the big book: start to first frame of `pactum render` (same load
# and draw code as the dashboard), resident memory and idle CPU of the dashboard in tmux.
# Usage: scripts/speed.sh [BOOK]   (default: generates /tmp/pactum-speed.db, 10k/100k/1M, seed 1)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/pactum
book=${1:-/tmp/pactum-speed.db}
export PACTUM_TODAY=2026-11-27
if [ ! -s "$book" ]; then
  /usr/bin/time -f "gen: %e s wall, %U s user, %S s sys" \
    "$bin" --db "$book" gen --partners 10000 --commitments 100000 --touches 1000000 --seed 1
fi
"$bin" --db "$book" render --size 200x50 >/dev/null   # the day's lines, once
for _ in 1 2 3 4 5; do
  /usr/bin/time -f "render 200x50: %e s wall, %U s user, %S s sys, %M KB max RSS" \
    "$bin" --db "$book" render --size 200x50 >/dev/null
done
/usr/bin/time -f "health (all): %e s wall, %U s user, %S s sys" "$bin" --db "$book" health >/dev/null

session=pactum-speed-$$
tmux new-session -d -s "$session" -x 200 -y 50 "$bin --db $book"
sleep 3
pid=$(pgrep -n -f -x "$bin --db $book")
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
echo "dashboard RSS: $(awk '/VmRSS/ {print $2, $3}' "/proc/$pid/status")"
before=$(ticks); sleep 10; after=$(ticks)
hz=$(getconf CLK_TCK)
echo "idle CPU over 10 s: $((after - before)) ticks of 1/$hz s ($(awk -v t=$((after - before)) -v hz="$hz" 'BEGIN {printf "%.2f", t / hz / 10 * 100}') % of a core)"
tmux send-keys -t "$session" q
sleep 1
tmux kill-session -t "$session" 2>/dev/null || true
