#!/usr/bin/env bash
# Builds backcare's two release artifacts into target/package/, each with a `.sha256` file
# beside it (check one with `sha256sum -c FILE.sha256` in that folder):
#
#   backcare_VERSION-1_ARCH.deb        a Debian package, made by cargo-deb from Cargo.toml's
#                                      [package.metadata.deb] (what goes where: docs/packaging.md)
#   backcare-VERSION-TARGET.tar.gz     a release archive laid out as ripgrep's and fd's: one
#                                      folder with the binary, doc/backcare.1, complete/ (bash,
#                                      zsh, fish), init/ (the start-up snippets), README.md,
#                                      CHANGELOG.md and both licences
#
#   scripts/package.sh
#
# The binary is built as scripts/install.sh builds it: static-pie on Linux with glibc (x86_64,
# aarch64) when glibc's static library is there, so it needs no shared library and runs on
# any Linux of its architecture; a plain release build otherwise. The man page, the completion
# scripts and the start-up snippets are generated from that binary, into target/package/generated/
# (the paths Cargo.toml's assets name). Needs GNU tar and, for the package, cargo-deb, which is
# installed with `cargo install --locked cargo-deb` when `cargo deb` is missing. The build honours
# CARGO_TARGET_DIR; the artifacts always go to target/package/ of this repository.
set -euo pipefail
umask 022
repository="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repository"

out=target/package
generated="$out/generated"
host="$(rustc -vV | sed -n 's/^host: //p')"

# --- The binary, as scripts/install.sh builds it -----------------------------------------------
# shellcheck source=scripts/lib/static-pie.sh
. "$repository/scripts/lib/static-pie.sh"
static=""
if static_pie "$host"; then
  static=1
  echo "scripts/package.sh: a static-pie build for $host" >&2
else
  echo "scripts/package.sh: a plain build for $host" >&2
fi
# Always with --target, so the binary's path is the same either way, and cargo-deb's.
cargo build --release --locked --target "$host"
target_dir="$(cargo metadata --format-version 1 --no-deps |
  sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
binary="$target_dir/$host/release/backcare"
version="$("$binary" --version | sed -n 's/^backcare //p')"
[ -n "$version" ] || { echo "scripts/package.sh: no version from $binary --version" >&2; exit 1; }
name="backcare-$version-$host"

# The date the files carry (the last commit's, or SOURCE_DATE_EPOCH), so that the same commit
# gives the same archive.
epoch="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"

rm -rf "${generated:?}" "${out:?}/${name:?}"
rm -f "$out"/backcare_*.deb "$out"/backcare_*.deb.sha256 "$out"/backcare-*.tar.gz "$out"/backcare-*.tar.gz.sha256
mkdir -p "$generated"

# --- Generated from the binary -----------------------------------------------------------------
"$binary" man >"$generated/backcare.1"
# bash-completion sources /usr/share/bash-completion/completions/backcare the first time
# `backcare` is completed; the script defines its function and calls `complete`: works as it is.
"$binary" completions bash >"$generated/backcare.bash"
# compinit autoloads the file as the function _backcare (its `#compdef backcare` first line
# binds it to backcare). clap_complete's script ends with `compdef`, which only registers the
# completer it defines, so the first Tab from the file would complete nothing. As zsh's own
# functions do, the script completes when it runs as _backcare and registers itself when
# sourced.
zsh_script="$("$binary" completions zsh)"
register='compdef _clap_dynamic_completer_backcare backcare'
case "$zsh_script" in
  "#compdef backcare"*"$register") ;;
  *)
    echo "scripts/package.sh: the zsh script no longer starts with #compdef backcare and ends with $register" >&2
    exit 1
    ;;
esac
{
  printf '%s' "${zsh_script%"$register"}"
  # shellcheck disable=SC2016 # zsh code, written as it is
  printf '%s\n' \
    'if [[ "${funcstack[1]-}" == _backcare ]]; then' \
    '    _clap_dynamic_completer_backcare "$@"' \
    'else' \
    "    $register" \
    'fi'
} >"$generated/_backcare"
# fish sources vendor_completions.d/backcare.fish the first time `backcare` is completed.
"$binary" completions fish >"$generated/backcare.fish"
# The start-up snippets without completions (those come from the directories above): sourcing
# one runs one backcare process, the tip.
for shell in bash zsh fish; do
  "$binary" init "$shell" --no-completions >"$generated/init.$shell"
done

# --- Debian's copyright and changelog files ----------------------------------------------------
maintainer="$(sed -n 's/^maintainer = "\(.*\)"$/\1/p' Cargo.toml)"
[ -n "$maintainer" ] || { echo "scripts/package.sh: no maintainer in Cargo.toml" >&2; exit 1; }
# Machine-readable (DEP 5). The MIT licence in full, from LICENSE-MIT; Debian wants the Apache
# licence's notice and a pointer to its copy in /usr/share/common-licenses, not the full text.
{
  echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
  echo "Upstream-Name: backcare"
  echo "Upstream-Contact: $maintainer"
  echo
  echo "Files: *"
  echo "Copyright: $(sed -n 's/^Copyright (c) //p' LICENSE-MIT | head -n 1)"
  echo "License: MIT or Apache-2.0"
  echo
  echo "License: MIT"
  # The text after the copyright line, one space in, blank lines as " .".
  awk 'body && (NF || started) { started = 1; print (NF ? " " $0 : " .") } /^Copyright/ { body = 1 }' LICENSE-MIT
  echo
  echo "License: Apache-2.0"
  cat <<'EOF'
 Licensed under the Apache License, Version 2.0 (the "License"); you may not
 use this file except in compliance with the License. You may obtain a copy of
 the License at
 .
 https://www.apache.org/licenses/LICENSE-2.0
 .
 Unless required by applicable law or agreed to in writing, software
 distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
 WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
 License for the specific language governing permissions and limitations under
 the License.
 .
 On Debian systems, the complete text of the Apache License, Version 2.0 can be
 found in "/usr/share/common-licenses/Apache-2.0".
EOF
} >"$generated/copyright"
# changelog.Debian for the package's revision; the upstream changes are CHANGELOG.md, which the
# package installs as changelog.gz.
cat >"$generated/changelog.Debian" <<EOF
backcare ($version-1) unstable; urgency=medium

  * Package of backcare $version, built by scripts/package.sh. The changes are
    in /usr/share/doc/backcare/changelog.gz.

 -- $maintainer  $(LC_ALL=C date -u -R -d "@$epoch")
EOF

# Lintian's overrides, each with its reason (docs/packaging.md has them too).
{
  echo "# Not in Debian's archive, so there is no bug asking for the package to close."
  echo "backcare: initial-upload-closes-no-bugs"
  if [ -n "$static" ]; then
    echo "# A static-pie binary: position-independent, so lintian takes it for a shared library, and"
    echo "# linked with no shared library at all, which is the point of it."
    echo "backcare: shared-library-lacks-prerequisites [usr/bin/backcare]"
  fi
} >"$generated/lintian-overrides"

# --- The Debian package ------------------------------------------------------------------------
if ! cargo deb --version >/dev/null 2>&1; then
  echo "scripts/package.sh: installing cargo-deb" >&2
  cargo install --locked cargo-deb
fi
# --strip: cargo-deb's strip also drops the .comment section, which the release profile's strip
# leaves in.
# Without a shared library, cargo-deb warns that it found no dependencies for $auto.
SOURCE_DATE_EPOCH="$epoch" cargo deb --no-build --strip --target "$host" --output "$out/" >/dev/null
deb="$(cd "$out" && ls backcare_"$version"-*.deb)"
# Two things cargo-deb leaves out that Debian's own tools write: a static binary's package got
# an empty `Depends:` field (lintian: empty-field), and there is no DEBIAN/md5sums, which
# `dpkg --verify` checks the installed files against. Unpacked, mended and packed again.
repack="$(mktemp -d)"
trap 'rm -rf "$repack"' EXIT
dpkg-deb -R "$out/$deb" "$repack/root"
sed -i '/^Depends: *$/d' "$repack/root/DEBIAN/control"
(cd "$repack/root" && find usr -type f -print0 | LC_ALL=C sort -z | xargs -0 md5sum >DEBIAN/md5sums)
chmod 644 "$repack/root/DEBIAN/md5sums"
SOURCE_DATE_EPOCH="$epoch" dpkg-deb --root-owner-group -Zxz -b "$repack/root" "$out/$deb" >/dev/null

# --- The release archive -----------------------------------------------------------------------
stage="$out/$name"
mkdir -p "$stage/doc" "$stage/complete" "$stage/init"
# The package's binary, stripped by cargo-deb.
dpkg-deb --fsys-tarfile "$out/$deb" | tar -xOf - ./usr/bin/backcare >"$stage/backcare"
chmod 755 "$stage/backcare"
install -m 644 "$generated/backcare.1" "$stage/doc/"
install -m 644 "$generated/backcare.bash" "$generated/_backcare" "$generated/backcare.fish" "$stage/complete/"
install -m 644 "$generated/init.bash" "$generated/init.zsh" "$generated/init.fish" "$stage/init/"
install -m 644 README.md CHANGELOG.md LICENSE-MIT LICENSE-APACHE "$stage/"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$out" -cf - "$name" |
  gzip -9n >"$out/$name.tar.gz"
rm -rf "$stage"

# --- Checksums ---------------------------------------------------------------------------------
(
  cd "$out"
  for artifact in "$deb" "$name.tar.gz"; do
    sha256sum "$artifact" >"$artifact.sha256"
    echo "$out/$artifact"
  done
)
