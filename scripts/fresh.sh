#!/usr/bin/env bash
# Gives every file under Sources/ and Tests/ (and Package.swift) whose content changed since the last call a new,
# unique mtime, so SwiftPM's incremental builds see the edit even on a machine whose clock barely advances (seen on
# this project's machines: edits within the same clock second were skipped, leaving stale objects).
# Usage, from the repository root: scripts/fresh.sh && swift build
# Not needed in CI, which builds a fresh clone.
dir=${1:-$PWD}; key=$(echo "$dir" | md5sum | cut -c1-8)
state=/tmp/fresh.$key.state; counter=/tmp/fresh.counter
n=$(cat $counter 2>/dev/null || echo 0)
cd "$dir" || exit 1
find Sources Tests Package.swift -type f 2>/dev/null | sort | xargs md5sum > $state.new
touch $state
comm -23 <(sort $state.new) <(sort $state) | awk '{print $2}' > /tmp/fresh.changed
while read -r f; do n=$((n+1)); touch -d @$((2000000000 + n)) "$f"; done < /tmp/fresh.changed
echo $n > $counter; mv $state.new $state
echo "fresh: $(wc -l < /tmp/fresh.changed) file(s) re-stamped"
