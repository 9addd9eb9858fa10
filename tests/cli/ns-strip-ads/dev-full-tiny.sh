# One small record: the write error shows when stdout is flushed at close.
ns-strip-ads a.jsonl > /dev/full
