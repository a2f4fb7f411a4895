#!/bin/bash
# usage: run.sh JAVA PORT label [extra args]
JAVA=$1; PORT=$2; LABEL=$3; shift 3
ROOT=$(mktemp -d)
$JAVA -Xmx512m -jar ${JAR:-target/statelab-0.1.0-SNAPSHOT.jar} --server.port=$PORT --server.address=127.0.0.1 --statelab.ftp.port=-1 --statelab.sockets.tcp-port=-1 --statelab.sockets.udp-port=-1 --statelab.storage.root=$ROOT '--statelab.users.accounts.ana.password={noop}ana-secret' "$@" > ${TMPDIR:-/tmp}/statelab-body-limits-$LABEL.log 2>&1 &
PID=$!
for i in $(seq 1 90); do curl -s -o /dev/null http://127.0.0.1:$PORT/actuator/health && break; sleep 1; done
echo "$LABEL: $(python3 "$(dirname "$0")/trickle.py" $PORT 250 25)"
kill $PID; wait $PID 2>/dev/null; rm -rf $ROOT
