#!/bin/sh
# A stand-in for ssh in the tests of `--ssh` (MTGA_SSH): takes ssh's options and the host as ssh
# does, then runs the remote command here, through a shell, as sshd would on the remote host.
# STANDIN_SSH_LOG, when set, gets the arguments it was called with, one per line.
if [ -n "$STANDIN_SSH_LOG" ]; then
    printf '%s\n' "$@" > "$STANDIN_SSH_LOG"
fi
while [ $# -gt 0 ]; do
    case "$1" in
        -o|-p|-i|-l|-F|-J) shift 2 ;;
        -*) shift ;;
        *) break ;;
    esac
done
if [ $# -lt 2 ]; then
    echo "standin-ssh: no host or no command" >&2
    exit 255
fi
shift  # the host
exec sh -c "$*"
