# A single line of 100 MB (2 MB under valgrind) with --max-record-bytes 1M,
# in raw text between two articles, and with --from jsonl between two records:
# rejected with its line number and size, kept byte for byte in --bad-lines,
# the records before and after it processed, as built here; memory stays
# bounded: the peak RSS (VmHWM, read while the tool waits for more input
# after the record that follows the line) is under a quarter of the line
# (not read under valgrind, whose own footprint it would be).
cd "$TMP" || exit 2
n=100000000
[ "${NS_VALGRIND:-0}" = 1 ] && n=2000000
from=raw
huge() {
	[ $from = jsonl ] && printf '{"title":"Huge","text":"'
	head -c "$n" /dev/zero | tr '\0' x
	[ $from = jsonl ] && printf '"}'
	printf '\n'
}
# feed CMD...: runs CMD -u <huge.fifo >huge.got 2>huge.err, writes the input
# into the fifo, reads the peak RSS into hwm once two records are out, then
# ends the input; prints the status.
feed() {
	rm -f huge.fifo
	mkfifo huge.fifo || exit 2
	"$@" -u <huge.fifo >huge.got 2>huge.err &
	pid=$!
	exec 3>huge.fifo
	if [ $from = jsonl ]; then
		printf '{"title":"Before","text":"Small record."}\n' >&3
		huge >&3
		printf '{"title":"After","text":"Still processed."}\n' >&3
	else
		printf 'Before Headline Here\n\nSmall text.\n\nLink to original source\n' >&3
		huge >&3
		# The separator ends the article at once (after an end marker,
		# trailer lines could follow).
		printf 'After Headline Here\n\nStill processed.\n\nLink to original source\n---\n' >&3
	fi
	i=0
	while [ "$(wc -l <huge.got)" -lt 2 ] && [ $i -lt 600 ] && kill -0 "$pid" 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	hwm=$(awk '$1 == "VmHWM:" { print $2 }' "/proc/$pid/status" 2>/dev/null)
	exec 3>&-
	wait "$pid"
	echo "$from: status $?"
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
		echo "stderr: the line's number, its size"
	else
		cut -c1-200 huge.err
	fi
	if huge | cmp -s - huge.bad; then
		echo "bad lines: the line, byte for byte"
	else
		echo "bad lines: not the line ($(wc -c <huge.bad | tr -d ' ') bytes)"
	fi
	if [ "${NS_VALGRIND:-0}" = 1 ] || { [ -n "$hwm" ] && [ "$hwm" -lt $((n / 4 / 1024)) ]; }; then
		echo "peak RSS: under a quarter of the line"
	else
		echo "peak RSS: ${hwm:-unknown} KiB, not under a quarter of the line"
	fi
}
# The ids: XXH3-64 of the title, "\n" and the text (xxhsum -H3).
printf '%s\n' '{"id":"08f5bfea189aa0dd","title":"Before Headline Here","text":"Small text.\n\nLink to original source","source":{"file":"-","line":1,"byte":0}}' \
	'{"id":"069df9a4b2d6b41e","title":"After Headline Here","text":"Still processed.\n\nLink to original source","source":{"file":"-","line":7,"byte":'$((n + 60))'}}' >huge.want
feed ns-split --max-record-bytes 1M --bad-lines huge.bad
check "ns-split: <stdin>:6: line of $n bytes is over --max-record-bytes (1048576)"
from=jsonl
printf '%s\n' '{"id":"80d184cfab2c6791-0","parent":"80d184cfab2c6791","n":0,"text":"Small record.","start":0,"end":13}' \
	'{"id":"a73916a8b9d73bd3-0","parent":"a73916a8b9d73bd3","n":0,"text":"Still processed.","start":0,"end":16}' >huge.want
feed ns-split --from jsonl --unit sentence --max-record-bytes 1M --bad-lines huge.bad
check "ns-split: <stdin>:2: line of $((n + 26)) bytes is over --max-record-bytes (1048576)"
rm -f huge.*
