#!/usr/bin/env bash
# Measures requests per second and latency of /healthz, a learner record page and the LA's due
# list on the release build, with wrk on 127.0.0.1 (64 connections, 2 threads, 15 s each by default).
# Usage: bench/http_load.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-15}"
connections=64

cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" >/dev/null
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
build/release/cynnal demo --database "$work/bench.db" >/dev/null
build/release/cynnal serve --database "$work/bench.db" --port "$port" --web-root "$PWD" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

cookie=$(curl -fsS -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username":"la.officer","password":"cynnal-demo"}' "http://127.0.0.1:$port/api/v1/session" |
  tr -d '\r' | sed -n 's/^Set-Cookie: \(cynnal_session=[0-9a-f]*\).*/\1/ip')
learner=$(curl -fsS -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/learners?page_size=1" |
  grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
[ -n "$cookie" ] && [ -n "$learner" ] || { echo "could not sign in or find a learner" >&2; exit 1; }

run() {
  local name=$1 path=$2
  shift 2
  local out
  out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency "$@" "http://127.0.0.1:$port$path")
  local rps p50 p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  printf '| %-22s | %10s | %8s | %8s |\n' "$name" "$rps" "$p50" "$p99"
}
echo "wrk -t2 -c$connections -d${duration}s, release build, SQLite, demo data ($(nproc) cores)"
printf '| %-22s | %10s | %8s | %8s |\n' "route" "requests/s" "p50" "p99"
printf '|%s|%s|%s|%s|\n' "------------------------" "------------" "----------" "----------"
run "/healthz" /healthz
run "/learners/$learner (page)" "/learners/$learner" -H "Cookie: $cookie"
run "/due?days=366 (LA list)" "/due?days=366" -H "Cookie: $cookie"
rss=$(awk '/VmHWM/ {print $2, $3}' "/proc/$server/status")
echo "server peak RSS: $rss"
