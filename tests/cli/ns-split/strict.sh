# --strict: stop at the first rejected line, status 1. The articles ended
# before it are written; the one being read is not.
long=$(printf '%0420d' 0 | tr 0 Z)
{
	printf 'First Story Is Complete\n\nIt ends with a marker.\n\nLink to original source\n\n'
	printf 'Second Story Is Cut Short\n\nIt has a line that is too long.\n%s\n' "$long"
	printf 'More text.\n\nLink to original source\n\nThird Story Never Read\n\nNot reached.\n'
} | ns-split --strict --max-record-bytes 400
