# -j 3 gives byte for byte what -j 1 gives, and --strict stops at the same
# line (lib.sh).
. ../lib.sh
jobs_case ns-summarize
