#!/usr/bin/env bash
# Kill-and-resume test of `nyquist batch` (issue 5): a run killed with SIGKILL in the middle and restarted must
# finish the rest with nothing lost and nothing duplicated, and end with exactly the fits of an uninterrupted run.
#
#   scripts/kill-resume.sh [COUNT]        (default 600 spectra in 2 synthetic cells)
#
# Uses $NYQUIST if set, else builds and uses .build/debug/nyquist. Needs the sqlite3 command-line tool.
# Exit status 0 when every check passes.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-600}
if [[ -z "${NYQUIST:-}" ]]; then
    swift build --product nyquist >/dev/null
    NYQUIST=.build/debug/nyquist
fi
command -v sqlite3 >/dev/null || { echo "kill-resume: needs the sqlite3 command-line tool" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ARGS=(--synthetic "$COUNT" --synthetic-cells 2 --circuit assb-cathode-warburg --jobs 2 --quiet)
fits() { sqlite3 "$1" "SELECT COUNT(*) FROM fit" 2>/dev/null || echo 0; }
fail() { echo "kill-resume: FAIL: $*" >&2; exit 1; }

echo "reference run ($COUNT spectra)…"
"$NYQUIST" batch "${ARGS[@]}" --store "$WORK/reference.sqlite" >/dev/null

echo "interrupted run…"
"$NYQUIST" batch "${ARGS[@]}" --store "$WORK/killed.sqlite" >/dev/null &
PID=$!
TARGET=$((COUNT / 3))
while kill -0 "$PID" 2>/dev/null && [[ $(fits "$WORK/killed.sqlite") -lt $TARGET ]]; do sleep 0.02; done
kill -9 "$PID" 2>/dev/null || fail "the run ended before it could be killed; use a larger COUNT"
wait "$PID" 2>/dev/null || true
AT_KILL=$(fits "$WORK/killed.sqlite")
echo "killed with SIGKILL after $AT_KILL of $COUNT fits"
[[ $AT_KILL -lt $COUNT ]] || fail "nothing was left to resume"
[[ $(sqlite3 "$WORK/killed.sqlite" "PRAGMA integrity_check") == ok ]] || fail "integrity check after the kill"
# Every committed fit is whole: 8 parameters each (R1 R2 Q2 n2 R3 Q3 n3 W4).
PARTIAL=$(sqlite3 "$WORK/killed.sqlite" \
    "SELECT COUNT(*) FROM fit f WHERE f.status != 'failed' AND (SELECT COUNT(*) FROM fit_parameter p WHERE p.fit_id = f.id) != 8")
[[ $PARTIAL -eq 0 ]] || fail "$PARTIAL partial fits after the kill"

echo "resumed run…"
SUMMARY=$("$NYQUIST" batch "${ARGS[@]}" --store "$WORK/killed.sqlite")
echo "$SUMMARY"
[[ $(fits "$WORK/killed.sqlite") -eq $COUNT ]] || fail "$(fits "$WORK/killed.sqlite") fits after resuming, expected $COUNT"
[[ $(sqlite3 "$WORK/killed.sqlite" "SELECT COUNT(DISTINCT spectrum_id) FROM fit") -eq $COUNT ]] || fail "duplicated fits"
[[ $(sqlite3 "$WORK/killed.sqlite" "SELECT COUNT(*) FROM fit_parameter") -eq $((8 * COUNT)) ]] || fail "parameter rows"
grep -q "$AT_KILL already stored" <<<"$SUMMARY" || fail "the resumed run did not skip the $AT_KILL stored fits"
"$NYQUIST" export "$WORK/reference.sqlite" --output "$WORK/reference.csv"
"$NYQUIST" export "$WORK/killed.sqlite" --output "$WORK/resumed.csv"
cmp -s "$WORK/reference.csv" "$WORK/resumed.csv" || fail "resumed results differ from the uninterrupted run"
echo "kill-resume: PASS ($AT_KILL fits survived the kill, $((COUNT - AT_KILL)) fitted after restart, results identical to an uninterrupted run)"
