# backcare: one back-care tip when an interactive shell opens on a terminal.
# Quiet in scripts, scp, rsync, cron and pipes, and when backcare is not installed; one tip
# per shell however often it is loaded.
__backcare_status=$?
COMPLETIONS
__backcare_startup() {
  local status=$__backcare_status
  unset __backcare_status
  unset -f __backcare_startup
  if [[ -z ${__backcare_shown-} && $- == *i* && -t 1 ]] && type -P backcare >/dev/null 2>&1; then
    __backcare_shown=1
    command TIP_COMMAND || :
  fi
  return "$status"
}
__backcare_startup && :
