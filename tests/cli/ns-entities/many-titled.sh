# A text of many names that open with a title (120,000 "Bishop Auckland"
# in one record, a place) takes time in proportion to them: the surnames
# titled_names() asks for are a set, not a loop over every name for each
# (quadratic: minutes); past the time limit nothing is written. Under
# valgrind, 2,000 of them and no limit to speak of: only the answers count.
n=120000 limit=20
[ "${NS_VALGRIND:-0}" = 1 ] && n=2000 limit=900
awk -v n="$n" 'BEGIN { printf "{\"id\":\"many\",\"text\":\""
	for (i = 0; i < n; i++) printf "They met at Bishop Auckland. "
	printf "\"}\n" }' |
    timeout "$limit" ns-entities -t LOC |
    awk -v n="$n" '{ k = gsub(/"type":"LOC"/, "");
	print (k == n ? "a place each" : k " places of " n) }'
echo "status $?"
