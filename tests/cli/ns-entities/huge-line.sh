# A line over the default --max-record-bytes (16M) is rejected with its
# line number and size; the next record is still processed.
{
	printf '{"title":"Before","text":"Small record."}\n'
	printf '{"title":"Huge","text":"'
	head -c 17000000 /dev/zero | tr '\0' 'x'
	printf '"}\n'
	printf '{"title":"After","text":"Still processed. Two sentences."}\n'
} | ns-entities
