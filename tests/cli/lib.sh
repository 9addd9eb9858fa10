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
# valgrind, whose own footprint it would be. The pieces (huge_size, huge,
# feed, check) serve ns-split's line-100mb.sh too, which sets from=raw for
# its raw text and measures its footprint the same way.

# huge_size: sets n, the length of the long line's x's: 100 MB, 2 MB under
# valgrind.
huge_size() {
	n=100000000
	[ "${NS_VALGRIND:-0}" = 1 ] && n=2000000
}

# huge: the long line, n x's: bare when from is raw, else the text of a
# JSON record (26 bytes more).
huge() {
	[ "$from" = raw ] || printf '{"title":"Huge","text":"'
	head -c "$n" /dev/zero | tr '\0' x
	[ "$from" = raw ] || printf '"}'
	printf '\n'
}

# feed CMD...: runs CMD -u <huge.fifo >huge.got 2>huge.err, writes the input
# into the fifo (a record, the long line, a record; from=raw: an article of
# five lines, the long line, an article ended by a separator), reads the
# peak RSS into hwm once two records are out, then ends the input; prints
# the status, after $label.
feed() {
	rm -f huge.fifo
	mkfifo huge.fifo || exit 2
	"$@" -u <huge.fifo >huge.got 2>huge.err &
	pid=$!
	exec 3>huge.fifo
	if [ "$from" = raw ]; then
		printf 'Before Headline Here\n\nSmall text.\n\nLink to original source\n' >&3
		huge >&3
		# The separator ends the article at once (after an end marker,
		# trailer lines could follow).
		printf 'After Headline Here\n\nStill processed.\n\nLink to original source\n---\n' >&3
	else
		printf '{"title":"Before","text":"Small record."}\n' >&3
		huge >&3
		printf '{"title":"After","text":"Still processed."}\n' >&3
	fi
	i=0
	while [ "$(wc -l <huge.got)" -lt 2 ] && [ $i -lt 600 ] && kill -0 "$pid" 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	hwm=$(awk '$1 == "VmHWM:" { print $2 }' "/proc/$pid/status" 2>/dev/null)
	exec 3>&-
	wait "$pid"
	echo "${label}status $?"
}

# check WANT_STDERR [SAID]: compares what feed left with what is built here
# (huge.want, the long line); SAID is what the verdict on stderr says when
# it is WANT_STDERR ("line 2, its size" if not given). The peak RSS less
# base must be under a quarter of the line.
check() {
	if cmp -s huge.want huge.got; then
		echo "stdout: the records before and after, as built"
	else
		echo "stdout: not as built:"
		cut -c1-100 huge.got
	fi
	if [ "$(cat huge.err)" = "$1" ]; then
		echo "stderr: ${2:-line 2, its size}"
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
	from=jsonl
	label=
	n=0
	feed "$1" --max-record-bytes 1M >/dev/null
	base=$hwm
	huge_size
	printf '%s\n' "$2" "$3" >huge.want
	feed "$1" --max-record-bytes 1M --bad-lines huge.bad
	check "$1: <stdin>:2: line of $((n + 26)) bytes is over --max-record-bytes (1048576)"
	rm -f huge.*
}

# The cases below run the tool once per RUN: CMD is the tool's name and the
# options of every run, as words ("ns-split --from jsonl"); each RUN adds
# its own options, as words ("-j 2", "--unit paragraph"), and its status is
# printed after them ("-j 2: status 0"), or alone if RUN is empty. The
# expected output is built here from the input, never by the tool.

# deep_nesting_case CMD WANT RUN...: jansson parses at most 2048 levels. A
# record with a field nested 100,000 levels deep, a line that is an array
# nested 100,000 deep and one that is an object nested 100,000 deep are
# each rejected (status 1) with the column where the limit was hit and kept
# byte for byte in --bad-lines; the record after each is still processed. A
# record with a field nested 500 levels deep (arrays and objects; numbers,
# escapes and key order as written) and one nested 2000 deep is processed
# like any other. WANT is an awk action that prints, for a good input line
# ($0: records b, c, d and e, each with a text of one sentence), what the
# tool must give for it. Run with -j 2, it checks the workers' stacks.
deep_arr() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "["; for (i = 0; i < n; i++) printf "]" }'; }
deep_obj() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "{\"a\":"; printf "0"; for (i = 0; i < n; i++) printf "}" }'; }
mixed() {
	awk -v n="$1" 'BEGIN {
		for (i = 0; i < n; i++) printf (i % 2 ? "{\"k\\u00e9\":" : "[1.50e0,-0,1E+2,")
		printf "\"\\u0041\\/\\ud83d\\ude00\\\"\""
		for (i = n - 1; i >= 0; i--) printf (i % 2 ? ",\"b\":null}" : "]")
	}'
}
deep_nesting_case() {
	cd "$TMP" || exit 2
	cmd=$1
	want=$2
	shift 2
	{
		printf '{"id":"a","text":"Before the deep ones.","x":'; deep_arr 100000; printf '}\n'
		printf '{"id":"b","text":"Kept."}\n'
		deep_arr 100000; printf '\n'
		printf '{"id":"c","text":"Kept too."}\n'
		deep_obj 100000; printf '\n'
		printf '{"id":"d","title":"Deep but fine","text":"A sentence.","x":'; mixed 500
		printf ',"y":'; deep_obj 2000; printf ',"z":1}\n'
		printf '{"id":"e","text":"After."}\n'
	} >deep.in
	# Good lines: 2, 4, 6, 7; bad: 1, 3, 5.
	awk "NR == 2 || NR == 4 || NR >= 6 { $want }" deep.in >deep.want
	awk 'NR == 1 || NR == 3 || NR == 5' deep.in >deep.bad.want
	for run; do
		# shellcheck disable=SC2086 # CMD and RUN are words
		$cmd $run --bad-lines deep.bad deep.in >deep.got 2>deep.err
		echo "${run:+$run: }status $?"
		cat deep.err
		if cmp -s deep.want deep.got; then
			echo "stdout: records b, c, d, e, as built"
		else
			echo "stdout: not as built:"
			cut -c1-100 deep.got
		fi
		if cmp -s deep.bad.want deep.bad; then
			echo "bad lines: 1, 3, 5, byte for byte"
		else
			echo "bad lines: not as built ($(wc -l <deep.bad) lines)"
		fi
	done
	rm -f deep.*
}

# million_records_case CMD IN WANT RUN...: 1,000,000 tiny records (10,000
# under valgrind) on standard input, record i built by the awk printf
# format IN, come out each as WANT builds it (printf WANT, i, i: one
# format for i in two places), all, in input order; status 0, nothing on
# stderr. IN and WANT leave out the line break, and hold no backslash.
million_records_case() {
	cd "$TMP" || exit 2
	n=1000000
	[ "${NS_VALGRIND:-0}" = 1 ] && n=10000
	awk -v n="$n" -v f="$2" 'BEGIN { for (i = 0; i < n; i++) printf (f "\n"), i, i }' >tiny.in
	awk -v n="$n" -v f="$3" 'BEGIN { for (i = 0; i < n; i++) printf (f "\n"), i, i }' >tiny.want
	cmd=$1
	shift 3
	for run; do
		# shellcheck disable=SC2086 # CMD and RUN are words
		$cmd $run <tiny.in >tiny.got
		echo "${run:+$run: }status $?"
		if cmp -s tiny.want tiny.got; then
			echo "records: all, in order, as built"
		else
			echo "records: $(wc -l <tiny.got | tr -d ' ') of $n, not as built"
		fi
	done
	rm -f tiny.*
}

# pathological_case FORM CHECK: 10 MB (200 kB under valgrind) of one
# repeated character, of dots, of "1." (digits and dots), of capitalised
# words ("Word Word ..."), of nested curly quotes (“‘“‘...) and of opening
# brackets, on one line and as many lines (a line break every 80 bytes, a
# blank line every tenth), each put in patho.in in FORM: raw, the text and
# a line break; jsonl, the text of one record {"id":KIND,"text":...} (its
# line breaks escaped). For each, CHECK KIND MODE (a function of the case,
# which may call text) runs the tool on patho.in and prints one line: the
# status and a verdict on what came out, all of the text there, nothing
# lost or made up. The time is not checked.

# text KIND MODE NL: n bytes (whole units) of KIND; MODE line: one line;
# lines: NL after every 80 bytes, NL NL after every tenth line.
text() {
	# shellcheck disable=SC1112 # the curly quotes are the text
	case $1 in
	char) u=x ;; dots) u=. ;; digits) u=1. ;; caps) u='Word ' ;; quotes) u='“‘' ;; parens) u='(' ;;
	esac
	awk -v u="$u" -v n="$n" -v mode="$2" -v nl="$3" 'BEGIN {
		k = int(n / length(u))
		per = mode == "lines" ? int(80 / length(u)) : 4096
		s = ""
		for (i = 0; i < per; i++) s = s u
		for (l = 0; k > 0; l++) {
			if (l > 0 && mode == "lines") printf "%s", (l % 10 == 0 ? nl nl : nl)
			if (k >= per) printf "%s", s
			else for (i = 0; i < k; i++) printf "%s", u
			k -= per
		}
	}'
}
pathological_case() {
	cd "$TMP" || exit 2
	n=10000000
	[ "${NS_VALGRIND:-0}" = 1 ] && n=200000
	for kind in char dots digits caps quotes parens; do
		for mode in line lines; do
			if [ "$1" = raw ]; then
				{ text "$kind" "$mode" '\n'; printf '\n'; } >patho.in
			else
				{ printf '{"id":"%s","text":"' "$kind"; text "$kind" "$mode" '\\n'; printf '"}\n'; } >patho.in
			fi
			"$2" "$kind" "$mode"
		done
	done
	rm -f patho.*
}

# bad_lines_clash_case CMD: --bad-lines naming a regular file that is also
# an input (an operand, through another name too, or standard input) or
# the standard output is refused with status 2 before anything is read or
# written, and the file is left as it was (opening it would truncate it);
# --bad-lines naming another file, or /dev/null while stdout is /dev/null
# too, is taken as ever. CMD is the tool's name and options, as words.
bad_lines_clash_case() {
	cd "$TMP" || exit 2
	printf '{"text":"Kept."}\nnot json\n' >in.jsonl
	cp in.jsonl orig.jsonl
	ln -s in.jsonl alias.jsonl
	printf '{"text":"Other."}\n' >other.jsonl
	# shellcheck disable=SC2086 # CMD is words
	for run in "--bad-lines in.jsonl in.jsonl" \
	    "--bad-lines alias.jsonl other.jsonl in.jsonl" \
	    "--bad-lines ./in.jsonl other.jsonl -" ; do
		$1 $run <in.jsonl >out.jsonl
		echo "$run: status $?, $(wc -c <out.jsonl | tr -d ' ') bytes out"
		cmp -s in.jsonl orig.jsonl && echo "in.jsonl: as it was"
	done
	cp orig.jsonl out.jsonl
	# shellcheck disable=SC2086
	$1 --bad-lines out.jsonl in.jsonl >>out.jsonl
	echo "--bad-lines out.jsonl in.jsonl >>out.jsonl: status $?"
	cmp -s out.jsonl orig.jsonl && echo "out.jsonl: as it was"
	# shellcheck disable=SC2086
	$1 --bad-lines bad.jsonl in.jsonl >out.jsonl 2>/dev/null
	echo "--bad-lines bad.jsonl in.jsonl: status $?, $(wc -l <bad.jsonl | tr -d ' ') bad lines"
	# shellcheck disable=SC2086
	$1 --bad-lines /dev/null in.jsonl >/dev/null 2>/dev/null
	echo "--bad-lines /dev/null in.jsonl >/dev/null: status $?"
	rm -f in.jsonl orig.jsonl alias.jsonl other.jsonl out.jsonl bad.jsonl
}
