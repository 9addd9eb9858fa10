# Deep nesting, with -j 1 and -j 2: the lines nested too deep rejected and
# kept in --bad-lines, the others passed through byte for byte, each with
# its text (one sentence) as the summary (lib.sh).
. ../lib.sh
# shellcheck disable=SC2016 # an awk action
deep_nesting_case ns-summarize '
	match($0, /"text":"[^"]*"/)
	t = substr($0, RSTART + 7, RLENGTH - 7)
	sub(/}$/, ",\"summary\":" t ",\"summary_sentences\":[0]}"); print' '-j 1' '-j 2'
