#!/usr/bin/env bash
# A searchable Hugo site as one command, so that scripts/bench.sh times it
# as one: Hugo builds PROJECT (written by scripts/bench/hugo-site.sh) into
# OUT, then Pagefind's CLI indexes OUT into OUT/pagefind/ (the pages that
# carry data-pagefind-body).
#
#   scripts/bench/hugo-pagefind.sh HUGO PAGEFIND PROJECT OUT
#
# /usr/bin/time -v on this script reports the wall and CPU time of both
# (and of this shell, a few milliseconds), and as peak memory the larger of
# the two processes' peaks: the kernel keeps, for a waited-for child, the
# largest resident set of it and of every descendant it waited for. The two
# run one after the other, so their peaks never add up.
#
# PAGEFIND should be the native binary (the one npm's `pagefind` package
# ships for the platform), not npm's node wrapper, whose start would be
# timed too.
set -euo pipefail

[ $# -eq 4 ] || { echo "usage: $0 HUGO PAGEFIND PROJECT OUT" >&2; exit 2; }
hugo=$1 pagefind=$2 project=$3 out=$4
"$hugo" --quiet --source "$project" --destination "$out"
"$pagefind" --site "$out" --quiet
