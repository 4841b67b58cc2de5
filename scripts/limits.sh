#!/usr/bin/env bash
# Measures time and peak memory (`/usr/bin/time`) of the release build on large and hostile
# tips files, all within the limits backcare sets (4 MiB a file). Prints a Markdown table.
# Not run in CI: timings belong to a benchmark, not a test.
#   Usage: scripts/limits.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package: time)" >&2; exit 2; }
cargo build --release --quiet
bin="$PWD/target/release/backcare"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/config" XDG_STATE_HOME="$work/home/state"

# Realistic files of N tips: `tips N FILE`.
tips() {
  awk -v n="$1" 'BEGIN {
    print "[topics.t]\ntitle = \"T\"\ndescription = \"d\"";
    for (i = 0; i < n; i++)
      printf "[[tips]]\nid = \"tip-%d\"\ntopic = \"t\"\ntext = \"Stand tall and keep your weight even on both legs, %d.\"\ntags = [\"standing\"]\n", i, i
  }' > "$2"
}
# Repeats a string to fill about 4 MiB: `fill PREFIX UNIT SUFFIX FILE`.
fill() {
  awk -v p="$1" -v u="$2" -v s="$3" 'BEGIN {
    n = int((4194304 - 200) / length(u)); printf "%s", p;
    for (i = 0; i < n; i++) printf "%s", u; printf "%s", s }' > "$4"
}
tips 20000 "$work/tips-20000.toml"
tips 33000 "$work/tips-33000.toml"
awk 'BEGIN { print "[topics.t]\ntitle = \"T\"\ndescription = \"d\"";
  for (i = 0; i < 55000; i++) printf "[[tips]]\nid=\"a%d\"\ntopic=\"t\"\ntext=\"x\"\n", i }' > "$work/tiny-tips.toml"
fill 'a = [' '1,' '1]\n' "$work/array.toml"
fill '' '[[tips]]\n' '' "$work/empty-tables.toml"
awk 'BEGIN { printf "a = ["; for (i = 0; i < 199000; i++) printf "1,"; print "1]\n[[tips]]\nid=\"x\"\ntopic=\"posture\"\ntext=\"y\"" }' > "$work/dense.toml"
awk 'BEGIN { for (i = 0; i < 7500; i++) printf "[[tips]]\nid = \"u%d\"\ntopic = \"nope\"\ntext = \"x\"\n", i }' > "$work/undeclared-topic.toml"
awk 'BEGIN { for (i = 0; i < 9000; i++) printf "[[tips]]\nid = \"x%d\"\ndisabled = true\n", i }' > "$work/disable-a.toml"
cp "$work/disable-a.toml" "$work/disable-b.toml"
awk 'BEGIN { for (i = 0; i < 12000; i++) print "[[tips]]\nid = \"d\"\ntopic = \"posture\"\ntext = \"x\"" }' > "$work/duplicate-ids.toml"

echo "| input | size | command | time | peak memory |"
echo "|---|---|---|---|---|"
measure() { # NAME FILES... -- ARGS...
  local name="$1"; shift
  local args=() size=0
  while [ "$1" != "--" ]; do args+=(--file "$1"); size=$((size + $(stat -c %s "$1"))); shift; done
  shift
  local out
  out=$( /usr/bin/time -f "%e %M" "$bin" "${args[@]}" "$@" 2>&1 >/dev/null | tail -n 1 || true)
  # shellcheck disable=SC2016 # the backticks are Markdown
  printf '| %s | %s KiB | `%s` | %s s | %s MiB |\n' "$name" "$((size / 1024))" "$*" \
    "$(echo "$out" | cut -d' ' -f1)" "$(( $(echo "$out" | cut -d' ' -f2) / 1024 ))"
}
for command in check list "search stand" tip; do
  # shellcheck disable=SC2086
  measure "20,000 tips" "$work/tips-20000.toml" -- $command
done
for command in check list tip; do
  # shellcheck disable=SC2086
  measure "33,000 tips" "$work/tips-33000.toml" -- $command
done
measure "55,000 tiny tips" "$work/tiny-tips.toml" -- list
measure "one array of 2 million values" "$work/array.toml" -- check
measure "466,000 empty [[tips]]" "$work/empty-tables.toml" -- check
measure "199,000 values, just within the bound" "$work/dense.toml" -- check
measure "7,500 tips, undeclared topic" "$work/undeclared-topic.toml" -- check
measure "two files disabling 9,000 ids" "$work/disable-a.toml" "$work/disable-b.toml" -- tip
measure "12,000 duplicate ids" "$work/duplicate-ids.toml" -- check

# The hostile files of the third hardening pass. Dotted keys make a table per part:
awk 'BEGIN { for (i = 0; i < 58000; i++) { printf "k%d", i; for (j = 0; j < 30; j++) printf ".a"; print " = 1" } }' \
  > "$work/dotted.toml"
measure "58,000 lines of 30-part dotted keys" "$work/dotted.toml" -- tip
awk 'BEGIN { print "[topics.t]\ntitle = \"T\"\n[[tips]]\nid = \"x\"\ntopic = \"t\"\ntext = \"A tip.\"";
  for (i = 0; i < 30000; i++) printf "[[routines]]\nid = \"r%d\"\nname = \"R\"\ndescription = \"D.\"\nexercises = [\"pelvic-floor-quick\"]\n", i }' \
  > "$work/routines.toml"
measure "30,000 routines" "$work/routines.toml" -- tip
# Realistic tips, 4 MiB, where a shell start finds them (tips.d), read by `tip --startup`.
mkdir -p "$XDG_CONFIG_HOME/backcare/tips.d"
awk 'BEGIN { print "[topics.t]\ntitle = \"Mine\"\ndescription = \"My tips.\"";
  for (i = 0; i < 16300; i++) printf "[[tips]]\nid = \"mine-%d\"\ntopic = \"t\"\ntext = \"Sit with your bottom right at the back of the chair and a small cushion behind your lower back, %d.\"\ntags = [\"sitting\", \"chair\", \"cushion\"]\nsource = { publisher = \"My physio\", url = \"https://example.org/p\" }\n", i, i }' \
  > "$XDG_CONFIG_HOME/backcare/tips.d/mine.toml"
home_measure() { # NAME FILE -- ARGS...
  local name="$1" file="$2"; shift 3
  local out
  out=$( /usr/bin/time -f "%e %M" "$bin" "$@" 2>&1 >/dev/null | tail -n 1 || true)
  local shown="$*"
  [ "${#shown}" -le 40 ] || shown="${shown:0:30}…"
  # shellcheck disable=SC2016 # the backticks are Markdown
  printf '| %s | %s KiB | `%s` | %s s | %s MiB |\n' "$name" "$(($(stat -c %s "$file") / 1024))" "$shown" \
    "$(echo "$out" | cut -d' ' -f1)" "$(( $(echo "$out" | cut -d' ' -f2) / 1024 ))"
}
home_measure "4 MiB of realistic tips in tips.d" "$XDG_CONFIG_HOME/backcare/tips.d/mine.toml" -- tip --startup
mv "$XDG_CONFIG_HOME/backcare/tips.d/mine.toml" "$work/mine.toml"
awk 'BEGIN { for (i = 0; i < 80000; i++) printf "unknown_key_%d = 1\n", i }' > "$XDG_CONFIG_HOME/backcare/config.toml"
home_measure "config.toml with 80,000 unknown keys" "$XDG_CONFIG_HOME/backcare/config.toml" -- tip
home_measure "config.toml with 80,000 unknown keys" "$XDG_CONFIG_HOME/backcare/config.toml" -- init bash
rm "$XDG_CONFIG_HOME/backcare/config.toml"
mkdir -p "$HOME/.local/share/backcare"
cp "$work/dotted.toml" "$HOME/.local/share/backcare/hidden.toml"
home_measure "hidden.toml of dotted keys" "$HOME/.local/share/backcare/hidden.toml" -- tip
rm "$HOME/.local/share/backcare/hidden.toml"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "w%d ", i % 50000 }' > "$work/words.txt"
# shellcheck disable=SC2046 # one argument per word, as a pasted essay would give
home_measure "a query of 100,000 words" "$work/words.txt" -- search $(cat "$work/words.txt")
