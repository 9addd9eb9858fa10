# A text of many names that open with a title (120,000 "Bishop Auckland"
# in one record, a place) takes time in proportion to them: the surnames
# titled_names() asks for are a set, not a loop over every name for each
# (quadratic: minutes); past the time limit nothing is written.
awk 'BEGIN { printf "{\"id\":\"many\",\"text\":\""
	for (i = 0; i < 120000; i++) printf "They met at Bishop Auckland. "
	printf "\"}\n" }' |
    timeout 20 ns-entities -t LOC |
    awk '{ n = gsub(/"type":"LOC"/, ""); print n }'
echo "status $?"
