#!/usr/bin/env bash
# Installs what Nyquist needs beyond Swift: GSL 2.7 (libgsl-dev) and pkg-config, and for the Python tests python3
# with venv (python3-venv on Debian/Ubuntu, where `python3 -m venv` needs it). Does nothing when present.
set -euo pipefail
has_venv() { command -v python3 >/dev/null 2>&1 && python3 -c "import venv, ensurepip" >/dev/null 2>&1; }
if [ -f /usr/include/gsl/gsl_multifit_nlinear.h ] && command -v pkg-config >/dev/null 2>&1 && pkg-config --exists gsl \
    && has_venv; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "setup: libgsl-dev or python3-venv is missing and this user cannot install it (no root, no sudo)" >&2; exit 1
    fi
fi
if command -v apt-get >/dev/null 2>&1; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libgsl-dev pkg-config >/dev/null
    has_venv || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3 python3-venv >/dev/null
elif command -v brew >/dev/null 2>&1; then
    brew install gsl pkg-config
    has_venv || brew install python3
else
    echo "setup: install GSL 2.7 (libgsl-dev) and pkg-config with your package manager" >&2; exit 1
fi
