# A 100 MB line between two records: rejected, kept in --bad-lines, the
# records around it processed, memory bounded (lib.sh).
. ../lib.sh
huge_line_case ns-entities \
    '{"title":"Before","text":"Small record.","entities":[]}' \
    '{"title":"After","text":"Still processed.","entities":[]}'
