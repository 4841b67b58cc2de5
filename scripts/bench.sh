#!/usr/bin/env bash
# Start-up benchmark: backcare against two floors, with hyperfine -N (no shell in between).
#   hello        a hello-world Rust binary built with backcare's release profile
#   hello-state  the same, plus reading a small state file and atomically replacing it
#   parse-only   backcare's command line parsed by clap and nothing else (examples/parse_only.rs)
# Targets: `tip --seed 1` and the quiet `--every` path <= 1.10 x hello; `tip` <= 1.10 x
# hello-state; peak RSS <= 4 MiB. Usage: scripts/bench.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-500}"

if ! command -v hyperfine >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq hyperfine >/dev/null
fi

cargo build --release --quiet --bin backcare --example parse_only
work="$(pwd)/target/bench"
rm -rf "$work" && mkdir -p "$work/home"
flags=(-C opt-level=3 -C lto=fat -C codegen-units=1 -C strip=symbols -C panic=abort --edition 2024)
rustc "${flags[@]}" -o "$work/hello" scripts/bench/hello.rs
rustc "${flags[@]}" -o "$work/hello-state" scripts/bench/hello_state.rs
echo '{"last_shown": 0, "round": [], "shown": 0}' > "$work/floor-state.json"

# The environment is exported to hyperfine itself, so no command pays for an extra `env` exec.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/config" XDG_STATE_HOME="$work/home/state"
unset BACKCARE_TIPS BACKCARE_EVERY BACKCARE_TOPICS BACKCARE_COLOR NO_COLOR
backcare="$(pwd)/target/release/backcare"
"$backcare" tip >/dev/null # so that `--every 4h` finds a tip shown just now

commands=(
  -n hello "$work/hello"
  -n hello-state "$work/hello-state $work/floor-state.json"
  -n "parse-only (clap)" "$(pwd)/target/release/examples/parse_only tip --every 4h"
  -n "tip --seed 1" "$backcare tip --seed 1"
  -n "tip --every 4h (quiet)" "$backcare tip --every 4h"
  -n tip "$backcare tip"
)
fortune_bin="$(command -v fortune || true)"
[ -z "$fortune_bin" ] && [ -x /usr/games/fortune ] && fortune_bin=/usr/games/fortune
[ -n "$fortune_bin" ] && commands+=(-n fortune "$fortune_bin")

hyperfine -N --warmup 50 --runs "$runs" --style basic --export-json "$work/results.json" "${commands[@]}" >/dev/null

python3 - "$work/results.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
median = {name: r["median"] * 1e6 for name, r in results.items()}
floors = {"tip --seed 1": "hello", "tip --every 4h (quiet)": "hello", "tip": "hello-state",
          "parse-only (clap)": "hello"}
print(f"{'command':<26}{'median':>10}   ratio")
for name, value in median.items():
    floor = floors.get(name)
    ratio = f"{value / median[floor]:.2f} x {floor}" if floor else ""
    print(f"{name:<26}{value:>8.0f} µs   {ratio}")
PY

echo
echo "peak RSS (KiB, /usr/bin/time -f %M):"
if [ -x /usr/bin/time ]; then
  for args in "tip --seed 1" "tip --every 4h" "tip" "list" "search back pain"; do
    # shellcheck disable=SC2086 # the arguments are meant to split
    printf '  %-18s %s\n' "$args" "$(/usr/bin/time -f %M "$backcare" $args 2>&1 >/dev/null | tail -n 1)"
  done
  printf '  %-18s %s\n' "hello" "$(/usr/bin/time -f %M "$work/hello" 2>&1 >/dev/null | tail -n 1)"
else
  echo "  /usr/bin/time is not installed (Debian package: time)"
fi
