#!/usr/bin/env bash
# Makes v3-store.sqlite: a results store written by the schema-v3 program (commit a442ac1, before `batch --drt`),
# for the v3 → v4 migration test (StoreMigrationTests). Run from the repository root AT THAT COMMIT:
#   git checkout a442ac1 && swift build --product nyquist && Tests/NyquistStoreTests/Fixtures/make-v3-store.sh
# It fits the hidden 4-spectrum synthetic series (R3 = 100 + 20√n Ω) with assb-cathode-warburg, one job, seed 1,
# and closes the store (its write-ahead log checkpointed into the file), so the fixture is one self-contained file.
set -euo pipefail
out=Tests/NyquistStoreTests/Fixtures/v3-store.sqlite
rm -f "$out" "$out-wal" "$out-shm"
.build/debug/nyquist batch --synthetic 4 --circuit assb-cathode-warburg --store "$out" --random-starts 20 --quiet --jobs 1
rm -f "$out-wal" "$out-shm"
sqlite3 "$out" "SELECT identifier FROM grdb_migrations; SELECT COUNT(*) AS fits FROM fit;"
