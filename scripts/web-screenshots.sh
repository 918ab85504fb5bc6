#!/usr/bin/env bash
# Screenshots of the web catalog in a real headless browser (Debian's chromium), to look at.
#
#   apt-get install -y chromium          # once
#   scripts/web-screenshots.sh [OUT_DIR] # default /tmp/meshwork-web
#
# Builds the demo mesh, serves it on a free port, signs in as the governance principal for the
# governance and events pages, and writes one PNG per page to OUT_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-/tmp/meshwork-web}"
mkdir -p "$out"
swift build --product mesh >/dev/null
mesh="$PWD/.build/debug/mesh"
dir="$(mktemp -d)/demo"
"$mesh" demo "$dir" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$mesh" serve --mesh "$dir" --port "$port" >"$out/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$(dirname "$dir")"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
token=$("$mesh" token create gia --mesh "$dir" | grep -o 'mesh_[A-Za-z0-9_-]*' | head -1)

shoot() { # NAME PATH [COOKIE]
    local args=(--headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,2200 --screenshot="$out/$1.png")
    if [ -n "${3:-}" ]; then
        # Signed-in pages: chromium has no cookie flag and the session cookie is SameSite=Strict,
        # so fetch the page with the cookie and let chromium render the server's HTML.
        curl -sf -H "Cookie: mesh_session=$3" "http://127.0.0.1:$port$2" \
            | sed "s#href=\"/style.css\"#href=\"http://127.0.0.1:$port/style.css\"#" >"$out/$1.html"
        chromium "${args[@]}" "file://$out/$1.html" 2>/dev/null
        rm -f "$out/$1.html"
    else
        chromium "${args[@]}" "http://127.0.0.1:$port$2" 2>/dev/null
    fi
    echo "$out/$1.png  ← $2"
}
shoot home /
shoot product /products/payments.transactions
shoot profiles /products/customers.profiles
shoot lineage /products/recommendations.merchant_affinity
shoot search '/search?q=fico'
shoot glossary /glossary/fico_score
shoot governance /governance "$token"
shoot events /events "$token"
