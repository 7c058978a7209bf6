#!/bin/sh
# Tollgate's one entry point on a fresh Debian 12 machine:
#   installer/setup.sh run    install what is missing, build, start Tollgate
#   installer/setup.sh test   install what is missing, build, run every test
#   installer/setup.sh deps   only install what is missing
#   installer/setup.sh build  install and build
# Runs as root, or as a user with sudo.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
build="${TOLLGATE_BUILD_DIR:-$here/build}"
action="${1:-run}"
[ $# -gt 0 ] && shift

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

# libsecret-1-0: QtKeychain dlopens it to reach the Secret Service; the Debian
# package does not depend on it, and without it no key can be stored.
packages="build-essential cmake ninja-build pkg-config ccache
qt6-base-dev qt6-httpserver-dev qt6-websockets-dev qt6-charts-dev libqt6opengl6-dev
qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6sql6-sqlite libqt6svg6 qt6-qpa-plugins
qtkeychain-qt6-dev libcurl4-openssl-dev libyaml-cpp-dev libxkbcommon-dev libgl-dev
libqt6keychain1 libsecret-1-0 libyaml-cpp0.7 libcurl4
gnome-keyring libsecret-tools dbus dbus-daemon dbus-x11 xvfb xauth"
# A Node.js 20 that is already installed (e.g. NodeSource's, which bundles npm
# and conflicts with Debian's npm package) is used as it is.
node_packages() {
    if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
        major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
        if [ "$major" -ge 20 ] 2>/dev/null; then
            return
        fi
    fi
    echo "nodejs npm"
}
test_packages="nginx-light wrk imagemagick clang-format $(node_packages)"

install_packages() {
    missing=""
    for p in $*; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
            missing="$missing $p"
        fi
    done
    if [ -n "$missing" ]; then
        echo "setup: installing$missing"
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
        # shellcheck disable=SC2086
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
    fi
}

configure_and_build() {
    cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
    cmake --build "$build" --parallel "${TOLLGATE_JOBS:-2}"
}

case "$action" in
deps)
    install_packages $packages $test_packages
    ;;
build)
    install_packages $packages
    configure_and_build
    ;;
run)
    install_packages $packages
    configure_and_build
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        exec "$build/app/tollgate" "$@"
    fi
    echo "setup: no display found, starting the headless gateway"
    exec "$build/app/tollgate" --headless "$@"
    ;;
test)
    install_packages $packages $test_packages
    if ! command -v node >/dev/null 2>&1; then
        echo "setup: node is required for the SDK tests" >&2
        exit 1
    fi
    if [ -f "$here/tests/sdk/package-lock.json" ]; then
        (cd "$here/tests/sdk" && npm ci --no-audit --no-fund --loglevel=error)
    fi
    configure_and_build
    cd "$build"
    ctest --output-on-failure --timeout 600 "$@"
    ;;
*)
    echo "usage: installer/setup.sh run|test|deps|build" >&2
    exit 2
    ;;
esac
