#!/bin/sh
# run.sh: every test of ns: unit tests of common/, golden CLI cases, man
# page lint, acceptance on hand-made dumps (and on ../shared/seed when it is
# there). Ends with "N passed, N failed"; exits 1 if any failed.
#
# NS_BINDIR: where the tools are (default build); NS_UNITDIR: the unit test
# programs (default $NS_BINDIR/tests); NS_SHARED: the shared folder (default
# ../shared); NS_VALGRIND=1: run the tools of the CLI cases under valgrind
# memcheck, an invalid access or a definite leak failing the case.
LC_ALL=C
export LC_ALL
cd "$(dirname "$0")/.." || exit 2
top=$(pwd)
bindir=${NS_BINDIR:-build}
case $bindir in /*) ;; *) bindir=$top/$bindir ;; esac
unitdir=${NS_UNITDIR:-$bindir/tests}
case $unitdir in /*) ;; *) unitdir=$top/$unitdir ;; esac
shared=${NS_SHARED:-../shared}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' INT TERM
passed=0
failed=0

if [ "${NS_VALGRIND:-0}" = 1 ]; then
	# Wrappers with the tools' names, so that .sh cases run them too.
	mkdir "$tmp/vg"
	for t in "$bindir"/ns-*; do
		[ -x "$t" ] || continue
		printf '#!/bin/sh\nNS_NO_JIT=1 exec valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite "%s" "$@"\n' \
		    "$t" >"$tmp/vg/$(basename "$t")"
		chmod +x "$tmp/vg/$(basename "$t")"
	done
	clibin=$tmp/vg
else
	clibin=$bindir
fi

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); printf 'FAIL %s\n' "$1"; }

# 1. Unit tests: each program prints "name: N passed, N failed".
for t in "$unitdir"/test_*; do
	[ -x "$t" ] || continue
	out=$("$t" 2>"$tmp/unit.err")
	rc=$?
	cat "$tmp/unit.err"
	p=$(printf '%s\n' "$out" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
	f=$(printf '%s\n' "$out" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
	if [ -z "$p" ] || [ $rc -ne 0 ]; then
		fail "unit $(basename "$t") (status $rc)"
		[ -n "$f" ] && failed=$((failed + f - 1))
		[ -n "$p" ] && passed=$((passed + p))
	else
		passed=$((passed + p))
	fi
done

# 2. Golden CLI cases: tests/cli/<tool>/<case>.args (words) or <case>.sh
# (a script, for pipes and special files), stdin <case>.in, then stdout
# must equal <case>.out, stderr <case>.err (empty if none), status
# <case>.rc (0 if none).
for dir in tests/cli/*/; do
	tool=$(basename "$dir")
	for spec in "$dir"*.args "$dir"*.sh; do
		[ -f "$spec" ] || continue
		case=${spec%.*}
		name=$tool/$(basename "$case")
		in=/dev/null
		[ -f "$case.in" ] && in=$top/$case.in
		if [ "${spec##*.}" = sh ]; then
			(cd "$dir" && NS_BINDIR=$clibin TMP=$tmp PATH=$clibin:$PATH \
			    sh "$top/$spec" <"$in" >"$tmp/out" 2>"$tmp/err")
		else
			# shellcheck disable=SC2046
			(cd "$dir" && "$clibin/$tool" $(cat "$top/$spec") \
			    <"$in" >"$tmp/out" 2>"$tmp/err")
		fi
		rc=$?
		want_rc=0
		[ -f "$case.rc" ] && want_rc=$(cat "$case.rc")
		ok=1
		if ! cmp -s "$tmp/out" "$case.out"; then
			ok=0
			diff -u "$case.out" "$tmp/out" | head -20
		fi
		if [ -f "$case.err" ]; then
			cmp -s "$tmp/err" "$case.err" || { ok=0; diff -u "$case.err" "$tmp/err" | head -10; }
		elif [ -s "$tmp/err" ]; then
			ok=0
			printf 'unexpected stderr:\n'
			head -5 "$tmp/err"
		fi
		if [ "$rc" != "$want_rc" ]; then
			ok=0
			printf 'status %s, want %s\n' "$rc" "$want_rc"
		fi
		if [ $ok = 1 ]; then pass; else fail "cli $name"; fi
	done
done

# 3. Man pages: mandoc lint without a warning.
for page in man/*.1 man/*.7; do
	[ -f "$page" ] || continue
	if out=$(mandoc -Tlint -Wwarning "$page" 2>&1) && [ -z "$out" ]; then
		pass
	else
		printf '%s\n' "$out"
		fail "man $page"
	fi
done

# 4. Acceptance: hand-made dumps against their hand-made gold.
for dump in tests/accept/*.txt; do
	gold=${dump%.txt}.gold.jsonl
	[ -f "$gold" ] || continue
	"$bindir/ns-split" "$dump" >"$tmp/split" 2>"$tmp/err" &&
	    "$bindir/ns-strip-ads" "$tmp/split" >"$tmp/pred" 2>>"$tmp/err"
	rc=$?
	if [ $rc -ne 0 ] || [ -s "$tmp/err" ]; then
		printf 'status %s, stderr:\n' "$rc"
		head -5 "$tmp/err"
		fail "accept $dump"
	elif "$unitdir/check-articles" "$gold" "$tmp/pred"; then
		pass
	else
		fail "accept $dump"
	fi
done
# Dumps joined by cat: every ordered pair of the dumps above, A, two blank
# lines and B, against A's gold and B's; one pass or fail per A. A pair in
# tests/accept/known-pair-failures ("A B reason", names without .txt) is
# expected to fail, and fails the check when it passes.
known=tests/accept/known-pair-failures
for a in tests/accept/*.txt; do
	an=$(basename "$a" .txt)
	[ -f "${a%.txt}.gold.jsonl" ] || continue
	bad=
	for b in tests/accept/*.txt; do
		bn=$(basename "$b" .txt)
		[ "$a" = "$b" ] && continue
		[ -f "${b%.txt}.gold.jsonl" ] || continue
		{ cat "$a"; printf '\n\n'; cat "$b"; } >"$tmp/pair.txt"
		cat "${a%.txt}.gold.jsonl" "${b%.txt}.gold.jsonl" >"$tmp/pair.gold"
		"$bindir/ns-split" "$tmp/pair.txt" 2>/dev/null |
		    "$bindir/ns-strip-ads" >"$tmp/pred" 2>/dev/null
		if "$unitdir/check-articles" "$tmp/pair.gold" "$tmp/pred" \
		    >"$tmp/pair.out" 2>&1; then
			ok=1
		else
			ok=0
		fi
		if grep -q "^$an $bn " "$known" 2>/dev/null; then
			[ $ok = 1 ] && bad="$bad $bn(passes, but listed in $known)"
		elif [ $ok = 0 ]; then
			bad="$bad $bn($(tail -1 "$tmp/pair.out"))"
		fi
	done
	if [ -z "$bad" ]; then
		pass
	else
		printf '%s +%s\n' "$an" "$bad"
		fail "accept pairs $an"
	fi
done

seed=$shared/seed/000_a9d7e82769cc67ef.txt
if [ -f "$seed" ]; then
	"$bindir/ns-split" "$seed" >"$tmp/split" 2>"$tmp/err" &&
	    "$bindir/ns-strip-ads" "$tmp/split" >"$tmp/pred" 2>>"$tmp/err"
	rc=$?
	if [ $rc -ne 0 ] || [ -s "$tmp/err" ]; then
		printf 'status %s, stderr:\n' "$rc"
		head -5 "$tmp/err"
		fail "accept $seed"
	elif "$unitdir/check-articles" --lines "$seed" tests/accept/seed-000.spec "$tmp/pred"; then
		pass
	else
		fail "accept $seed"
	fi
else
	printf 'skipped: %s is not here\n' "$seed"
fi

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
