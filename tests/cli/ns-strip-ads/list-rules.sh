# --list-rules prints the rules in the rule-file format: the first ones,
# their number, and a round trip (the list read back as a rule file lists
# the same).
ns-strip-ads --list-rules | head -3
ns-strip-ads -l | wc -l | tr -d ' '
ns-strip-ads -l > "$TMP/all.rules"
ns-strip-ads --no-builtin --rules "$TMP/all.rules" --list-rules | cmp - "$TMP/all.rules" && echo "round trip: same"
