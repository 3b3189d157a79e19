#!/bin/sh
# mutate.sh PKG... runs gremlins (mutation testing) on each package in turn
# and prints its efficacy: killed / (killed + lived) mutants, where a lived
# mutant that the code names as equivalent (a comment containing
# "equivalent mutant" on its line or the line above) is left out, since no
# test can kill it. It exits 1 when a package is below $MUTATE_MIN percent.
#
# Environment: GREMLINS (the command; default: the pinned version through
# go run), MUTATE_WORKERS (default 1: the tests of these packages take
# milliseconds, parallel workers only compete for CPU), MUTATE_TIMEOUT
# (gremlins --timeout-coefficient, default 10: a mutant's test run may take
# 10x the coverage run before it counts as timed out), MUTATE_MIN (default 95).
set -eu
GREMLINS="${GREMLINS:-go run github.com/go-gremlins/gremlins/cmd/gremlins@v0.6.0}"
workers="${MUTATE_WORKERS:-1}"
coefficient="${MUTATE_TIMEOUT:-10}"
min="${MUTATE_MIN:-95}"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
status=0
summary=""
for pkg in "$@"; do
	echo "== gremlins $pkg"
	# -S lt: list only the lived and timed-out mutants.
	$GREMLINS unleash --workers "$workers" --timeout-coefficient "$coefficient" -S lt "$pkg" | tee "$out"
	killed="$(sed -n 's/^Killed: \([0-9]*\), Lived: \([0-9]*\).*/\1/p' "$out")"
	lived="$(sed -n 's/^Killed: \([0-9]*\), Lived: \([0-9]*\).*/\2/p' "$out")"
	if [ -z "$killed" ] || [ -z "$lived" ]; then
		echo "mutate: no gremlins summary for $pkg" >&2
		exit 1
	fi
	equivalent=0
	# Lines look like "LIVED ARITHMETIC_BASE at client.go:39:44", the file
	# relative to the package directory.
	for loc in $(sed -n 's/^ *LIVED [A-Z_]* at \(.*\):\([0-9]*\):[0-9]*$/\1:\2/p' "$out"); do
		file="$pkg/${loc%%:*}"
		line="${loc##*:}"
		prev=$((line > 1 ? line - 1 : 1))
		if sed -n "${prev},${line}p" "$file" | grep -q 'equivalent mutant'; then
			equivalent=$((equivalent + 1))
		else
			echo "mutate: $file:$line: a lived mutant: kill it with a test, or name it an equivalent mutant in a comment" >&2
		fi
	done
	counted=$((killed + lived - equivalent))
	if [ "$counted" -eq 0 ]; then
		efficacy=100
	else
		efficacy=$((killed * 10000 / counted))
		efficacy="$((efficacy / 100)).$(printf %02d $((efficacy % 100)))"
	fi
	line="$pkg: efficacy $efficacy% (killed $killed, lived $lived, of which $equivalent named equivalent)"
	if [ "$((killed * 100))" -lt "$((min * counted))" ]; then
		line="$line: below $min%"
		status=1
	fi
	summary="$summary$line
"
done
printf '\n%s' "$summary"
exit "$status"
