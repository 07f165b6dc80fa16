#!/usr/bin/env bash
# Renders resources/natter.svg into the hicolor PNG sizes under resources/icons/ (committed, so a
# build needs no SVG renderer). Run it after changing the SVG; needs rsvg-convert (librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")/.."
for size in 16 24 32 48 64 128 256 512; do
    dir="resources/icons/hicolor/${size}x${size}/apps"
    mkdir -p "$dir"
    rsvg-convert -w "$size" -h "$size" resources/natter.svg -o "$dir/natter.png"
done
