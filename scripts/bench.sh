#!/usr/bin/env bash
# Builds generated corpora with the release binary and prints, per size and
# mode, the median wall time of RUNS builds, articles per second, peak
# memory, pages and bytes written. Modes (MODES):
#
#   no-search  a cold build without the search index: no output folder and
#              so no build cache from an earlier build
#   search     a cold build with the search index (the default build)
#   edit-one   the default build again after one article gained a sentence,
#              with the output and its build cache from the build before
#   edit-one-no-search  the same with `--no-search`
#
# Each size is also built by the peers in PEERS, in the same run and from the
# same corpus, each with minimal templates making the same kinds of pages
# (articles, home, cause/treatment/author pages, A–Z lists, feed, sitemap):
# their rows have the peer's name in the mode column, and a last line per size
# gives the ratios peer / salve of median time and peak memory, which are the
# numbers that count across machines. Only `hugo` is a known peer (Debian:
# apt-get install hugo); its project is written once per size by
# scripts/bench/hugo-site.sh to target/bench/hugo-N, outside the timed part.
#
#   scripts/bench.sh                 # 1,000 and 10,000 articles, 5 runs each
#   SIZES="1000 10000 100000" RUNS=3 scripts/bench.sh
#   SIZES=1000 RUNS=1 MODES="no-search edit-one" scripts/bench.sh
#   PEERS= scripts/bench.sh          # salve only (the default without hugo)
#   SKIP_BUILD=1 scripts/bench.sh    # use target/release/ as it is
#   OUT=target/bench scripts/bench.sh  # outputs on disk, not in /dev/shm
#
# Corpora are written once to target/bench/ (seed 1) and reused.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000"}
# Outputs go to memory (tmpfs) when the machine has /dev/shm: on ext4, a
# build run just after the last run's output was deleted spends most of its
# time in the kernel skipping the freshly freed inodes (`recently_deleted`,
# perf), which measures the file system's bookkeeping, not the generators.
OUT=${OUT:-$( [ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm/salve-bench || echo "$PWD/target/bench")}
mkdir -p "$OUT"
RUNS=${RUNS:-5}
MODES=${MODES:-"no-search search edit-one edit-one-no-search"}
PEERS=${PEERS-$(command -v hugo >/dev/null && echo hugo || true)}
command -v /usr/bin/time >/dev/null || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
for peer in $PEERS; do
  case $peer in
    hugo) command -v hugo >/dev/null || { echo "bench: PEERS has hugo, which is not installed (apt-get install hugo)" >&2; exit 2; } ;;
    *) echo "bench: unknown peer '$peer' (known: hugo)" >&2; exit 2 ;;
  esac
done

# measure OUT PREP CMD...: runs PREP (untimed) then CMD, RUNS times, writing
# OUT, and sets `median` (seconds), `peak` (KiB), `pages` (.html files) and
# `mib` (size of OUT).
measure() {
  local out=$1 prep=$2; shift 2
  local times=() log wall rss
  peak=0
  for run in $(seq "$RUNS"); do
    $prep "$out" "$run"
    log=$(mktemp)
    if ! /usr/bin/time -v "$@" >/dev/null 2>"$log"; then
      echo "bench: failed: $*" >&2; cat "$log" >&2; rm -f "$log"; exit 1
    fi
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    times+=("$wall"); [ "$rss" -gt "$peak" ] && peak=$rss
    rm -f "$log"
  done
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
  pages=$(find "$out" -name '*.html' | wc -l)
  mib=$(du -sm "$out" | cut -f1)
}

# Preparations, called with OUT and the run's number.
cold() { rm -rf "$1"; }  # nothing from an earlier build: no output, no cache
# edit_one: the output and its build cache are there from a build of the
# corpus as it is; then one article gets a new sentence, different each run.
edit_one() {
  if [ ! -f "$edited.orig" ]; then
    cp "$edited" "$edited.orig"
    ./target/release/salve build --root "$corpus" --output "$1" $flag >/dev/null
  fi
  { cat "$edited.orig"; echo; echo "An added sentence for run $2 of the benchmark."; } >"$edited"
}
restore() { [ ! -f "${edited:-}.orig" ] || mv "$edited.orig" "$edited"; }
trap restore EXIT

row() { # row ARTICLES MODE: prints the last measure's figures
  local rate
  rate=$(awk -v n="$1" -v t="$median" 'BEGIN { printf "%.0f", (t > 0 ? n / t : 0) }')
  printf '%-8s %-19s %10s %12s %10s %8s %10s\n' "$1" "$2" "$median" "$rate" "$((peak / 1024))" "$pages" "$mib"
}

ratio() { # ratio A B: A / B as "3.14x", or "-" when B is missing or zero
  awk -v a="$1" -v b="${2:-}" 'BEGIN { if (b == "" || b == 0) print "-"; else printf "%.2fx", a / b }'
}

[ -n "${SKIP_BUILD:-}" ] || cargo build --release --quiet --bin salve --example gencorpus
mkdir -p target/bench
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr)"
echo "outputs in: $OUT"
for peer in $PEERS; do
  case $peer in hugo) echo "peer: $(hugo version | awk '{print $1, $2}')" ;; esac
done
printf '%-8s %-19s %10s %12s %10s %8s %10s\n' articles mode median_s articles/s peak_MiB pages MiB
declare -A t m  # median time and peak memory per "size mode"
summary=()
for n in $SIZES; do
  corpus=target/bench/corpus-$n
  [ -d "$corpus" ] || ./target/release/examples/gencorpus --articles "$n" --out "$corpus" >/dev/null
  edited=$(find "$corpus/articles" -name '*.md' | sort | sed -n 1p)
  for mode in $MODES; do
    flag=""; prep=cold
    case $mode in
      no-search) flag="--no-search" ;;
      search) ;;
      edit-one) prep=edit_one ;;
      edit-one-no-search) flag="--no-search"; prep=edit_one ;;
      *) echo "bench: unknown mode '$mode' (known: no-search search edit-one edit-one-no-search)" >&2; exit 2 ;;
    esac
    out=$OUT/out-$n-$mode
    measure "$out" $prep ./target/release/salve build --root "$corpus" --output "$out" $flag
    restore
    row "$n" "$mode"
    t["$n $mode"]=$median; m["$n $mode"]=$peak
  done
  for peer in $PEERS; do
    out=$OUT/out-$n-$peer
    case $peer in
      hugo)
        project=target/bench/hugo-$n
        if [ ! -f "$project/hugo.toml" ] || [ scripts/bench/hugo-site.sh -nt "$project/hugo.toml" ] || [ "$corpus" -nt "$project/hugo.toml" ]; then
          scripts/bench/hugo-site.sh "$corpus" "$project" 2>/dev/null
        fi
        measure "$out" cold hugo --quiet --source "$project" --destination "$out"
        ;;
    esac
    row "$n" "$peer"
    summary+=("$(printf '%-8s %-10s time %s no-search, %s search; peak memory %s no-search, %s search' \
      "$n" "$peer/salve" \
      "$(ratio "$median" "${t["$n no-search"]:-}")" "$(ratio "$median" "${t["$n search"]:-}")" \
      "$(ratio "$peak" "${m["$n no-search"]:-}")" "$(ratio "$peak" "${m["$n search"]:-}")")")
  done
done
[ ${#summary[@]} -eq 0 ] || { echo; printf '%s\n' "${summary[@]}"; }
