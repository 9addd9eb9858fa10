#!/bin/sh
# check-numex.sh: score common/numex.c on the hand-written gold set
# tests/accept/entities/numex.jsonl (its "text" fields): precision, recall
# and F1 per type on exact spans, and how many values and units are right.
# For make eval; the unit test test_numex checks a floor on the same set.
#
#   sh tests/accept/entities/check-numex.sh [UNITDIR]
#
# UNITDIR holds the unit test programs (default build/tests, or
# $NS_UNITDIR); NS_VERBOSE=1 also lists each miss.
cd "$(dirname "$0")/../../.." || exit 2
unitdir=${1:-${NS_UNITDIR:-build/tests}}
if [ ! -x "$unitdir/test_numex" ]; then
	echo "check-numex.sh: $unitdir/test_numex is not built (make check)" >&2
	exit 2
fi
exec "$unitdir/test_numex" --gold tests/accept/entities/numex.jsonl
