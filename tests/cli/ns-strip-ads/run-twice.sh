# Running twice gives the output of running once: the second run cuts
# nothing and adds nothing to "removed". The .out is builtin-rules.out
# followed by title-suffix.out.
cat builtin-rules.in title-suffix.in | ns-strip-ads | ns-strip-ads
