# The README's two commands: `make demo` and `make test`. Both install what is missing first.
.PHONY: setup build demo test pytest release bench fuzz

setup:
	@./scripts/setup.sh

build: setup
	swift build

# Fit the papers' circuit to the sample spectrum.
demo: build
	swift run nyquist fit samples/assb-cathode-synthetic.csv --circuit assb-cathode

test: setup
	swift test
	$(MAKE) pytest

# The Python package's tests (python/tests): a venv in .venv with numpy, pandas and pytest from PyPI, the package
# installed from ./python (which builds the release C library, libNyquistC), then pytest against the installed package.
VENV ?= .venv
pytest: setup
	@test -x $(VENV)/bin/python || python3 -m venv $(VENV)
	$(VENV)/bin/python -m pip install -q --disable-pip-version-check numpy pandas pytest
	$(VENV)/bin/python -m pip install -q --disable-pip-version-check ./python
	$(VENV)/bin/python -m pytest -q python/tests

# The Swift runtime and Foundation linked statically: `nyquist --version` starts in a fraction of the time
# (BENCHMARKS.md, "Start-up (issue 17)"). A build flag, not unsafeFlags, so packages depending on Nyquist still build.
release: setup
	swift build -c release --static-swift-stdlib --product nyquist

bench: release
	./scripts/bench.sh

# libFuzzer for FUZZ_SECONDS per target (one job each): every NyquistIO reader (fuzz/run.sh), then the circuit
# parser, track's cycler and cell readers and the whole pipeline (fuzz/run-targets.sh). Findings: fuzz/crashes/.
FUZZ_SECONDS ?= 60
fuzz: setup
	./fuzz/run.sh $(FUZZ_SECONDS); status=$$?; ./fuzz/run-targets.sh $(FUZZ_SECONDS) && exit $$status
