# The first example of ns-summarize(1): split a dump, cut the boilerplate,
# summarize. The "Advertisement" and "Link to original source" lines are
# gone before the sentences are counted.
cd "$TMP" || exit 2
cat >dump.txt <<'DUMP'
Council approves new cycle lanes

The Rowan Vale council approved plans for 14 miles of cycle lanes on Tuesday. The lanes will link the train station with the two largest schools in town.

Advertisement

Work is due to start in September and finish by next spring. Shop owners on Mercer Road had asked the council to keep their parking spaces. The plan keeps half of them.

Link to original source
---
Zoo welcomes twin otters

Two otter pups were born at the Kingsmere zoo last week. Keepers said both were healthy.
DUMP
ns-split dump.txt | ns-strip-ads | ns-summarize >summaries.jsonl
echo "status $?"
cat summaries.jsonl
echo "--- a second run changes nothing:"
ns-summarize summaries.jsonl | cmp - summaries.jsonl && echo same
