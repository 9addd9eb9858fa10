# Pathological text: 10 MB (200 kB under valgrind) of one repeated
# character, of dots, of "1." (digits and dots), of capitalised words
# ("Word Word ..."), of nested curly quotes (“‘“‘...) and of opening
# brackets, each as the text of one record, on one line and as many lines
# (a line break every 80 bytes, a blank line every tenth): each record
# comes out with its fields byte for byte, then "entities": an array whose
# every member has a type and "start" < "end" within the text (in code
# points); status 0, nothing on stderr. The time is not checked.
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
		rm -f patho.fields patho.verdict
		ns-entities patho.in >patho.got
		rc=$?
		# The record less "entities", and a verdict on them.
		awk '{
			i = index($0, ",\"entities\":[")
			if (i == 0 || substr($0, length($0) - 1) != "]}") { print "no entities" >"patho.verdict"; next }
			print substr($0, 1, i - 1) "}" >"patho.fields"
			t = index($0, "\"text\":\"")
			s = substr($0, t + 8, i - t - 9)
			len = length(s) - gsub(/[\200-\277]/, "&", s) - gsub(/\\n/, "&", s)
			e = substr($0, i + 13, length($0) - i - 14)
			ok = 1
			all = gsub(/"type":/, "&", e)
			for (n = 0; match(e, /"type":"[A-Z]+","field":"[a-z]+","start":[0-9]+,"end":[0-9]+/); n++) {
				m = substr(e, RSTART, RLENGTH)
				e = substr(e, RSTART + RLENGTH)
				split(m, f, /[^0-9]+/)
				if (m ~ /"field":"text"/ && !(f[2] + 0 < f[3] + 0 && f[3] + 0 <= len)) ok = 0
			}
			if (n != all) ok = 0
			print (ok ? "entities as they should be" : "entities wrong") >"patho.verdict"
		}' patho.got
		if cmp -s patho.in patho.fields; then r="fields as built"; else r="fields NOT as built"; fi
		echo "$kind, $mode: status $rc, $(wc -l <patho.got | tr -d ' ') record, $r, $(cat patho.verdict)"
	done
done
rm -f patho.*
