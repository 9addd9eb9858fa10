# Scale-out on existing engines gives byte for byte what one process
# gives: GNU parallel (--pipe cuts the input into blocks of whole lines,
# -k keeps the outputs in input order), and a Hadoop Streaming mapper run
# (each map task reads its split of whole lines on standard input; the
# splits' outputs taken in order).
cd "$TMP" || exit 2
i=0
while [ $i -lt 2000 ]; do
	printf '{"id":%d,"title":"Story %d","text":"Story %d begins here. It has a second sentence.\\n\\nFollow us on Twitter\\n\\nAnd a last paragraph, %d."}\n' $i $i $i $i
	i=$((i + 1))
done >in.jsonl
ns-entities <in.jsonl >one.jsonl
echo "status $?"
parallel --will-cite --pipe -k --block 16k -j 2 ns-entities <in.jsonl >parallel.jsonl
echo "status $?"
cmp -s one.jsonl parallel.jsonl && echo "parallel --pipe -k: same"
split -l 300 in.jsonl split.
for f in split.*; do
	ns-entities <"$f" || echo "map task $f failed"
done >mapped.jsonl
cmp -s one.jsonl mapped.jsonl && echo "one process per split: same"
echo "records: $(wc -l <one.jsonl)"
