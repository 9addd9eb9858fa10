# Many records: the write error shows while writing.
awk 'BEGIN { for (i = 1; i <= 3000; i++) printf "Headline Number %d Of The Day\n\nThe body of article %d is one sentence long.\n\n---\n", i, i }' > "$TMP/big.txt"
ns-split "$TMP/big.txt" > /dev/full
