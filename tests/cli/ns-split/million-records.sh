# --from jsonl: 1,000,000 tiny records (10,000 under valgrind),
# {"id":"r<i>","text":"a"}, give one sentence sub-record each, in input
# order (lib.sh).
. ../lib.sh
million_records_case 'ns-split --from jsonl --unit sentence' '{"id":"r%d","text":"a"}' \
    '{"id":"r%d-0","parent":"r%d","n":0,"text":"a","start":0,"end":1}' ''
