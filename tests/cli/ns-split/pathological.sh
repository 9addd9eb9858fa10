# Pathological raw text (lib.sh): with no marker, each is one article whose
# title and text hold all of it (compared with the input, white space
# aside), from line 1, byte 0; status 0, nothing on stderr.
. ../lib.sh
article() {
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
	text "$1" line '' | tr -d ' ' >patho.want
	if cmp -s patho.want patho.text; then r="all the text"; else r="NOT all the text"; fi
	echo "$1, $2: status $rc, $(cat patho.verdict), $r"
	rm -f patho.text patho.verdict
}
pathological_case raw article
