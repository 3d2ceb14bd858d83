#!/bin/bash
# Starts coturn from the OnAir template (the same for ./onair, docker-compose and Kubernetes),
# configured by env:
#   TURN_SECRET          required; the same value signaling-gateway signs credentials with. During
#                        a rotation a comma-separated list, newest first: coturn accepts
#                        credentials of every one, the gateways sign with the first
#   TURN_ALLOWED_PEERS   required, space-separated addresses or ranges (a-b) of the media hosts:
#                        the only peers a relay may reach (every private range is denied)
#   TURN_DENIED_PEERS    optional, more ranges to deny (public addresses of your own services)
#   TURN_REALM           default onair.local
#   TURN_ADDRESS         listening and relay address (default: this container's first address)
#   TURN_PUBLIC_IP       optional; announced as external-ip when clients reach coturn via NAT
#   TURN_PORT            default 3478
#   TURN_RELAY_PORTS     default 40000-40999 (publish exactly this range)
#   TURN_USER_QUOTA      allocations per user (session) at once, default 10
#   TURN_TOTAL_QUOTA     allocations in all, default 2000
#   TURN_MAX_BPS         bytes per second per allocation, default 500000 (4 Mbit/s)
#   TURN_BPS_CAPACITY    bytes per second for the whole server, default 125000000 (1 Gbit/s)
#   TURN_TLS_CERT        optional: certificate chain (PEM) for TURN over TLS, for networks that
#   TURN_TLS_KEY         block UDP; with both, clients may also use turns:<host>:<TURN_TLS_PORT>
#                        ?transport=tcp (docs/operations.md, "TURN over TLS on 443")
#   TURN_TLS_PORT        default 5349; 443 where only HTTPS gets out (the binding needs
#                        net.ipv4.ip_unprivileged_port_start <= 443, or a proxy 443 -> 5349)
#   TURN_TEMPLATE        default /usr/share/onair-coturn/turnserver.conf
#   TURN_CONF            where the configuration is written, default /tmp/turnserver.conf
# "onair-coturn health" checks that the listener accepts TCP connections.
set -euo pipefail

TURN_ADDRESS=${TURN_ADDRESS:-$(hostname -i | awk '{print $1}')}
TURN_PORT=${TURN_PORT:-3478}

if [[ "${1:-}" == health ]]; then
	exec 3<>"/dev/tcp/$TURN_ADDRESS/$TURN_PORT"
	exit 0
fi

: "${TURN_SECRET:?TURN_SECRET must be set}"
: "${TURN_ALLOWED_PEERS:?TURN_ALLOWED_PEERS must name the media hosts (relays may reach nothing else)}"
relay_ports=${TURN_RELAY_PORTS:-40000-40999}
conf=${TURN_CONF:-/tmp/turnserver.conf}
escape() { printf '%s' "$1" | sed -e 's/[|&\\]/\\&/g'; }
IFS=',' read -r -a turn_secrets <<<"$TURN_SECRET"
umask 077
sed -e "s|@TURN_SECRET@|$(escape "${turn_secrets[0]}")|" -e "s|@TURN_REALM@|${TURN_REALM:-onair.local}|" \
	-e "s|@TURN_PORT@|$TURN_PORT|" -e "s|@LISTEN_ADDRESS@|$TURN_ADDRESS|g" \
	-e "s|@RELAY_MIN_PORT@|${relay_ports%-*}|" -e "s|@RELAY_MAX_PORT@|${relay_ports#*-}|" \
	-e "s|@PIDFILE@|${conf%.conf}.pid|" -e "s|@USER_QUOTA@|${TURN_USER_QUOTA:-10}|" \
	-e "s|@TOTAL_QUOTA@|${TURN_TOTAL_QUOTA:-2000}|" -e "s|@MAX_BPS@|${TURN_MAX_BPS:-500000}|" \
	-e "s|@BPS_CAPACITY@|${TURN_BPS_CAPACITY:-125000000}|" \
	"${TURN_TEMPLATE:-/usr/share/onair-coturn/turnserver.conf}" >"$conf"
# coturn accepts credentials signed with any of its static-auth-secret lines.
for previous in "${turn_secrets[@]:1}"; do
	echo "static-auth-secret=$previous" >>"$conf"
done
for range in ${TURN_DENIED_PEERS:-}; do
	echo "denied-peer-ip=$range" >>"$conf"
done
for range in $TURN_ALLOWED_PEERS; do
	echo "allowed-peer-ip=$range" >>"$conf"
done
if [[ -n "${TURN_TLS_CERT:-}" || -n "${TURN_TLS_KEY:-}" ]]; then
	: "${TURN_TLS_CERT:?TURN_TLS_CERT must be set with TURN_TLS_KEY}"
	: "${TURN_TLS_KEY:?TURN_TLS_KEY must be set with TURN_TLS_CERT}"
	# TLS for the client's leg only: relays towards Janus stay UDP and the peer rules above hold.
	sed -i -e '/^no-tls$/d' "$conf"
	{
		echo "tls-listening-port=${TURN_TLS_PORT:-5349}"
		echo "cert=$TURN_TLS_CERT"
		echo "pkey=$TURN_TLS_KEY"
		echo "no-tlsv1"
		echo "no-tlsv1_1"
	} >>"$conf"
fi
if [[ -n "${TURN_PUBLIC_IP:-}" ]]; then
	echo "external-ip=$TURN_PUBLIC_IP/$TURN_ADDRESS" >>"$conf"
fi

exec turnserver -c "$conf" "$@"
