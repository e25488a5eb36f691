#!/usr/bin/env bash
# Paced against closed loop at the same throughput (issue 18: paced at most 2x the closed loop's CPU per chunk):
# tests/LoadServer with --delay-ms 4 in its own process; tests/SpeedPlans/Streams5 (closed loop, 5 streams: about
# 1,000 req/s against that server) and Paced1000 (open loop, 1,000 req/s), run alternately as pod processes
# (`<plan>.dll run --pod 0 --merge-follows`). Prints per run: req/s over the measured window, the pod's CPU under load,
# µs per content chunk (64 per response) and the send lag p99 the pod warns about (over 1 ms).
#   scripts/measure-paced.sh [requests=10000] [rounds=3] [configuration=Debug]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
requests="${1:-10000}"
rounds="${2:-3}"
configuration="${3:-Debug}"
work="$(mktemp -d /tmp/podbench-paced.XXXXXX)"
# shellcheck source=scripts/load-server.sh
. "$root/scripts/load-server.sh"

for plan in Streams5 Paced1000; do
  dotnet build "$root/tests/SpeedPlans/$plan" -c "$configuration" -v:q -nologo >"$work/build-$plan.log" 2>&1 \
    || { cat "$work/build-$plan.log"; exit 1; }
done

start_load_server --chunks 64 --delay-ms 4

echo "requests: $requests per run, 64 content chunks each, server delay 4 ms; configuration $configuration; $(date -u +%FT%TZ)"
echo "| run | plan | req/s | CPU under load (s) | µs CPU/chunk under load | send lag p99 |"
echo "|---|---|---|---|---|---|"
for round in $(seq 1 "$rounds"); do
  for plan in Streams5 Paced1000; do
    out="$work/$plan-$round"
    dotnet "$root/tests/SpeedPlans/$plan/bin/$configuration/net10.0/$plan.dll" run --pod 0 --endpoint "$url" \
      --num-prompts "$requests" --output "$out" --run r --merge-follows >"$out.log" 2>&1 || { tail -20 "$out.log"; exit 1; }
    /usr/bin/python3 - "$round" "$plan" "$requests" "$out/r/pods/pod-0.json" "$out.log" <<'PY'
import json, re, sys
round_, plan, requests, manifest, log = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], open(sys.argv[5]).read()
w = json.load(open(manifest))["measured_window"]
rps = requests / ((w["last_end_utc_ns"] - w["first_send_utc_ns"]) / 1e9)
cpu = float(re.search(r"([0-9.]+) \([0-9.]+\) under load", log).group(1))
lag = re.search(r"send lag p99 was ([0-9.]+ ms)", log)
print(f"| {round_} | {plan} | {rps:,.0f} | {cpu:.2f} | {cpu * 1e6 / (requests * 64):.2f} | {lag.group(1) if lag else 'at most 1 ms'} |")
PY
  done
done
echo "logs: $work"
