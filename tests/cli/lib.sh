# lib.sh: golden cases that every JSON-lines tool runs alike, for the
# .sh cases to source (". ../lib.sh") and call with the tool's name. Not a
# case itself: tests/run.sh runs only the files in the tools' folders.

# jobs_case TOOL: -j 3 gives byte for byte what -j 1 gives: stdout, the
# messages on stderr and the --bad-lines copies, in input order, over
# several batches of records with bad lines and a line over
# --max-record-bytes among them; and --strict stops at the same line.
jobs_case() {
	cd "$TMP" || exit 2
	long=$(printf '%0300d' 0 | tr 0 z)
	i=0
	while [ $i -lt 700 ]; do
		printf '{"id":%d,"title":"Story %d","text":"First line of story %d. It goes on.\\n\\nShare this article\\n\\nThe end of story %d."}\n' $i $i $i $i
		case $i in
		5|300|301|650) printf '{"id":%d,"text":3}\n' $i ;;
		400) printf '{"text":"%s"}\n' "$long" ;;
		520) printf 'not json\n' ;;
		esac
		i=$((i + 1))
	done >in.jsonl
	"$1" -j 1 --max-record-bytes 256 --bad-lines "$TMP/bad1" in.jsonl >"$TMP/out1" 2>"$TMP/err1"
	echo "status $?"
	"$1" -j 3 --max-record-bytes 256 --bad-lines "$TMP/bad3" in.jsonl >"$TMP/out3" 2>"$TMP/err3"
	echo "status $?"
	cmp -s "$TMP/out1" "$TMP/out3" && echo "stdout: same"
	cmp -s "$TMP/err1" "$TMP/err3" && echo "stderr: same"
	cmp -s "$TMP/bad1" "$TMP/bad3" && echo "bad lines: same"
	echo "records out: $(wc -l <"$TMP/out3")"
	cat "$TMP/err3"
	# --strict: the same stop at the first rejected line.
	"$1" -j 1 --strict in.jsonl >"$TMP/out1" 2>"$TMP/err1"
	echo "status $?"
	"$1" -j 2 --strict in.jsonl >"$TMP/out3" 2>"$TMP/err3"
	echo "status $?"
	cmp -s "$TMP/out1" "$TMP/out3" && echo "strict stdout: same"
	echo "records out: $(wc -l <"$TMP/out3")"
	cat "$TMP/err3"
}

# scale_out_case TOOL: GNU parallel (--pipe cuts the input into blocks of
# whole lines, -k keeps the outputs in input order) and a Hadoop Streaming
# mapper run (each map task reads its split of whole lines on standard
# input; the splits' outputs taken in order) give byte for byte what one
# process gives.
scale_out_case() {
	cd "$TMP" || exit 2
	i=0
	while [ $i -lt 2000 ]; do
		printf '{"id":%d,"title":"Story %d","text":"Story %d begins here. It has a second sentence.\\n\\nFollow us on Twitter\\n\\nAnd a last paragraph, %d."}\n' $i $i $i $i
		i=$((i + 1))
	done >in.jsonl
	"$1" <in.jsonl >one.jsonl
	echo "status $?"
	parallel --will-cite --pipe -k --block 16k -j 2 "$1" <in.jsonl >parallel.jsonl
	echo "status $?"
	cmp -s one.jsonl parallel.jsonl && echo "parallel --pipe -k: same"
	split -l 300 in.jsonl split.
	for f in split.*; do
		"$1" <"$f" || echo "map task $f failed"
	done >mapped.jsonl
	cmp -s one.jsonl mapped.jsonl && echo "one process per split: same"
	echo "records: $(wc -l <one.jsonl)"
}

# huge_line_case TOOL WANT1 WANT2: a single line of 100 MB (2 MB under
# valgrind) between two small records, with --max-record-bytes 1M: it is
# rejected with its line number and size and kept byte for byte in
# --bad-lines; the records before and after it come out as WANT1 and WANT2;
# memory stays bounded: the peak RSS (VmHWM, read while the tool waits for
# more input after the record that follows the line) is under a quarter of
# the line more than the tool's own footprint (its peak on the same input
# with an empty line where the long one is: a model, ASan), not read under
# valgrind, whose own footprint it would be.
huge() { printf '{"title":"Huge","text":"'; head -c "$n" /dev/zero | tr '\0' x; printf '"}\n'; }

# feed CMD...: runs CMD -u <huge.fifo >huge.got 2>huge.err, writes the input
# into the fifo, reads the peak RSS into hwm once two records are out, then
# ends the input; prints the status.
feed() {
	rm -f huge.fifo
	mkfifo huge.fifo || exit 2
	"$@" -u <huge.fifo >huge.got 2>huge.err &
	pid=$!
	exec 3>huge.fifo
	printf '{"title":"Before","text":"Small record."}\n' >&3
	huge >&3
	printf '{"title":"After","text":"Still processed."}\n' >&3
	i=0
	while [ "$(wc -l <huge.got)" -lt 2 ] && [ $i -lt 600 ] && kill -0 "$pid" 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	hwm=$(awk '$1 == "VmHWM:" { print $2 }' "/proc/$pid/status" 2>/dev/null)
	exec 3>&-
	wait "$pid"
	echo "status $?"
}

# check WANT_STDERR: compares what feed left with what is built here.
check() {
	if cmp -s huge.want huge.got; then
		echo "stdout: the records before and after, as built"
	else
		echo "stdout: not as built:"
		cut -c1-100 huge.got
	fi
	if [ "$(cat huge.err)" = "$1" ]; then
		echo "stderr: line 2, its size"
	else
		cut -c1-200 huge.err
	fi
	if huge | cmp -s - huge.bad; then
		echo "bad lines: the line, byte for byte"
	else
		echo "bad lines: not the line ($(wc -c <huge.bad | tr -d ' ') bytes)"
	fi
	if [ "${NS_VALGRIND:-0}" = 1 ] || { [ -n "$hwm" ] && [ -n "$base" ] &&
	    [ $((hwm - base)) -lt $((n / 4 / 1024)) ]; }; then
		echo "peak RSS: under a quarter of the line"
	else
		echo "peak RSS: ${hwm:-unknown} KiB, not under a quarter of the line"
	fi
}

huge_line_case() {
	cd "$TMP" || exit 2
	n=0
	feed "$1" --max-record-bytes 1M >/dev/null
	base=$hwm
	n=100000000
	[ "${NS_VALGRIND:-0}" = 1 ] && n=2000000
	printf '%s\n' "$2" "$3" >huge.want
	feed "$1" --max-record-bytes 1M --bad-lines huge.bad
	check "$1: <stdin>:2: line of $((n + 26)) bytes is over --max-record-bytes (1048576)"
	rm -f huge.*
}
