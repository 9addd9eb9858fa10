# --from jsonl: bad records are reported and copied to --bad-lines; the
# good ones still give their paragraphs.
printf '%s\n' \
	'{"id":"p1","text":"One.\n\nTwo."}' \
	'{"id":"p2","text":' \
	'["not","an","object"]' \
	'{"id":"p3","text":42}' \
	'' \
	'{"id":"p4","text":"Four."}' |
ns-split --from jsonl --unit paragraph --bad-lines "$TMP/bad.jsonl"
echo "status $?"
echo "--- bad lines:"
cat "$TMP/bad.jsonl"
