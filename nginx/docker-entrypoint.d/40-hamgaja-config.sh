#!/bin/sh
# Renders Hamgaja's Nginx config from the environment when the web container starts (the image's
# /docker-entrypoint.sh runs it before Nginx). Same templates and defaults as nginx/render.mjs.
#
#   UPSTREAM_SERVERS   sync-server instances, host:port separated by commas or spaces (server:8080)
#   UPSTREAM_RESOLVER  DNS server that re-resolves those names while running, e.g. 127.0.0.11
#                      (Docker's DNS: replicas behind one service name come and go)
#   SERVER_NAME        server_name, one or more names (_ = any host)
#   NGINX_PORT         plain HTTP port (80)
#   WEB_ROOT           the built SPA (/usr/share/nginx/html)
#   TLS_CERTIFICATE, TLS_CERTIFICATE_KEY   PEM paths inside the container; both set = HTTPS on
#   NGINX_TLS_PORT     HTTPS port (443)     TLS_PUBLIC_PORT   port clients use for HTTPS (443)
#   TLS_REDIRECT_HTTP  true: plain HTTP only redirects to HTTPS (default); false: serves both
# noglob: addresses are split on spaces and commas, never expanded as file patterns.
set -euf

ME=hamgaja-config
# Overridable so the tests can render into a scratch directory with the same script.
NGINX_DIR="${HAMGAJA_NGINX_DIR:-/etc/nginx}"
TEMPLATE_DIR="${HAMGAJA_TEMPLATE_DIR:-$NGINX_DIR/hamgaja-templates}"
CONF_DIR="$NGINX_DIR/conf.d"
INCLUDE_DIR="$NGINX_DIR/hamgaja"

fail() {
    echo "$ME: error: $*" >&2
    exit 1
}

# A value spliced into a directive must not end it early, open a block or hide in quotes.
word() {
    case "$2" in
        '' | *[\;\{\}\"\'\$]* | *[[:space:]]*) fail "$1 must be one word without quotes, spaces, ';', '{', '}' or '\$' (got '$2')" ;;
    esac
}
words() {
    case "$2" in
        '' | *[\;\{\}\"\'\$]*) fail "$1 must not contain quotes, ';', '{', '}' or '\$' (got '$2')" ;;
    esac
}

: "${UPSTREAM_SERVERS:=server:8080}"
: "${UPSTREAM_MAX_FAILS:=2}"
: "${UPSTREAM_FAIL_TIMEOUT:=10s}"
: "${UPSTREAM_RESOLVER:=}"
: "${SERVER_NAME:=_}"
: "${NGINX_PORT:=80}"
: "${WEB_ROOT:=/usr/share/nginx/html}"
: "${TLS_CERTIFICATE:=}"
: "${TLS_CERTIFICATE_KEY:=}"
: "${NGINX_TLS_PORT:=443}"
: "${TLS_PUBLIC_PORT:=443}"
: "${TLS_REDIRECT_HTTP:=true}"

words SERVER_NAME "$SERVER_NAME"
word WEB_ROOT "$WEB_ROOT"
word UPSTREAM_FAIL_TIMEOUT "$UPSTREAM_FAIL_TIMEOUT"
case "$NGINX_PORT" in '' | *[!0-9]*) fail "NGINX_PORT must be a port number (got '$NGINX_PORT')" ;; esac
case "$UPSTREAM_MAX_FAILS" in '' | *[!0-9]*) fail "UPSTREAM_MAX_FAILS must be a number (got '$UPSTREAM_MAX_FAILS')" ;; esac
[ -f "$WEB_ROOT/index.html" ] || echo "$ME: warning: $WEB_ROOT/index.html not found; only /api/ will work" >&2

# One `server` line per instance; with a resolver the names are re-resolved (needs a shared zone).
resolve_flag=""
lines=""
if [ -n "$UPSTREAM_RESOLVER" ]; then
    resolve_flag=" resolve"
    lines="    zone hamgaja_api 256k;"
fi
count=0
for address in $(echo "$UPSTREAM_SERVERS" | tr ',' ' '); do
    if ! echo "$address" | grep -Eq '^([A-Za-z0-9_.-]+|\[[0-9A-Fa-f:]+\]):[0-9]{1,5}$'; then
        fail "UPSTREAM_SERVERS: bad address '$address' (expected host:port, e.g. server:8080)"
    fi
    line="    server $address$resolve_flag max_fails=$UPSTREAM_MAX_FAILS fail_timeout=$UPSTREAM_FAIL_TIMEOUT;"
    if [ -z "$lines" ]; then lines="$line"; else lines="$lines
$line"; fi
    count=$((count + 1))
done
[ "$count" -gt 0 ] || fail "UPSTREAM_SERVERS: at least one host:port is required"
UPSTREAM_SERVERS="$lines"
export UPSTREAM_SERVERS SERVER_NAME NGINX_PORT WEB_ROOT

# envsubst with an explicit list: Nginx's own $variables are never touched.
render() {
    envsubst "$1" <"$TEMPLATE_DIR/$2" >"$3"
    if grep -Eq '\$\{[A-Z][A-Z0-9_]*\}' "$3"; then
        fail "$3 still holds a placeholder: $(grep -Eo '\$\{[A-Z][A-Z0-9_]*\}' "$3" | head -n 1)"
    fi
}

mkdir -p "$CONF_DIR" "$INCLUDE_DIR"
render '${NGINX_PORT} ${UPSTREAM_SERVERS} ${WEB_ROOT} ${SERVER_NAME}' hamgaja.conf.template "$CONF_DIR/hamgaja.conf"

if [ -n "$UPSTREAM_RESOLVER" ]; then
    for resolver in $UPSTREAM_RESOLVER; do word UPSTREAM_RESOLVER "$resolver"; done
    printf '%s\n' "# Re-resolves upstream names (Docker DNS: one name, many replicas)." \
        "resolver $UPSTREAM_RESOLVER valid=10s ipv6=off;" >"$CONF_DIR/hamgaja-resolver.conf"
else
    rm -f "$CONF_DIR/hamgaja-resolver.conf"
fi

# The plain-HTTP listener serves the site unless TLS takes over (a restart may switch either way).
cp "$TEMPLATE_DIR/http-listener.conf" "$INCLUDE_DIR/http-listener.conf"

if [ -n "$TLS_CERTIFICATE" ] || [ -n "$TLS_CERTIFICATE_KEY" ]; then
    [ -n "$TLS_CERTIFICATE" ] && [ -n "$TLS_CERTIFICATE_KEY" ] ||
        fail "TLS needs both TLS_CERTIFICATE and TLS_CERTIFICATE_KEY"
    word TLS_CERTIFICATE "$TLS_CERTIFICATE"
    word TLS_CERTIFICATE_KEY "$TLS_CERTIFICATE_KEY"
    for file in "$TLS_CERTIFICATE" "$TLS_CERTIFICATE_KEY"; do
        [ -r "$file" ] || fail "TLS file not readable: $file (mount the certificates, see docs/operations.md)"
    done
    case "$NGINX_TLS_PORT" in '' | *[!0-9]*) fail "NGINX_TLS_PORT must be a port number" ;; esac
    case "$TLS_PUBLIC_PORT" in '' | *[!0-9]*) fail "TLS_PUBLIC_PORT must be a port number" ;; esac
    export NGINX_TLS_PORT TLS_CERTIFICATE TLS_CERTIFICATE_KEY
    render '${NGINX_TLS_PORT} ${SERVER_NAME} ${WEB_ROOT} ${TLS_CERTIFICATE} ${TLS_CERTIFICATE_KEY}' \
        hamgaja-tls.conf.template "$CONF_DIR/hamgaja-tls.conf"
    if [ "$TLS_REDIRECT_HTTP" = "true" ]; then
        if [ "$TLS_PUBLIC_PORT" = "443" ]; then HTTPS_PORT_SUFFIX=""; else HTTPS_PORT_SUFFIX=":$TLS_PUBLIC_PORT"; fi
        export HTTPS_PORT_SUFFIX
        render '${HTTPS_PORT_SUFFIX}' https-redirect.conf.template "$INCLUDE_DIR/http-listener.conf"
    fi
    echo "$ME: HTTPS on port $NGINX_TLS_PORT, $count upstream address(es)"
else
    rm -f "$CONF_DIR/hamgaja-tls.conf"
    echo "$ME: plain HTTP on port $NGINX_PORT, $count upstream address(es)"
fi
