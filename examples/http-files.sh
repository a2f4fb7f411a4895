#!/usr/bin/env bash
# A walk through the stateless file API with curl. Every request carries the credentials and the full
# path; the server keeps nothing between them.
#   STATELAB_PASS=<password from the log> examples/http-files.sh
# (STATELAB_BASE defaults to http://localhost:8080, STATELAB_USER to demo; not USER, which every shell sets)
set -euo pipefail

BASE=${STATELAB_BASE:-http://localhost:8080}
USER=${STATELAB_USER:-demo}
PASS=${STATELAB_PASS:-demo}
API="$BASE/api/http/files"
DIR="walkthrough-$$"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

fail() { echo "FAILED: $*" >&2; exit 1; }

# call EXPECTED_STATUS curl-arguments... : runs curl, keeps headers and body, checks the status
call() {
  local expected=$1; shift
  local status
  rm -f "$WORK/body" "$WORK/headers"
  touch "$WORK/body"
  status=$(curl -sS -u "$USER:$PASS" -D "$WORK/headers" -o "$WORK/body" -w '%{http_code}' "$@") \
    || fail "curl $* did not complete"
  [ "$status" = "$expected" ] || fail "expected $expected, got $status for: curl $*
$(cat "$WORK/body")"
}
header() { tr -d '\r' < "$WORK/headers" | awk -v name="$(echo "$1" | tr 'A-Z' 'a-z')" -F': ' 'tolower($1) == name { print $2 }' | tail -1; }
step() { printf '\n== %s\n' "$*"; }

step "make a folder: POST ?action=mkdir"
call 201 -X POST "$API/$DIR?action=mkdir"
echo "created $(header Location)"

step "upload a file: PUT with the raw body"
printf 'hello, stateless world\n' > "$WORK/hello.txt"
call 201 -T "$WORK/hello.txt" "$API/$DIR/hello.txt"
ETAG=$(header ETag)
echo "201 Created, Location $(header Location), ETag $ETAG"

step "list the folder"
call 200 "$API/$DIR/"
cat "$WORK/body"; echo
grep -q '"name":"hello.txt"' "$WORK/body" || fail "hello.txt is not listed"

step "conditional GET with the ETag: 304, no body"
call 304 -H "If-None-Match: $ETAG" "$API/$DIR/hello.txt"
[ ! -s "$WORK/body" ] || fail "a 304 carried a body"
echo "304 Not Modified"

step "range: the first five bytes"
call 206 -H "Range: bytes=0-4" "$API/$DIR/hello.txt"
[ "$(cat "$WORK/body")" = "hello" ] || fail "range gave '$(cat "$WORK/body")'"
echo "206 $(header Content-Range): $(cat "$WORK/body")"

step "replace it, then try a stale If-Match: 412"
printf 'second version\n' > "$WORK/v2.txt"
call 204 -T "$WORK/v2.txt" -H "If-Match: $ETAG" "$API/$DIR/hello.txt"
echo "204, new ETag $(header ETag)"
call 412 -T "$WORK/hello.txt" -H "If-Match: $ETAG" "$API/$DIR/hello.txt"
echo "412 with the old ETag: $(cat "$WORK/body")"

step "rename in one request: POST ?action=move"
call 201 -X POST "$API/$DIR/hello.txt?action=move&to=/$DIR/renamed.txt"
call 404 "$API/$DIR/hello.txt"
echo "hello.txt is now renamed.txt"

step "copy, refusing to overwrite, then overwriting"
call 201 -X POST "$API/$DIR/renamed.txt?action=copy&to=/$DIR/copy.txt"
call 409 -X POST "$API/$DIR/renamed.txt?action=copy&to=/$DIR/copy.txt&overwrite=false"
call 200 -X POST "$API/$DIR/renamed.txt?action=copy&to=/$DIR/copy.txt&overwrite=true"
call 200 "$API/$DIR/copy.txt"
[ "$(cat "$WORK/body")" = "second version" ] || fail "the copy holds '$(cat "$WORK/body")'"
echo "copy.txt holds: $(cat "$WORK/body")"

step "delete: a non-empty folder needs recursive=true"
call 204 -X DELETE "$API/$DIR/copy.txt"
call 409 -X DELETE "$API/$DIR"
call 204 -X DELETE "$API/$DIR?recursive=true"
call 404 "$API/$DIR/"
echo "gone"

printf '\nThe walkthrough passed.\n'
