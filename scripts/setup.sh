#!/usr/bin/env bash
# Installs what Nyquist needs beyond Swift: GSL 2.7 (libgsl-dev) and pkg-config. Does nothing when present.
set -euo pipefail
if [ -f /usr/include/gsl/gsl_multifit_nlinear.h ] && command -v pkg-config >/dev/null 2>&1 && pkg-config --exists gsl; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "setup: libgsl-dev is missing and this user cannot install it (no root, no sudo)" >&2; exit 1
    fi
fi
if command -v apt-get >/dev/null 2>&1; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libgsl-dev pkg-config >/dev/null
elif command -v brew >/dev/null 2>&1; then
    brew install gsl pkg-config
else
    echo "setup: install GSL 2.7 (libgsl-dev) and pkg-config with your package manager" >&2; exit 1
fi
