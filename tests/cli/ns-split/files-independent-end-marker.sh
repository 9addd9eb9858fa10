# Files named as operands are split independently, also when the first
# ends under an end marker with a source's name held over boilerplate: the
# second file's first line ("The Verge") is read as at the top of a dump
# of its own, not as a source's name under the first file's end marker.
cd "$TMP" || exit 2
printf 'Apple unveils new chip for laptops\n\nApple on Tuesday unveiled a new processor for its laptops.\n\nLink to original source\n\nThe Verge\nAdvertisement\n' >a.txt
printf 'The Verge\n\nSamsung profit jumps on memory prices\n\nSamsung Electronics said quarterly profit tripled as memory prices rose.\n' >b.txt
ns-split a.txt b.txt >both.jsonl
echo "status $?"
{ ns-split a.txt; ns-split b.txt; } >each.jsonl
cmp -s both.jsonl each.jsonl && echo "same"
cat both.jsonl
