# A single line of 100 MB (2 MB under valgrind) with --max-record-bytes 1M:
# rejected with its line number and size, kept byte for byte in --bad-lines,
# the records before and after it processed, as built here; memory stays
# bounded: the peak RSS (VmHWM, read while the tool waits for more input
# after the record that follows the line) is under a quarter of the line
# more than on the same input without it (not read under valgrind, whose
# own footprint it would be).
cd "$TMP" || exit 2
n=100000000
[ "${NS_VALGRIND:-0}" = 1 ] && n=2000000
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
# The tool's own footprint (its model; more under ASan): its peak on the
# same input with an empty line where the long one is; the growth past it
# is what is held to a quarter of the line.
keep=$n
n=0
feed ns-entities --max-record-bytes 1M >/dev/null
base=$hwm
n=$keep
printf '%s\n' '{"title":"Before","text":"Small record.","entities":[]}' \
	'{"title":"After","text":"Still processed.","entities":[]}' >huge.want
feed ns-entities --max-record-bytes 1M --bad-lines huge.bad
check "ns-entities: <stdin>:2: line of $((n + 26)) bytes is over --max-record-bytes (1048576)"
rm -f huge.*
