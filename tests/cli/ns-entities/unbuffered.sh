# -u: each record is flushed as soon as it is written. more.jsonl is read
# whole; then the tool waits to open a fifo, while the output is looked at.
mkfifo "$TMP/entities.fifo"
: >"$TMP/entities-unbuffered.jsonl"
ns-entities -u more.jsonl "$TMP/entities.fifo" >"$TMP/entities-unbuffered.jsonl" &
i=0
while [ "$(wc -l <"$TMP/entities-unbuffered.jsonl")" -lt 2 ] && [ $i -lt 20 ]; do
	sleep 1
	i=$((i + 1))
done
cat "$TMP/entities-unbuffered.jsonl"
echo "--- the fifo is not open yet"
printf '{"title":"Late","text":"Came after a pause."}\n' >"$TMP/entities.fifo"
wait
echo "--- at the end"
cat "$TMP/entities-unbuffered.jsonl"
rm -f "$TMP/entities.fifo" "$TMP/entities-unbuffered.jsonl"
