# 1,000,000 tiny records (10,000 under valgrind), {"n":i,"text":"a"}, with
# -j 1 and -j 2: every one comes out, in order, with "removed":[] (lib.sh).
. ../lib.sh
million_records_case ns-strip-ads '{"n":%d,"text":"a"}' \
    '{"n":%d,"text":"a","removed":[]}' '-j 1' '-j 2'
