# --bad-lines that names an input or the standard output is refused,
# status 2, and the file is left as it was (lib.sh).
. ../lib.sh
bad_lines_clash_case ns-entities
