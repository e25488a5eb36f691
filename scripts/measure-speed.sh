#!/usr/bin/env bash
# PodBench through the real command beside a Python stand-in client, against one external server in its own process
# (tests/LoadServer, 64 chunks per response written at once), in the same minutes. docs/performance.md has the figures.
#   scripts/measure-speed.sh [requests=20000] [streams="64 512"] [configuration=Debug]
# A stream count "paced" runs tests/SpeedPlans/Paced1000 (open loop, 1,000 req/s) instead, with no stand-in, and
# prints the send lag p99 (ms, merge_summary.json) in the stand-in's req/s column.
# Per stream count it runs `dotnet build tests/SpeedPlans/Streams<c> -t:RunBenchmark` (the plan up to date: built
# first) and then tests/PeerStandIn/stream_client.py, and prints req/s (PodBench: over the measured window, from
# merge_summary.json; the stand-in: over its run) and µs of CPU per content chunk (64 per response):
#   runner  = the pod process alone (the runner started through a /usr/bin/time wrapper as PodBenchDotnetHost),
#   command = everything `dotnet build -t:RunBenchmark` ran (MSBuild, the task host, merge, reports, the runner),
#             read from a cgroup v1 cpuacct group the command runs in (root); without one it is the entry process's
#             own /usr/bin/time figure plus the runner's, which misses the MSBuild nodes (marked "~").
# Needs node, /usr/bin/time and Debian's python3-aiohttp (scripts/install-test-deps.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
requests="${1:-20000}"
streams="${2:-64 512}"
configuration="${3:-Debug}"
work="$(mktemp -d /tmp/podbench-speed.XXXXXX)"
# shellcheck source=scripts/load-server.sh
. "$root/scripts/load-server.sh"

plan_of() { if [ "$1" = paced ]; then echo "$root/tests/SpeedPlans/Paced1000"; else echo "$root/tests/SpeedPlans/Streams$1"; fi; }
for c in $streams; do
  dotnet build "$(plan_of "$c")" -c "$configuration" -v:q -nologo >"$work/build-$c.log" 2>&1 \
    || { cat "$work/build-$c.log"; exit 1; }
done

start_load_server --chunks 64

host="$work/dotnet-timed.sh"
cat >"$host" <<HOST
#!/usr/bin/env bash
exec /usr/bin/time -a -o "$work/runner-times.log" -f "%U %S %e %C" dotnet "\$@"
HOST
chmod +x "$host"

cgroup_root=/sys/fs/cgroup/cpuacct
cgroup=""
if [ -w "$cgroup_root" ] && mkdir "$cgroup_root/podbench-speed-$$" 2>/dev/null; then
  cgroup="$cgroup_root/podbench-speed-$$"
  trap 'stop_load_server; rmdir "$cgroup" 2>/dev/null || true' EXIT
fi

chunks=$((requests * 64))
rows=()
for c in $streams; do
  : >"$work/runner-times.log"
  start_usage=0
  if [ -n "$cgroup" ]; then start_usage="$(cat "$cgroup/cpuacct.usage")"; fi
  /usr/bin/time -o "$work/command-$c.time" -f "%U %S %e" \
    sh -c 'if [ -n "$1" ]; then echo $$ > "$1/cgroup.procs"; fi; shift; exec "$@"' sh "$cgroup" dotnet build "$(plan_of "$c")" -c "$configuration" -t:RunBenchmark -nologo -v:m \
      -p:PodBenchDotnetHost="$host" -p:BenchmarkEndpoint="$url" -p:BenchmarkNumPrompts="$requests" \
      -p:BenchmarkOutput="$work/out-$c" >"$work/podbench-$c.log" 2>&1 \
    || { tail -30 "$work/podbench-$c.log"; exit 1; }
  group_cpu=-1
  if [ -n "$cgroup" ]; then group_cpu="$(( $(cat "$cgroup/cpuacct.usage") - start_usage ))"; fi
  summary="$(ls -d "$work/out-$c"/*/ | tail -1)performances/merge_results/merge_summary.json"
  read -r pb_rps runner_cpu runner_wall command_cpu command_wall < <(/usr/bin/python3 - "$summary" "$work/runner-times.log" "$work/command-$c.time" "$group_cpu" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))
rps = next(m["value"] for m in summary["alignment"]["over_active_time"] if m["key"] == "Request Throughput over Active Time")
runner = [l.split() for l in open(sys.argv[2]) if " run --pod " in l]
cpu = sum(float(r[0]) + float(r[1]) for r in runner)
wall = max(float(r[2]) for r in runner)
u, s, e = open(sys.argv[3]).read().split()[-3:]
group = int(sys.argv[4])
command = group / 1e9 if group >= 0 else -(float(u) + float(s) + cpu)
print(f"{rps:.0f} {cpu:.2f} {wall:.1f} {command:.2f} {float(e):.1f}")
PY
)
  if [ "$c" = paced ]; then
    # no stand-in: the send lag p99 (ms) of the merged run stands in its req/s column
    py_rps="$(/usr/bin/python3 -c '
import json, sys
def find(o):
    items = o.values() if isinstance(o, dict) else o if isinstance(o, list) else []
    if isinstance(o, dict) and o.get("key") == "Send Lag P99":
        return o["value"]
    return next((v for v in map(find, items) if v is not None), None)
print(find(json.load(open(sys.argv[1]))))' "$summary" 2>/dev/null || echo nan)"
    py_cpu=0; py_wall=0
  else
    py="$(/usr/bin/python3 "$root/tests/PeerStandIn/stream_client.py" --url "$url" --concurrency "$c" --requests "$requests")"
    read -r py_rps py_cpu py_wall < <(/usr/bin/python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["req_per_s"], d["cpu_s"], d["seconds"])' "$py")
  fi
  rows+=("$(/usr/bin/python3 - "$c" "$chunks" "$pb_rps" "$runner_cpu" "$runner_wall" "$command_cpu" "$command_wall" "$py_rps" "$py_cpu" "$py_wall" <<'PY'
import sys
c, chunks = sys.argv[1], int(sys.argv[2])
pb_rps, rcpu, rwall, ccpu, cwall, py_rps, pcpu, pwall = map(float, sys.argv[3:])
us = lambda cpu: cpu * 1e6 / chunks
command = f"{us(ccpu):.2f}" if ccpu >= 0 else f"~{us(-ccpu):.2f}"
head = f"| {c} | {pb_rps:,.0f} | {us(rcpu):.2f} | {command} | {rwall:.1f} / {cwall:.1f} s |"
if c == "paced":
    print(f"{head} send lag p99 {py_rps:.3f} ms | - | - | - | - |")
else:
    print(f"{head} {py_rps:,.0f} | {us(pcpu):.2f} | {pwall:.1f} s | {pb_rps / py_rps:.1f}x | {us(pcpu) / us(rcpu):.1f}x |")
PY
)")
done

echo
echo "requests: $requests per client and stream count, 64 content chunks each; configuration $configuration; $(date -u +%FT%TZ)"
echo "| streams | PodBench req/s | µs CPU/chunk runner | µs CPU/chunk command | wall runner / command | stand-in req/s | stand-in µs CPU/chunk | stand-in wall | req/s ratio | CPU ratio |"
echo "|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo "logs: $work"
