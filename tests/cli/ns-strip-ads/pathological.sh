# Pathological text: 10 MB (200 kB under valgrind) of one repeated
# character, of dots, of "1." (digits and dots), of capitalised words
# ("Word Word ..."), of nested curly quotes (“‘“‘...) and of opening
# brackets, each as the text of one record, on one line and as many lines
# (a line break every 80 bytes, a blank line every tenth): each record
# comes out as built here, its text whole, "removed":[] added; status 0,
# nothing on stderr. The time is not checked.
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
		{ printf '{"id":"%s","text":"' "$kind"; text "$kind" "$mode" '\\n'; printf '"}\n'; } >patho.in
		ns-strip-ads patho.in >patho.got
		rc=$?
		sed 's/}$/,"removed":[]}/' patho.in >patho.want
		if cmp -s patho.want patho.got; then r="as built"; else r="NOT as built"; fi
		echo "$kind, $mode: status $rc, $(wc -l <patho.got | tr -d ' ') record, $r"
	done
done
rm -f patho.*
