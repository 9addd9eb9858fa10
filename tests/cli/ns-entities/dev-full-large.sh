# Many records: the write error shows while writing.
awk 'BEGIN { for (i = 1; i <= 5000; i++) printf "{\"title\":\"Record %d\",\"text\":\"Body of record %d. It has two sentences.\"}\n", i, i }' >"$TMP/many.jsonl"
ns-entities "$TMP/many.jsonl" > /dev/full
