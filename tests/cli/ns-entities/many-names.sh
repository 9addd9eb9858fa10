# A text of many names (80,000 mentions of one surname in one record)
# takes time in proportion to them: short_types() looks at the longer
# names once each, not at every name for each one-word name (quadratic:
# minutes); past the time limit nothing is written.
awk 'BEGIN { printf "{\"id\":\"many\",\"text\":\""
	for (i = 0; i < 80000; i++) printf "Smith said. "
	printf "John Smith left.\"}\n" }' |
    timeout 30 ns-entities -t PERSON |
    awk '{ print (length($0) > 1000000 ? "long" : "short") }'
echo "status $?"
