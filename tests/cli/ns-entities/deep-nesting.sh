# Deep nesting, with -j 1 and -j 2: the lines nested too deep rejected and
# kept in --bad-lines, the others passed through byte for byte (their texts
# hold no entity) with "entities":[] (lib.sh).
. ../lib.sh
deep_nesting_case ns-entities 'sub(/}$/, ",\"entities\":[]}"); print' '-j 1' '-j 2'
