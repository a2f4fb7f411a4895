#!/usr/bin/env bash
# A whole FTP-style session with curl: log in, move around, upload, rename in two steps, resume a
# download with REST, look at the session state, quit, and see the dead token refused.
#   STATELAB_BASE=http://localhost:8080 STATELAB_USER=demo STATELAB_PASS=<password> examples/ftp-session.sh
# (STATELAB_ prefixed, so that the shell's own USER, set to your login name, never stands in for it)
set -euo pipefail

BASE="${STATELAB_BASE:-http://localhost:8080}"
FTP_USER="${STATELAB_USER:-demo}"
FTP_PASS="${STATELAB_PASS:-demo}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
DIR="walk-$$-$RANDOM"

fail() { echo "FAILED: $*" >&2; exit 1; }

# call EXPECTED_HTTP EXPECTED_FTP_CODE curl-args...: runs curl, prints the reply, checks both codes
call() {
  local want_http="$1" want_code="$2"; shift 2
  local status
  status=$(curl -sS -o "$WORK/body" -w '%{http_code}' -H "X-Auth-Token: ${TOKEN:-}" "$@") || fail "curl $*"
  echo "> $* -> HTTP $status: $(head -c 300 "$WORK/body")"
  [ "$status" = "$want_http" ] || fail "expected HTTP $want_http, got $status"
  if [ "$want_code" != "-" ]; then
    grep -q "\"code\":$want_code" "$WORK/body" || fail "expected FTP code $want_code"
  fi
}

raw() { local want_http="$1" want_code="$2"; shift 2; call "$want_http" "$want_code" -X POST -H 'Content-Type: text/plain' --data-binary "$*" "$BASE/api/ftp/command"; }

echo "== login as $FTP_USER"
TOKEN=""
call 201 230 -X POST -H 'Content-Type: application/json' -d "{\"user\":\"$FTP_USER\",\"pass\":\"$FTP_PASS\"}" "$BASE/api/ftp/session"
TOKEN=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' "$WORK/body")
[ -n "$TOKEN" ] || fail "no token in the login reply"

echo "== move around"
call 200 257 "$BASE/api/ftp/pwd"
call 200 257 -X POST "$BASE/api/ftp/mkd?path=$DIR"
call 200 250 -X POST "$BASE/api/ftp/cwd?path=$DIR"
raw 200 257 "PWD"
grep -q "/$DIR" "$WORK/body" || fail "PWD does not show /$DIR"

echo "== upload, list"
printf '0123456789abcdef' > "$WORK/digits.txt"
call 200 226 -T "$WORK/digits.txt" "$BASE/api/ftp/stor?path=digits.txt"
call 200 226 "$BASE/api/ftp/list"
grep -q 'type=file;size=16;' "$WORK/body" || fail "LIST does not show the 16-byte file"

echo "== rename in two steps (the first half waits in the session)"
call 200 350 -X POST "$BASE/api/ftp/rnfr?path=digits.txt"
raw 200 250 "RNTO hex.txt"
raw 409 503 "RNTO again.txt"

echo "== resume a download with REST"
call 200 350 -X POST "$BASE/api/ftp/rest?offset=10"
status=$(curl -sS -D "$WORK/headers" -o "$WORK/tail" -w '%{http_code}' -H "X-Auth-Token: $TOKEN" "$BASE/api/ftp/retr?path=hex.txt")
echo "> RETR hex.txt -> HTTP $status, $(grep -i '^x-ftp-reply' "$WORK/headers" | tr -d '\r'), body: $(cat "$WORK/tail")"
[ "$status" = 200 ] || fail "RETR answered $status"
[ "$(cat "$WORK/tail")" = "abcdef" ] || fail "RETR after REST 10 did not start at byte 10"
grep -qi '^x-ftp-reply: 226' "$WORK/headers" || fail "no 226 in X-FTP-Reply"

echo "== the whole session state"
call 200 211 "$BASE/api/ftp/stat"
grep -q "Current directory: /$DIR" "$WORK/body" || fail "STAT does not show the directory"
call 200 211 "$BASE/api/ftp/session"
grep -q '"stateBytes":' "$WORK/body" || fail "no stateBytes"

echo "== clean up and quit"
raw 200 250 "DELE hex.txt"
raw 200 200 "CDUP"
raw 200 250 "RMD $DIR"
call 200 221 -X DELETE "$BASE/api/ftp/session"

echo "== the token is dead now"
call 401 - "$BASE/api/ftp/pwd"
grep -q 'problem' "$WORK/body" || fail "expected a problem body"

echo "OK: the whole session worked"
