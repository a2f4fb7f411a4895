#!/usr/bin/env bash
# Runs "browse into a folder, download three files, rename one" through both file APIs with curl, the way
# each API's clients work, and prints the side-by-side table: requests, bytes each way, server-held bytes.
#
#   STATELAB_PASSWORD=... examples/compare.sh [base-url]      (default http://localhost:8080, user demo)
#
# Bytes are curl's own counts of what crossed the connection: request line + headers (%{size_request}) +
# body (%{size_upload}) sent; status line + headers (%{size_header}) + body (%{size_download}) received.
# "Server-held" is what the session store holds for the FTP-style client after each step (asked with
# GET /api/ftp/session, not counted); the stateless API holds nothing. Setup and clean-up are not counted.
set -euo pipefail

BASE="${1:-${STATELAB_BASE:-${STATELAB_URL:-http://localhost:8080}}}"
USER_NAME="${STATELAB_USER:-demo}"
PASS="${STATELAB_PASSWORD:-${STATELAB_PASS:?set STATELAB_PASSWORD (or STATELAB_PASS) to the password of $USER_NAME}}"
DIR="compare-sh-$$-$RANDOM"
WORK="$(mktemp -d)"
trap 'curl -s -o /dev/null -u "$USER_NAME:$PASS" -X DELETE "$BASE/api/http/files/$DIR?recursive=true" || true; rm -rf "$WORK"' EXIT

declare -A REQUESTS=([http]=0 [ftp]=0) SENT=([http]=0 [ftp]=0) RECEIVED=([http]=0 [ftp]=0)
PEAK_HELD=0
TOKEN=""

# measure SIDE LABEL curl-arguments...: one counted request; prints one line, keeps the body in $WORK/body
measure() {
  local side="$1" label="$2"; shift 2
  local figures req up hdr down code
  figures=$(curl -s -o "$WORK/body" -D "$WORK/headers" \
    -w '%{size_request} %{size_upload} %{size_header} %{size_download} %{http_code}' "$@")
  read -r req up hdr down code <<<"$figures"
  REQUESTS[$side]=$(( REQUESTS[$side] + 1 ))
  SENT[$side]=$(( SENT[$side] + req + up ))
  RECEIVED[$side]=$(( RECEIVED[$side] + hdr + down ))
  printf '  %-5s %-34s %3s   sent %5d B   received %6d B\n' "$side" "$label" "$code" $(( req + up )) $(( hdr + down ))
}

# what the server holds for the FTP-style client now (a probe outside the model, not counted)
held() {
  local bytes
  bytes=$(curl -s -H "X-Auth-Token: $TOKEN" "$BASE/api/ftp/session" | grep -o '"stateBytes":[0-9]*' | cut -d: -f2 || true)
  bytes=${bytes:-0}
  (( bytes > PEAK_HELD )) && PEAK_HELD=$bytes
  printf '        server now holds %d bytes for the FTP-style client\n' "$bytes"
}

ftp() {   # ftp LABEL COMMAND-LINE
  measure ftp "$1" -H "X-Auth-Token: $TOKEN" -H 'Content-Type: text/plain' --data-binary "$2" "$BASE/api/ftp/command"
  held
}

# --- setup (not counted): the same three files under $DIR/http/docs and $DIR/ftp/docs
setup() { curl -sf -o /dev/null -u "$USER_NAME:$PASS" "$@"; }
setup -X POST "$BASE/api/http/files/$DIR?action=mkdir"
for side in http ftp; do
  setup -X POST "$BASE/api/http/files/$DIR/$side?action=mkdir"
  setup -X POST "$BASE/api/http/files/$DIR/$side/docs?action=mkdir"
  for f in a b c; do
    for _ in $(seq 40); do printf 'This is %s.txt.\n' $f; done | setup -X PUT -H "Content-Type: application/octet-stream" --data-binary @- "$BASE/api/http/files/$DIR/$side/docs/$f.txt"
  done
done

echo "Stateless HTTP: full path and credentials in every request"
measure http "GET docs/ (listing)" -u "$USER_NAME:$PASS" "$BASE/api/http/files/$DIR/http/docs/"
for f in a b c; do
  measure http "GET docs/$f.txt" -u "$USER_NAME:$PASS" "$BASE/api/http/files/$DIR/http/docs/$f.txt"
done
measure http "POST docs/a.txt?action=move" -u "$USER_NAME:$PASS" -X POST \
  "$BASE/api/http/files/$DIR/http/docs/a.txt?action=move&to=/$DIR/http/docs/a-old.txt"
echo "        server holds nothing for the stateless client"

echo "FTP-style: log in once, then short commands against what the server remembers"
measure ftp "login (USER+PASS)" -H 'Content-Type: application/json' \
  --data-binary "{\"user\":\"$USER_NAME\",\"pass\":\"$PASS\"}" "$BASE/api/ftp/session"
TOKEN=$(tr -d '\r' <"$WORK/headers" | awk -F': ' 'tolower($1)=="x-auth-token"{print $2}')
[ -n "$TOKEN" ] || { echo "login failed: $(cat "$WORK/body")" >&2; exit 1; }
held
ftp "CWD docs" "CWD /$DIR/ftp/docs"
ftp "LIST" "LIST"
for f in a b c; do ftp "RETR $f.txt" "RETR $f.txt"; done
ftp "RNFR a.txt" "RNFR a.txt"
ftp "RNTO a-old.txt" "RNTO a-old.txt"
measure ftp "QUIT" -H "X-Auth-Token: $TOKEN" -X DELETE "$BASE/api/ftp/session"

echo
printf '%-28s %16s %16s\n' "" "stateless HTTP" "FTP-style"
printf '%-28s %16d %16d\n' "requests" "${REQUESTS[http]}" "${REQUESTS[ftp]}"
printf '%-28s %16d %16d\n' "bytes sent" "${SENT[http]}" "${SENT[ftp]}"
printf '%-28s %16d %16d\n' "bytes received" "${RECEIVED[http]}" "${RECEIVED[ftp]}"
printf '%-28s %16d %16d\n' "server-held bytes (peak)" 0 "$PEAK_HELD"
