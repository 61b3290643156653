#!/bin/sh
# Prints a greeting on stdout and a note on stderr, so both streams show up in the run's log.
echo "Hello from Dockhand, ${GREETED:-world}!"
echo "running as uid $(id -u) in $(pwd), network: $(ls /sys/class/net 2>/dev/null | tr '\n' ' ')"
echo "this line goes to stderr" >&2
exit 0
