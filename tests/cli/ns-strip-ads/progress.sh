# --progress with -j 2: the last report counts every line read.
printf '{"text":"One."}\n{"text":"Two."}\n' |
    ns-strip-ads -j 2 --progress 2>"$TMP/progress.stderr" | wc -l
sed 's/[0-9.]* MB\/s/N MB\/s/' "$TMP/progress.stderr"
