# --dry-run lists the cuts in "removed" and leaves title and text alone;
# a second dry run on its output changes nothing.
ns-strip-ads --dry-run dry-run.jsonl | tee "$TMP/dry1.jsonl"
ns-strip-ads -n "$TMP/dry1.jsonl" | cmp - "$TMP/dry1.jsonl" && echo "second dry run: same"
