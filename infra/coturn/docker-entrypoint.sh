#!/bin/bash
# Starts coturn from /usr/share/onair-coturn/turnserver.conf, configured by env:
#   TURN_SECRET        required; the same value signaling-gateway signs credentials with
#   TURN_REALM         default onair.local
#   TURN_ADDRESS       listening and relay address (default: this container's first address)
#   TURN_PUBLIC_IP     optional; announced as external-ip when clients reach coturn via NAT
#   TURN_PORT          default 3478
#   TURN_RELAY_PORTS   default 40000-40999 (publish exactly this range)
#   TURN_DENIED_PEERS  optional, space-separated ranges (e.g. the cluster's pod and service
#                      CIDRs) a relay must never reach: Kafka, databases, Janus's API
# "onair-coturn health" checks that the listener accepts TCP connections.
set -euo pipefail

TURN_ADDRESS=${TURN_ADDRESS:-$(hostname -i | awk '{print $1}')}
TURN_PORT=${TURN_PORT:-3478}

if [[ "${1:-}" == health ]]; then
	exec 3<>"/dev/tcp/$TURN_ADDRESS/$TURN_PORT"
	exit 0
fi

: "${TURN_SECRET:?TURN_SECRET must be set}"
relay_ports=${TURN_RELAY_PORTS:-40000-40999}
conf=/tmp/turnserver.conf
escape() { printf '%s' "$1" | sed -e 's/[|&\\]/\\&/g'; }
umask 077
sed -e "s|@TURN_SECRET@|$(escape "$TURN_SECRET")|" -e "s|@TURN_REALM@|${TURN_REALM:-onair.local}|" \
	-e "s|@TURN_PORT@|$TURN_PORT|" -e "s|@LISTEN_ADDRESS@|$TURN_ADDRESS|g" \
	-e "s|@RELAY_MIN_PORT@|${relay_ports%-*}|" -e "s|@RELAY_MAX_PORT@|${relay_ports#*-}|" \
	/usr/share/onair-coturn/turnserver.conf >"$conf"
for range in ${TURN_DENIED_PEERS:-}; do
	echo "denied-peer-ip=$range" >>"$conf"
done
if [[ -n "${TURN_PUBLIC_IP:-}" ]]; then
	echo "external-ip=$TURN_PUBLIC_IP/$TURN_ADDRESS" >>"$conf"
fi

exec turnserver -c "$conf" "$@"
