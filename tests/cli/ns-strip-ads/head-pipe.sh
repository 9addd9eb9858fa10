# A closed downstream pipe ends ns-strip-ads quietly; the status of the
# pipeline is head's.
awk 'BEGIN { for (i = 1; i <= 5000; i++) printf "{\"title\":\"Record %d\",\"text\":\"Body of record %d.\\n\\nAdvertisement\"}\n", i, i }' >"$TMP/many.jsonl"
ns-strip-ads "$TMP/many.jsonl" | head -1
