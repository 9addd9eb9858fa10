# An article that would grow past --max-record-bytes is cut before the
# line that would take it there, even inside one paragraph; each cut is
# reported with its line, nothing is lost, and the status is 1.
printf 'Short Headline Here\n\nFirst paragraph line one.\nFirst paragraph line two.\nFirst paragraph line three.\n\nSecond paragraph.\n' |
ns-split --max-record-bytes 64
echo "status $?"
