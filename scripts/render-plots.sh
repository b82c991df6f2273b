#!/usr/bin/env bash
# Renders one of each plot (Nyquist, Bode, residuals, parameter series) to PNG for a visual check.
# Needs rsvg-convert (Debian/Ubuntu: apt-get install librsvg2-bin). Output: ${1:-.build/plots}/*.svg and *.png.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/plots}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
command -v rsvg-convert >/dev/null || { echo "rsvg-convert not found (apt-get install librsvg2-bin)" >&2; exit 1; }

# 1. The library gallery (synthetic cathode spectrum with 0.4 % noise, its model, lin-KK residuals, a series plot).
NYQUIST_PLOT_DIR="$out" swift test --filter "SVGWellFormedTests/gallery" >/dev/null

# 2. The CLI on a real file, when the shared data and the registered subcommand are available.
data="../shared/eis-data/impedance.py/exampleData.csv"
if [ -f "$data" ] && swift run -q nyquist plot --help >/dev/null 2>&1; then
    swift run -q nyquist plot "$data" --circuit 'L0-R0-p(R1,CPE1)-p(R2,CPE2)' --fit --kind nyquist --output "$out/cli-nyquist.svg"
    swift run -q nyquist plot "$data" --circuit 'L0-R0-p(R1,CPE1)-p(R2,CPE2)' --fit --kind bode --output "$out/cli-bode.svg"
    swift run -q nyquist plot "$data" --circuit 'L0-R0-p(R1,CPE1)-p(R2,CPE2)' --fit --kind residuals --output "$out/cli-residuals.svg"
fi

for f in "$out"/*.svg; do
    rsvg-convert -o "${f%.svg}.png" "$f"
    echo "${f%.svg}.png"
done
