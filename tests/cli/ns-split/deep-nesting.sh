# Deep nesting, with --from jsonl (--unit sentence and paragraph): the lines
# nested too deep rejected and kept in --bad-lines, the others cut into
# sentences like any other: each text is one sentence, one sub-record of
# the record's id (lib.sh).
. ../lib.sh
# shellcheck disable=SC2016 # an awk action
deep_nesting_case 'ns-split --from jsonl' '
	match($0, /"id":"[^"]*"/); id = substr($0, RSTART + 6, RLENGTH - 7)
	match($0, /"text":"[^"]*"/); t = substr($0, RSTART + 8, RLENGTH - 9)
	printf "{\"id\":\"%s-0\",\"parent\":\"%s\",\"n\":0,\"text\":\"%s\",\"start\":0,\"end\":%d}\n", id, id, t, length(t)' \
    '--unit sentence' '--unit paragraph'
