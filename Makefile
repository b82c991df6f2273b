# The README's two commands: `make demo` and `make test`. Both install what is missing first.
.PHONY: setup build demo test release bench

setup:
	@./scripts/setup.sh

build: setup
	swift build

# Fit the papers' circuit to the sample spectrum.
demo: build
	swift run nyquist fit samples/assb-cathode-synthetic.csv --circuit assb-cathode

test: setup
	swift test

release: setup
	swift build -c release

bench: release
	./scripts/bench.sh
