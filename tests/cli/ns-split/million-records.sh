# --from jsonl: 1,000,000 tiny records (10,000 under valgrind),
# {"id":"r<i>","text":"a"}, give one sentence sub-record each, in input
# order, as built here; status 0, nothing on stderr.
cd "$TMP" || exit 2
n=1000000
[ "${NS_VALGRIND:-0}" = 1 ] && n=10000
awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "{\"id\":\"r%d\",\"text\":\"a\"}\n", i }' >tiny.in
awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++)
	printf "{\"id\":\"r%d-0\",\"parent\":\"r%d\",\"n\":0,\"text\":\"a\",\"start\":0,\"end\":1}\n", i, i }' >tiny.want
ns-split --from jsonl --unit sentence <tiny.in >tiny.got
echo "status $?"
if cmp -s tiny.want tiny.got; then
	echo "records: all, in order, as built"
else
	echo "records: $(wc -l <tiny.got | tr -d ' ') of $n, not as built"
fi
rm -f tiny.*
