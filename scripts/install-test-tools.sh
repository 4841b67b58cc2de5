#!/usr/bin/env bash
# Installs the Debian packages the tests use when they are missing: the shells the init
# snippets are tested in, `script` (a pty), shellcheck, man, Chromium (the HTML handout and the
# appointment summary are rendered and printed to PDF in it) and poppler-utils (pdfinfo and
# pdftotext read the PDF back), strace (a delayed writer for the hidden-list tests), g++ for the fuzz target's libFuzzer, which CI compiles, and for
# the reminders (tests/remind.rs): systemd-analyze, dbus-run-session, and Debian's python3 with
# python3-dbus and python3-gi (the stand-in notification server) and python3-croniter (a cron
# parser for the crontab lines). Safe to run again.
set -euo pipefail

missing=()
for pair in bash:bash strace:strace zsh:zsh fish:fish script:bsdutils shellcheck:shellcheck man:man-db chromium:chromium pdfinfo:poppler-utils pdftotext:poppler-utils g++:g++ \
  systemd-analyze:systemd dbus-run-session:dbus /usr/bin/python3:python3; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
for pair in dbus:python3-dbus gi:python3-gi croniter:python3-croniter; do
  /usr/bin/python3 -c "import ${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
# For the package test (tests/package.rs): lintian, and bash-completion for the lazy loading of
# completions (a file, not a command).
command -v lintian >/dev/null 2>&1 || missing+=(lintian)
[ -f /usr/share/bash-completion/bash_completion ] || missing+=(bash-completion)
[ "${#missing[@]}" -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
