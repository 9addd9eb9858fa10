# One small record: the write error shows when stdout is flushed at close.
ns-entities more.jsonl > /dev/full
