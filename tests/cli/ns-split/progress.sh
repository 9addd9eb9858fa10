# --progress on raw text counts lines.
printf 'Title\n\nBody line.\nLink to original source\n' |
    ns-split --progress 2>"$TMP/progress.stderr" | wc -l
sed 's/[0-9.]* MB\/s/N MB\/s/' "$TMP/progress.stderr"
