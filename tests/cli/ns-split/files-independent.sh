# Files named as operands are split independently: one run over two
# files writes what two runs, one per file, write (each article's source
# names its file), even when the first file ends inside an article.
cd "$TMP" || exit 2
printf 'First headline\n\nBody of the first.\nLink to original source\n\nSecond headline\n\nIts body, never ended.\n' >a.txt
printf 'Third headline\n\nBody of the third.\nLink to original source\n' >b.txt
ns-split a.txt b.txt >both.jsonl
echo "status $?"
{ ns-split a.txt; ns-split b.txt; } >each.jsonl
cmp -s both.jsonl each.jsonl && echo "same"
cat both.jsonl
