# Pathological raw text: 10 MB (200 kB under valgrind) of one repeated
# character, of dots, of "1." (digits and dots), of capitalised words
# ("Word Word ..."), of nested curly quotes (“‘“‘...) and of opening
# brackets, on one line and as many lines (a line break every 80 bytes, a
# blank line every tenth): with no marker, each is one article whose title
# and text hold all of it (compared with the input, white space aside),
# from line 1, byte 0; status 0, nothing on stderr. The time is not checked.
cd "$TMP" || exit 2
n=10000000
[ "${NS_VALGRIND:-0}" = 1 ] && n=200000
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
for kind in char dots digits caps quotes parens; do
	for mode in line lines; do
		{ text "$kind" "$mode" '\n'; printf '\n'; } >patho.in
		ns-split patho.in >patho.got
		rc=$?
		# Title and text, escaped line breaks and spaces taken out.
		awk -v tail='","source":{"file":"patho.in","line":1,"byte":0}}' '
			function fail(why) { print why >"patho.verdict"; exit }
			NR > 1 { fail("more than one article") }
			{
				if (!match($0, /^{"id":"[0-9a-f]+","title":"/) || RLENGTH != 34) fail("no id or title")
				x = index($0, "\",\"text\":\"")
				if (x == 0) fail("no text")
				if (substr($0, length($0) - length(tail) + 1) != tail) fail("no source")
				s = substr($0, 35, x - 35) substr($0, x + 10, length($0) - length(tail) - x - 9)
				gsub(/\\n/, "", s)
				gsub(/ /, "", s)
				printf "%s", s >"patho.text"
				print "one article" >"patho.verdict"
			}' patho.got
		text "$kind" line '' | tr -d ' ' >patho.want
		if cmp -s patho.want patho.text; then r="all the text"; else r="NOT all the text"; fi
		echo "$kind, $mode: status $rc, $(cat patho.verdict), $r"
		rm -f patho.text patho.verdict
	done
done
rm -f patho.*
