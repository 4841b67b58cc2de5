#!/usr/bin/env bash
# Start-up benchmark: the backcare that scripts/install.sh builds, against floors, in one
# hyperfine run with -N (no shell in between), then the start-up lines in real shells.
#
#   hello (dynamic)      a hello world built with backcare's release profile, dynamically linked
#   hello (static-pie)   the same, static-pie, as scripts/install.sh builds backcare
#   hello-state          the static-pie hello world plus reading a 100-byte file and replacing it
#                        atomically: the least a tip that remembers can cost
#   parse-only (clap)    backcare's command line parsed by clap and nothing else
#                        (examples/parse_only.rs), static-pie: what the parser costs
#
# Targets: `tip --seed 1` and the quiet `tip --every 4h` <= 1.15 x hello (static-pie); `tip`
# <= 1.15 x hello-state; peak RSS <= 3 MiB; every backcare figure at least 1.5 x faster than
# fortune-kind (--peers); `remind now` (one desktop reminder, a D-Bus round trip included)
# <= 30 ms. The packaged start-up line (sourcing the snippet file) adds at most
# 0.3 ms to an interactive shell start beyond the tip's own run (here stdout is not a terminal,
# so no tip runs: what is measured is the line alone). With --peers, fortune (Debian's
# fortune-mod), fortune-kind and tealdeer (installed by `cargo install --root` into
# target/bench/peers) join the same run.
#
#   scripts/bench.sh [--peers] [--runs N]
set -euo pipefail
cd "$(dirname "$0")/.."

runs=500 peers=""
while [ $# -gt 0 ]; do
  case "$1" in
    --peers) peers=1 ;;
    --runs) runs="${2:?--runs needs a number}"; shift ;;
    *) echo "usage: scripts/bench.sh [--peers] [--runs N]" >&2; exit 2 ;;
  esac
  shift
done

packages=()
command -v hyperfine >/dev/null 2>&1 || packages+=(hyperfine)
[ -x /usr/bin/time ] || packages+=(time)
if [ -n "$peers" ]; then
  command -v fortune >/dev/null 2>&1 || [ -x /usr/games/fortune ] || packages+=(fortune-mod)
  for shell in zsh fish; do command -v "$shell" >/dev/null 2>&1 || packages+=("$shell"); done
fi
if [ "${#packages[@]}" -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
fi

work="$(pwd)/target/bench"
rm -rf "${work:?}/home" "${work:?}/rc" && mkdir -p "$work/home" "$work/rc"
scripts/install.sh --root "$work/root" --quiet --force >/dev/null
backcare="$work/root/bin/backcare"
# clap parsing backcare's command line and nothing else, linked as install.sh links backcare.
host="$(rustc -vV | sed -n 's/^host: //p')"
RUSTFLAGS="-C target-feature=+crt-static" \
  cargo build --quiet --release --target "$host" --example parse_only
parse_only="$(pwd)/target/$host/release/examples/parse_only"

flags=(-C opt-level=3 -C lto=fat -C codegen-units=1 -C strip=symbols -C panic=abort --edition 2024)
rustc "${flags[@]}" -o "$work/hello-dynamic" scripts/bench/hello.rs
rustc "${flags[@]}" -C target-feature=+crt-static -o "$work/hello-static" scripts/bench/hello.rs
rustc "${flags[@]}" -C target-feature=+crt-static -o "$work/hello-state" scripts/bench/hello_state.rs
head -c 99 /dev/zero | tr '\0' x > "$work/floor-state.txt" && echo >> "$work/floor-state.txt"

# The environment is exported to hyperfine itself, so no command pays for an extra `env` exec.
# The toolchain stays where it is when HOME moves (rustup finds it through these).
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/config" XDG_STATE_HOME="$work/home/state"
unset BACKCARE_TIPS BACKCARE_EVERY BACKCARE_TOPICS BACKCARE_COLOR BACKCARE_REGION NO_COLOR
"$backcare" tip >"$work/tip.txt" # so that `--every 4h` finds a tip shown just now

commands=(
  "hello (dynamic)|$work/hello-dynamic"
  "hello (static-pie)|$work/hello-static"
  "hello-state|$work/hello-state $work/floor-state.txt"
  "parse-only (clap)|$parse_only tip --every 4h"
  "backcare tip --seed 1|$backcare tip --seed 1"
  "backcare tip --every 4h (quiet)|$backcare tip --every 4h"
  "backcare tip|$backcare tip"
)
if [ -n "$peers" ]; then
  peer_root="$work/peers"
  [ -x "$peer_root/bin/fortune-kind" ] ||
    cargo install --quiet --locked --root "$peer_root" fortune-kind --version 0.1.13
  [ -x "$peer_root/bin/tldr" ] ||
    cargo install --quiet --locked --root "$peer_root" tealdeer --version 1.9.0
  # shellcheck disable=SC2016 # a tldr page, backquotes and all
  printf '# tar\n\n> Archiving utility.\n\n- Create an archive:\n\n`tar cf {{target.tar}} {{file1}}`\n' >"$work/page.md"
  fortune_bin="$(command -v fortune || echo /usr/games/fortune)"
  # fortune-kind reads every file in FORTUNE_DIR: give it the one file fortune-mod reads.
  mkdir -p "$work/fortunes" && cp /usr/share/games/fortunes/fortunes "$work/fortunes/"
  export FORTUNE_DIR="$work/fortunes"
  commands+=(
    "fortune-kind 0.1.13|$peer_root/bin/fortune-kind"
    "tealdeer 1.9 (tldr --render)|$peer_root/bin/tldr --render $work/page.md"
    "fortune-mod|$fortune_bin"
  )
fi

arguments=()
for entry in "${commands[@]}"; do arguments+=(-n "${entry%%|*}" "${entry#*|}"); done
# The machine drifts (other load, CPU frequency): five rounds, each command in turn, and the
# median of each command's round medians, so that no command gets all the quiet minutes.
for round in 1 2 3 4 5; do
  # --output=pipe: `tip` records a tip only when stdout is not /dev/null (hyperfine's default).
  hyperfine -N --output=pipe --warmup 20 --runs "$(((runs + 4) / 5))" --style basic \
    --export-json "$work/results-$round.json" "${arguments[@]}" >/dev/null 2>"$work/hyperfine.log" ||
    { cat "$work/hyperfine.log" >&2; exit 1; }
done

# Minor page faults and peak RSS: the median of 21 runs of each command under /usr/bin/time,
# stdout a pipe as above.
for entry in "${commands[@]}"; do
  for _ in $(seq 21); do
    # shellcheck disable=SC2086 # the command line is meant to split
    /usr/bin/time -f '%R %M' ${entry#*|} 2>&1 > >(cat >/dev/null) | tail -n 1
  done | sort -n | sed -n 11p | sed "s/^/${entry%%|*}|/"
done >"$work/faults.txt"

echo "## Start-up, $(nproc) cores, $(uname -sr), $(date -u +%F)"
python3 - "$work/faults.txt" "$work"/results-?.json <<'PY'
import json, statistics, sys
faults = dict(line.rstrip("\n").split("|", 1) for line in open(sys.argv[1]))
rounds = {}
for path in sys.argv[2:]:
    for r in json.load(open(path))["results"]:
        rounds.setdefault(r["command"], []).append(r["median"] * 1e3)
median = {name: statistics.median(values) for name, values in rounds.items()}
dynamic, static = median["hello (dynamic)"], median["hello (static-pie)"]
floor = {"backcare tip": "hello-state"}
print("| command | median | × hello (dynamic) | × hello (static-pie) | × its floor | minor faults | peak RSS |")
print("|---|---|---|---|---|---|---|")
for name, ms in median.items():
    own = floor.get(name, "hello (static-pie)" if name.startswith(("backcare", "parse")) else None)
    ratio = f"{ms / median[own]:.2f} ({own})" if own else ""
    minor, rss = faults.get(name, "- -").split()
    print(f"| {name} | {ms:.2f} ms | {ms / dynamic:.2f} | {ms / static:.2f} | {ratio} | {minor} | {int(rss) / 1024:.1f} MiB |")
PY

# The start-up lines in each shell's rc against the same shell with an empty rc: the line for
# `cargo install` users (`eval "$(backcare init SHELL)"`, one backcare process to print the
# snippet and its completions) and the packaged line (sourcing the installed snippet file, no
# process). Interactive (-i), stdout not a terminal, so no tip is shown.
export PATH="$work/root/bin:$PATH"
mkdir -p "$work/rc/bash" "$work/rc/zsh" "$work/rc/zsh-eval" "$work/rc/zsh-file" "$work/home/config/fish"
for shell in bash zsh fish; do "$backcare" init "$shell" --no-completions >"$work/init.$shell"; done
: >"$work/rc/bash/empty"
# shellcheck disable=SC2016 # the lines are for the shells to expand
{
  printf 'type -P backcare >/dev/null && eval "$(backcare init bash)"\n' >"$work/rc/bash/eval"
  printf '[ -r %s ] && . %s\n' "$work/init.bash" "$work/init.bash" >"$work/rc/bash/file"
  : >"$work/rc/zsh/.zshrc"
  printf 'whence -p backcare >/dev/null && eval "$(backcare init zsh)"\n' >"$work/rc/zsh-eval/.zshrc"
  printf '[ -r %s ] && . %s\n' "$work/init.zsh" "$work/init.zsh" >"$work/rc/zsh-file/.zshrc"
  printf 'command -q backcare; and backcare init fish | source\n' >"$work/rc/eval.fish"
  printf 'test -r %s; and source %s\n' "$work/init.fish" "$work/init.fish" >"$work/rc/file.fish"
}
shells=(
  -n "bash" "bash --rcfile $work/rc/bash/empty -i -c true"
  -n "bash + eval line" "bash --rcfile $work/rc/bash/eval -i -c true"
  -n "bash + packaged line" "bash --rcfile $work/rc/bash/file -i -c true"
)
if command -v zsh >/dev/null 2>&1; then
  shells+=(-n "zsh" "env ZDOTDIR=$work/rc/zsh zsh -i -c true"
    -n "zsh + eval line" "env ZDOTDIR=$work/rc/zsh-eval zsh -i -c true"
    -n "zsh + packaged line" "env ZDOTDIR=$work/rc/zsh-file zsh -i -c true")
fi
if command -v fish >/dev/null 2>&1; then
  shells+=(-n "fish" "fish --no-config -i -c true"
    -n "fish + eval line" "fish --no-config --init-command=source\\ $work/rc/eval.fish -i -c true"
    -n "fish + packaged line" "fish --no-config --init-command=source\\ $work/rc/file.fish -i -c true")
fi
hyperfine -N --output=pipe --warmup 10 --runs "$((runs / 5 > 20 ? runs / 5 : 20))" \
  --style basic --export-json "$work/shells.json" "${shells[@]}" >/dev/null 2>"$work/hyperfine.log" ||
  { cat "$work/hyperfine.log" >&2; exit 1; }
echo
python3 - "$work/shells.json" <<'PY'
import json, sys
median = {r["command"]: r["median"] * 1e3 for r in json.load(open(sys.argv[1]))["results"]}
print("| shell start (interactive, no terminal) | median | the rc line adds |")
print("|---|---|---|")
for name, ms in median.items():
    base = median.get(name.split(" + ")[0])
    added = f"{ms - base:.2f} ms" if " + " in name else ""
    print(f"| {name} | {ms:.2f} ms | {added} |")
PY

# The pain diary: `log` (one entry appended and synced to disk; target <= 2 ms) to a diary of
# its own, and `diary` reading 1,000 entries (target <= 10 ms), stdout a pipe.
mkdir -p "$work/diary-log" "$work/diary-1000/backcare"
python3 - "$work/diary-1000/backcare/diary.tsv" <<'PY'
import datetime, sys
start = datetime.datetime(2026, 1, 1, 8, 0)
with open(sys.argv[1], "w") as out:
    out.write("id\ttime\tkind\tscore\twhere\thelped\tnote\n")
    for n in range(1, 1001):
        at = (start + datetime.timedelta(hours=7 * n)).strftime("%Y-%m-%dT%H:%M:%S+00:00")
        out.write(f"{n}\t{at}\tpain\t{n % 11}\tlower-back,hip\theat pack\tentry {n}, after a day at the desk\n")
PY
XDG_DATA_HOME="$work/diary-log" \
  hyperfine -N --output=pipe --warmup 5 --runs 100 --style basic --export-json "$work/log.json" \
    -n "backcare log 5" "$backcare log 5 --where lower-back --note bench" >/dev/null 2>"$work/hyperfine.log" ||
  { cat "$work/hyperfine.log" >&2; exit 1; }
XDG_DATA_HOME="$work/diary-1000" \
  hyperfine -N --output=pipe --warmup 5 --runs 100 --style basic --export-json "$work/diary.json" \
    -n "backcare diary --all (1,000 entries)" "$backcare diary --all" \
    -n "backcare diary --json --all (1,000 entries)" "$backcare --json diary --all" >/dev/null 2>"$work/hyperfine.log" ||
  { cat "$work/hyperfine.log" >&2; exit 1; }
echo
python3 - "$work/log.json" "$work/diary.json" <<'PY'
import json, sys
print("| diary | median | target |")
print("|---|---|---|")
for path, target in zip(sys.argv[1:], ["2 ms", "10 ms"]):
    for result in json.load(open(path))["results"]:
        print(f"| {result['command']} | {result['median'] * 1e3:.2f} ms | {target} |")
PY

# `remind now`: one reminder sent over a session bus of its own to the tests' stand-in
# notification server (tests/notification-server.py, Debian's python3 with python3-dbus and
# python3-gi), the D-Bus round trip and the write of remind.json included. Skipped, with a
# line saying so, where those are not installed.
if command -v dbus-run-session >/dev/null 2>&1 && /usr/bin/python3 -c 'import dbus, gi' 2>/dev/null; then
  rm -f "$work/notify.log" "$work/notify.ready"
  # shellcheck disable=SC2016 # expanded by the inner shell
  dbus-run-session -- bash -c '
    /usr/bin/python3 tests/notification-server.py "$1/notify.log" "$1/notify.ready" & server=$!
    while [ ! -e "$1/notify.ready" ]; do kill -0 "$server" || exit 3; sleep 0.01; done
    hyperfine -N --output=pipe --warmup 5 --runs "$2" --style basic --export-json "$1/remind.json" \
      -n "backcare remind now --force" "$3 remind now --force" >/dev/null
    status=$?
    kill "$server"
    exit "$status"' bench "$work" "$((runs / 10 > 20 ? runs / 10 : 20))" "$backcare" 2>"$work/hyperfine.log" ||
    { cat "$work/hyperfine.log" >&2; exit 1; }
  echo
  python3 - "$work/remind.json" "$work/notify.log" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))["results"][0]
calls = sum(1 for _ in open(sys.argv[2]))
print("| reminder (session D-Bus, stand-in server) | median | max | Notify calls |")
print("|---|---|---|---|")
print(f"| {result['command']} | {result['median'] * 1e3:.2f} ms | {max(result['times']) * 1e3:.2f} ms | {calls} |")
PY
else
  echo
  echo "(remind now not measured: it needs dbus-run-session, python3-dbus and python3-gi)"
fi
