# -j 3 gives byte for byte what -j 1 gives: stdout, the messages on
# stderr and the --bad-lines copies, in input order, over several batches
# of records with bad lines and a line over --max-record-bytes among them.
cd "$TMP" || exit 2
long=$(printf '%0300d' 0 | tr 0 z)
i=0
while [ $i -lt 700 ]; do
	printf '{"id":%d,"title":"Story %d","text":"First line of story %d. It goes on.\\n\\nShare this article\\n\\nThe end of story %d."}\n' $i $i $i $i
	case $i in
	5|300|301|650) printf '{"id":%d,"text":3}\n' $i ;;
	400) printf '{"text":"%s"}\n' "$long" ;;
	520) printf 'not json\n' ;;
	esac
	i=$((i + 1))
done >in.jsonl
ns-entities -j 1 --max-record-bytes 256 --bad-lines "$TMP/bad1" in.jsonl >"$TMP/out1" 2>"$TMP/err1"
echo "status $?"
ns-entities -j 3 --max-record-bytes 256 --bad-lines "$TMP/bad3" in.jsonl >"$TMP/out3" 2>"$TMP/err3"
echo "status $?"
cmp -s "$TMP/out1" "$TMP/out3" && echo "stdout: same"
cmp -s "$TMP/err1" "$TMP/err3" && echo "stderr: same"
cmp -s "$TMP/bad1" "$TMP/bad3" && echo "bad lines: same"
echo "records out: $(wc -l <"$TMP/out3")"
cat "$TMP/err3"
# --strict: the same stop at the first rejected line.
ns-entities -j 1 --strict in.jsonl >"$TMP/out1" 2>"$TMP/err1"
echo "status $?"
ns-entities -j 2 --strict in.jsonl >"$TMP/out3" 2>"$TMP/err3"
echo "status $?"
cmp -s "$TMP/out1" "$TMP/out3" && echo "strict stdout: same"
echo "records out: $(wc -l <"$TMP/out3")"
cat "$TMP/err3"
