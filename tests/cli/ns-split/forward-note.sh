# A newsletter forwarded with a note (Gmail's mark over the forwarded
# message's headers): the forwarder's note and signature under the
# "Subject: Fwd:" header block are the mail's, boilerplate of the first
# story, which takes its headline as title; ns-strip-ads cuts them.
{
	printf 'From: Ana Reyes <ana@example.org>\n'
	printf 'Subject: Fwd: Harbour news, week 11\n'
	printf '\n'
	printf 'See the second item, we should reply before Friday.\n'
	printf '\n'
	printf 'Ana\n'
	printf '\n'
	printf -- '---------- Forwarded message ---------\n'
	printf 'From: Harbour News <news@example.com>\n'
	printf 'Subject: Harbour news, week 11\n'
	printf '\n'
	printf 'New pilot boat enters service at Kessmouth\n'
	printf 'The harbour authority took delivery of its third pilot boat on Monday.\n'
	printf 'It replaces a launch built in 1987.\n'
} | ns-split | ns-strip-ads
