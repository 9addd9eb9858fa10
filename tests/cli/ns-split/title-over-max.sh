# Boilerplate carried over from a cut (a web archive record's header
# fields, which are not written alone) leaves no room under
# --max-record-bytes for the page's title: the article is cut before the
# title line too, so that no record written is over the limit and the next
# tool, with the same limit, takes them all.
{
	printf 'WARC/1.0\n'
	printf 'WARC-Target-URI: https://news.example.com/2024/03/12/rail-freight-slows-as-the-strike-goes-on\n'
	printf 'WARC-Refers-To: <urn:uuid:0f6d3a52-8a51-4c1b-9d7e-3b2f0c9e1a77> <urn:uuid:9b1e4c07-2d3f-4a5e-8f60-71a2b3c4d5e6>\n'
	printf '\n'
	printf 'Rail freight slows as the strike goes on, with no end in sight today, the union says, as talks stall again\n'
	printf 'Trains stood loaded in the yards on Wednesday.\n'
} | ns-split --max-record-bytes 300 >"$TMP/title-over-max.jsonl"
echo "status $?"
cat "$TMP/title-over-max.jsonl"
ns-strip-ads --max-record-bytes 300 <"$TMP/title-over-max.jsonl" >/dev/null
echo "ns-strip-ads --max-record-bytes 300: status $?"
rm -f "$TMP/title-over-max.jsonl"
