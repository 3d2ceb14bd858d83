#!/bin/bash
# Starts one Janus media node from the templates in /usr/share/onair-janus, configured by env:
#   JANUS_API_SECRET   required; media-service sends it with every API request
#   JANUS_ADDRESS      address Janus binds its API and gathers ICE candidates on
#                      (default: this container's first address; Kubernetes passes status.podIP)
#   JANUS_PUBLIC_IP    optional; announced instead of JANUS_ADDRESS when browsers reach this
#                      node through NAT (Docker's published ports, a cloud node's public IP)
#   JANUS_RTP_PORTS    RTP/RTCP range, default 20000-20999 (publish exactly this range)
#   JANUS_WS_PORT      API port, default 8188
#   JANUS_NAME         server name in API replies, default the host name
#   JANUS_WS_ACL       optional; comma-separated address prefixes (e.g. "10.244.,192.168.1.")
#                      the API accepts connections from (Janus ws_acl); default: any address
#   JANUS_ADMIN_KEY    optional; VideoRoom admin_key: rooms are created only by API requests
#                      that carry it (media-service must send it); default: no key
#   JANUS_EVENT_LOOPS  event loops every handle shares (Janus event_loops); default: one per
#                      core the container sees (nproc)
#   JANUS_API_TLS_DIR  optional; a folder with tls.crt (PEM, naming the host of media-service's
#                      URL) and tls.key, as a Kubernetes TLS Secret mounts them: the API is then
#                      served over TLS only (wss, on JANUS_WS_PORT); without it, plain ws
#                      (docs/security.md, "Janus API")
# "onair-janus health" checks that the API accepts connections (image health check).
set -euo pipefail

JANUS_ADDRESS=${JANUS_ADDRESS:-$(hostname -i | awk '{print $1}')}
JANUS_WS_PORT=${JANUS_WS_PORT:-8188}

if [[ "${1:-}" == health ]]; then
	exec 3<>"/dev/tcp/$JANUS_ADDRESS/$JANUS_WS_PORT"
	exit 0
fi

: "${JANUS_API_SECRET:?JANUS_API_SECRET must be set}"
# While a secret is rotated both are given, comma-separated, the new one first: Janus knows
# one, the new one; media-service tries them in order (docs/operations.md, "Secret rotation").
JANUS_API_SECRET=${JANUS_API_SECRET%%,*}
JANUS_ADMIN_KEY=${JANUS_ADMIN_KEY:+${JANUS_ADMIN_KEY%%,*}}
JANUS_RTP_PORTS=${JANUS_RTP_PORTS:-20000-20999}
JANUS_NAME=${JANUS_NAME:-$(hostname)}
JANUS_EVENT_LOOPS=${JANUS_EVENT_LOOPS:-$(nproc)}
if [[ ! "$JANUS_EVENT_LOOPS" =~ ^[1-9][0-9]*$ ]]; then
	echo "JANUS_EVENT_LOOPS must be a positive number, got: $JANUS_EVENT_LOOPS" >&2
	exit 1
fi
templates=/usr/share/onair-janus
dir=/etc/onair-janus
# The library folder's name depends on the architecture (x86_64-linux-gnu, aarch64-linux-gnu).
lib=$(dirname "$(dirname "$(find /usr/lib -name libjanus_videoroom.so -print -quit)")")

# Only the VideoRoom plugin and the WebSocket transport are loadable.
mkdir -p "$dir/plugins" "$dir/transports" "$dir/none"
ln -sf "$lib/plugins/libjanus_videoroom.so" "$dir/plugins/"
ln -sf "$lib/transports/libjanus_websockets.so" "$dir/transports/"

# sed's replacement must not see the secret's own | or & as syntax.
escape() { printf '%s' "$1" | sed -e 's/[|&\\]/\\&/g'; }
sed -e "s|@DIR@|$dir|g" -e "s|@ADDRESS@|$JANUS_ADDRESS|g" -e "s|@API_SECRET@|$(escape "$JANUS_API_SECRET")|g" \
	-e "s|@RTP_PORTS@|$JANUS_RTP_PORTS|g" -e "s|@NAME@|$(escape "$JANUS_NAME")|g" \
	-e "s|@EVENT_LOOPS@|$JANUS_EVENT_LOOPS|g" "$templates/janus.jcfg" >"$dir/janus.jcfg"
if [[ -n "${JANUS_PUBLIC_IP:-}" ]]; then
	# Candidates carry the public address; the private one is not announced.
	sed -i -e "s|^nat: {|nat: {\n\tnat_1_1_mapping = \"$JANUS_PUBLIC_IP\"\n\tkeep_private_host = false|" "$dir/janus.jcfg"
fi
if [[ -n "${JANUS_API_TLS_DIR:-}" ]]; then
	[[ -r "$JANUS_API_TLS_DIR/tls.crt" && -r "$JANUS_API_TLS_DIR/tls.key" ]] || {
		echo "JANUS_API_TLS_DIR must hold readable tls.crt and tls.key, got: $JANUS_API_TLS_DIR" >&2
		exit 1
	}
	transport=(-e "s|@PROTOCOL@|wss|g" -e "s|@PLAIN@|false|g" -e "s|@SECURE@|true|g"
		-e "s|@TLS_CERT@|$(escape "$JANUS_API_TLS_DIR/tls.crt")|g"
		-e "s|@TLS_KEY@|$(escape "$JANUS_API_TLS_DIR/tls.key")|g")
else
	transport=(-e "s|@PROTOCOL@|ws|g" -e "s|@PLAIN@|true|g" -e "s|@SECURE@|false|g" -e "s|@TLS_CERT@||g"
		-e "s|@TLS_KEY@||g")
fi
sed -e "s|@ADDRESS@|$JANUS_ADDRESS|g" -e "s|@PORT@|$JANUS_WS_PORT|g" "${transport[@]}" \
	"$templates/janus.transport.websockets.jcfg" >"$dir/janus.transport.websockets.jcfg"
if [[ -n "${JANUS_WS_ACL:-}" ]]; then
	if [[ ! "$JANUS_WS_ACL" =~ ^[0-9A-Fa-f.:,]+$ ]]; then
		echo "JANUS_WS_ACL must be comma-separated address prefixes, got: $JANUS_WS_ACL" >&2
		exit 1
	fi
	sed -i -e "s|^general: {|general: {\n\tws_acl = \"$JANUS_WS_ACL\"|" "$dir/janus.transport.websockets.jcfg"
fi
cp "$templates/janus.plugin.videoroom.jcfg" "$dir/"
if [[ -n "${JANUS_ADMIN_KEY:-}" ]]; then
	if [[ "$JANUS_ADMIN_KEY" == *[\"\\]* ]]; then
		echo "JANUS_ADMIN_KEY must not contain quotes or backslashes" >&2
		exit 1
	fi
	sed -i -e "s|^general: {|general: {\n\tadmin_key = \"$(escape "$JANUS_ADMIN_KEY")\"|" \
		"$dir/janus.plugin.videoroom.jcfg"
fi
chmod 600 "$dir/janus.jcfg" "$dir/janus.plugin.videoroom.jcfg"

exec janus -F "$dir" -C "$dir/janus.jcfg" "$@"
