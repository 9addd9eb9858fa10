# --max-record-bytes 1k: a line of 1025 bytes is rejected, the lines
# around it (one of exactly 1024 bytes too) are kept.
pad=$(printf '%0997d' 0 | tr 0 a)
{
	printf '{"title":"Before","text":"Small record."}\n'
	printf '{"title":"Exact","text":"%s"}\n' "$pad"
	printf '{"title":"Over","text":"%sbb"}\n' "$pad"
	printf '{"title":"After","text":"Still processed."}\n'
} | ns-entities --max-record-bytes 1k >"$TMP/max.jsonl"
echo "status $?"
cut -c1-60 "$TMP/max.jsonl"
