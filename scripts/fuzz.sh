#!/usr/bin/env bash
# Fuzzes the tips and config file loader for MINUTES minutes (default 10) with cargo-fuzz
# (libFuzzer). Not run in CI. Crashes are written to fuzz/artifacts/load/.
#   Usage: scripts/fuzz.sh [MINUTES]
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-10}"

command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
# cargo-fuzz asks for nightly-only flags; the stable toolchain here accepts them this way.
export RUSTC_BOOTSTRAP=1

# Seed the corpus with real files: the built-in tips and small examples.
mkdir -p fuzz/corpus/load
cp tips.toml fuzz/corpus/load/builtin.toml
printf 'due_date = "2027-03-14"\ntopics = ["sleep"]\nevery = "4h"\ncolor = "auto"\n' > fuzz/corpus/load/config.toml
printf '[[tips]]\nid = "a"\ndisabled = true\n' > fuzz/corpus/load/disabled.toml
# Several files at once (separated by U+0001): layering, overrides, disabling.
printf '[topics.t]\ntitle = "T"\ndescription = "d"\n[[tips]]\nid = "x"\ntopic = "t"\ntext = "A."\n\001[[tips]]\nid = "x"\ndisabled = true\n\001[[tips]]\nid = "x"\ntopic = "t"\ntext = "B."\nsource = "s"\n[sources.s]\npublisher = "P"\n' > fuzz/corpus/load/layers.toml

cargo fuzz run load --sanitizer none fuzz/corpus/load -- \
  -max_total_time=$((minutes * 60)) -max_len=65536 -print_final_stats=1
