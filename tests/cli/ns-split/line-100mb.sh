# A single line of 100 MB (2 MB under valgrind) with --max-record-bytes 1M,
# in raw text between two articles, and with --from jsonl between two
# records: rejected with its line number and size, kept byte for byte in
# --bad-lines, the records before and after it processed, as built here;
# memory stays bounded: the peak RSS is under a quarter of the line more
# than the tool's own footprint, its peak on the same input with an empty
# line where the long one is (ASan's is some 26 MB) (lib.sh:
# huge_line_case's pieces).
. ../lib.sh
cd "$TMP" || exit 2
said="the line's number, its size"
from=raw
label='raw: '
n=0
feed ns-split --max-record-bytes 1M >/dev/null
base=$hwm
huge_size
# The ids: XXH3-64 of the title, "\n" and the text (xxhsum -H3).
printf '%s\n' '{"id":"08f5bfea189aa0dd","title":"Before Headline Here","text":"Small text.\n\nLink to original source","source":{"file":"-","line":1,"byte":0}}' \
	'{"id":"069df9a4b2d6b41e","title":"After Headline Here","text":"Still processed.\n\nLink to original source","source":{"file":"-","line":7,"byte":'$((n + 60))'}}' >huge.want
feed ns-split --max-record-bytes 1M --bad-lines huge.bad
check "ns-split: <stdin>:6: line of $n bytes is over --max-record-bytes (1048576)" "$said"
from=jsonl
label='jsonl: '
n=0
feed ns-split --from jsonl --unit sentence --max-record-bytes 1M >/dev/null
base=$hwm
huge_size
printf '%s\n' '{"id":"80d184cfab2c6791-0","parent":"80d184cfab2c6791","n":0,"text":"Small record.","start":0,"end":13}' \
	'{"id":"a73916a8b9d73bd3-0","parent":"a73916a8b9d73bd3","n":0,"text":"Still processed.","start":0,"end":16}' >huge.want
feed ns-split --from jsonl --unit sentence --max-record-bytes 1M --bad-lines huge.bad
check "ns-split: <stdin>:2: line of $((n + 26)) bytes is over --max-record-bytes (1048576)" "$said"
rm -f huge.*
