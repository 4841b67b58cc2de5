# shellcheck shell=bash
# Sourced by scripts/install.sh and scripts/package.sh, which build the binary the same way.
#
# On Linux with glibc (x86_64, aarch64) and glibc's static library (libc.a: Debian libc6-dev,
# Fedora glibc-static), `static_pie HOST` exports the flags of a static-pie build and returns
# 0; elsewhere it returns 1 and sets nothing. A static-pie binary skips the dynamic loader at
# every start and keeps address-space randomisation.
static_pie() {
  case "$1" in
    x86_64-unknown-linux-gnu | aarch64-unknown-linux-gnu) ;;
    *) return 1 ;;
  esac
  command -v cc >/dev/null 2>&1 || return 1
  # `cc -print-file-name` prints the bare name back when the library is not there.
  local library
  library="$(cc -print-file-name=libc.a 2>/dev/null || true)"
  [ -f "$library" ] || return 1
  # With an explicit --target, RUSTFLAGS reach the target only: build scripts and proc-macros
  # (which must stay dynamic, as the compiler loads them) are built without them. getrandom
  # looks its system call up with dlsym, which a static binary lacks, and would fall back to
  # opening /dev/urandom at every start: the cfg names the system call outright.
  local flags=(-C target-feature=+crt-static --cfg 'getrandom_backend="linux_getrandom"')
  if [ -n "${CARGO_ENCODED_RUSTFLAGS+set}" ]; then
    # Takes precedence over RUSTFLAGS; its flags are separated by 0x1f.
    local flag
    for flag in "${flags[@]}"; do
      CARGO_ENCODED_RUSTFLAGS="${CARGO_ENCODED_RUSTFLAGS:+$CARGO_ENCODED_RUSTFLAGS$'\x1f'}$flag"
    done
    export CARGO_ENCODED_RUSTFLAGS
  else
    export RUSTFLAGS="${RUSTFLAGS:-} ${flags[*]}"
  fi
}
