"""Shared fixtures: the repository root, the real instrument files in ../shared/eis-data, the CLI binary.

The real files are found beside the repository (`<root>/../shared/eis-data`), as the Swift tests find them
(Sources/NyquistTestSupport/RepositoryPaths.swift); tests needing them skip with a message when the folder is absent.
"""
import json
import math
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "eis-data"
SAMPLE = ROOT / "samples" / "assb-cathode-synthetic.csv"

try:
    import nyquist  # noqa: F401  (installed by `pip install ./python`)
except ImportError:  # used from the clone without installing: the package folder, the library from .build
    sys.path.insert(0, str(ROOT / "python"))


@pytest.fixture(scope="session")
def eis_data():
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: the real instrument files live beside the repository in ../shared/eis-data")
    return SHARED


def cli_binary():
    """The built `nyquist` executable (debug first: `swift test` builds it), or None."""
    for kind in ("debug", "release"):
        path = ROOT / ".build" / kind / "nyquist"
        if path.exists():
            return path
    return None


@pytest.fixture(scope="session")
def cli():
    path = cli_binary()
    if path is None:
        pytest.skip("no built nyquist binary in .build/debug or .build/release (run `swift build` first)")

    def run(*args, ok=(0, 1)):
        p = subprocess.run([str(path), *map(str, args)], capture_output=True, text=True)
        assert p.returncode in ok, f"nyquist {' '.join(map(str, args))}: exit {p.returncode}: {p.stderr}"
        return p

    return run


def assert_same_json(a, b, path="", rel=1e-12, skip=("seconds",)):
    """Recursive equality of two JSON values; numbers to `rel` relative (the strings "inf", "nan" compare as text)."""
    if isinstance(a, dict):
        assert isinstance(b, dict), f"{path}: {type(b)}"
        assert set(a) == set(b), f"{path}: keys differ: {sorted(set(a) ^ set(b))}"
        for k in a:
            if k not in skip:
                assert_same_json(a[k], b[k], f"{path}.{k}", rel, skip)
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), f"{path}: lengths {len(a)} vs {len(b) if isinstance(b, list) else b}"
        for k, (x, y) in enumerate(zip(a, b)):
            assert_same_json(x, y, f"{path}[{k}]", rel, skip)
    elif isinstance(a, bool) or a is None or isinstance(a, str):
        assert a == b, f"{path}: {a!r} vs {b!r}"
    else:
        assert isinstance(b, (int, float)) and not isinstance(b, bool), f"{path}: {a!r} vs {b!r}"
        assert math.isclose(a, b, rel_tol=rel, abs_tol=0 if a != 0 else 1e-300), f"{path}: {a!r} vs {b!r}"
