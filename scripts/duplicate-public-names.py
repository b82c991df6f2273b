#!/usr/bin/env python3
"""Lists public type names declared in more than one module of Sources/ (issue 13.5: no ambiguity under the
umbrella). Exit 1 when there is one. Usage: scripts/duplicate-public-names.py [repo root]"""
import os, re, sys
from collections import defaultdict

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
decl = re.compile(r"^\s*public\s+(?:final\s+|indirect\s+)*(?:struct|enum|class|actor|protocol|typealias)\s+([A-Za-z_]\w*)", re.M)
nested = re.compile(r"^(\s+)public")
where = defaultdict(set)
for module in sorted(os.listdir(os.path.join(root, "Sources"))):
    base = os.path.join(root, "Sources", module)
    for dirpath, _, files in os.walk(base):
        for f in files:
            if not f.endswith(".swift"):
                continue
            for line in open(os.path.join(dirpath, f), encoding="utf-8").read().splitlines():
                m = decl.match(line)
                if m and not line.startswith((" ", "\t")):  # top-level declarations only
                    where[m.group(1)].add(module)
dups = {name: mods for name, mods in where.items() if len(mods) > 1}
for name, mods in sorted(dups.items()):
    print(f"{name}: {', '.join(sorted(mods))}")
sys.exit(1 if dups else 0)
