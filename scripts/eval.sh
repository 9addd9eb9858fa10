#!/bin/sh
# eval.sh: quality of the ns tools on the shared evaluation data, with the
# shared scorers (make eval). Skips, with a message, what is not there.
#
#   articles  ns-split | ns-strip-ads on tests/accept/*.txt, scored by
#             ns-eval articles against the hand-written gold
#   headlines BBC News Summary articles run together with no marker between
#             them: how many titles ns-split finds, and how many it invents
#             (each article alone must stay one article)
bindir=${NS_BINDIR:-build}
shared=${NS_SHARED:-../shared}
eval=$shared/eval/ns-eval
cd "$(dirname "$0")/.." || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ ! -x "$eval" ] || ! command -v python3 >/dev/null 2>&1; then
	echo "eval: skipped: $eval or python3 is not here"
	exit 0
fi

echo "== articles (tests/accept, ns-eval articles)"
for dump in tests/accept/*.txt; do
	gold=${dump%.txt}.gold.jsonl
	"$bindir/ns-split" "$dump" | "$bindir/ns-strip-ads" >"$tmp/pred"
	printf '%-40s %s\n' "$(basename "$dump")" "$("$eval" articles "$gold" "$tmp/pred" | tail -1)"
done

bbc=$shared/data/bbc-summary/articles
if [ ! -d "$bbc" ]; then
	echo "== headlines: skipped: $bbc is not here"
	exit 0
fi
echo "== headlines (BBC News Summary, articles run together without markers)"
python3 - "$bindir/ns-split" "$bbc" <<'PY'
import glob, json, subprocess, sys
split, root = sys.argv[1], sys.argv[2]
arts = []
for f in sorted(glob.glob(root + "/*/*.txt")):
    try:
        arts.append(open(f, encoding="utf-8").read().strip())
    except UnicodeDecodeError:
        pass
def run(text):
    out = subprocess.run([split], input=text.encode(), capture_output=True).stdout
    return [json.loads(l) for l in out.decode().splitlines()]
recs = run("\n\n".join(arts) + "\n")
gold = [a.split("\n")[0].strip() for a in arts]
got = [r["title"] for r in recs]
gs, ps = set(gold), set(got)
found = len(gs & ps)
false = sum(1 for t in got if t not in gs)
p = found / max(1, found + false)
r = found / max(1, len(gs))
print(f"articles {len(arts)}, records {len(recs)}, titles found {found}, invented {false}")
one = sum(1 for a in arts if len(run(a + "\n")) != 1)
print(f"single articles cut in two or more: {one} of {len(arts)}")
print(f"headline P {p:.4f} R {r:.4f} F1 {2*p*r/max(1e-9,p+r):.4f}")
PY
