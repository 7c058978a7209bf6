#!/bin/sh
# Runs one test inside a private D-Bus session with a fresh gnome-keyring, so
# keychain tests talk to a real Secret Service and never to the user's own.
set -eu
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tollgate-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache"
export XDG_RUNTIME_DIR="$scratch/runtime" HOME="$scratch/home"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR" "$HOME"
chmod 700 "$XDG_RUNTIME_DIR"

case "$(basename "$1")" in
*_nokeyring)
    unset DBUS_SESSION_BUS_ADDRESS
    exec "$@"
    ;;
esac

exec dbus-run-session -- sh -c '
    printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
    exec "$@"
' run-test "$@" </dev/null
