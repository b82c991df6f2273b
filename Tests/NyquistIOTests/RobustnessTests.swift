import Foundation
import Testing
@testable import NyquistIO

/// Deterministic mutation check that runs in the normal test suite (the libFuzzer harness in fuzz/ goes further):
/// truncations and byte flips of valid inputs must give spectra or a typed error — never a trap or a hang.
@Suite("Robustness: truncated and mutated input")
struct RobustnessTests {
    /// A small xorshift generator so the mutations are the same on every run.
    struct XorShift: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
    }

    static var seeds: [(String, [UInt8])] {
        var seeds: [(String, [UInt8])] = [
            ("table.csv", Array("f,Z',Z''\n1000,1,-1\n100,2,-2\n10,3,-3\n".utf8)),
            ("mb.mpt", InstrumentReaderTests.moduloBat),
        ]
        if SharedData.available {
            for f in ["yadg/zir.mpr", "yadg/peis.mpr", "zahner-analysis/ZHIT.ism", "pyimpspec/data.pssession",
                      "gamry-parser/eispot_data.dta", "pyimpspec/data.z", "impedance.py/exampleDataVersaStudio.par"] {
                if let b = try? SpectrumFile.loadBytes(path: SharedData.path(f)) { seeds.append((f, b)) }
            }
        }
        return seeds
    }

    @Test("Every prefix of each seed reads or throws")
    func truncations() {
        for (name, bytes) in Self.seeds {
            let step = max(1, bytes.count / 150)
            for n in stride(from: 0, to: bytes.count, by: step) {
                _ = try? SpectrumFile.read(bytes: Array(bytes.prefix(n)), name: name)
            }
        }
    }

    @Test("Random byte flips read or throw, and successful reads keep their invariants")
    func mutations() {
        var rng = XorShift(state: 0x9E37_79B9_7F4A_7C15)
        for (name, bytes) in Self.seeds {
            for _ in 0..<150 {
                var b = bytes
                for _ in 0..<Int.random(in: 1...8, using: &rng) {
                    let i = Int.random(in: 0..<b.count, using: &rng)
                    b[i] = UInt8.random(in: 0...255, using: &rng)
                }
                if let spectra = try? SpectrumFile.read(bytes: b, name: name) {
                    for s in spectra {
                        #expect(s.frequencies.count == s.impedances.count)
                        #expect(s.frequencies.allSatisfy { $0 > 0 && $0.isFinite })
                    }
                }
            }
        }
    }

    @Test("Random bytes through every forced reader give errors, not traps")
    func randomBytes() {
        var rng = XorShift(state: 42)
        for format in FileFormat.allCases {
            for length in [1, 7, 12, 52, 200, 2000] {
                let b = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
                _ = try? SpectrumFile.read(bytes: b, name: "random", format: format)
            }
        }
    }
}
