# -u: each article is flushed as soon as it is written. one.txt is read
# whole; then the tool waits to open a fifo, while the output is looked at.
mkfifo "$TMP/split.fifo"
ns-split -u one.txt "$TMP/split.fifo" >"$TMP/ns-split-unbuffered.jsonl" &
i=0
while [ ! -s "$TMP/ns-split-unbuffered.jsonl" ] && [ $i -lt 20 ]; do
	sleep 1
	i=$((i + 1))
done
cat "$TMP/ns-split-unbuffered.jsonl"
echo "--- the fifo is not open yet"
printf 'Late Story Arrives\n\nIt came after a pause.\n' >"$TMP/split.fifo"
wait
echo "--- at the end"
sed 's/"file":"[^"]*split.fifo"/"file":"FIFO"/' "$TMP/ns-split-unbuffered.jsonl"
rm -f "$TMP/split.fifo"
