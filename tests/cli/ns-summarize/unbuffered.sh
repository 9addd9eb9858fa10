# -u: each record is flushed as soon as it is written. more.jsonl is read
# whole; then the tool waits to open a fifo, while the output is looked at.
mkfifo "$TMP/sum.fifo"
: >"$TMP/ns-summarize-unbuffered.jsonl"
ns-summarize -u more.jsonl "$TMP/sum.fifo" >"$TMP/ns-summarize-unbuffered.jsonl" &
i=0
while [ "$(wc -l <"$TMP/ns-summarize-unbuffered.jsonl")" -lt 2 ] && [ $i -lt 20 ]; do
	sleep 1
	i=$((i + 1))
done
cat "$TMP/ns-summarize-unbuffered.jsonl"
echo "--- the fifo is not open yet"
printf '{"title":"Late","text":"Came after a pause."}\n' >"$TMP/sum.fifo"
wait
echo "--- at the end"
cat "$TMP/ns-summarize-unbuffered.jsonl"
rm -f "$TMP/sum.fifo"
