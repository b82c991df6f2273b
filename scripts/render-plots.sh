#!/usr/bin/env bash
# Renders every plot kind and the HTML report to PNG with real renderers, for a visual check and for the pictures in
# docs/images/. Needs rsvg-convert (Debian: apt-get install librsvg2-bin); the report needs chromium (apt-get install
# chromium) and is skipped without it. Usage: scripts/render-plots.sh [OUT] [--docs]
#   OUT (default .build/plots) receives *.svg and *.png; --docs also copies the README pictures into docs/images/.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/plots}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
command -v rsvg-convert >/dev/null || { echo "rsvg-convert not found (apt-get install librsvg2-bin)" >&2; exit 1; }
swift build >/dev/null
nyquist="$(swift build --show-bin-path)/nyquist"

# 1. The library gallery (synthetic cathode spectrum with 0.4 % noise, its model, lin-KK residuals, a series plot).
NYQUIST_PLOT_DIR="$out" swift test --filter "SVGWellFormedTests/gallery" >/dev/null

# 2. The CLI on real files, when the shared data are available.
data="../shared/eis-data"
if [ -d "$data" ]; then
    ex="$data/impedance.py/exampleData.csv"
    c='L0-R0-p(R1,CPE1)-p(R2,CPE2)'
    "$nyquist" plot "$ex" --circuit "$c" --fit --kind nyquist --output "$out/cli-nyquist.svg"
    "$nyquist" plot "$ex" --circuit "$c" --fit --kind bode --output "$out/cli-bode.svg"
    "$nyquist" plot "$ex" --circuit "$c" --fit --kind residuals --output "$out/cli-residuals.svg"
    # Blocking electrode: a capacitive tail to 8 MΩ beside ~1.5 kΩ arcs (automatic zoom, then everything).
    blk="$data/hybrid-drt/PEIS_LPSCl_IonBlocking_-25C.mpr"
    "$nyquist" plot "$blk" --output "$out/blocking-zoom.svg"
    "$nyquist" plot "$blk" --no-zoom --output "$out/blocking-all.svg"
    "$nyquist" plot "$blk" --kind bode --output "$out/blocking-bode.svg"
    # A batch of 61 GEIS spectra and its HTML report (parameter-vs-cycle panels with growth laws).
    store="$out/geis.sqlite"
    rm -f "$store"
    "$nyquist" batch "$data/yadg/geis.mpt" --circuit 'R1-p(R2,CPE2)-p(R3,CPE3)' --store "$store" >/dev/null || true
    "$nyquist" report "$store" --growth R3 --output "$out/report.html"
    # The report's inline SVGs one by one (what rsvg sees), then the whole page in headless Chromium.
    awk -v dir="$out" '/<svg /{n++; f=sprintf("%s/report-svg-%02d.svg", dir, n)} f{print > f} /<\/svg>/{f=""}' \
        "$out/report.html"
    chrome="$(command -v chromium || command -v chromium-browser || true)"
    if [ -n "$chrome" ]; then
        "$chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,2400 \
            --screenshot="$out/report-page.png" "file://$out/report.html" >/dev/null 2>&1 || echo "chromium failed" >&2
    else
        echo "chromium not found: report page not rendered (apt-get install chromium)" >&2
    fi
fi

for f in "$out"/*.svg; do
    rsvg-convert -w 800 -o "${f%.svg}.png" "$f"
    echo "${f%.svg}.png"
done

if [ "${2:-}" = "--docs" ]; then
    mkdir -p docs/images
    cp "$out/cli-nyquist.png" docs/images/nyquist.png
    cp "$out/cli-bode.png" docs/images/bode.png
    cp "$out/blocking-zoom.png" docs/images/nyquist-blocking-zoom.png
    first=$(grep -l '>R3 / ' "$out"/report-svg-*.svg | head -1 || true)
    [ -n "$first" ] && cp "${first%.svg}.png" docs/images/r3-vs-cycle.png
fi
