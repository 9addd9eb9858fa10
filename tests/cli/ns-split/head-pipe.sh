# A closed downstream pipe ends ns-split quietly; the status of the
# pipeline is head's.
awk 'BEGIN { for (i = 1; i <= 5000; i++) printf "Headline Number %d Of The Day\n\nThe body of article %d is one sentence long.\n\n---\n", i, i }' > "$TMP/big.txt"
ns-split "$TMP/big.txt" | head -1 | sed 's/"file":"[^"]*"/"file":"BIG"/'
