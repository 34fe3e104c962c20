#!/usr/bin/env bash
# A throwaway local PostgreSQL for the tests.
#
#   scripts/postgres.sh start DIR   creates a cluster in DIR (installing Debian's `postgresql` when initdb is
#                                   missing), starts it on 127.0.0.1 on a free port with its socket in DIR,
#                                   creates the database tocsin_test and prints its URL (last line; also DIR/url).
#   scripts/postgres.sh stop DIR    stops it.
#
# POSTGRES_OPTIONS (e.g. "-c fsync=on -c synchronous_commit=on") is added after the fast test defaults below
# and overrides them (the bench turns durability back on with it).
#
# initdb and postgres refuse to run as root: as root they run as the `postgres` system user (DIR is chowned).
set -euo pipefail

die() { echo "postgres.sh: $*" >&2; exit 1; }

usage() { die "usage: scripts/postgres.sh start|stop DIR"; }

[ $# -eq 2 ] || usage
action=$1
dir=$2

# The binaries: the newest /usr/lib/postgresql/*/bin (Debian keeps initdb off PATH), else initdb on PATH.
find_bin() {
    local candidate
    for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$candidate/initdb" ]; then echo "$candidate"; return 0; fi
    done
    if command -v initdb >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v initdb)")"; return 0; fi
    return 1
}

# Runs a command as the cluster's owner (the postgres user when we are root).
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
    local bin
    if ! bin=$(find_bin); then
        if [ "$(id -u)" -ne 0 ]; then
            die "PostgreSQL is not installed and installing it needs root: run 'sudo apt-get install -y postgresql'"
        fi
        echo "postgres.sh: installing Debian's postgresql package" >&2
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 \
            || die "apt-get install postgresql failed (see above)"
        bin=$(find_bin) || die "postgresql was installed but no initdb was found under /usr/lib/postgresql/*/bin"
    fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    local user
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' system user to run the server as"
        chown -R postgres "$dir"
        chmod 0700 "$dir"
        user=postgres
    else
        user=$(id -un)
    fi
    as_owner "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; die "initdb failed in $dir/data"; }
    local port attempt
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
            -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000 ${POSTGRES_OPTIONS:-}" \
            >"$dir/pg_ctl.log" 2>&1; then
            break
        fi
        port=""
    done
    [ -n "$port" ] || { cat "$dir/server.log" >&2 2>/dev/null || true; die "the server did not start (log: $dir/server.log)"; }
    as_owner "$bin/createdb" -h "$dir" -p "$port" -U "$user" tocsin_test \
        || die "createdb tocsin_test failed (log: $dir/server.log)"
    local url="postgres://$user@127.0.0.1:$port/tocsin_test"
    echo "$url" >"$dir/url"
    echo "$url"
}

stop() {
    [ -d "$dir/data" ] || die "no cluster in $dir"
    local bin
    bin=$(find_bin) || die "no PostgreSQL binaries found to stop the server in $dir"
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
}

case "$action" in
    start) start ;;
    stop) stop ;;
    *) usage ;;
esac
