# A write error on the --bad-lines file is fatal (status 2), reported
# after the good records are written.
printf '%s\n' '{"text":"good"}' '[1]' | ns-strip-ads --bad-lines /dev/full
