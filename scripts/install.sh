#!/usr/bin/env bash
# Installs backcare the fast way: on Linux with glibc (x86_64, aarch64) as a static-pie binary,
# which skips the dynamic loader at every start and keeps address-space randomisation;
# elsewhere with a plain `cargo install`.
#
#   scripts/install.sh [--root DIR] [other `cargo install` options]
#
# --root works as for `cargo install` (relative to where you run the script): the binary goes
# to DIR/bin, by default $CARGO_INSTALL_ROOT or ~/.cargo. The static build needs glibc's static
# library, libc.a (Debian: libc6-dev, which Rust's linker setup usually brings; Fedora:
# glibc-static); without it, or without a C compiler to ask, the plain build is used.
set -euo pipefail
repository="$(cd "$(dirname "$0")/.." && pwd)"

host="$(rustc -vV | sed -n 's/^host: //p')"
static=""
case "$host" in
  x86_64-unknown-linux-gnu | aarch64-unknown-linux-gnu)
    if command -v cc >/dev/null 2>&1; then
      # `cc -print-file-name` prints the bare name back when the library is not there.
      library="$(cc -print-file-name=libc.a 2>/dev/null || true)"
      [ -f "$library" ] && static="$host"
    fi
    ;;
esac

if [ -z "$static" ]; then
  echo "scripts/install.sh: a plain build for $host" >&2
  exec cargo install --path "$repository" --locked "$@"
fi

# With an explicit --target, RUSTFLAGS reach the target only: build scripts and proc-macros
# (which must stay dynamic, as the compiler loads them) are built without them. RUSTFLAGS
# rather than the per-target variable, because cargo ignores that one when RUSTFLAGS is set.
# getrandom looks its system call up with dlsym, which a static binary lacks, and would fall
# back to opening /dev/urandom at every start: the cfg names the system call outright.
flags=(-C target-feature=+crt-static --cfg 'getrandom_backend="linux_getrandom"')
if [ -n "${CARGO_ENCODED_RUSTFLAGS+set}" ]; then
  # Takes precedence over RUSTFLAGS; its flags are separated by 0x1f.
  for flag in "${flags[@]}"; do
    CARGO_ENCODED_RUSTFLAGS="${CARGO_ENCODED_RUSTFLAGS:+$CARGO_ENCODED_RUSTFLAGS$'\x1f'}$flag"
  done
  export CARGO_ENCODED_RUSTFLAGS
else
  export RUSTFLAGS="${RUSTFLAGS:-} ${flags[*]}"
fi
echo "scripts/install.sh: a static-pie build for $static" >&2
exec cargo install --path "$repository" --locked --target "$static" "$@"
