ns-split --help > /dev/full
