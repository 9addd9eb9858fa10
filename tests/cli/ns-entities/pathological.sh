# Pathological text (lib.sh), each as the text of one record: each record
# comes out with its fields byte for byte, then "entities": an array whose
# every member has a type and "start" < "end" within the text (in code
# points); status 0, nothing on stderr.
. ../lib.sh
entities() {
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
	echo "$1, $2: status $rc, $(wc -l <patho.got | tr -d ' ') record, $r, $(cat patho.verdict)"
}
pathological_case jsonl entities
