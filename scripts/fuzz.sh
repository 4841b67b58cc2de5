#!/usr/bin/env bash
# Fuzzes every file format backcare reads (tips files, config, the hidden list, state) and
# search queries for MINUTES minutes (default 15) with cargo-fuzz (libFuzzer). Not run in CI.
# Crashes are written to fuzz/artifacts/load/.
#   Usage: scripts/fuzz.sh [MINUTES]
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-15}"

command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
# cargo-fuzz asks for nightly-only flags; the stable toolchain here accepts them this way.
export RUSTC_BOOTSTRAP=1

# Seed the corpus with real files: the built-in tips and small examples.
mkdir -p fuzz/corpus/load
cp tips.toml fuzz/corpus/load/builtin.toml
printf 'due_date = "2027-03-14"\ntopics = ["sleep"]\nevery = "4h"\ncolor = "auto"\n' > fuzz/corpus/load/config.toml
printf '[[tips]]\nid = "a"\ndisabled = true\n' > fuzz/corpus/load/disabled.toml
# shellcheck disable=SC2016 # the backticks are the file's own
printf '# Tips hidden with `backcare hide`\nhidden = [\n  "a",\n  "b\\u0007",\n]\nsince = 1\n' > fuzz/corpus/load/hidden.toml
printf '{"last_shown": 1764000000, "round": ["a"], "shown": 3}\n' > fuzz/corpus/load/state.json
printf 'pins and needles after the birth cesarean' > fuzz/corpus/load/query.txt
# Several files at once (separated by U+0001): layering, overrides, disabling.
printf '[topics.t]\ntitle = "T"\ndescription = "d"\n[[tips]]\nid = "x"\ntopic = "t"\ntext = "A."\n\001[[tips]]\nid = "x"\ndisabled = true\n\001[[tips]]\nid = "x"\ntopic = "t"\ntext = "B."\nsource = "s"\n[sources.s]\npublisher = "P"\n' > fuzz/corpus/load/layers.toml

cargo fuzz run load --sanitizer none fuzz/corpus/load -- \
  -max_total_time=$((minutes * 60)) -max_len=65536 -print_final_stats=1
