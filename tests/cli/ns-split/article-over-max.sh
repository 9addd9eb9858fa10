# An article that would grow past --max-record-bytes as a record (escaped
# text plus id, keys and source) is cut before the line that would take it
# there, even inside one paragraph; each cut is reported with its line,
# nothing is lost, and the status is 1.
line='A line of the first paragraph, with "quotes" that JSON must escape.'
{
	printf 'Short Headline Here\n\n'
	printf '%s\n%s\n%s\n' "$line" "$line" "$line"
	printf '\nSecond paragraph.\n'
} | ns-split --max-record-bytes 300
echo "status $?"
