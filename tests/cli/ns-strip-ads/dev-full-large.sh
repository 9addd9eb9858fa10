# Many records: the write error shows while writing.
awk 'BEGIN { for (i = 1; i <= 5000; i++) printf "{\"title\":\"Record %d\",\"text\":\"Body of record %d.\\n\\nAdvertisement\"}\n", i, i }' >"$TMP/many.jsonl"
ns-strip-ads "$TMP/many.jsonl" > /dev/full
