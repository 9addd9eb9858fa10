#!/bin/sh
# eval.sh: quality of the ns tools on the shared evaluation data, with the
# shared scorers (make eval). Skips, with a message, what is not there.
#
#   articles  ns-split | ns-strip-ads on tests/accept/*.txt and open/*.txt, scored by
#             ns-eval articles against the hand-written gold
#   headlines BBC News Summary articles run together with no marker between
#             them: how many titles ns-split finds, and how many it invents
#             (each article alone must stay one article)
#   summaries ns-summarize on the hand-written news digests of
#             tests/accept/summarize (3 sentences: each method; lead is
#             lead-3), and on BBC News Summary (5 sentences), each method,
#             and the peer summarizers in ../shared/peers when installed
#   sentences ns-split --unit sentence on the English Golden Rules (case 40,
#             hard-wrapped text, with --wrapped as the rules allow), on the
#             hand-written blind news sets tests/accept/sentences/news.jsonl
#             and news2.jsonl,
#             and on Reuters news: CoNLL-2003 dev sentences, detokenized,
#             that end in . ! or ?, run together eight at a time
#   entities  ns-entities on CoNLL-2003 dev (PER/ORG/LOC and 4-class F1)
#             beside compromise; on the hand-written gold sets in
#             tests/accept/entities/ (span F1 per type, exact values; news7
#             on MONEY/PERCENT/DATE only; news6 and news8 to news11 on every
#             type, news8 to news11 also PERSON/ORG/LOC/NORP) beside wink-nlp
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

echo "== articles (tests/accept, ns-eval articles; open/: shapes not handled yet)"
for dump in tests/accept/*.txt tests/accept/open/*.txt; do
	[ -f "$dump" ] || continue	# open/ may be empty
	gold=${dump%.txt}.gold.jsonl
	"$bindir/ns-split" "$dump" | "$bindir/ns-strip-ads" >"$tmp/pred"
	printf '%-40s %s\n' "${dump#tests/accept/}" "$("$eval" articles "$gold" "$tmp/pred" | tail -1)"
done

# sentence_peers GOLD INPUT...: the sentence splitters of ../shared/peers
# on the records of the INPUTs, each scored against GOLD.
sentence_peers() {
	spg=$1
	shift
	for p in sentencex-sentences wink-sentences compromise-sentences sbd-sentences; do
		if [ -x "$shared/peers/bin/$p" ] && [ -d "$shared/peers/node_modules" ] &&
		    cat "$@" | "$shared/peers/bin/$p" --trim >"$tmp/peer" 2>/dev/null; then
			printf 'peer %-22s %s\n' "$p" "$("$eval" sentences "$spg" "$tmp/peer" | tail -2 | head -1)"
		else
			printf 'peer %-22s %s\n' "$p" "skipped (not installed)"
		fi
	done
}

gr=$shared/data/golden-rules/en.jsonl
if [ -f "$gr" ]; then
	echo "== sentences (Golden Rules, ns-eval sentences)"
	python3 -c '
import json, sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    wrapped = r.get("ps_options", {}).get("doc_type") == "pdf"
    out = sys.stdout if not wrapped else sys.stderr
    print(json.dumps({"id": str(r["id"]), "text": r["input"]}), file=out)
' "$gr" >"$tmp/gr" 2>"$tmp/gr-wrapped"
	{ "$bindir/ns-split" --from jsonl --unit sentence "$tmp/gr"
	  "$bindir/ns-split" --from jsonl --unit sentence --wrapped "$tmp/gr-wrapped"
	} >"$tmp/gr.pred"
	"$eval" sentences "$gr" "$tmp/gr.pred" | tail -3
	sentence_peers "$gr" "$tmp/gr" "$tmp/gr-wrapped"
else
	echo "== sentences (Golden Rules): skipped: $gr is not here"
fi
for sn in tests/accept/sentences/news.jsonl tests/accept/sentences/news2.jsonl; do
	if [ ! -f "$sn" ]; then
		echo "== sentences (blind news set $sn): skipped: not here"
		continue
	fi
	echo "== sentences (blind news set $sn)"
	python3 -c '
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    if l.strip():
        r = json.loads(l)
        print(json.dumps({"id": str(r["id"]), "text": r["input"]}))
' "$sn" >"$tmp/sn"
	"$bindir/ns-split" --from jsonl --unit sentence "$tmp/sn" >"$tmp/sn.pred"
	"$eval" sentences "$sn" "$tmp/sn.pred" | tail -3
	sentence_peers "$sn" "$tmp/sn"
done
conll=$shared/data/conll2003/dev.txt
if [ -f "$conll" ]; then
	echo "== sentences (Reuters: CoNLL-2003 dev, detokenized)"
	"$eval" conll2jsonl "$conll" | python3 -c '
import json, re, sys
def detok(s):
    s = re.sub(r" ([.,;:!?%)\]])", r"\1", s)
    s = re.sub(r"([(\[$]) ", r"\1", s)
    s = re.sub(r" (n.t|.s|.re|.ve|.ll|.d|.m)\b", r"\1", s)
    return re.sub(r"\" (.*?) \"", r"\"\1\"", s)
for line in sys.stdin:
    d = json.loads(line)
    sents = [detok(x) for x in d["text"].split("\n")]
    sents = [x for x in sents if re.search(r"[.!?][\"\x27)]?$", x)
             and len(x.split()) > 3 and x[0].isupper() and not x.isupper()]
    for i in range(0, len(sents) - 1, 8):
        chunk = sents[i:i + 8]
        if len(chunk) > 1:
            print(json.dumps({"id": "%s-%d" % (d["id"], i),
                              "input": " ".join(chunk), "expected": chunk}))
' >"$tmp/cs.gold"
	python3 -c '
import json, sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    print(json.dumps({"id": r["id"], "text": r["input"]}))
' "$tmp/cs.gold" | "$bindir/ns-split" --from jsonl --unit sentence >"$tmp/cs.pred"
	"$eval" sentences "$tmp/cs.gold" "$tmp/cs.pred" | tail -3
fi

if [ -f "$conll" ] && [ -x "$bindir/ns-entities" ]; then
	echo "== entities (CoNLL-2003 dev, ns-eval entities, exact spans)"
	"$eval" conll2jsonl "$conll" >"$tmp/ner.gold"
	"$bindir/ns-entities" "$tmp/ner.gold" >"$tmp/ner.pred"
	echo "-- ns-entities, PER/ORG/LOC:"
	"$eval" entities "$tmp/ner.gold" "$tmp/ner.pred" --types PER,ORG,LOC \
	    --map PERSON=PER | sed -n '/^[A-Z]/p'
	printf 'ns-entities 4-class (NORP scored as MISC): F1 %s\n' \
	    "$("$eval" entities "$tmp/ner.gold" "$tmp/ner.pred" \
	    --types PER,ORG,LOC,MISC --map PERSON=PER,NORP=MISC | tail -1)"
	p=$shared/peers/bin/compromise-entities
	if [ -x "$p" ] && [ -d "$shared/peers/node_modules" ] &&
	    "$p" <"$tmp/ner.gold" >"$tmp/ner.peer" 2>/dev/null; then
		printf 'peer compromise-entities PER/ORG/LOC: F1 %s\n' \
		    "$("$eval" entities "$tmp/ner.gold" "$tmp/ner.peer" \
		    --types PER,ORG,LOC --map PERSON=PER | tail -1)"
	else
		echo "peer compromise-entities: skipped (not installed)"
	fi
fi
if [ -x "$bindir/ns-entities" ]; then
	for gold in tests/accept/entities/*.jsonl; do
		[ -f "$gold" ] || continue
		echo "== entities ($gold, hand-written, ns-eval entities)"
		"$bindir/ns-entities" "$gold" >"$tmp/ent.pred"
		case $gold in
		*numex*)	# numbers, money and dates only are annotated there
			"$eval" entities "$gold" "$tmp/ent.pred" --types \
			    MONEY,PERCENT,DATE,TIME,QUANTITY,CARDINAL,ORDINAL,URL,EMAIL |
			    sed -n '/^[A-Z]/p' ;;
		*)
			case $gold in
			*news3*|*news4*|*news5*)	# annotated for these seven types only: the
					# others (CARDINAL, ORDINAL, ...) are not in their gold
				"$eval" entities "$gold" "$tmp/ent.pred" --types \
				    PERSON,ORG,LOC,NORP,MONEY,PERCENT,DATE ;;
			*news2*)	# names only (PERSON/ORG/LOC/NORP) are
					# annotated there
				"$eval" entities "$gold" "$tmp/ent.pred" --types \
				    PERSON,ORG,LOC,NORP ;;
			*news7*)	# money, percentages and dates only are
					# annotated there
				"$eval" entities "$gold" "$tmp/ent.pred" --types \
				    MONEY,PERCENT,DATE ;;
			*)
				"$eval" entities "$gold" "$tmp/ent.pred" ;;
			esac | sed -n '/^[A-Z]/p'
			for f in text title; do
				case $gold in
				*news2*)
					printf '%-5s PERSON/ORG/LOC F1 %s\n' "$f" \
					    "$("$eval" entities "$gold" "$tmp/ent.pred" \
					    --field "$f" --types PERSON,ORG,LOC | tail -1)"
					continue ;;
				*news7*)
					printf '%-5s MONEY/PERCENT/DATE F1 %s\n' "$f" \
					    "$("$eval" entities "$gold" "$tmp/ent.pred" \
					    --field "$f" --types MONEY,PERCENT,DATE | tail -1)"
					continue ;;
				*news8*|*news9*|*news10*|*news11*)	# every type annotated, as in news6; names
					# scored with NORP too
					printf '%-5s PERSON/ORG/LOC F1 %s, PERSON/ORG/LOC/NORP F1 %s, MONEY/PERCENT/DATE F1 %s\n' "$f" \
					    "$("$eval" entities "$gold" "$tmp/ent.pred" --field "$f" \
					    --types PERSON,ORG,LOC | tail -1)" \
					    "$("$eval" entities "$gold" "$tmp/ent.pred" --field "$f" \
					    --types PERSON,ORG,LOC,NORP | tail -1)" \
					    "$("$eval" entities "$gold" "$tmp/ent.pred" --field "$f" \
					    --types MONEY,PERCENT,DATE | tail -1)"
					continue ;;
				esac
				printf '%-5s PERSON/ORG/LOC F1 %s, MONEY/PERCENT/DATE F1 %s\n' "$f" \
				    "$("$eval" entities "$gold" "$tmp/ent.pred" --field "$f" \
				    --types PERSON,ORG,LOC | tail -1)" \
				    "$("$eval" entities "$gold" "$tmp/ent.pred" --field "$f" \
				    --types MONEY,PERCENT,DATE | tail -1)"
			done
			p=$shared/peers/bin/compromise-entities
			# news7 has no names annotated: no PERSON/ORG/LOC peer line
			if [ "${gold##*/}" != news7.jsonl ] && [ -x "$p" ] &&
			    [ -d "$shared/peers/node_modules" ] &&
			    "$p" <"$gold" >"$tmp/ent.peer" 2>/dev/null; then
				printf 'peer compromise-entities PERSON/ORG/LOC: F1 %s\n' \
				    "$("$eval" entities "$gold" "$tmp/ent.peer" \
				    --types PERSON,ORG,LOC | tail -1)"
			fi ;;
		esac
		python3 - "$gold" "$tmp/ent.pred" <<'PY'
import json, sys
# Exact values: of the gold entities with a "value", how many are found
# with the same span, type, value and unit.
gold = {r["id"]: r for r in map(json.loads, open(sys.argv[1]))}
pred = {r["id"]: r for r in map(json.loads, open(sys.argv[2]))}
n = ok = 0
for i, g in gold.items():
    got = {(e.get("field", "text"), e["start"], e["end"], e["type"]): e
           for e in pred.get(i, {}).get("entities", [])}
    for e in g.get("entities", []):
        if "value" not in e:
            continue
        n += 1
        p = got.get((e.get("field", "text"), e["start"], e["end"], e["type"]))
        if p is None or "value" not in p:
            continue
        a, b = e["value"], p["value"]
        same = (abs(a - b) <= 1e-9 * max(1, abs(a))
                if isinstance(a, (int, float)) and isinstance(b, (int, float))
                else a == b)
        ok += same and e.get("unit") == p.get("unit")
print(f"exact values: {ok} of {n} ({ok / max(1, n):.3f})")
PY
		p=$shared/peers/bin/wink-entities
		if [ -x "$p" ] && [ -d "$shared/peers/node_modules" ] &&
		    "$p" <"$gold" >"$tmp/ent.peer" 2>/dev/null; then
			printf 'peer wink-entities MONEY/PERCENT/DATE: F1 %s\n' \
			    "$("$eval" entities "$gold" "$tmp/ent.peer" \
			    --types MONEY,PERCENT,DATE | tail -1)"
		fi
	done
fi

for dg in tests/accept/summarize/digests.jsonl tests/accept/summarize/digests2.jsonl \
    tests/accept/summarize/digests3.jsonl; do
	echo "== summaries ($dg, 3 sentences, ns-eval rouge: ROUGE-2 F1)"
	python3 -c '
import json, sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    print(json.dumps({"id": r["id"], "summary": r["reference"]}))
' "$dg" >"$tmp/dg.gold"
	for m in default textrank lead; do
		if "$bindir/ns-summarize" -n 3 --method "$m" "$dg" >"$tmp/dg.sum" 2>/dev/null; then
			printf '%-28s %s\n' "ns-summarize --method $m" "$("$eval" rouge "$tmp/dg.gold" "$tmp/dg.sum" | tail -1)"
		else
			printf '%-28s %s\n' "ns-summarize --method $m" "failed"
		fi
	done
done

bbcroot=$shared/data/bbc-summary
bbc=$bbcroot/articles
if [ ! -d "$bbc" ]; then
	echo "== summaries, headlines: skipped: $bbc is not here"
	exit 0
fi

echo "== summaries (BBC News Summary, 5 sentences, ns-eval rouge: ROUGE-2 F1)"
"$eval" bbc2jsonl "$bbcroot" >"$tmp/bbc" 2>/dev/null
python3 -c '
import json, sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    print(json.dumps({"id": r["id"], "summary": r["reference"]}))
' "$tmp/bbc" >"$tmp/bbc.gold"
score() {	# name, then the command that adds "summary" to $tmp/bbc
	name=$1
	shift
	if "$@" <"$tmp/bbc" >"$tmp/bbc.sum" 2>/dev/null; then
		printf '%-28s %s\n' "$name" "$("$eval" rouge "$tmp/bbc.gold" "$tmp/bbc.sum" | tail -1)"
	else
		printf '%-28s %s\n' "$name" "failed"
	fi
}
score "ns-summarize (default)" "$bindir/ns-summarize" -n 5
score "ns-summarize --method textrank" "$bindir/ns-summarize" -n 5 --method textrank
score "ns-summarize --method lead" "$bindir/ns-summarize" -n 5 --method lead
peers=$shared/peers/bin
for p in ots-summarize lexrank-summarize nodesummarizer-summarize; do
	if [ -x "$peers/$p" ] && [ -d "$shared/peers/node_modules" ]; then
		score "peer $p" "$peers/$p" -n 5
	else
		printf '%-28s %s\n' "peer $p" "skipped (not installed: see $shared/peers/README.md)"
	fi
done
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
