# Sourced by scripts/measure-speed.sh and scripts/measure-paced.sh: starts tests/LoadServer (Node) in its own process
# with the given arguments, sets server_pid and url, and stops it when the script exits. Needs $root and $work.
server_pid=""
stop_load_server() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi; }
trap stop_load_server EXIT

start_load_server() {
  node "$root/tests/LoadServer/server.js" "$@" >"$work/server.out" 2>"$work/server.err" &
  server_pid=$!
  url=""
  for _ in $(seq 1 100); do
    url="$(sed -n 's/^LISTENING //p' "$work/server.out")"
    [ -n "$url" ] && return 0
    sleep 0.1
  done
  echo "the load server did not start: $(cat "$work/server.err")"
  exit 1
}
