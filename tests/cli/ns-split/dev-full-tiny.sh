# One tiny record: the write error shows only when stdout is flushed at close.
ns-split one.txt > /dev/full
