"""Build hook of nyquist-eis: builds the C API library with SwiftPM and ships it inside the package.

`pip install ./python` runs `swift build -c release --product NyquistC` in the repository root (this folder's parent)
and copies libNyquistC.so (libNyquistC.dylib on macOS) into the installed `nyquist` package. Set
NYQUIST_SKIP_SWIFT_BUILD=1 to copy an already built library without running SwiftPM.
"""
import os
import shutil
import subprocess
import sys

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LIBRARY = "libNyquistC.dylib" if sys.platform == "darwin" else "libNyquistC.so"


class BuildWithSwift(build_py):
    """build_py that first builds the Swift library (release) and copies it into the package."""

    def run(self):
        if not os.path.exists(os.path.join(ROOT, "Package.swift")):
            raise RuntimeError(f"nyquist-eis: {ROOT} holds no Package.swift; install from a clone of the repository")
        if not os.environ.get("NYQUIST_SKIP_SWIFT_BUILD"):
            subprocess.check_call(["swift", "build", "-c", "release", "--product", "NyquistC"], cwd=ROOT)
        built = os.path.join(ROOT, ".build", "release", LIBRARY)
        if not os.path.exists(built):
            raise RuntimeError(f"nyquist-eis: {built} was not built (run `swift build -c release --product NyquistC`)")
        super().run()
        target = os.path.join(self.build_lib, "nyquist")
        os.makedirs(target, exist_ok=True)
        shutil.copy2(built, os.path.join(target, LIBRARY))


class BinaryDistribution(Distribution):
    """The wheel holds a native library: tag it for this platform."""

    def has_ext_modules(self):
        return True


setup(cmdclass={"build_py": BuildWithSwift}, distclass=BinaryDistribution)
