#!/bin/sh
# run-fuzz.sh: run fuzz harnesses for a while each, on scratch copies of
# their seed corpora (the committed corpus never grows). Called by
# `make fuzz` and `make fuzz-smoke`.
#
#   sh tests/fuzz/run-fuzz.sh BINDIR SECONDS NAME...
#
# Runs BINDIR/fuzz_NAME on BINDIR/work/NAME (a fresh copy of
# tests/fuzz/corpus/NAME) with tests/fuzz/NAME.dict if there is one; its
# output goes to BINDIR/work/NAME.log, a crashing input to
# BINDIR/artifacts/NAME-*. Extra libFuzzer options may be given in
# $FUZZ_FLAGS. Prints one line per harness; exits 1 if any found something.
LC_ALL=C
export LC_ALL
cd "$(dirname "$0")/../.." || exit 2
[ $# -ge 3 ] || { echo "usage: run-fuzz.sh bindir seconds name..." >&2; exit 2; }
bindir=$1
seconds=$2
shift 2
status=0
mkdir -p "$bindir/work" "$bindir/artifacts" || exit 2
for name in "$@"; do
	bin=$bindir/fuzz_$name
	work=$bindir/work/$name
	log=$bindir/work/$name.log
	if [ ! -x "$bin" ]; then
		printf 'fuzz_%s: %s is not built\n' "$name" "$bin"
		status=1
		continue
	fi
	rm -rf "$work"
	mkdir -p "$work" || exit 2
	cp tests/fuzz/corpus/"$name"/* "$work"/ 2>/dev/null
	set -- -max_len=65536 -max_total_time="$seconds" -timeout=30 \
	    -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="$bindir/artifacts/$name-"
	[ -f "tests/fuzz/$name.dict" ] && set -- "$@" -dict="tests/fuzz/$name.dict"
	# shellcheck disable=SC2086
	"$bin" "$@" ${FUZZ_FLAGS:-} "$work" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(sed -n 's/^#[0-9]*.*cov: \([0-9]*\).*/\1/p' "$log" | tail -1)
	if [ $rc -eq 0 ]; then
		printf 'fuzz_%s: %s s, %s runs, coverage %s, corpus %s files: ok\n' \
		    "$name" "$seconds" "${runs:-?}" "${cov:-?}" \
		    "$(ls "$work" | wc -l | tr -d ' ')"
	else
		status=1
		printf 'fuzz_%s: FAILED (status %s); log %s\n' "$name" "$rc" "$log"
		grep -E 'ERROR: |fuzz check|SUMMARY: |runtime error|Test unit written|artifact_prefix' \
		    "$log" | head -20
	fi
done
exit $status
