#!/usr/bin/env bash
# Runs every fuzz target for a short time from its seeds: a smoke test, not
# a campaign. Usage: fuzz/smoke.sh [SECONDS per target, default 20].
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# An input that crashes, panics, runs out of memory or takes over 5 s fails
# the run; libFuzzer saves it under fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
cargo +nightly fuzz build
for target in $(cargo +nightly fuzz list); do
  echo "-- fuzz $target (${secs} s)"
  corpus=fuzz/corpus/$target
  mkdir -p "$corpus"
  seeds=fuzz/seeds/$target
  [ "$target" = pabulib ] && seeds=tests/data/pabulib
  log=$(mktemp)
  status=0
  cargo +nightly fuzz run "$target" "$corpus" "$seeds" -- \
    -max_total_time="$secs" -timeout=5 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 > "$log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done|==|SUMMARY|thread|assertion|  left|  right)' "$log" || true
  rm -f "$log"
  if [ "$status" -ne 0 ]; then
    echo "fuzz target $target failed: the input is in fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
