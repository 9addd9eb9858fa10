# --progress: a last report on stderr at the end of the input (no
# terminal here, so no in-place updates), the rate masked; stdout as
# without it.
printf '{"text":"One. Two."}\n{"text":"Three."}\n\n{"text":"Four."}\n' |
    ns-entities --progress 2>"$TMP/progress.stderr" | wc -l
sed 's/[0-9.]* MB\/s/N MB\/s/' "$TMP/progress.stderr"
