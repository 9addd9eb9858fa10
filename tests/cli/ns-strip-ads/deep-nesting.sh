# Deep nesting: jansson parses at most 2048 levels. A record with a field
# nested 100,000 levels deep, a line that is an array nested 100,000 deep
# and one that is an object nested 100,000 deep are each rejected with the
# column where the limit was hit and kept byte for byte in --bad-lines; the
# record after each is still processed. A field nested 500 levels deep
# (arrays and objects; numbers, escapes and key order as written) and one
# nested 2000 deep are passed through byte for byte. With -j 2 too (the
# workers' stacks). Expected output built here from the input, never by
# the tool.
cd "$TMP" || exit 2
deep_arr() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "["; for (i = 0; i < n; i++) printf "]" }'; }
deep_obj() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "{\"a\":"; printf "0"; for (i = 0; i < n; i++) printf "}" }'; }
mixed() {
	awk -v n="$1" 'BEGIN {
		for (i = 0; i < n; i++) printf (i % 2 ? "{\"k\\u00e9\":" : "[1.50e0,-0,1E+2,")
		printf "\"\\u0041\\/\\ud83d\\ude00\\\"\""
		for (i = n - 1; i >= 0; i--) printf (i % 2 ? ",\"b\":null}" : "]")
	}'
}
{
	printf '{"id":"a","text":"Before the deep ones.","x":'; deep_arr 100000; printf '}\n'
	printf '{"id":"b","text":"Kept."}\n'
	deep_arr 100000; printf '\n'
	printf '{"id":"c","text":"Kept too."}\n'
	deep_obj 100000; printf '\n'
	printf '{"id":"d","title":"Deep but fine","text":"A sentence.","x":'; mixed 500
	printf ',"y":'; deep_obj 2000; printf ',"z":1}\n'
	printf '{"id":"e","text":"After."}\n'
} >deep.in
# Good lines: 2, 4, 6, 7; bad: 1, 3, 5.
awk 'NR == 2 || NR == 4 || NR >= 6 { sub(/}$/, ",\"removed\":[]}"); print }' deep.in >deep.want
awk 'NR == 1 || NR == 3 || NR == 5' deep.in >deep.bad.want
for j in 1 2; do
	ns-strip-ads -j "$j" --bad-lines deep.bad deep.in >deep.got 2>deep.err
	echo "-j $j: status $?"
	cat deep.err
	if cmp -s deep.want deep.got; then
		echo "stdout: records b, c, d, e, as built"
	else
		echo "stdout: not as built:"
		cut -c1-100 deep.got
	fi
	if cmp -s deep.bad.want deep.bad; then
		echo "bad lines: 1, 3, 5, byte for byte"
	else
		echo "bad lines: not as built ($(wc -l <deep.bad) lines)"
	fi
done
rm -f deep.*
