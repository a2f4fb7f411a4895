#!/usr/bin/env bash
# The real FTP port with curl's ftp:// support: upload, list (LIST and NLST), download over EPSV and
# PASV, resume a download (REST) and an upload (SIZE + APPE), rename (RNFR/RNTO), see the same file
# through the stateless HTTP API, clean up, and see a wrong password refused.
#   STATELAB_FTP=localhost:2121 STATELAB_BASE=http://localhost:8080 STATELAB_USER=demo STATELAB_PASS=<password> examples/ftp-port.sh
# FTP sends the password in clear: use a test account, and only on a network you trust.
set -euo pipefail

FTP="ftp://${STATELAB_FTP:-localhost:2121}"
BASE="${STATELAB_BASE:-http://localhost:8080}"
FTP_USER="${STATELAB_USER:-demo}"
FTP_PASS="${STATELAB_PASS:-demo}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
DIR="port-$$-$RANDOM"

fail() { echo "FAILED: $*" >&2; exit 1; }
ftp() { echo "> curl $*" >&2; curl -sS --user "$FTP_USER:$FTP_PASS" "$@"; }

echo "== a file of 300 KiB with a space in its name"
head -c 307200 /dev/urandom > "$WORK/some data.bin"
WANT=$(sha256sum < "$WORK/some data.bin" | cut -d' ' -f1)

echo "== STOR into a new folder (curl sends MKD, then STOR over a passive data connection)"
ftp --ftp-create-dirs -T "$WORK/some data.bin" "$FTP/$DIR/some%20data.bin"

echo "== LIST (ls -l form) and NLST (names only)"
ftp "$FTP/$DIR/" | tee "$WORK/list"
grep -q ' some data.bin$' "$WORK/list" || fail "LIST does not show the file"
ftp -l "$FTP/$DIR/" | grep -qx 'some data.bin' || fail "NLST does not show the file"

echo "== RETR over EPSV, then over PASV: the same bytes"
ftp -o "$WORK/epsv.bin" "$FTP/$DIR/some%20data.bin"
ftp --disable-epsv -o "$WORK/pasv.bin" "$FTP/$DIR/some%20data.bin"
[ "$(sha256sum < "$WORK/epsv.bin" | cut -d' ' -f1)" = "$WANT" ] || fail "EPSV download differs"
[ "$(sha256sum < "$WORK/pasv.bin" | cut -d' ' -f1)" = "$WANT" ] || fail "PASV download differs"

echo "== a cut download resumed with REST (curl -C -)"
head -c 100000 "$WORK/some data.bin" > "$WORK/resumed.bin"
ftp -C - -o "$WORK/resumed.bin" "$FTP/$DIR/some%20data.bin"
[ "$(sha256sum < "$WORK/resumed.bin" | cut -d' ' -f1)" = "$WANT" ] || fail "resumed download differs"

echo "== a cut upload resumed (curl asks SIZE, then APPE sends the rest)"
head -c 50000 "$WORK/some data.bin" > "$WORK/half.bin"
ftp -T "$WORK/half.bin" "$FTP/$DIR/upload.bin"
ftp -C - -T "$WORK/some data.bin" "$FTP/$DIR/upload.bin"
ftp -o "$WORK/uploaded.bin" "$FTP/$DIR/upload.bin"
[ "$(sha256sum < "$WORK/uploaded.bin" | cut -d' ' -f1)" = "$WANT" ] || fail "resumed upload differs"

echo "== rename in two steps: RNFR, then RNTO"
ftp -o /dev/null -Q "RNFR $DIR/upload.bin" -Q "RNTO $DIR/renamed.bin" "$FTP/"
ftp -l "$FTP/$DIR/" | grep -qx 'renamed.bin' || fail "the rename did not happen"

echo "== the same file through the stateless HTTP API"
HTTP_SHA=$(curl -sS --fail --user "$FTP_USER:$FTP_PASS" "$BASE/api/http/files/$DIR/renamed.bin" | sha256sum | cut -d' ' -f1)
[ "$HTTP_SHA" = "$WANT" ] || fail "the HTTP API sees other bytes"

echo "== clean up: DELE, DELE, RMD"
ftp -o /dev/null -Q "DELE $DIR/renamed.bin" -Q "DELE $DIR/some data.bin" -Q "RMD $DIR" "$FTP/"

echo "== a wrong password: 530, curl exits with 67"
set +e
curl -sS --user "$FTP_USER:wrong-$RANDOM" "$FTP/" -o /dev/null 2> "$WORK/err"
code=$?
set -e
cat "$WORK/err"
[ "$code" = 67 ] || fail "expected curl exit code 67 (login denied), got $code"

echo "The FTP port walkthrough passed."
