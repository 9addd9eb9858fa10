# --bad-lines FILE gets every rejected line byte for byte (bad JSON with a
# CR and a tab, bytes that are not UTF-8, a line too long, a record without
# "text", a title that is a number), each followed by a newline; the good
# records go to stdout.
long=$(printf '%0200d' 0 | tr 0 z)
{
	printf '{"title":"One","text":"Kept. It has two sentences."}\n'
	printf '{"title":\t"broken"\r\n'
	printf '{"title":"Latin-1","text":"caf\351"}\n'
	printf '{"title":"Long","text":"%s"}\n' "$long"
	printf '{"title":"No text here"}\n'
	printf '{"title":3,"text":"A title that is a number."}\n'
	printf '{"title":"Two","text":"Also kept."}'
} | ns-entities --max-record-bytes 128 --bad-lines "$TMP/rejected.jsonl"
echo "status $?"
echo "--- bad lines:"
cat "$TMP/rejected.jsonl"
