# --bad-lines gets each rejected (too long) line byte for byte, a newline
# after each; the article goes on without them.
long=$(printf '%0420d' 0 | tr 0 A)
{
	printf 'Port Gets Bigger Cranes\n\nTwo cranes arrived.\n\n'
	printf '%s\r\n' "$long"
	printf 'They lift sixty tonnes.\n'
	printf 'B\303\251B\303\251 tab\there \377 %s\n' "$long"
	printf '\nMore ships are due.\n'
} | ns-split --max-record-bytes 400 --bad-lines "$TMP/bad.txt"
echo "status $?"
echo "--- bad lines:"
cat "$TMP/bad.txt"
