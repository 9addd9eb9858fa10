# The record shown in ns-summarize(1), DESCRIPTION: an article split by
# ns-split from ex.txt, then summarized in 2 sentences.
cd "$TMP" || exit 2
printf '%s\n' 'Dock workers strike at Port Alder' '' \
    'Dock workers at Port Alder walked out on Tuesday. Ships waited offshore.' '' \
    'The union wants a raise of 6%. Talks resume on Thursday.' >ex.txt
ns-split ex.txt | ns-summarize -n 2
