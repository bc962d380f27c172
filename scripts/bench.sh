#!/usr/bin/env bash
# Builds generated corpora with the release binary and prints, per size and
# mode (with and without the search index): the median wall time of RUNS
# builds, articles per second, peak memory, pages and bytes written.
#
#   scripts/bench.sh                 # 1,000 and 10,000 articles, 5 runs each
#   SIZES="1000 10000 100000" RUNS=3 scripts/bench.sh
#
# Corpora are written once to target/bench/ (seed 1) and reused.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000"}
RUNS=${RUNS:-5}
MODES=${MODES:-"no-search search"}
command -v /usr/bin/time >/dev/null || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

cargo build --release --quiet --bin salve --example gencorpus
mkdir -p target/bench
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr)"
printf '%-8s %-10s %10s %12s %10s %8s %10s\n' articles mode median_s articles/s peak_MiB pages MiB
for n in $SIZES; do
  corpus=target/bench/corpus-$n
  [ -d "$corpus" ] || ./target/release/examples/gencorpus --articles "$n" --out "$corpus" >/dev/null
  for mode in $MODES; do
    flag=""; [ "$mode" = no-search ] && flag="--no-search"
    out=target/bench/out-$n-$mode
    times=(); peak=0
    for _ in $(seq "$RUNS"); do
      log=$(mktemp)
      /usr/bin/time -v ./target/release/salve build --root "$corpus" --output "$out" $flag >/dev/null 2>"$log"
      wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
      rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
      times+=("$wall"); [ "$rss" -gt "$peak" ] && peak=$rss
      rm -f "$log"
    done
    median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
    pages=$(find "$out" -name '*.html' | wc -l)
    mib=$(du -sm "$out" | cut -f1)
    rate=$(awk -v n="$n" -v t="$median" 'BEGIN { printf "%.0f", (t > 0 ? n / t : 0) }')
    printf '%-8s %-10s %10s %12s %10s %8s %10s\n' "$n" "$mode" "$median" "$rate" "$((peak / 1024))" "$pages" "$mib"
  done
done
