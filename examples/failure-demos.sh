#!/usr/bin/env bash
# The four failure demos of the compare page, one curl line each (the page runs the same).
#
#   STATELAB_PASSWORD=... examples/failure-demos.sh forget|forget-now|cut|lost-update [base-url]
#   STATELAB_PASSWORD=... examples/failure-demos.sh second-instance [base-url] [second-base-url]
#
# forget, cut and lost-update run the scenario through both APIs with the admin-only runner and print its
# JSON (every request, response, byte count and the session state after each step). No demo loses file
# data: "forget" drops only FTP-style session state. forget-now is the bare admin call that drops every
# FTP-style session at once.
set -euo pipefail
DEMO="${1:?name a demo: forget, forget-now, second-instance, cut, lost-update}"
BASE="${2:-${STATELAB_BASE:-${STATELAB_URL:-http://localhost:8080}}}"
U="${STATELAB_USER:-demo}:${STATELAB_PASSWORD:-${STATELAB_PASS:?set STATELAB_PASSWORD (or STATELAB_PASS)}}"

case "$DEMO" in
  forget)       # the server forgets every FTP-style session, half-way through a browse-and-rename
    curl -s -u "$U" -H 'Content-Type: application/json' -d '{"scenario":"server-forgets"}' "$BASE/api/compare/runs" ;;
  forget-now)   # the bare admin call (the FTP-style admin endpoints take an admin's session token)
    TOKEN=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d "{\"user\":\"${U%%:*}\",\"pass\":\"${U#*:}\"}" "$BASE/api/ftp/session" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-auth-token"{print $2}')
    curl -s -H "X-Auth-Token: $TOKEN" -X DELETE "$BASE/api/ftp/sessions" ;;
  cut)          # a download cut after 64 KiB: Range (client holds the offset) vs REST (server holds it)
    curl -s -u "$U" -H 'Content-Type: application/json' -d '{"scenario":"resume-cut-download"}' "$BASE/api/compare/runs" ;;
  lost-update)  # two clients save the same file: If-Match gives one 412; the later STOR silently wins
    curl -s -u "$U" -H 'Content-Type: application/json' -d '{"scenario":"two-clients-edit"}' "$BASE/api/compare/runs" ;;
  second-instance)
    # Start the second instance first, over the same storage root and accounts, for example:
    #   java -jar target/statelab-*.jar --server.port=8081 --statelab.storage.root=./data
    SECOND="${3:-http://localhost:8081}"
    PASS="${U#*:}"
    TOKEN=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
      -d "{\"user\":\"${U%%:*}\",\"pass\":\"$PASS\"}" "$BASE/api/ftp/session" \
      | tr -d '\r' | awk -F': ' 'tolower($1)=="x-auth-token"{print $2}')
    for server in "$BASE" "$SECOND"; do
      printf '%-28s stateless GET: %s   FTP-style PWD with the first instance'"'"'s token: %s\n' "$server" \
        "$(curl -s -o /dev/null -w '%{http_code}' -u "$U" "$server/api/http/files/")" \
        "$(curl -s -o /dev/null -w '%{http_code}' -H "X-Auth-Token: $TOKEN" -H 'Content-Type: text/plain' -d PWD "$server/api/ftp/command")"
    done ;;
  *) echo "unknown demo: $DEMO (forget, forget-now, second-instance, cut, lost-update)" >&2; exit 2 ;;
esac
echo
