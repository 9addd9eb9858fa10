# Pathological text cut into sentences (--from jsonl --unit sentence): 10
# MB (200 kB under valgrind) of one repeated character, of dots, of "1."
# (digits and dots), of capitalised words ("Word Word ..."), of nested
# curly quotes (“‘“‘...) and of opening brackets, each as the text of one
# record, on one line and as many lines (a line break every 80 bytes, a
# blank line every tenth). The sentences are numbered from 0, follow one
# another without overlap, each "end" - "start" is the code points of its
# text, and together they hold all the text (compared with the input,
# white space aside); status 0, nothing on stderr. The time is not checked.
. ../lib.sh	# text KIND MODE NL
cd "$TMP" || exit 2
n=10000000
[ "${NS_VALGRIND:-0}" = 1 ] && n=200000
for kind in char dots digits caps quotes parens; do
	for mode in line lines; do
		{ printf '{"id":"p","text":"'; text "$kind" "$mode" '\\n'; printf '"}\n'; } >patho.in
		ns-split --from jsonl --unit sentence patho.in >patho.got
		rc=$?
		awk '
			function fail(why) { if (!bad) print why >"patho.verdict"; bad = 1 }
			{
				# (by substr: mawk would keep every dynamic regex)
				want = "{\"id\":\"p-" NR - 1 "\",\"parent\":\"p\",\"n\":" NR - 1 ",\"text\":\""
				x = length(want)
				if (substr($0, 1, x) != want) { fail("sentence " NR - 1 ": not numbered"); next }
				if (!match($0, /","start":[0-9]+,"end":[0-9]+}$/)) { fail("sentence " NR - 1 ": no offsets"); next }
				s = substr($0, x + 1, RSTART - x - 1)
				split(substr($0, RSTART + 10), o, /[^0-9]+/)
				start = o[1] + 0; end = o[2] + 0
				if (start < last || end <= start) fail("sentence " NR - 1 ": offsets out of order")
				last = end
				c = gsub(/[\200-\277]/, "&", s) + gsub(/\\n/, "&", s)
				if (end - start != length(s) - c) fail("sentence " NR - 1 ": offsets not its length")
				gsub(/\\n/, "", s)
				gsub(/ /, "", s)
				printf "%s", s >"patho.text"
			}
			END { if (!bad) print (NR ? "sentences in order" : "no sentence") >"patho.verdict" }' patho.got
		text "$kind" line '' | tr -d ' ' >patho.want
		if cmp -s patho.want patho.text; then r="all the text"; else r="NOT all the text"; fi
		echo "$kind, $mode: status $rc, $(cat patho.verdict), $r"
		rm -f patho.text patho.verdict
	done
done
rm -f patho.*
