# 1,000,000 tiny articles (10,000 under valgrind), "T", a blank line, "a"
# and a separator line, 9 bytes each: every one comes out, in order, as
# built here: title "T", text "a", source line 4i+1 and byte 9i, and the id
# XXH3-64 of "T\na" (printf 'T\na' | xxhsum -H3: 6f82bf44da4c4bbb). Status
# 0, nothing on stderr.
cd "$TMP" || exit 2
n=1000000
[ "${NS_VALGRIND:-0}" = 1 ] && n=10000
awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "T\n\na\n---\n" }' >tiny.in
awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++)
	printf "{\"id\":\"6f82bf44da4c4bbb\",\"title\":\"T\",\"text\":\"a\",\"source\":{\"file\":\"-\",\"line\":%d,\"byte\":%d}}\n", 4 * i + 1, 9 * i }' >tiny.want
ns-split <tiny.in >tiny.got
echo "status $?"
if cmp -s tiny.want tiny.got; then
	echo "articles: all, in order, as built"
else
	echo "articles: $(wc -l <tiny.got | tr -d ' ') of $n, not as built"
fi
rm -f tiny.*
