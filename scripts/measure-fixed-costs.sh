#!/usr/bin/env bash
# Fixed costs of a plan through the real command (docs/performance.md, "Session 10: fixed costs"): builds the plan
# once, then runs `dotnet build <plan> -t:RunBenchmark` (the plan up to date) N times and prints per run: the
# command's wall time, the time from the command's start to the first measured request, each runner process's CPU
# (pods, merge, simulator, list: /usr/bin/time through a PodBenchDotnetHost wrapper), the pods' CPU lines and
# MSBuild's own target timings (-clp:PerformanceSummary).
# Usage: scripts/measure-fixed-costs.sh [plan=examples/MultiPod] [runs=2] [extra msbuild args...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
plan="${1:-examples/MultiPod}"
runs="${2:-2}"
shift $(( $# > 2 ? 2 : $# )) || true
work="$(mktemp -d /tmp/podbench-fixed.XXXXXX)"
host="$work/dotnet-timed.sh"
cat >"$host" <<HOST
#!/usr/bin/env bash
exec /usr/bin/time -a -o "$work/runner-times.log" -f "%U %S %e %C" dotnet "\$@"
HOST
chmod +x "$host"
cd "$root"
dotnet build "$plan" -nologo -v:q "$@" >/dev/null
for i in $(seq 1 "$runs"); do
  : >"$work/runner-times.log"
  log="$work/run-$i.log"
  start_ns="$(date +%s%N)"
  /usr/bin/time -o "$work/command-$i.time" -f "%U %S %e" \
    dotnet build "$plan" -t:RunBenchmark -nologo -clp:PerformanceSummary -p:BenchmarkVerbosity=detailed \
      -p:BenchmarkOutput="$work/out" -p:BenchmarkRun="run$i" -p:PodBenchDotnetHost="$host" "$@" >"$log" 2>&1 || true
  echo "== run $i ($(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)): $(tail -n 30 "$log" | grep -E 'Build succeeded|error' | head -1)"
  python3 - "$start_ns" "$work/command-$i.time" "$work/runner-times.log" "$work/out/run$i" "$log" <<'PY'
import json, os, re, sys
start_ns, cmd_time, runner_times, run_dir, log = sys.argv[1:]
u, s, e = open(cmd_time).read().split()[-3:]
print(f"command: {float(e):.1f} s wall, entry process CPU {float(u)+float(s):.2f} s")
starts = []
pods_dir = os.path.join(run_dir, "pods")
for f in sorted(os.listdir(pods_dir)):
    if re.fullmatch(r"pod-\d+\.json", f):
        m = json.load(open(os.path.join(pods_dir, f)))
        w = m.get("measured_window") or {}
        if w.get("first_send_utc_ns"): starts.append(w["first_send_utc_ns"])
if starts:
    print(f"command start -> first request: {(min(starts) - int(start_ns)) / 1e9:.2f} s")
for line in open(runner_times):
    parts = line.split(None, 3)
    if len(parts) == 4 and re.match(r"^[0-9.]+$", parts[0]):
        verb = next((v for v in ("run --pod 0", "run --pod 1", "run --pod 2", "simulate", "merge", "list") if v in parts[3]), parts[3][-40:])
        print(f"  runner {verb}: CPU {float(parts[0]) + float(parts[1]):.2f} s (user {parts[0]}, sys {parts[1]}), wall {parts[2]} s")
for line in open(log):
    if re.search(r"pod \d: (CPU s|after the load)|merge: |PodBench wall|Target Performance Summary", line):
        print("  " + line.strip()[:230])
take = False
for line in open(log):
    if "Target Performance Summary" in line: take = True; continue
    if take and "Task Performance Summary" in line: break
    if take:
        m = re.match(r"\s*(\d+) ms\s+(\S+)\s+(\d+) calls", line)
        if m and int(m.group(1)) >= 150: print(f"  target {m.group(2)}: {int(m.group(1))/1000:.2f} s")
PY
done
echo "logs in $work"
