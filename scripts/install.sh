#!/usr/bin/env bash
# Installs backcare the fast way: on Linux with glibc (x86_64, aarch64) as a static-pie binary,
# which skips the dynamic loader at every start (a third of a hello world's start-up time) and
# keeps address-space randomisation; elsewhere with a plain `cargo install`.
#
#   scripts/install.sh [--root DIR] [other `cargo install` options]
#
# --root works as for `cargo install`: the binary goes to DIR/bin, by default $CARGO_INSTALL_ROOT
# or ~/.cargo. The static build needs only glibc's static library (libc.a), which the Rust
# toolchain's Linux targets already rely on; without it the plain build is used.
set -euo pipefail
cd "$(dirname "$0")/.."

host="$(rustc -vV | sed -n 's/^host: //p')"
static=""
case "$host" in
  x86_64-unknown-linux-gnu | aarch64-unknown-linux-gnu)
    # `cc -print-file-name` prints the bare name back when the library is not there.
    if [ "$(cc -print-file-name=libc.a 2>/dev/null)" != "libc.a" ]; then
      static="$host"
    fi
    ;;
esac

if [ -z "$static" ]; then
  echo "scripts/install.sh: a plain build for $host" >&2
  exec cargo install --path . --locked "$@"
fi

# The flag goes to the target only: with an explicit --target, build scripts and proc-macros
# (which must stay dynamic, as the compiler loads them) are built without it.
variable="CARGO_TARGET_$(echo "$static" | tr 'a-z-' 'A-Z_')_RUSTFLAGS"
# getrandom finds the getrandom() call through dlsym, which a static binary lacks, and would
# fall back to opening /dev/urandom at every start: name the system call outright.
export "$variable"="${!variable:-} -C target-feature=+crt-static --cfg getrandom_backend=\"linux_getrandom\""
echo "scripts/install.sh: a static-pie build for $static" >&2
exec cargo install --path . --locked --target "$static" "$@"
