# Pathological text (lib.sh), each as the text of one record: each record
# comes out as built here, its text whole, "removed":[] added; status 0,
# nothing on stderr.
. ../lib.sh
strip() {
	ns-strip-ads patho.in >patho.got
	rc=$?
	sed 's/}$/,"removed":[]}/' patho.in >patho.want
	if cmp -s patho.want patho.got; then r="as built"; else r="NOT as built"; fi
	echo "$1, $2: status $rc, $(wc -l <patho.got | tr -d ' ') record, $r"
}
pathological_case jsonl strip
