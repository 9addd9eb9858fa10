# --list-rules to a full disk: a write error, status 2.
ns-strip-ads --list-rules > /dev/full
