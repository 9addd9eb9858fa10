# A text of many names (80,000 mentions of one surname in one record)
# takes time in proportion to them: short_types() looks at the longer
# names once each, not at every name for each one-word name (quadratic:
# minutes); past the time limit nothing is written. Under valgrind, 2,000
# mentions and no limit to speak of: only the answer counts.
n=80000 limit=30
[ "${NS_VALGRIND:-0}" = 1 ] && n=2000 limit=900
awk -v n="$n" 'BEGIN { printf "{\"id\":\"many\",\"text\":\""
	for (i = 0; i < n; i++) printf "Smith said. "
	printf "John Smith left.\"}\n" }' |
    timeout "$limit" ns-entities -t PERSON |
    awk '/"text":"John Smith","type":"PERSON"/ { print "the record, John Smith in it" }'
echo "status $?"
