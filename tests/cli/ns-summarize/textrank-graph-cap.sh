# TextRank's graph holds the first 200 sentences only. N sentences of
# words of their own are followed by 20 that share theirs: with N = 180
# all 200 are in the graph and --method textrank picks three of the 20;
# with N = 200 the 20 fall outside it, rank last, and the picks come from
# the first 200 (all alike: the first three). Prints the summary fields.
for n in 180 200; do
	awk -v n=$n 'BEGIN {
		printf "{\"title\":\"Long record\",\"text\":\""
		for (i = 0; i < n; i++)
			printf "Item%d alpha%d beta%d gamma%d delta%d. ", i, i, i, i, i
		for (i = 0; i < 20; i++)
			printf "Harbor cranes idle as dock workers strike again.%s", (i < 19 ? " " : "")
		printf "\"}\n" }' | ns-summarize --method textrank | sed 's/.*"summary":/"summary":/'
done
