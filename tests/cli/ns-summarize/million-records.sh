# 1,000,000 tiny records (10,000 under valgrind), {"n":i,"text":"a"}: every
# one comes out, in input order, as built here (with the text as its summary), with
# -j 1 and -j 2; status 0, nothing on stderr.
cd "$TMP" || exit 2
n=1000000
[ "${NS_VALGRIND:-0}" = 1 ] && n=10000
awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "{\"n\":%d,\"text\":\"a\"}\n", i }' >tiny.in
awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "{\"n\":%d,\"text\":\"a\",\"summary\":\"a\",\"summary_sentences\":[0]}\n", i }' >tiny.want
for j in 1 2; do
	ns-summarize -j "$j" <tiny.in >tiny.got
	echo "-j $j: status $?"
	if cmp -s tiny.want tiny.got; then
		echo "records: all, in order, as built"
	else
		echo "records: $(wc -l <tiny.got | tr -d ' ') of $n, not as built"
	fi
done
rm -f tiny.*
