# The same with other options: the second run's summary depends on the
# text and title only, never on the fields the first run added.
ns-summarize --method textrank -n 4 news.jsonl | ns-summarize --method textrank -n 4 |
    cmp - method-textrank.out && echo same
ns-summarize --ratio 0.5 news.jsonl | ns-summarize --ratio 0.5 | cmp - ratio.out &&
    echo same
ns-summarize -n 2 --wrapped wrapped.jsonl | ns-summarize -n 2 --wrapped |
    cmp - wrapped.out && echo same
