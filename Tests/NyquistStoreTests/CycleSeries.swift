import Foundation
import NyquistCircuit
import NyquistFit
import NyquistIO
import NyquistStore
import NyquistTestSupport

/// The evidence series of issue 5: `assb-cathode-warburg` (R1-p(R2,CPE2)-p(R3,CPE3)-W4) where R3 grows like
/// R3₀ + k√n and the other parameters drift slightly, 161 points (1 MHz…10 mHz, 20 per decade), 0.5 % noise.
enum CycleSeries {
    static let circuit: Circuit = .series([
        .element(Element(kind: .resistor, label: "1")),
        .parallel([.element(Element(kind: .resistor, label: "2")), .element(Element(kind: .cpe, label: "2"))]),
        .parallel([.element(Element(kind: .resistor, label: "3")), .element(Element(kind: .cpe, label: "3"))]),
        .element(Element(kind: .warburg, label: "4")),
    ])

    /// R3₀ in Ω and k in Ω per √cycle.
    static let r30 = 100.0, k = 20.0

    /// The true parameters of cycle n: R1, R2, Q2, n2, R3, Q3, n3, W4 (Ω, Ω, F·s^(n−1), 1, Ω, F·s^(n−1), 1, Ω·s^(−½)).
    static func truth(_ n: Int) -> [Double] {
        let x = Double(n)
        return [20 * (1 + 0.0005 * x), 30 * (1 + 0.001 * x), 1e-7 * (1 + 0.0005 * x), 0.9,
                r30 + k * x.squareRoot(), 1e-5 * (1 - 0.0005 * x), 0.8 - 0.0001 * x, 50 * (1 + 0.0005 * x)]
    }

    /// Spectra for cycles `range`, each with its own noise seed (`seedBase + n`) and its cycle label.
    static func spectra(_ range: Range<Int>, noise: Double = 0.005, seedBase: UInt64 = 1000) throws -> [Spectrum] {
        try range.map { n in
            var s = try Synthetic.spectrum(circuit, parameters: truth(n), noise: noise, seed: seedBase + UInt64(n))
            s.metadata.cycleLabel = n
            s.metadata.index = n
            return s
        }
    }

    /// Batch settings with a cheap global start (fewer random samples) to keep debug tests short.
    static func settings(mode: BatchMode = .sequential, circuit: Circuit = circuit) -> BatchSettings {
        var fit = FitSettings()
        fit.method = .randomizeSimplex
        fit.randomStarts = 40
        fit.refinedStarts = 3
        return BatchSettings(circuit: circuit, fit: fit, mode: mode)
    }

    /// A fresh store in a temporary directory.
    static func temporaryStore() throws -> (ResultStore, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("results.sqlite").path
        return (try ResultStore(path: path), dir)
    }

    /// Runs to the end and returns every outcome.
    static func collect(_ runner: BatchRunner, _ series: [BatchSeries]) async throws -> [BatchOutcome] {
        var out: [BatchOutcome] = []
        for try await o in runner.run(series) { out.append(o) }
        return out
    }
}
