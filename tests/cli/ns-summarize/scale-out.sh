# GNU parallel --pipe -k and one process per input split give byte for
# byte what one process gives (lib.sh).
. ../lib.sh
scale_out_case ns-summarize
