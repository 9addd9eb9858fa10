# 1,000,000 tiny lines (10,000 under valgrind), "a" each: one article, its
# text the lines joined by "\n" (no title: the first line runs on in lower
# case), as built here; its id is XXH3-64 of "\n" and the text (printf
# '\na\na...a' | xxhsum -H3). Then --unit paragraph on a title line "T"
# and as many paragraphs "a", each after a blank line: that many paragraph
# sub-records, "a" at code point 3i each, of the article whose id is XXH3-64
# of "T\n" and the text (printf 'T\na\n\na...a' | xxhsum -H3). Status 0,
# nothing on stderr.
cd "$TMP" || exit 2
n=1000000
id=f4a3eb226ab5c9cb pid=4552a3c617bd7e1e
if [ "${NS_VALGRIND:-0}" = 1 ]; then
	n=10000 id=41a9ef5d538a68ac pid=a6af7057e18ea131
fi
awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "a\n" }' >tiny.in
awk -v n="$n" -v id="$id" 'BEGIN {
	printf "{\"id\":\"%s\",\"title\":\"\",\"text\":\"a", id
	for (i = 1; i < n; i++) printf "\\na"
	printf "\",\"source\":{\"file\":\"-\",\"line\":1,\"byte\":0}}\n" }' >tiny.want
ns-split <tiny.in >tiny.got
echo "lines: status $?"
if cmp -s tiny.want tiny.got; then
	echo "one article, all the lines, as built"
else
	echo "not as built: $(wc -l <tiny.got | tr -d ' ') records"
fi
awk -v n="$n" 'BEGIN { printf "T\n"; for (i = 0; i < n; i++) printf "\na\n" }' >tiny.in
awk -v n="$n" -v id="$pid" 'BEGIN { for (i = 0; i < n; i++)
	printf "{\"id\":\"%s-%d\",\"parent\":\"%s\",\"n\":%d,\"text\":\"a\",\"start\":%d,\"end\":%d}\n", id, i, id, i, 3 * i, 3 * i + 1 }' >tiny.want
ns-split --unit paragraph <tiny.in >tiny.got
echo "paragraphs: status $?"
if cmp -s tiny.want tiny.got; then
	echo "paragraphs: all, in order, as built"
else
	echo "paragraphs: $(wc -l <tiny.got | tr -d ' ') of $n, not as built"
fi
rm -f tiny.*
