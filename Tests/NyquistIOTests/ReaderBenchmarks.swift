import Foundation
import Testing
import NyquistIO

/// Speed measurements, run only on request (no thresholds — numbers go to BENCHMARKS.md):
///   NYQUIST_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter ReaderBenchmarks
@Suite("Reader benchmarks", .enabled(if: ProcessInfo.processInfo.environment["NYQUIST_BENCH"] != nil,
                                     "set NYQUIST_BENCH=1 (release build) to run"))
struct ReaderBenchmarks {
    /// An EC-Lab PEIS export of `spectra` × `points` rows with the usual leading columns, written like EC-Lab
    /// (7–8 significant digits, 16-digit time and cycle number, trailing tab, Latin-1 µ in the header).
    static func syntheticMPT(spectra: Int, points: Int) -> [UInt8] {
        var out = "EC-Lab ASCII FILE\nNb header lines : 5\n\nPotentio Electrochemical Impedance Spectroscopy\n"
        out += "freq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\t|Z|/Ohm\tPhase(Z)/deg\ttime/s\t<Ewe>/V\t<I>/mA\tCs/\u{B5}F\tcycle number\tI Range\t\n"
        var bytes = out.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        var t = 0.0
        for c in 1...spectra {
            for k in 0..<points {
                let f = 1e6 * pow(10, -Double(k) / 20)
                let w = 2 * Double.pi * f
                // R0 + R1/(1 + jωR1C): R0 = 10 Ω, R1 = 100 Ω, C = 1e-5 F
                let d = 1 + pow(w * 100 * 1e-5, 2)
                let re = 10 + 100 / d, im = -100 * (w * 100 * 1e-5) / d
                t += 0.5
                let row = String(format: "%.7E\t%.7E\t%.7E\t%.7E\t%.7E\t%.15E\t%.7E\t%.7E\t%.7E\t%.15E\t%d\t\n",
                                 f, re, -im, (re * re + im * im).squareRoot(), atan2(im, re) * 180 / .pi, t, 3.7, 0.001,
                                 1.0, Double(c), 41)
                bytes += Array(row.utf8)
            }
        }
        return bytes
    }

    static func time(_ body: () throws -> Void) rethrows -> Double {
        var best = Double.infinity
        for _ in 0..<7 {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return best
    }

    @Test("EC-Lab text, 1000 spectra × 161 points")
    func mptLarge() throws {
        let bytes = Self.syntheticMPT(spectra: 1000, points: 161)
        var spectra: [Spectrum] = []
        let ms = try Self.time { spectra = try SpectrumFile.read(bytes: bytes, name: "bench.mpt") }
        #expect(spectra.count == 1000 && spectra.allSatisfy { $0.count == 161 })
        print("BENCH mpt 1000x161: \(bytes.count) bytes, best of 7: \(String(format: "%.1f", ms)) ms (bytes already in memory)")
        let path = NSTemporaryDirectory() + "nyquist-bench.mpt"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let withIO = try Self.time { spectra = try SpectrumFile.read(path: path) }
        print("BENCH mpt 1000x161 from disk: best of 7: \(String(format: "%.1f", withIO)) ms")
        try? FileManager.default.removeItem(atPath: path)
    }

    @Test("yadg/geis.mpr (61 spectra)", .enabled(if: SharedData.available))
    func geisMPR() throws {
        let path = SharedData.path("yadg/geis.mpr")
        var spectra: [Spectrum] = []
        let ms = try Self.time { spectra = try SpectrumFile.read(path: path) }
        #expect(spectra.count == 61)
        print("BENCH geis.mpr: best of 7: \(String(format: "%.2f", ms)) ms (including file read)")
    }
}
