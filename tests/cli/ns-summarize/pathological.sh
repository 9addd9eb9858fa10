# Pathological text (lib.sh), each as the text of one record: each record
# comes out with its fields byte for byte, then "summary": a non-empty
# string no longer than the text, and "summary_sentences": a non-empty
# ascending list of sentence indexes; status 0, nothing on stderr.
. ../lib.sh
summary() {
	rm -f patho.fields patho.verdict
	ns-summarize patho.in >patho.got
	rc=$?
	# The record less the summary fields, and a verdict on them.
	awk '{
		i = index($0, ",\"summary\":\"")
		j = index($0, "\",\"summary_sentences\":[")
		if (i == 0 || j < i) { print "no summary" >"patho.verdict"; next }
		print substr($0, 1, i - 1) "}" >"patho.fields"
		sum = substr($0, i + 12, j - i - 12)
		list = substr($0, j + 23)
		t = index($0, "\"text\":\"")
		ok = sum != "" && length(sum) <= i - t - 9 && list ~ /^[0-9]+(,[0-9]+)*\]}$/
		n = split(substr(list, 1, length(list) - 2), idx, ",")
		for (k = 2; k <= n; k++) if (idx[k] + 0 <= idx[k - 1] + 0) ok = 0
		print (ok ? "summary and sentences as they should be" : "summary or sentences wrong") >"patho.verdict"
	}' patho.got
	if cmp -s patho.in patho.fields; then r="fields as built"; else r="fields NOT as built"; fi
	echo "$1, $2: status $rc, $(wc -l <patho.got | tr -d ' ') record, $r, $(cat patho.verdict)"
}
pathological_case jsonl summary
