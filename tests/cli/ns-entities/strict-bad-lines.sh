# --strict with --bad-lines: the first rejected line is in the file, and
# nothing after it is read.
printf '%s\n' '{"text":"a"}' '[1]' '{"text":"b"}' '{' |
ns-entities --strict --bad-lines "$TMP/strict-bad.jsonl"
echo "status $?"
echo "--- bad lines:"
cat "$TMP/strict-bad.jsonl"
