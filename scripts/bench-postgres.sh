#!/usr/bin/env bash
# The "PostgreSQL beside SQLite" part of `make bench` (scripts/bench.sh runs it last; `BENCH_ONLY=postgres
# make bench` or `bash scripts/bench-postgres.sh` runs it alone, after the release build).
#
# Dispatch and in-process inbound on PostgreSQL beside SQLite on the same N, then two instances (two processes
# sharing the database) beside one; the inbound webhook end to end on `tocsin serve --db postgres://…`, one
# server beside two. PostgreSQL is a throwaway local server (scripts/postgres.sh), stopped on exit.
#
#   BENCH_PG_RECIPIENTS  dispatch recipients (100000)       BENCH_PG_TEXTS     in-process inbound texts (20000)
#   BENCH_PG_CALLERS     in-process inbound callers (64)    BENCH_PG_DURABLE   1 (default): fsync and synchronous
#                                                                              commit on, as SQLite's durability=full
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BENCH_BIN:-.build/release}
WORK=$(mktemp -d)
# Its own directory: postgres.sh hands it to the postgres user when run as root (WORK is root's, mode 0700).
PGDIR=$(mktemp -d /tmp/tocsin-bench-pg.XXXXXX)
cleanup() {
    kill $(jobs -p) 2>/dev/null || true
    wait 2>/dev/null || true
    [ -d "$PGDIR/data" ] && bash scripts/postgres.sh stop "$PGDIR" >/dev/null 2>&1 || true
    rm -rf "$WORK" "$PGDIR"
}
trap cleanup EXIT
trap 'exit 143' TERM INT # through the EXIT trap: the PostgreSQL server is stopped on an interrupt too
THREADS=2
CONNECTIONS=64
DURATION=${BENCH_DURATION:-8}
N=${BENCH_PG_RECIPIENTS:-100000}
TEXTS=${BENCH_PG_TEXTS:-20000}
CALLERS=${BENCH_PG_CALLERS:-64}
rate_of() { grep -oE '[0-9]+ (msgs|messages|texts)/s' | awk 'NR == 1 {print $1}'; } # the first "N …/s" of its input
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }'; }

echo
echo "== PostgreSQL beside SQLite =="
# The test helper starts PostgreSQL with fsync and synchronous commit off (fast tests); a bench compares with
# SQLite at durability=full, so by default it turns them back on (POSTGRES_OPTIONS is read by postgres.sh).
if [ "${BENCH_PG_DURABLE:-1}" = 1 ]; then
    export POSTGRES_OPTIONS="-c fsync=on -c synchronous_commit=on -c full_page_writes=on"
    DURABILITY="fsync on, synchronous_commit on"
else
    DURABILITY="fsync off, synchronous_commit off"
fi
PG_URL=$(bash scripts/postgres.sh start "$PGDIR" | tail -n 1)
echo "PostgreSQL $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 | awk -F/ '{print $5}') on loopback ($DURABILITY), max 8 connections per instance; load before: $(uptime | sed 's/.*load average/load average/')"

echo
echo "-- Dispatch of one occurrence to $N recipients (every gate on, mock carrier, batches of ${BENCH_DISPATCH_BATCH:-200}) --"
"$BIN/TocsinBench" dispatch-seed "$WORK/dispatch.sqlite" "$N" >/dev/null
SQLITE_LINE=$("$BIN/TocsinBench" dispatch "$WORK/dispatch.sqlite" "$WORK/sqlite-outbox.jsonl" Keywords 0 | sed -n 1p)
SQLITE_RATE=$(echo "$SQLITE_LINE" | rate_of)
rm -f "$WORK"/dispatch.sqlite* "$WORK/sqlite-outbox.jsonl"
echo "SQLite, one process: ${SQLITE_LINE#*: }"

"$BIN/TocsinBench" pg-dispatch-seed "$PG_URL" "$N"
"$BIN/TocsinBench" pg-dispatch "$PG_URL" "$WORK/pg1-a.jsonl" a > "$WORK/pg1.out"
grep -v '^run ' "$WORK/pg1.out"
ONE=$("$BIN/TocsinBench" sum-runs messages "$WORK/pg1.out")
echo "PostgreSQL, $ONE"
"$BIN/TocsinBench" pg-dispatch-check "$PG_URL" "$N" "$WORK/pg1-a.jsonl" || echo "  (the check failed: see above)"
ONE_RATE=$(echo "$ONE" | rate_of)

"$BIN/TocsinBench" pg-dispatch-seed "$PG_URL" "$N"
"$BIN/TocsinBench" pg-dispatch "$PG_URL" "$WORK/pg2-a.jsonl" a > "$WORK/pg2-a.out" &
A=$!
"$BIN/TocsinBench" pg-dispatch "$PG_URL" "$WORK/pg2-b.jsonl" b > "$WORK/pg2-b.out" &
B=$!
wait $A
wait $B
grep -hv '^run ' "$WORK/pg2-a.out" "$WORK/pg2-b.out"
TWO=$("$BIN/TocsinBench" sum-runs messages "$WORK/pg2-a.out" "$WORK/pg2-b.out")
echo "PostgreSQL, $TWO"
"$BIN/TocsinBench" pg-dispatch-check "$PG_URL" "$N" "$WORK/pg2-a.jsonl" "$WORK/pg2-b.jsonl" || echo "  (the check failed: see above)"
TWO_RATE=$(echo "$TWO" | rate_of)
echo "dispatch msgs/s: SQLite $SQLITE_RATE | PostgreSQL 1 instance $ONE_RATE ($(ratio "$ONE_RATE" "$SQLITE_RATE")x SQLite) | 2 instances $TWO_RATE ($(ratio "$TWO_RATE" "$ONE_RATE")x 1 instance)"
rm -f "$WORK"/pg*.jsonl

echo
echo "-- Inbound in process: InboundHandler (classify+commit+inline reply), $TEXTS texts (joins, STOP, HELP, free text), $CALLERS concurrent callers --"
SQLITE_IN=$("$BIN/TocsinBench" inbound "$WORK/inbound.sqlite" "$CALLERS" "$TEXTS" | grep -v '^run ')
echo "$SQLITE_IN"
rm -f "$WORK"/inbound.sqlite*
"$BIN/TocsinBench" pg-inbound-seed "$PG_URL" >/dev/null
"$BIN/TocsinBench" pg-inbound "$PG_URL" "$CALLERS" "$TEXTS" 0 a > "$WORK/in1.out"
grep -v '^run ' "$WORK/in1.out"
IN_ONE=$("$BIN/TocsinBench" sum-runs texts "$WORK/in1.out")
echo "  PostgreSQL, $IN_ONE; $("$BIN/TocsinBench" pg-count "$PG_URL" inbound_message) committed"
"$BIN/TocsinBench" pg-inbound-seed "$PG_URL" >/dev/null
HALF=$(( TEXTS / 2 ))
"$BIN/TocsinBench" pg-inbound "$PG_URL" $(( CALLERS / 2 )) "$HALF" 0 a > "$WORK/in2-a.out" &
A=$!
"$BIN/TocsinBench" pg-inbound "$PG_URL" $(( CALLERS / 2 )) $(( TEXTS - HALF )) "$HALF" b > "$WORK/in2-b.out" &
B=$!
wait $A
wait $B
grep -hv '^run ' "$WORK/in2-a.out" "$WORK/in2-b.out"
IN_TWO=$("$BIN/TocsinBench" sum-runs texts "$WORK/in2-a.out" "$WORK/in2-b.out")
echo "  PostgreSQL, $IN_TWO; $("$BIN/TocsinBench" pg-count "$PG_URL" inbound_message) committed (of $TEXTS)"
echo "inbound texts/s in process: SQLite $(echo "$SQLITE_IN" | rate_of) | PostgreSQL 1 process $(echo "$IN_ONE" | rate_of) | 2 processes $(echo "$IN_TWO" | rate_of)"

echo
echo "-- Inbound webhook end to end on PostgreSQL (wrk, ${DURATION}s; SQLite's figures are in the webhook section above) --"
wait_serve() { # $1 = pid, $2 = port: 0 when the port opens, 1 when the process exits first or 60 s pass
    for _ in $(seq 1 600); do
        kill -0 "$1" 2>/dev/null || return 1
        (echo > /dev/tcp/127.0.0.1/$2) 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}
summary() { # wrk output -> "N requests/s, p50 X, p99 Y"
    awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF} END {printf "%s requests/s, p50 %s, p99 %s%s\n", rps, p50, p99, (bad ? ", non-2xx " bad : "")}'
}
TOKEN=bench-auth-token-0123456789abcdef
# Both servers check signatures against one public URL, as instances behind one load balancer do.
PUBLIC=http://127.0.0.1:8097
COUNT=$(( ${BENCH_REQUESTS:-400000} ))
"$BIN/TocsinBench" twilio-requests $COUNT "$PUBLIC/webhooks/twilio/sms" "$TOKEN" "$WORK/requests.txt"
# Two instances replay disjoint halves (no MessageSid twice).
awk 'NR % 2 == 1' "$WORK/requests.txt" > "$WORK/requests-a.txt"
awk 'NR % 2 == 0' "$WORK/requests.txt" > "$WORK/requests-b.txt"
ERASURE_KEY=$(printf '5e%.0s' $(seq 1 32))
serve() { # $1 = port, $2 = log; sets SERVED to the pid
    TOCSIN_TWILIO_AUTH_TOKEN=$TOKEN TOCSIN_COMPLIANCE_ERASURE_KEY=$ERASURE_KEY "$BIN/tocsin" serve --config Examples/demo.yaml \
        --db "$PG_URL" --port "$1" --public-url "$PUBLIC" --mock-outbox "$WORK/outbox-$1.jsonl" > "$2" 2>&1 &
    SERVED=$!
}
stop_serve() { kill "$@" 2>/dev/null || true; wait "$@" 2>/dev/null || true; }
"$BIN/TocsinBench" pg-reset "$PG_URL"
if [ ! -x "$BIN/tocsin" ]; then
    echo "skipped: no $BIN/tocsin (swift build -c release --product tocsin)"
    echo "load after: $(uptime | sed 's/.*load average/load average/')"
    exit 0
fi
serve 8097 "$WORK/serve-pg.log"
SERVE=$SERVED
if ! wait_serve "$SERVE" 8097; then
    stop_serve "$SERVE"
    echo "tocsin serve --db postgres://… did not start: $(tail -n 3 "$WORK/serve-pg.log" | cut -c1-300)" >&2
    exit 1
else
    OUT=$(WRK_REQUESTS="$WORK/requests.txt" WRK_THREADS=$THREADS wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency \
        -s scripts/wrk-replay.lua "http://127.0.0.1:8097/webhooks/twilio/sms")
    stop_serve "$SERVE"
    ONE_RPS=$(echo "$OUT" | awk '/Requests\/sec/ {print $2}')
    STORED=$("$BIN/TocsinBench" pg-count "$PG_URL" inbound_message)
    echo "Twilio webhook, 1 instance (wrk -t$THREADS -c$CONNECTIONS): $(echo "$OUT" | summary); $STORED committed"
    [ "$STORED" != 0 ] || echo "  WARNING: no inbound row reached PostgreSQL: the server did not use --db $PG_URL (see $WORK/serve-pg.log)"

    "$BIN/TocsinBench" pg-reset "$PG_URL"
    serve 8097 "$WORK/serve-pg-a.log"
    SA=$SERVED
    serve 8096 "$WORK/serve-pg-b.log"
    SB=$SERVED
    wait_serve "$SA" 8097 || { echo "instance a did not start: $(tail -n 3 "$WORK/serve-pg-a.log")" >&2; exit 1; }
    wait_serve "$SB" 8096 || { echo "instance b did not start: $(tail -n 3 "$WORK/serve-pg-b.log")" >&2; exit 1; }
    WRK_REQUESTS="$WORK/requests-a.txt" WRK_THREADS=1 wrk -t1 -c$(( CONNECTIONS / 2 )) -d${DURATION}s --latency \
        -s scripts/wrk-replay.lua "http://127.0.0.1:8097/webhooks/twilio/sms" > "$WORK/wrk-a.out" &
    WA=$!
    WRK_REQUESTS="$WORK/requests-b.txt" WRK_THREADS=1 wrk -t1 -c$(( CONNECTIONS / 2 )) -d${DURATION}s --latency \
        -s scripts/wrk-replay.lua "http://127.0.0.1:8096/webhooks/twilio/sms" > "$WORK/wrk-b.out" &
    WB=$!
    wait $WA
    wait $WB
    stop_serve "$SA" "$SB"
    echo "  instance a (wrk -t1 -c$(( CONNECTIONS / 2 ))): $(summary < "$WORK/wrk-a.out")"
    echo "  instance b (wrk -t1 -c$(( CONNECTIONS / 2 ))): $(summary < "$WORK/wrk-b.out")"
    TWO_RPS=$(awk '/Requests\/sec/ {sum += $2} END {printf "%.2f", sum}' "$WORK/wrk-a.out" "$WORK/wrk-b.out")
    echo "Twilio webhook, 2 instances: $TWO_RPS requests/s together ($(ratio "$TWO_RPS" "$ONE_RPS")x 1 instance); $("$BIN/TocsinBench" pg-count "$PG_URL" inbound_message) committed"
fi
echo "load after: $(uptime | sed 's/.*load average/load average/')"
