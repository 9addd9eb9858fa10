# -u: each record is flushed as soon as it is written. a.jsonl is read
# whole; then the tool waits to open a fifo, while the output is looked at.
mkfifo "$TMP/strip.fifo"
: >"$TMP/ns-strip-ads-unbuffered.jsonl"
ns-strip-ads -u a.jsonl "$TMP/strip.fifo" >"$TMP/ns-strip-ads-unbuffered.jsonl" &
i=0
while [ "$(wc -l <"$TMP/ns-strip-ads-unbuffered.jsonl")" -lt 2 ] && [ $i -lt 20 ]; do
	sleep 1
	i=$((i + 1))
done
cat "$TMP/ns-strip-ads-unbuffered.jsonl"
echo "--- the fifo is not open yet"
printf '{"title":"Late","text":"Came after a pause."}\n' >"$TMP/strip.fifo"
wait
echo "--- at the end"
cat "$TMP/ns-strip-ads-unbuffered.jsonl"
rm -f "$TMP/strip.fifo"
