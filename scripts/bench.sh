#!/bin/sh
# bench.sh: speed and memory of the ns tools on a large raw news corpus, beside
# baselines run in the same session on the same inputs (make bench). A
# benchmark, not a test: it never fails on speed. Exit status 0, or 1 when an
# ns tool failed to run, 2 when the benchmark could not be set up at all.
#
#   corpus   tests/accept/*.txt (BOM stripped) and, when ../shared is here,
#            the BBC News Summary articles (the Latin-1 one skipped), each
#            followed by a blank line and "Link to original source", repeated
#            to NS_BENCH_MB (default 200) MB and cut after an article; then
#            articles.jsonl = ns-split of it, stripped.jsonl = ns-strip-ads
#            of that. All of it in a scratch directory under $TMPDIR or /tmp,
#            removed at the end.
#   ns       ns-split (raw corpus), ns-strip-ads (articles.jsonl), sentences
#            = ns-split --from jsonl --unit sentence (stripped.jsonl),
#            sentences (raw text) = ns-split --unit sentence (raw corpus),
#            ns-summarize (stripped.jsonl), the pipeline ns-split |
#            ns-strip-ads | ns-summarize (raw corpus), and ns-entities
#            (stripped.jsonl; when built, else a "not built" row); each also
#            on a 10 MB slice of its input, and on copies of its input to
#            NS_BENCH_BIG_MB (default 1000; 0 skips) MB streamed by cat (no
#            big file on disk; not the pipeline, whose peak is one tool's),
#            for its peak RSS there: memory is flat when the two are within
#            a few MB of the full-size figure.
#   threads  ns-strip-ads -j 2, ns-summarize -j 2 and ns-entities -j 2 on the
#            full input, pinned to cores 0 and 1 (taskset -c 0,1, when there
#            are two), with the speed-up over the -j 1 row on one core.
#   baselines  cat on each input (the limit), jq -c . on articles.jsonl, the
#            jansson floor (json-floor, built by make bench: each line parsed
#            by jansson as the tools do, and written back) on articles.jsonl
#            and stripped.jsonl, and json-floor -w (written by jansson) on
#            articles.jsonl, whose difference is jansson's cost of writing,
#            ns-split --no-builtin (with and without --unit sentence) on the
#            raw corpus: splitting and writing without the line rules, whose
#            difference from the ns-split rows is what the rules cost, and
#            the peers of ../shared/peers on a slice of stripped.jsonl
#            (NS_BENCH_PEER_MB, default 2 MB), each with a time limit
#            (NS_BENCH_PEER_TIMEOUT, default 120 s): sentences, summaries and
#            entities (wink-entities, compromise-entities); ns sentences,
#            ns-summarize and ns-entities are run on that slice too. A peer
#            not installed gets a "not installed" row.
#   work     the segmenter, the summarizer and the entity recognizer alone
#            (work-speed, built by make bench) over the records of the 10 MB
#            slice of stripped.jsonl held in memory, no JSON read or written:
#            a table of its own; a tool's row less its work row is what
#            reading and writing its records with jansson costs it.
#   tokens/s for ns-entities and the entity peers: the words (wc -w) of the
#            input records' "text", per wall second.
#   pathological  (NS_BENCH_PATHO=0 skips) each tool (ns-split on raw text,
#            the others on one record) on 1, 4 and 16 MB of one line of one
#            repeated character, of dots, of "1." (digits and dots), of
#            capitalised words ("Word Word ..."), of nested curly quotes
#            (“‘“‘...) and of opening brackets, and on a one-word input (the
#            start-up): a second table with the seconds, time(16)/time(1),
#            about 16 when the time grows linearly, and time(16)/time(4),
#            about 4.
#
# Every command runs on one core (taskset -c NS_BENCH_CPU, default 0, when
# taskset is here), the pipeline's three processes included, except the -j 2
# rows (two cores), reading a file
# that is in the page cache and writing to /dev/null (peers: to a file, to
# check they wrote a record for each record read). Times: the best of
# NS_BENCH_RUNS runs (default 1; a peer stops at its first time-out or
# failure; the NS_BENCH_BIG_MB runs are made once); wall seconds include
# process start, and for peers on the slice
# "net MB/s" takes off the time of a run on its first record alone. MB is
# 10^6 bytes; peak RSS is that of the largest process (for the pipeline, the
# largest of the three), in MiB, by /usr/bin/time -f '%e %M', or else by
# python3's wait4 (which counts python3's own pages before the exec: the
# floor it has is printed). records/s counts input records; for ns-split and
# the pipeline, the articles ns-split writes.
#
# Prints the tables and writes the same rows as JSON lines to NS_BENCH_OUT
# (default build-bench/bench.jsonl). NS_BINDIR (default build) holds the tools.
# At the defaults it takes some minutes (the 1 GB runs most of it).

LC_ALL=C
export LC_ALL
here=$(pwd)
abspath() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$here/$1" ;; esac; }
bindir=$(abspath "${NS_BINDIR:-build}")
out=$(abspath "${NS_BENCH_OUT:-build-bench/bench.jsonl}")
mb=${NS_BENCH_MB:-200}
runs=${NS_BENCH_RUNS:-1}
peer_mb=${NS_BENCH_PEER_MB:-2}
peer_timeout=${NS_BENCH_PEER_TIMEOUT:-120}
big_mb=${NS_BENCH_BIG_MB:-1000}
patho=${NS_BENCH_PATHO:-1}
small_mb=10
cpu=${NS_BENCH_CPU:-0}
cd "$(dirname "$0")/.." || exit 2
shared=${NS_SHARED:-../shared}
peers=$shared/peers

for v in "$mb" "$runs" "$peer_mb" "$peer_timeout" "$cpu" "$big_mb" "$patho"; do
	case $v in
	'' | *[!0-9]*)
		echo "bench: NS_BENCH_MB, NS_BENCH_RUNS, NS_BENCH_PEER_MB, NS_BENCH_PEER_TIMEOUT, NS_BENCH_CPU, NS_BENCH_BIG_MB and NS_BENCH_PATHO take whole numbers" >&2
		exit 2
		;;
	esac
done
if [ "$mb" -eq 0 ] || [ "$runs" -eq 0 ] || [ "$peer_mb" -eq 0 ]; then
	echo "bench: NS_BENCH_MB, NS_BENCH_RUNS and NS_BENCH_PEER_MB must be over 0" >&2
	exit 2
fi
for t in ns-split ns-strip-ads ns-summarize; do
	if [ ! -x "$bindir/$t" ]; then
		echo "bench: $bindir/$t is not built (make BUILDDIR=... first)" >&2
		exit 2
	fi
done
have_ent=
[ -x "$bindir/ns-entities" ] && have_ent=1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ns-bench.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' INT TERM HUP

# --- how to time a command ----------------------------------------------------
# now: nanoseconds, when date has %N (GNU); empty otherwise.
case $(date +%s%N 2>/dev/null) in
'' | *[!0-9]*) have_ns_date= ;;
*) have_ns_date=1 ;;
esac
now() { [ -n "$have_ns_date" ] && date +%s%N; }

pin=
if command -v taskset >/dev/null 2>&1 && taskset -c "$cpu" true 2>/dev/null; then
	pin="taskset -c $cpu"
fi
# For the -j 2 rows: two cores (0 and 1) when there are two.
ncpu=$(getconf _NPROCESSORS_ONLN 2>/dev/null || nproc 2>/dev/null || echo 1)
pin2=
if [ "${ncpu:-1}" -ge 2 ] && command -v taskset >/dev/null 2>&1 && taskset -c 0,1 true 2>/dev/null; then
	pin2="taskset -c 0,1"
fi
have_timeout=
if command -v timeout >/dev/null 2>&1; then
	have_timeout=1
fi
have_py=
if command -v python3 >/dev/null 2>&1; then
	have_py=1
fi

# ptime.py LIMIT TIMEFILE CMD...: runs CMD (stdin, stdout, stderr inherited),
# kills it after LIMIT seconds (0: no limit), writes "wall maxrss_kib status"
# (status 124 when killed on time, 128+signal when killed by a signal).
cat >"$tmp/ptime.py" <<'PY'
import os, signal, subprocess, sys, threading, time
limit, tfile, cmd = float(sys.argv[1]), sys.argv[2], sys.argv[3:]
t0 = time.perf_counter()
try:
    p = subprocess.Popen(cmd)
except OSError as e:
    sys.stderr.write("%s: %s\n" % (cmd[0], e))
    open(tfile, "w").write("0 0 127\n")
    sys.exit(127)
hit = []
def kill():
    hit.append(1)
    p.kill()
timer = threading.Timer(limit, kill) if limit > 0 else None
if timer:
    timer.start()
_, st, ru = os.wait4(p.pid, 0)
wall = time.perf_counter() - t0
if timer:
    timer.cancel()
rc = 124 if hit else (os.WEXITSTATUS(st) if os.WIFEXITED(st) else 128 + os.WTERMSIG(st))
open(tfile, "w").write("%.6f %d %d\n" % (wall, ru.ru_maxrss, rc))
PY

tmode='date'
if [ -x /usr/bin/time ] && /usr/bin/time -f '%e %M' -o "$tmp/t" true 2>/dev/null &&
	tail -n 1 "$tmp/t" | grep -q '^[0-9.]* [0-9][0-9]*$'; then
	tmode=gnu
elif [ -n "$have_py" ]; then
	tmode=py
fi

# timed IN OUT LIMIT CMD...: runs CMD <IN >OUT once on one core, with a time
# limit in seconds (0: none). Sets t_wall (seconds), t_rss (KiB, empty when
# unknown), t_rc (124 on time out); stderr goes to $tmp/err.
timed() {
	_in=$1 _out=$2 _lim=$3
	shift 3
	t_rss=
	if [ "$tmode" = py ]; then
		rm -f "$tmp/time"
		$pin python3 "$tmp/ptime.py" "$_lim" "$tmp/time" "$@" <"$_in" >"$_out" 2>"$tmp/err"
		t_rc=$?
		[ -s "$tmp/time" ] && read -r t_wall t_rss t_rc <"$tmp/time"
		return
	fi
	if [ "$_lim" != 0 ]; then
		if [ -n "$have_timeout" ]; then
			set -- timeout "$_lim" "$@"
		elif [ -n "$have_py" ]; then
			set -- python3 "$tmp/ptime.py" "$_lim" "$tmp/time2" "$@"
		fi
	fi
	_t0=$(now)
	if [ "$tmode" = gnu ]; then
		$pin /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" <"$_in" >"$_out" 2>"$tmp/err"
		t_rc=$?
		_t1=$(now)
		# shellcheck disable=SC2046 # "wall rss", split on purpose
		set -- $(tail -n 1 "$tmp/time" 2>/dev/null) '' ''
		t_wall=$1 t_rss=$2
	else
		_s0=$(date +%s)
		$pin "$@" <"$_in" >"$_out" 2>"$tmp/err"
		t_rc=$?
		_t1=$(now)
		t_wall=$(($(date +%s) - _s0))
	fi
	if [ -n "$_t0" ] && [ -n "$_t1" ]; then
		t_wall=$(awk -v a="$_t0" -v b="$_t1" 'BEGIN { printf "%.6f", (b - a) / 1e9 }')
	fi
}

# best IN OUT LIMIT N CMD...: the run of N with the lowest wall time; sets
# b_wall, b_rss, b_rc (the first failing status, if any run failed).
best() {
	_bin=$1 _bout=$2 _blim=$3 _n=$4
	shift 4
	b_wall='' b_rss='' b_rc=0
	_i=0
	while [ "$_i" -lt "$_n" ]; do
		timed "$_bin" "$_bout" "$_blim" "$@"
		if [ "$t_rc" != 0 ] && [ "$b_rc" = 0 ]; then
			b_rc=$t_rc
			cp "$tmp/err" "$tmp/err.fail" 2>/dev/null
		fi
		if [ -z "$b_wall" ] || awk -v a="$t_wall" -v b="$b_wall" 'BEGIN { exit !(a < b) }'; then
			b_wall=$t_wall b_rss=$t_rss
		fi
		_i=$((_i + 1))
	done
}

size() { wc -c <"$1" | tr -d ' '; }
lines() { wc -l <"$1" | tr -d ' '; }
# slice_jsonl IN MB: the first whole lines of IN holding at least MB MB.
slice_jsonl() {
	awk -v lim="$2" 'BEGIN { lim *= 1000000 } { n += length($0) + 1; print; if (n >= lim) exit }' "$1"
}
# slice_raw IN MB: the first articles of the raw corpus IN holding at least MB MB.
slice_raw() {
	awk -v lim="$2" 'BEGIN { lim *= 1000000 }
		{ n += length($0) + 1; print; if (n >= lim && $0 == "Link to original source") exit }' "$1"
}

# rows: one tab-separated line a measurement:
# kind tool job input inkey bytes records wall rss_kib rss10_kib status command
# start rssbig_kib tokens: start is the wall time on the slice's first record
# alone (peers and ns on the peer slice), to tell start-up (Node.js, Python)
# from throughput; rssbig the peak RSS on the NS_BENCH_BIG_MB input; tokens
# the words of the input texts (ns-entities, for tokens/s). Set them as
# globals before row; empty when not measured.
rows=$tmp/rows
start='' rssbig='' tokens=''
: >"$rows"
row() {
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" "${start-}" "${rssbig-}" "${tokens-}" >>"$rows"
}
failed=0

# --- the corpus -----------------------------------------------------------------
echo "bench: building a $mb MB corpus in $tmp"
# A unit: the dumps, then the BBC articles, each followed by a blank line and
# an end marker (trailing blank lines of a file dropped first).
unit_awk='BEGIN { bom = sprintf("%c%c%c", 239, 187, 191) }
function close_file() {
	if (NR > 1) { printf "\nLink to original source\n\n" }
	pend = ""
}
FNR == 1 {
	close_file()
	if (substr($0, 1, 3) == bom) $0 = substr($0, 4)
}
/^[ \t\r]*$/ { pend = pend $0 "\n"; next }
{ printf "%s%s\n", pend, $0; pend = "" }
END { close_file() }'
awk "$unit_awk" tests/accept/*.txt >"$tmp/unit.txt"
bbc=$shared/data/bbc-summary/articles
nbbc=0
if [ -d "$bbc" ]; then
	# Skip what is not UTF-8 (sport/199.txt is Latin-1): by grep where the
	# C.UTF-8 locale is here, and by name always.
	bad=$(LC_ALL=C.UTF-8 grep -laxv '.*' "$bbc"/*/*.txt 2>/dev/null)
	for f in "$bbc"/*/*.txt; do
		[ -f "$f" ] || continue
		case $f in */sport/199.txt) continue ;; esac
		case "
$bad
" in *"
$f
"*) continue ;; esac
		printf '%s\n' "$f"
	done >"$tmp/bbc.list"
	nbbc=$(lines "$tmp/bbc.list")
	if [ "$nbbc" -gt 0 ]; then
		tr '\n' '\0' <"$tmp/bbc.list" | xargs -0 awk "$unit_awk" >>"$tmp/unit.txt"
	fi
fi
unit_bytes=$(size "$tmp/unit.txt")
if [ "$unit_bytes" -eq 0 ]; then
	echo "bench: no text for the corpus (tests/accept/*.txt)" >&2
	exit 2
fi
reps=$((mb * 1000000 / unit_bytes + 1))
i=0
while [ "$i" -lt "$reps" ]; do
	cat "$tmp/unit.txt"
	i=$((i + 1))
done | slice_raw - "$mb" >"$tmp/corpus.txt"
rm -f "$tmp/unit.txt"
if ! "$bindir/ns-split" <"$tmp/corpus.txt" >"$tmp/articles.jsonl" 2>"$tmp/err" ||
	! "$bindir/ns-strip-ads" <"$tmp/articles.jsonl" >"$tmp/stripped.jsonl" 2>"$tmp/err"; then
	echo "bench: could not derive the JSON-lines inputs:" >&2
	head -n 5 "$tmp/err" >&2
	exit 2
fi
raw_b=$(size "$tmp/corpus.txt")
art_b=$(size "$tmp/articles.jsonl")
str_b=$(size "$tmp/stripped.jsonl")
narts=$(lines "$tmp/articles.jsonl")
nstr=$(lines "$tmp/stripped.jsonl")
slice_raw "$tmp/corpus.txt" "$small_mb" >"$tmp/corpus.small"
slice_jsonl "$tmp/articles.jsonl" "$small_mb" >"$tmp/articles.small"
slice_jsonl "$tmp/stripped.jsonl" "$small_mb" >"$tmp/stripped.small"
slice_jsonl "$tmp/stripped.jsonl" "$peer_mb" >"$tmp/stripped.peer"
head -n 1 "$tmp/stripped.peer" >"$tmp/stripped.one"
peer_b=$(size "$tmp/stripped.peer")
npeer=$(lines "$tmp/stripped.peer")
echo "bench: corpus $raw_b bytes ($reps x $unit_bytes-byte unit: tests/accept dumps + $nbbc BBC articles), $narts articles"
echo "bench: articles.jsonl $art_b bytes, stripped.jsonl $str_b bytes; peer slice $peer_b bytes, $npeer records"
case $tmode in
gnu) how="/usr/bin/time" ;;
py) how="python3 wait4" ;;
*) how="date (no RSS)" ;;
esac
[ -n "$have_ns_date" ] && how="$how, wall by date +%N"
echo "bench: timing with $how; ${pin:-no taskset: not pinned}; best of $runs run(s)"
# The smallest peak RSS this timer reports (python3's wait4 counts the pages
# python3 had before the exec): a floor under every RSS figure.
timed /dev/null /dev/null 0 true
[ -n "$t_rss" ] && echo "bench: peak RSS of true(1) by this timer: $(awk -v k="$t_rss" 'BEGIN { printf "%.1f", k / 1024 }') MiB"

# --- ns ---------------------------------------------------------------------------
pipe='"$1" | "$2" | "$3"'
# repeat N FILE CMD...: CMD reading N copies of FILE, streamed by cat (no
# big file on disk). The copies of a raw corpus that ends after an article,
# or of JSON lines, are a valid input; the peak RSS is the largest process's,
# that of CMD (cat and sh are small).
repeat_sh='n=$1 f=$2; shift 2; i=0; while [ "$i" -lt "$n" ]; do cat "$f" || exit 2; i=$((i + 1)); done | "$@"'
# ns_run LABEL JOB INPUTNAME INKEY FILE SMALLFILE RECORDS CMD...
ns_run() {
	_label=$1 _job=$2 _iname=$3 _ikey=$4 _file=$5 _small=$6 _recs=$7
	shift 7
	echo "bench: $_label"
	best "$_small" /dev/null 0 1 "$@"
	_rss10=$b_rss
	[ "$b_rc" != 0 ] && _rss10=
	rssbig=
	if [ "$big_mb" -gt 0 ] && [ "$_job" != pipeline ]; then
		# Copies of the input to at least NS_BENCH_BIG_MB MB, once: RSS only
		# (not for the pipeline: its peak is that of one of the tools).
		_copies=$(( (big_mb * 1000000 + $(size "$_file") - 1) / $(size "$_file") ))
		best /dev/null /dev/null 0 1 sh -c "$repeat_sh" sh "$_copies" "$_file" "$@"
		[ "$b_rc" = 0 ] && rssbig=$b_rss
		[ "$b_rc" != 0 ] && echo "bench: $_label on $_copies copies of its input failed (status $b_rc)" >&2
	fi
	best "$_file" /dev/null 0 "$runs" "$@"
	_status=ok
	if [ "$b_rc" != 0 ]; then
		_status="failed (status $b_rc)"
		failed=1
		echo "bench: $_label failed:" >&2
		head -n 5 "$tmp/err.fail" >&2
	fi
	row ns "$_label" "$_job" "$_iname" "$_ikey" "$(size "$_file")" "$_recs" "$b_wall" "$b_rss" "$_rss10" "$_status" "$_cmd"
	rssbig='' tokens=''
}
# jobs_run LABEL JOB INPUTNAME INKEY FILE RECORDS CMD...: CMD (with -j 2) on
# two cores (pin2), beside its -j 1 row (JOB without the "-j2" suffix).
jobs_run() {
	_label=$1 _job=$2 _iname=$3 _ikey=$4 _file=$5 _recs=$6
	shift 6
	echo "bench: $_label (${pin2:-not pinned})"
	_pin1=$pin
	pin=$pin2
	best "$_file" /dev/null 0 "$runs" "$@"
	pin=$_pin1
	_status=ok
	if [ "$b_rc" != 0 ]; then
		_status="failed (status $b_rc)"
		failed=1
		echo "bench: $_label failed:" >&2
		head -n 5 "$tmp/err.fail" >&2
	fi
	row ns "$_label" "$_job" "$_iname" "$_ikey" "$(size "$_file")" "$_recs" "$b_wall" "$b_rss" "" "$_status" "$_cmd"
}
_cmd="ns-split"
ns_run ns-split split corpus.txt raw "$tmp/corpus.txt" "$tmp/corpus.small" "$narts" \
	"$bindir/ns-split"
_cmd="ns-strip-ads"
ns_run ns-strip-ads strip articles.jsonl articles "$tmp/articles.jsonl" "$tmp/articles.small" "$narts" \
	"$bindir/ns-strip-ads"
_cmd="ns-split --from jsonl --unit sentence"
ns_run sentences sentences stripped.jsonl stripped "$tmp/stripped.jsonl" "$tmp/stripped.small" "$nstr" \
	"$bindir/ns-split" --from jsonl --unit sentence
_cmd="ns-split --unit sentence"
ns_run "sentences (raw text)" sentences-raw corpus.txt raw "$tmp/corpus.txt" "$tmp/corpus.small" "$narts" \
	"$bindir/ns-split" --unit sentence
_cmd="ns-summarize"
ns_run ns-summarize summarize stripped.jsonl stripped "$tmp/stripped.jsonl" "$tmp/stripped.small" "$nstr" \
	"$bindir/ns-summarize"
_cmd="ns-split | ns-strip-ads | ns-summarize"
ns_run pipeline pipeline corpus.txt raw "$tmp/corpus.txt" "$tmp/corpus.small" "$narts" \
	sh -c "$pipe" sh "$bindir/ns-split" "$bindir/ns-strip-ads" "$bindir/ns-summarize"
# texts_words FILE: the words (wc -w) of the "text" fields of FILE, escaped
# line breaks counted as spaces.
texts_words() {
	awk '{
		i = index($0, "\"text\":\"")
		if (i == 0) next
		t = substr($0, i + 8)
		j = index(t, "\",\"")
		if (j) t = substr(t, 1, j - 1)
		gsub(/\\[nrt]/, " ", t)
		print t
	}' "$1" | wc -w | tr -d ' '
}
if [ -n "$have_ent" ]; then
	_cmd="ns-entities"
	tokens=$(texts_words "$tmp/stripped.jsonl")
	ns_run ns-entities entities stripped.jsonl stripped "$tmp/stripped.jsonl" "$tmp/stripped.small" "$nstr" \
		"$bindir/ns-entities"
else
	echo "bench: ns-entities: not built"
	row ns ns-entities entities stripped.jsonl stripped "$str_b" "$nstr" "" "" "" "not built" "ns-entities"
fi
_cmd="ns-strip-ads -j 2"
jobs_run "ns-strip-ads -j 2" strip-j2 articles.jsonl articles "$tmp/articles.jsonl" "$narts" \
	"$bindir/ns-strip-ads" -j 2
_cmd="ns-summarize -j 2"
jobs_run "ns-summarize -j 2" summarize-j2 stripped.jsonl stripped "$tmp/stripped.jsonl" "$nstr" \
	"$bindir/ns-summarize" -j 2
if [ -n "$have_ent" ]; then
	_cmd="ns-entities -j 2"
	jobs_run "ns-entities -j 2" entities-j2 stripped.jsonl stripped "$tmp/stripped.jsonl" "$nstr" \
		"$bindir/ns-entities" -j 2
fi

# --- baselines: cat, jq ---------------------------------------------------------
echo "bench: cat, jq"
for k in raw:corpus.txt:$narts articles:articles.jsonl:$narts stripped:stripped.jsonl:$nstr; do
	key=${k%%:*} rest=${k#*:}
	name=${rest%%:*} recs=${rest#*:}
	best "$tmp/$name" /dev/null 0 "$runs" cat
	st=ok
	[ "$b_rc" != 0 ] && st="failed (status $b_rc)"
	row base cat cat "$name" "$key" "$(size "$tmp/$name")" "$recs" "$b_wall" "$b_rss" "" "$st" "cat"
done
if command -v jq >/dev/null 2>&1; then
	best "$tmp/articles.jsonl" /dev/null 0 "$runs" jq -c .
	st=ok
	[ "$b_rc" != 0 ] && st="failed (status $b_rc)"
	row base "jq -c ." jq articles.jsonl articles "$art_b" "$narts" "$b_wall" "$b_rss" "" "$st" "jq -c ."
else
	row base "jq -c ." jq articles.jsonl articles "$art_b" "$narts" "" "" "" "not installed" "jq -c ."
fi

# The jansson floor: every line parsed as the tools parse it, and written back
# (scripts/json-floor.c): no JSON-lines tool reading with jansson is faster.
if [ -x "$bindir/json-floor" ]; then
	for k in articles:articles.jsonl:$narts stripped:stripped.jsonl:$nstr; do
		key=${k%%:*} rest=${k#*:}
		name=${rest%%:*} recs=${rest#*:}
		best "$tmp/$name" /dev/null 0 "$runs" "$bindir/json-floor"
		st=ok
		[ "$b_rc" != 0 ] && st="failed (status $b_rc)"
		row base "jansson floor" floor "$name" "$key" "$(size "$tmp/$name")" "$recs" "$b_wall" "$b_rss" "" "$st" "json-floor"
	done
	best "$tmp/articles.jsonl" /dev/null 0 "$runs" "$bindir/json-floor" -w
	st=ok
	[ "$b_rc" != 0 ] && st="failed (status $b_rc)"
	row base "jansson floor -w" floor-w articles.jsonl articles "$art_b" "$narts" "$b_wall" "$b_rss" "" "$st" "json-floor -w"
else
	row base "jansson floor" floor articles.jsonl articles "$art_b" "$narts" "" "" "" "not built" "json-floor"
fi
# ns-split without its rules (--no-builtin): what the line rules cost it,
# and the least splitting and writing with jansson cost without them.
for k in "ns-split --no-builtin:split:" "sentences --no-builtin:sentences-raw:--unit sentence"; do
	label=${k%%:*} rest=${k#*:}
	job=${rest%%:*} unit=${rest#*:}
	# shellcheck disable=SC2086 # unit is words, or none
	best "$tmp/corpus.txt" /dev/null 0 "$runs" "$bindir/ns-split" --no-builtin $unit
	st=ok
	[ "$b_rc" != 0 ] && st="failed (status $b_rc)"
	row base "$label" "$job-norules" corpus.txt raw "$raw_b" "$narts" "$b_wall" "$b_rss" "" "$st" \
		"ns-split --no-builtin${unit:+ $unit}"
done
# The work alone (scripts/work-speed.c): the segmenter, the summarizer and
# the entity recognizer over the records of the 10 MB slice held in memory,
# no JSON read or written; MB/s of the records as the tools read them.
work=$tmp/work
: >"$work"
if [ -x "$bindir/work-speed" ]; then
	# shellcheck disable=SC2086 # pin is words, or none
	if ! $pin "$bindir/work-speed" "$tmp/stripped.small" >"$work" 2>"$tmp/work.err"; then
		echo "bench: work-speed failed: $(head -1 "$tmp/work.err")" >&2
		: >"$work"
	fi
fi

# --- peers, on the slice ------------------------------------------------------------
slice_name="stripped.jsonl[${peer_mb}MB]"
echo "bench: ns on the peer slice"
best "$tmp/stripped.one" /dev/null 0 1 "$bindir/ns-split" --from jsonl --unit sentence
start=$b_wall
best "$tmp/stripped.peer" /dev/null 0 "$runs" "$bindir/ns-split" --from jsonl --unit sentence
st=ok
[ "$b_rc" != 0 ] && st="failed (status $b_rc)" && failed=1
row ns-slice sentences sentences "$slice_name" slice "$peer_b" "$npeer" "$b_wall" "$b_rss" "" "$st" \
	"ns-split --from jsonl --unit sentence"
best "$tmp/stripped.one" /dev/null 0 1 "$bindir/ns-summarize"
start=$b_wall
best "$tmp/stripped.peer" /dev/null 0 "$runs" "$bindir/ns-summarize"
st=ok
[ "$b_rc" != 0 ] && st="failed (status $b_rc)" && failed=1
row ns-slice ns-summarize summarize "$slice_name" slice "$peer_b" "$npeer" "$b_wall" "$b_rss" "" "$st" "ns-summarize"
if [ -n "$have_ent" ]; then
	best "$tmp/stripped.one" /dev/null 0 1 "$bindir/ns-entities"
	start=$b_wall
	tokens=$(texts_words "$tmp/stripped.peer")
	best "$tmp/stripped.peer" /dev/null 0 "$runs" "$bindir/ns-entities"
	st=ok
	[ "$b_rc" != 0 ] && st="failed (status $b_rc)" && failed=1
	row ns-slice ns-entities entities "$slice_name" slice "$peer_b" "$npeer" "$b_wall" "$b_rss" "" "$st" "ns-entities"
fi
start='' tokens=''

# peer NAME JOB ARGS...: the adapter on the slice, once, with the time limit.
peer() {
	_p=$1 _job=$2
	shift 2
	_exe=$peers/bin/$_p
	_ok=1
	[ -x "$_exe" ] || _ok=
	case $_p in
	ots-*)
		{ [ -n "$have_py" ] && { command -v ots >/dev/null 2>&1 ||
			{ command -v ldconfig >/dev/null 2>&1 && ldconfig -p 2>/dev/null | grep -q libots; } ||
			ls /usr/lib/*/libots* /usr/lib/libots* >/dev/null 2>&1; }; } || _ok=
		;;
	*)
		{ command -v node >/dev/null 2>&1 && [ -d "$peers/node_modules" ]; } || _ok=
		;;
	esac
	_cmdline=$_p${1:+ $*}
	start=
	if [ -z "$_ok" ]; then
		echo "bench: peer $_p: not installed"
		row peer "$_p" "$_job" "$slice_name" slice "$peer_b" "$npeer" "" "" "" "not installed" "$_cmdline"
		return
	fi
	echo "bench: peer $_cmdline"
	_wall='' _rss='' _i=0
	while [ "$_i" -lt "$runs" ]; do
		_i=$((_i + 1))
		timed "$tmp/stripped.peer" "$tmp/peer.out" "$peer_timeout" "$_exe" "$@"
		_n=$(lines "$tmp/peer.out")
		if [ "$t_rc" = 124 ]; then
			_st=timeout _wall=$peer_timeout _rss=
			break
		elif [ "$_n" = "$npeer" ] && [ "$t_rc" = 0 ]; then
			_st=ok
		elif [ "$_n" = "$npeer" ] && [ "$t_rc" = 1 ]; then
			_st="ok ($(grep -c '"peer_error"' "$tmp/peer.out") peer errors)"
		else
			_st="failed (status $t_rc, $_n of $npeer records)"
			head -n 3 "$tmp/err" | sed "s/^/bench: $_p: /" >&2
			_wall=$t_wall _rss=$t_rss
			break
		fi
		if [ -z "$_wall" ] || awk -v a="$t_wall" -v b="$_wall" 'BEGIN { exit !(a < b) }'; then
			_wall=$t_wall _rss=$t_rss
		fi
	done
	case $_st in ok*)
		timed "$tmp/stripped.one" "$tmp/peer.out" "$peer_timeout" "$_exe" "$@"
		[ "$t_rc" = 0 ] && start=$t_wall
		;;
	esac
	row peer "$_p" "$_job" "$slice_name" slice "$peer_b" "$npeer" "$_wall" "$_rss" "" "$_st" "$_cmdline"
}
for p in sentencex-sentences wink-sentences sbd-sentences compromise-sentences; do
	peer "$p" sentences
done
for p in ots-summarize lexrank-summarize nodesummarizer-summarize; do
	peer "$p" summarize -n 3
done
peer_tokens=$(texts_words "$tmp/stripped.peer")
for p in wink-entities compromise-entities; do
	tokens=$peer_tokens
	peer "$p" entities
done
tokens=

# --- pathological text: linear growth ------------------------------------------------
# Each tool on 1, 4 and 16 MB of each pathological text, one line (ns-split:
# raw text; the others: the text of one record), with --max-record-bytes
# 64M; and on a one-line input ("a"), the time taken off for "net".
prows=$tmp/prows
: >"$prows"
# patho_text KIND BYTES: BYTES bytes (whole units) of KIND on one line.
patho_text() {
	# shellcheck disable=SC1112 # the curly quotes are the text
	case $1 in
	char) _u=x ;; dots) _u=. ;; digits) _u=1. ;; caps) _u='Word ' ;; quotes) _u='“‘' ;; parens) _u='(' ;;
	esac
	awk -v u="$_u" -v n="$2" 'BEGIN {
		k = int(n / length(u)); s = ""
		for (i = 0; i < 4096; i++) s = s u
		for (; k >= 4096; k -= 4096) printf "%s", s
		for (; k > 0; k--) printf "%s", u
	}'
}
if [ "$patho" != 0 ]; then
	echo "bench: pathological text, 1, 4 and 16 MB"
	ptools="split sentences strip summarize"
	[ -n "$have_ent" ] && ptools="$ptools entities"
	printf 'a\n' >"$tmp/p.raw.0"
	printf '{"id":"p","text":"a"}\n' >"$tmp/p.json.0"
	for kind in char dots digits caps quotes parens; do
		for pmb in 1 4 16; do
			patho_text "$kind" $((pmb * 1000000)) >"$tmp/p.raw.$pmb"
			printf '\n' >>"$tmp/p.raw.$pmb"
			{ printf '{"id":"p","text":"'; patho_text "$kind" $((pmb * 1000000)); printf '"}\n'; } >"$tmp/p.json.$pmb"
		done
		for pt in $ptools; do
			case $pt in
			split) set -- "$bindir/ns-split" ;;
			sentences) set -- "$bindir/ns-split" --from jsonl --unit sentence ;;
			strip) set -- "$bindir/ns-strip-ads" ;;
			summarize) set -- "$bindir/ns-summarize" ;;
			entities) set -- "$bindir/ns-entities" ;;
			esac
			pform=json
			[ "$pt" = split ] && pform=raw
			_line="$pt	$kind"
			for pmb in 0 1 4 16; do
				best "$tmp/p.$pform.$pmb" /dev/null 0 "$runs" "$@" --max-record-bytes 64M
				if [ "$b_rc" != 0 ]; then
					_line="$_line	failed"
					echo "bench: $pt on $pmb MB of $kind failed (status $b_rc):" >&2
					head -n 3 "$tmp/err.fail" >&2
					failed=1
				else
					_line="$_line	$b_wall"
				fi
			done
			printf '%s\n' "$_line" >>"$prows"
		done
	done
	rm -f "$tmp"/p.raw.* "$tmp"/p.json.*
fi

# --- the table and the JSON lines ---------------------------------------------------
mkdir -p "$(dirname "$out")" 2>/dev/null
awk -F '\t' -v out="$out" -v runs="$runs" -v pinned="${pin:+true}" -v pinned2="${pin2:+true}" -v big="$big_mb" '
function num(x) { return x == "" ? "null" : x + 0 }
function str(x) { gsub(/\\/, "\\\\", x); gsub(/"/, "\\\"", x); return "\"" x "\"" }
function f(x) {
	if (x == "") return "-"
	if (x >= 100) return sprintf("%.0f", x)
	if (x >= 10) return sprintf("%.1f", x)
	if (x >= 1) return sprintf("%.2f", x)
	if (x >= 0.01) return sprintf("%.3f", x)
	return sprintf("%.2g", x)
}
function ok(s) { return s ~ /^ok/ }
function div(a, b) { return (a == "" || b == "" || b == 0) ? "" : a / b }
function net(bytes, wall, start) {
	return (start == "" || wall == "" || wall - start <= 0) ? "" : bytes / 1e6 / (wall - start)
}
# first pass: the baselines
NR == FNR {
	if ($8 != "" && $8 > 0 && ok($11)) {
		r = $6 / 1e6 / $8
		if ($1 == "base" && $3 == "cat") cat[$5] = r
		if ($1 == "base" && $3 == "jq") jq = r
		if ($1 == "base" && $3 == "floor") { floor[$5] = r; floort[$5] = $8 }
		if ($1 == "base" && $3 == "floor-w") { floorw = $8; floorwb = $6 }
		if ($1 == "peer" && (!($3 in peer) || r > peer[$3])) { peer[$3] = r; peername[$3] = $2 }
		n = net($6, $8, $13)
		if ($1 == "peer" && n != "" && (!($3 in pnet) || n > pnet[$3])) { pnet[$3] = n; pnetname[$3] = $2 }
		if ($1 == "ns") { nsmbs[$3] = r; nswall[$3] = $8 }
	}
	next
}
FNR == 1 {
	if (pinned == "") pinned = "false"
	if (pinned2 == "") pinned2 = "false"
	fmt = "%-36s %-19s %7s %7s %7s %5s %9s %7s %7s %7s %8s %6s %6s %7s %6s %6s %8s  %s\n"
	bigh = "@" (big >= 1000 ? big / 1000 "GB" : big "MB")
	printf fmt, "tool", "input", "MB", "s", "MB/s", "aim", "records/s", "RSS MiB", "@10MB", bigh,
		"net MB/s", "x cat", "x jq", "x floor", "x peer", "x -j1", "tokens/s", "status"
	printf fmt, "----", "-----", "--", "-", "----", "---", "---------", "-------", "-----", "-----",
		"--------", "-----", "----", "-------", "------", "-----", "--------", "------"
	# The issues aims, MB/s on one core.
	aim["split"] = 300; aim["strip"] = 150; aim["sentences"] = 110
	aim["sentences-raw"] = 110; aim["summarize"] = 70; aim["entities"] = 22
	printf "" >out
}
{
	kind = $1; tool = $2; job = $3
	timed = ($8 != "" && ($8 > 0) && ok($11))
	mbs = timed ? $6 / 1e6 / $8 : ""
	rps = timed ? $7 / $8 : ""
	mnet = timed ? net($6, $8, $13) : ""
	rss = $9 == "" ? "" : $9 / 1024
	rss10 = $10 == "" ? "" : $10 / 1024
	rssbig = $14 == "" ? "" : $14 / 1024
	tps = (timed && $15 != "") ? $15 / $8 : ""
	vj1 = ""
	if (kind == "ns" && job ~ /-j2$/ && timed) vj1 = div(nswall[substr(job, 1, length(job) - 3)], $8)
	vcat = vjq = vpeer = vfloor = ""; fp = ""
	if (kind == "ns" || kind == "ns-slice") {
		if ($5 in cat) vcat = div(mbs, cat[$5])
		else if ($5 == "slice" && ("stripped" in cat)) vcat = div(mbs, cat["stripped"])
		if (job !~ /^(split|sentences-raw|pipeline)$/) vjq = div(mbs, jq)
		if (kind == "ns" && ($5 in floor)) vfloor = div(mbs, floor[$5])
		if (job in peer) { vpeer = div(mbs, peer[job]); fp = peername[job] }
	}
	label = tool
	if (kind == "ns-slice") label = tool " (peer slice)"
	if (kind == "peer") label = "peer " tool
	myaim = (kind == "ns" && (job in aim)) ? aim[job] : ""
	printf fmt, label, $4, f($6 / 1e6), ($8 == "" ? "-" : f($8)), f(mbs), f(myaim),
		(rps == "" ? "-" : sprintf("%.0f", rps)), f(rss), f(rss10), f(rssbig), f(mnet), f(vcat), f(vjq), f(vfloor),
		f(vpeer), f(vj1), (tps == "" ? "-" : sprintf("%.0f", tps)), $11
	printf "{\"kind\":%s,\"tool\":%s,\"job\":%s,\"command\":%s,\"input\":%s,\"input_mb\":%s,\"records\":%s,\"seconds\":%s,\"mb_s\":%s,\"records_s\":%s,\"peak_rss_mib\":%s,\"peak_rss_mib_10mb\":%s,\"peak_rss_mib_big\":%s,\"big_mb\":%s,\"start_s\":%s,\"mb_s_net\":%s,\"vs_cat\":%s,\"vs_jq\":%s,\"vs_floor\":%s,\"aim_mb_s\":%s,\"vs_peer\":%s,\"fastest_peer\":%s,\"vs_j1\":%s,\"tokens\":%s,\"tokens_s\":%s,\"status\":%s,\"runs\":%s,\"pinned\":%s}\n",
		str(kind), str(tool), str(job), str($12), str($4), num($6 / 1e6), num($7),
		(timed || $11 == "timeout" ? num($8) : "null"), num(mbs), num(rps), num(rss), num(rss10),
		num(rssbig), (rssbig == "" ? "null" : big), num($13), num(mnet), num(vcat), num(vjq), num(vfloor), num(myaim), num(vpeer),
		(fp == "" ? "null" : str(fp)), num(vj1), num($15), num(tps), str($11),
		runs, (job ~ /-j2$/ ? pinned2 : pinned) >>out
}
END {
	print ""
	print "MB/s: 10^6 input bytes per wall second, process start included. x cat, x jq, x peer: that of the"
	print "ns tool over that of cat on the same input, of jq -c . on articles.jsonl, and of the fastest peer"
	print "of the same job on the peer slice. @10MB: peak RSS of the same command on a 10 MB slice of its"
	print "input (memory flat in input size: about the same as at full size). net MB/s: on the peer slice,"
	print "with the time of a run on its first record alone (start-up: Node.js, Python, models) taken off."
	if (big > 0) print bigh ": peak RSS on copies of the same input to at least " big " MB, streamed (flat memory: about @10MB)."
	print "x -j1: -j 2 on two cores over -j 1 on one (the row above without -j). tokens/s: words (wc -w) of the"
	print "input texts per wall second. aim: the MB/s on one core the issues ask for. x floor: over the jansson"
	print "floor on the same input (json-floor: each line parsed by jansson as the tools parse it and written"
	print "back), the most any tool that reads its records with jansson can reach."
	print "ns-split --no-builtin: the split (and sentence) rows without the boilerplate rules, for their cost."
	if (floorw != "" && ("articles" in floort) && floorw > floort["articles"])
		printf "jansson writing alone (json-floor -w less json-floor on articles.jsonl): %s MB/s of output, a ceiling for ns-split\n", \
			f(floorwb / 1e6 / (floorw - floort["articles"]))
	for (j in peer) {
		printf "fastest peer, %s: %s %s MB/s", j, peername[j], f(peer[j])
		if (j in pnet) printf "; net of start-up: %s %s MB/s, ns full size %s MB/s is x%s of that", \
			pnetname[j], f(pnet[j]), f(nsmbs[j]), f(div(nsmbs[j], pnet[j]))
		printf "\n"
	}
}' "$rows" "$rows" || exit 2
if [ -s "$prows" ]; then
	# prows: tool kind wall0 wall1 wall4 wall16 (seconds, or "failed")
	awk -F '\t' -v out="$out" -v runs="$runs" -v pinned="${pin:+true}" '
	function f(x) { return x == "" ? "-" : x >= 10 ? sprintf("%.1f", x) : sprintf("%.2f", x) }
	function num(x) { return (x == "" || x == "failed") ? "null" : x + 0 }
	function ratio(a, b) { return (a == "" || b == "" || a == "failed" || b == "failed" || b <= 0) ? "" : a / b }
	BEGIN {
		if (pinned == "") pinned = "false"
		print ""
		print "Pathological text, one line (ns-split: raw; the others: the text of one record): seconds on a"
		print "one-word input (start), on 1, 4 and 16 MB; x16/1 = time(16 MB) / time(1 MB), 16 when linear (start-up"
		print "pulls it under 16 when it is much of the 1 MB time); x16/4 = time(16 MB) / time(4 MB), 4 when linear."
		fmt = "%-12s %-8s %7s %7s %7s %7s %7s %7s\n"
		printf fmt, "tool", "text", "start", "1 MB", "4 MB", "16 MB", "x16/1", "x16/4"
		printf fmt, "----", "----", "-----", "----", "----", "-----", "-----", "-----"
	}
	{
		r = ratio($6, $4)
		n = ratio($6, $5)
		printf fmt, $1, $2, ($3 == "failed" ? "failed" : f($3)), ($4 == "failed" ? "failed" : f($4)),
			($5 == "failed" ? "failed" : f($5)), ($6 == "failed" ? "failed" : f($6)), f(r), f(n)
		printf "{\"kind\":\"patho\",\"job\":\"%s\",\"text\":\"%s\",\"seconds_start\":%s,\"seconds_1mb\":%s,\"seconds_4mb\":%s,\"seconds_16mb\":%s,\"x16\":%s,\"x16_4\":%s,\"runs\":%s,\"pinned\":%s}\n",
			$1, $2, num($3), num($4), num($5), num($6), num(r), num(n), runs, pinned >>out
	}' "$prows" || exit 2
fi
if [ -s "$work" ]; then
	# work: job records_mb texts_mb cpu_seconds records_mb_s texts_mb_s
	awk -F '\t' -v out="$out" -v pinned="${pin:+true}" '
	BEGIN {
		if (pinned == "") pinned = "false"
		aim["sentences"] = 110; aim["summarize"] = 70; aim["entities"] = 22
		print ""
		print "The work alone (scripts/work-speed.c): each tool'"'"'s own work over the records of the 10 MB"
		print "slice held in memory, no JSON read or written, best of 3 in CPU seconds; MB/s of the records"
		print "as the tools read them (comparable with the rows above) and of their title and text alone."
		fmt = "%-10s %9s %9s %9s %5s\n"
		printf fmt, "work", "MB/s", "text MB/s", "seconds", "aim"
		printf fmt, "----", "----", "---------", "-------", "---"
	}
	{
		printf fmt, $1, sprintf("%.1f", $5), sprintf("%.1f", $6), sprintf("%.3f", $4), aim[$1]
		printf "{\"kind\":\"work\",\"job\":\"%s\",\"input_mb\":%s,\"text_mb\":%s,\"seconds\":%s,\"mb_s\":%s,\"text_mb_s\":%s,\"aim_mb_s\":%s,\"pinned\":%s}\n",
			$1, $2, $3, $4, $5, $6, aim[$1], pinned >>out
	}' "$work" || exit 2
fi
echo "bench: rows written to $out"
exit $failed
