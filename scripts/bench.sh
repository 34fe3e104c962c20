#!/usr/bin/env bash
# `make bench`: prints every performance figure beside its baseline, measured in the same run.
# Figures depend on the machine; targets are for 2 cores (see README "Benchmarks").
set -euo pipefail
cd "$(dirname "$0")/.."
# BENCH_ONLY=postgres runs only the "PostgreSQL beside SQLite" part (scripts/bench-postgres.sh).
if [ "${BENCH_ONLY:-}" = postgres ]; then exec bash scripts/bench-postgres.sh; fi
BIN=.build/release
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
THREADS=2
CONNECTIONS=64
DURATION=${BENCH_DURATION:-8}

echo "== Keyword classification (one core) =="
"$BIN/TocsinBench" classify Keywords

echo
echo "== Fan-out of one alert occurrence to 1,000,000 subscribers =="
"$BIN/TocsinBench" fanout-seed "$WORK/fanout.sqlite" ${BENCH_SUBSCRIBERS:-1000000}
"$BIN/TocsinBench" fanout "$WORK/fanout.sqlite" 50000
rm -f "$WORK"/fanout.sqlite*

echo
echo "== Dispatch of one occurrence to 1,000,000 recipients, STOPs arriving meanwhile =="
"$BIN/TocsinBench" dispatch-seed "$WORK/dispatch-seed.sqlite" ${BENCH_SUBSCRIBERS:-1000000}
# The default batch (dispatch.batch_size 200), then batches of 100 (fewer messages/s, a STOP waits less).
for batch in 200 100; do
    cp "$WORK/dispatch-seed.sqlite" "$WORK/dispatch.sqlite"
    cp "$WORK/dispatch-seed.sqlite.erasure-key" "$WORK/dispatch.sqlite.erasure-key"
    BENCH_DISPATCH_BATCH=$batch "$BIN/TocsinBench" dispatch "$WORK/dispatch.sqlite" "$WORK/dispatch-outbox.jsonl" Keywords ${BENCH_STOPS:-1000}
    rm -f "$WORK"/dispatch.sqlite* "$WORK"/dispatch-outbox.jsonl
done
rm -f "$WORK"/dispatch-seed.sqlite*

echo
echo "== Inbound webhook, end to end (wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s) =="
wait_port() { for _ in $(seq 1 100); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 did not open" >&2; return 1; }
summary() { # wrk output -> "N req/s, p50 X, p99 Y"
    awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF} END {printf "%s requests/s, p50 %s, p99 %s%s\n", rps, p50, p99, (bad ? ", non-2xx " bad : "")}'
}

"$BIN/TocsinBench" bare 8098 > "$WORK/bare.log" 2>&1 &
BARE=$!
wait_port 8098
BARE_OUT=$(wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency -s scripts/wrk-bare.lua http://127.0.0.1:8098/bare)
kill $BARE; wait $BARE 2>/dev/null || true
BARE_RPS=$(echo "$BARE_OUT" | awk '/Requests\/sec/ {print $2}')
echo "bare Hummingbird POST:            $(echo "$BARE_OUT" | summary)"

TOKEN=bench-auth-token-0123456789abcdef
URL=http://127.0.0.1:8097/webhooks/twilio/sms
COUNT=$(( ${BENCH_REQUESTS:-400000} ))
"$BIN/TocsinBench" twilio-requests $COUNT "$URL" "$TOKEN" "$WORK/requests.txt"
run_webhook() { # $1 = durability
    rm -f "$WORK"/bench.sqlite*
    TOCSIN_TWILIO_AUTH_TOKEN=$TOKEN TOCSIN_STORAGE_DURABILITY=$1 "$BIN/tocsin" serve --config Examples/demo.yaml \
        --db "$WORK/bench.sqlite" --port 8097 --public-url http://127.0.0.1:8097 --mock-outbox "$WORK/outbox.jsonl" > "$WORK/serve.log" 2>&1 &
    SERVE=$!
    wait_port 8097
    HOOK_OUT=$(WRK_REQUESTS="$WORK/requests.txt" WRK_THREADS=$THREADS wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency \
        -s scripts/wrk-replay.lua "$URL")
    kill $SERVE; wait $SERVE 2>/dev/null || true
    HOOK_RPS=$(echo "$HOOK_OUT" | awk '/Requests\/sec/ {print $2}')
    STORED=$(sqlite3 "$WORK/bench.sqlite" "SELECT COUNT(*) FROM inbound_message" 2>/dev/null || echo "?")
    echo "Twilio webhook, storage.durability=$1 (verify+classify+commit+TwiML): $(echo "$HOOK_OUT" | summary); $STORED committed"
    awk -v a="$HOOK_RPS" -v b="$BARE_RPS" 'BEGIN { if (b > 0) printf "  ratio to the bare endpoint: %.2f (target >= 0.5); targets >= 20000 requests/s, p99 <= 20 ms\n", a / b }'
}
run_webhook full
run_webhook normal

# PostgreSQL beside SQLite, two instances beside one (starts and stops its own PostgreSQL).
bash scripts/bench-postgres.sh
