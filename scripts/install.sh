#!/usr/bin/env bash
# Installs backcare for one user, without root: the binary, the manual page, the completions
# and the start-up snippets, under one directory; `--uninstall` removes exactly those.
#
#   scripts/install.sh [--root DIR] [--uninstall] [other `cargo install` options]
#
# DIR defaults to $CARGO_HOME, else ~/.cargo (relative to where you run the script). It gets
#   DIR/bin/backcare
#   DIR/share/man/man1/backcare.1
#   DIR/share/bash-completion/completions/backcare
#   DIR/share/zsh/site-functions/_backcare
#   DIR/share/fish/vendor_completions.d/backcare.fish
#   DIR/share/backcare/init.bash, init.zsh, init.fish  (the start-up snippets)
#
# On Linux with glibc (x86_64, aarch64) the binary is static-pie (see scripts/lib/static-pie.sh);
# without glibc's static library, or elsewhere, it is a plain `cargo install`.
set -euo pipefail
repository="$(cd "$(dirname "$0")/.." && pwd)"

root="${CARGO_HOME:-$HOME/.cargo}"
uninstall=""
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root="${2:?--root needs a directory}"; shift ;;
    --root=*) root="${1#--root=}" ;;
    --uninstall) uninstall=1 ;;
    *) pass+=("$1") ;;
  esac
  shift
done
mkdir -p "$root"
root="$(cd "$root" && pwd)"

files=(
  bin/backcare
  share/man/man1/backcare.1
  share/bash-completion/completions/backcare
  share/zsh/site-functions/_backcare
  share/fish/vendor_completions.d/backcare.fish
  share/backcare/init.bash
  share/backcare/init.zsh
  share/backcare/init.fish
)

if [ -n "$uninstall" ]; then
  for file in "${files[@]}"; do
    if [ -e "$root/$file" ]; then
      rm -f "$root/$file"
      echo "removed $root/$file"
    fi
  done
  rmdir "$root/share/backcare" 2>/dev/null || true
  # cargo's own record of the install, if it made one.
  cargo uninstall --root "$root" backcare >/dev/null 2>&1 || true
  echo "Your config, tips files and hidden tips are kept: ~/.config/backcare, ~/.local/share/backcare."
  exit 0
fi

host="$(rustc -vV | sed -n 's/^host: //p')"
# shellcheck source=scripts/lib/static-pie.sh
. "$repository/scripts/lib/static-pie.sh"
if static_pie "$host"; then
  echo "scripts/install.sh: a static-pie build for $host" >&2
  cargo install --path "$repository" --locked --target "$host" --root "$root" "${pass[@]}"
else
  echo "scripts/install.sh: a plain build for $host" >&2
  cargo install --path "$repository" --locked --root "$root" "${pass[@]}"
fi

backcare="$root/bin/backcare"
for dir in share/man/man1 share/bash-completion/completions share/zsh/site-functions \
  share/fish/vendor_completions.d share/backcare; do
  mkdir -p "$root/$dir"
done
"$backcare" man >"$root/share/man/man1/backcare.1"
"$backcare" completions bash >"$root/share/bash-completion/completions/backcare"
"$backcare" completions zsh >"$root/share/zsh/site-functions/_backcare"
"$backcare" completions fish >"$root/share/fish/vendor_completions.d/backcare.fish"
for shell in bash zsh fish; do
  "$backcare" init "$shell" --no-completions >"$root/share/backcare/init.$shell"
done

echo "installed:"
for file in "${files[@]}"; do echo "  $root/$file"; done
cat <<EOF

Add the one line for your shell (it shows a tip when a terminal opens; completions come from
the files above, or from the line itself for bash and fish):
  ~/.bashrc:                   type -P backcare >/dev/null && eval "\$(backcare init bash)"
  ~/.zshrc:                    whence -p backcare >/dev/null && eval "\$(backcare init zsh)"
  ~/.config/fish/config.fish:  command -q backcare; and backcare init fish | source
or, to start only the tip: [ -r $root/share/backcare/init.bash ] && . $root/share/backcare/init.bash
$root/bin must be on your PATH. To remove it all: scripts/install.sh --root $root --uninstall
EOF
