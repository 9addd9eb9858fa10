# A line over --max-record-bytes is rejected (reported with its line number
# and size); the lines around it are still processed.
{
	printf 'Market Hall Gets New Roof\n\nThe old roof leaked for years.\n\n'
	head -c 3000 /dev/zero | tr '\0' 'x'
	printf '\n\nWork ends in June, the council said.\n'
} | ns-split --max-record-bytes 1k
