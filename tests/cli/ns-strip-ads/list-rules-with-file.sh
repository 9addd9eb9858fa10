# Rules of --rules FILE come after the built-in ones.
ns-strip-ads -r house.rules --list-rules | tail -4
