# Running twice gives the output of running once: the second run replaces
# "summary" and "summary_sentences" with the same values, in place. The
# .out is default.out followed by existing-fields.out.
cat news.jsonl existing-fields.in | ns-summarize | ns-summarize
