#!/usr/bin/env bash
# Screenshots a SchoolNet HTML report with headless Chromium and checks the PNG is real.
#
# Usage: Tests/Scripts/screenshot-report.sh REPORT.html [OUT.png] [WIDTH,HEIGHT]
#   OUT.png defaults to REPORT.png beside the report; the window defaults to 1200,2000.
#
# Needs the Debian package `chromium` (apt-get install -y chromium). Exit status: 0 when a
# PNG larger than 20 kB with a valid PNG signature was written; 1 on a bad argument or a
# missing browser; 2 when the screenshot is missing or trivial (e.g. a blank page).
#
# To get a report from the test suite:
#   mkdir -p /tmp/schoolnet-report
#   SCHOOLNET_REPORT_DIR=/tmp/schoolnet-report swift test --filter htmlIsSelfContainedWithTheCharts
#   Tests/Scripts/screenshot-report.sh /tmp/schoolnet-report/report.html
set -euo pipefail

html=${1:?usage: screenshot-report.sh REPORT.html [OUT.png] [WIDTH,HEIGHT]}
out=${2:-${html%.html}.png}
size=${3:-1200,2000}
min_bytes=20000

[[ -f $html ]] || { echo "screenshot-report: no such file: $html" >&2; exit 1; }
browser=$(command -v chromium || command -v chromium-browser || true)
[[ -n $browser ]] || { echo "screenshot-report: chromium not found (apt-get install -y chromium)" >&2; exit 1; }

rm -f "$out"
abs_html=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
# --no-sandbox: containers often run as root, where Chromium's sandbox refuses to start.
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --screenshot="$out" --window-size="$size" "file://$abs_html" >/dev/null 2>&1 || true

[[ -f $out ]] || { echo "screenshot-report: no screenshot written to $out" >&2; exit 2; }
bytes=$(wc -c <"$out")
signature=$(head -c 8 "$out" | od -An -tx1 | tr -d ' \n')
if [[ $signature != 89504e470d0a1a0a ]]; then
    echo "screenshot-report: $out is not a PNG" >&2; exit 2
fi
if (( bytes < min_bytes )); then
    echo "screenshot-report: $out is only $bytes bytes (blank page?)" >&2; exit 2
fi
echo "screenshot-report: wrote $out ($bytes bytes)"
