# backcare: one back-care tip when an interactive shell opens on a terminal.
# Quiet in scripts, scp, rsync, cron and pipes, and when backcare is not installed; one tip
# per shell however often it is loaded.
set -g __backcare_status $status
COMPLETIONS
function __backcare_startup
    set -l exit_status $__backcare_status
    set -e __backcare_status
    functions --erase __backcare_startup
    if not set -q __backcare_shown; and status is-interactive; and test -t 1; and command -q backcare
        set -g __backcare_shown 1
        command TIP_COMMAND
    end
    return $exit_status
end
__backcare_startup
