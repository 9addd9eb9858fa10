# Running twice gives the output of running once: the second run replaces
# "entities" with the same array, in place.
cat names.in values.in existing-fields.in | ns-entities >"$TMP/once.jsonl"
ns-entities <"$TMP/once.jsonl" >"$TMP/twice.jsonl"
cmp -s "$TMP/once.jsonl" "$TMP/twice.jsonl" && echo "twice: the same bytes as once"
wc -l <"$TMP/once.jsonl" | tr -d ' '
