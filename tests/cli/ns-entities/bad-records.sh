# Every kind of bad record is reported with its line number, kept in
# --bad-lines byte for byte, and never written to stdout; the good ones
# (here with no entity of the types asked for) are.
ns-entities -t MONEY --bad-lines "$TMP/bad.jsonl"
echo "status $?"
echo "--- bad lines:"
cat "$TMP/bad.jsonl"
