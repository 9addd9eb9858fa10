# A 100 MB line between two records: rejected, kept in --bad-lines, the
# records around it processed, memory bounded (lib.sh).
. ../lib.sh
huge_line_case ns-summarize \
    '{"title":"Before","text":"Small record.","summary":"Small record.","summary_sentences":[0]}' \
    '{"title":"After","text":"Still processed.","summary":"Still processed.","summary_sentences":[0]}'
