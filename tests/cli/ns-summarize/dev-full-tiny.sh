# One small record: the write error shows when stdout is flushed at close.
ns-summarize more.jsonl > /dev/full
