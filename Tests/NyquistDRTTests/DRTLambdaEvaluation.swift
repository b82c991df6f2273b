import Foundation
import Numerics
import Testing
import Nyquist
import NyquistTestSupport
@testable import NyquistDRT

/// The λ-criteria evaluation behind docs/drt.md "Choosing λ" (not a test: it prints a table and asserts nothing;
/// runs only with `DRT_EVAL=1 swift test --filter DRTLambdaEvaluation`). Synthetic spectra with known DRTs (closed
/// forms, seeded noise) and real files; every criterion, and the window of fixed λ that passes, per case.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["DRT_EVAL"] != nil, "set DRT_EVAL=1 to run"))
struct DRTLambdaEvaluation {
    struct Element { var r: Double, tau: Double, phi: Double }
    struct Case { var name: String, rInf: Double, inductance: Double, elements: [Element], rTolerance: Double }

    static let criteria: [LambdaCriterion] = [
        .gcv, .modifiedGCV(rho: 1.3), .modifiedGCV(rho: 2), .modifiedGCV(rho: 3), .robustGCV(xi: 0.1),
        .robustGCV(xi: 0.3), .robustGCV(xi: 0.5), .reImCrossValidation,
    ]

    static var cases: [Case] {
        var list: [Case] = []
        let t1 = DRTTestSpectra.tau(ofFrequency: 1000), t2 = DRTTestSpectra.tau(ofFrequency: 1)
        for phi in [0.7, 0.8, 0.9, 0.95] {
            list.append(Case(name: "2zarc φ\(phi)", rInf: 10, inductance: 0,
                             elements: [Element(r: 50, tau: t1, phi: phi), Element(r: 100, tau: t2, phi: phi)],
                             rTolerance: 0.05))
        }
        list.append(Case(name: "rc+zarc 1k/1", rInf: 10, inductance: 0,
                         elements: [Element(r: 30, tau: t1, phi: 1), Element(r: 100, tau: t2, phi: 0.8)],
                         rTolerance: 0.05))
        list.append(Case(name: "rc+zarc fixture", rInf: 5, inductance: 0,
                         elements: [Element(r: 20, tau: 1e-5, phi: 1), Element(r: 80, tau: 1e-2, phi: 0.7)],
                         rTolerance: 0.05))
        list.append(Case(name: "3zarc+L", rInf: 20, inductance: 2e-7,
                         elements: [Element(r: 30, tau: 1e-5, phi: 0.85), Element(r: 60, tau: 1e-3, phi: 0.75),
                                    Element(r: 120, tau: 0.1, phi: 0.8)], rTolerance: 0.08))
        return list
    }

    static func spectrum(_ c: Case, noise: Double, seed: UInt64) -> Spectrum {
        DRTTestSpectra.spectrum(DRTTestSpectra.frequencies(), noise: noise, seed: seed) { f in
            var z = Complex(c.rInf, 2 * .pi * f * c.inductance)
            for e in c.elements {
                z = z + (e.phi == 1 ? DRTTestSpectra.rc(f, r: e.r, tau: e.tau)
                                    : DRTTestSpectra.zarc(f, r: e.r, tau0: e.tau, phi: e.phi))
            }
            return z
        }
    }

    /// Scores a result: significant peaks (> 3 % of the total R) vs the elements, τ within 10 %, R within tolerance.
    static func score(_ r: DRTResult, _ c: Case) -> (pass: Bool, text: String) {
        let total = c.elements.map(\.r).reduce(0, +)
        let significant = r.peaks.filter { $0.resistance > 0.03 * total }
        var tauError = Double.infinity, rError = Double.infinity
        if significant.count == c.elements.count {
            tauError = zip(significant, c.elements).map { abs($0.tau / $1.tau - 1) }.max() ?? 0
            rError = zip(significant, c.elements).map { abs($0.resistance / $1.r - 1) }.max() ?? 0
        }
        let pass = tauError < 0.10 && rError < c.rTolerance
        let text = String(format: "λ=%.1e n=%d/%d dτ=%.3f dR=%.3f %@", r.lambda, r.peaks.count, significant.count,
                          tauError, rError, pass ? "ok" : "FAIL")
        return (pass, text)
    }

    @Test func synthetic() throws {
        let seeds: [UInt64] = [1, 2, 3]
        var tally: [String: [String: Int]] = [:]
        var out = ""
        for c in Self.cases {
            for noise in [0.001, 0.005, 0.01] {
                for seed in seeds {
                    let s = Self.spectrum(c, noise: noise, seed: seed)
                    var window = ""
                    for k in stride(from: -8.0, through: 0.0, by: 0.5) {
                        let r = try DRT.analyze(s, settings: .init(bootstrapSamples: 0), criterion: .fixed(pow(10, k)))
                        window += Self.score(r, c).pass ? "+" : "."
                    }
                    out += "\n\(c.name) noise \(noise) seed \(seed) fixed λ 1e-8…1 by ½ decade: \(window)\n"
                    for criterion in Self.criteria {
                        let r = try DRT.analyze(s, settings: .init(bootstrapSamples: 0), criterion: criterion)
                        let (pass, text) = Self.score(r, c)
                        out += "  \("\(criterion)".padding(toLength: 20, withPad: " ", startingAt: 0)) \(text)\n"
                        tally["\(c.name) \(noise)", default: [:]]["\(criterion)", default: 0] += pass ? 1 : 0
                    }
                }
            }
        }
        out += "\nPasses out of \(seeds.count) seeds:\n" + "case".padding(toLength: 22, withPad: " ", startingAt: 0)
            + Self.criteria.map { "\($0)".padding(toLength: 20, withPad: " ", startingAt: 0) }.joined() + "\n"
        for c in Self.cases {
            for noise in [0.001, 0.005, 0.01] {
                let key = "\(c.name) \(noise)"
                out += key.padding(toLength: 22, withPad: " ", startingAt: 0)
                    + Self.criteria.map { "\(tally[key]?["\($0)"] ?? 0)".padding(toLength: 20, withPad: " ", startingAt: 0) }
                        .joined() + "\n"
            }
        }
        try out.write(toFile: "/tmp/drt-lambda-synthetic.txt", atomically: true, encoding: .utf8)
    }

    @Test func realFiles() throws {
        guard let shared = RepositoryPaths.sharedEISData else { return }
        let files: [(String, Int, Double?)] = [
            ("drttools/LIB_data.txt", 0, 1), ("drttools/LIB_data_2.txt", 0, 1), ("drttools/LIB_data.txt", 0, nil),
            ("yadg/mb.mpt", 0, nil), ("yadg/mb.mpt", 4, nil), ("yadg/geis.mpt", 0, nil),
            ("impedance.py/exampleDataBioLogic.mpt", 0, nil), ("impedance.py/exampleData.csv", 0, nil),
        ]
        var out = ""
        let sample = RepositoryPaths.root.appendingPathComponent("samples/assb-cathode-synthetic.csv").path
        for (file, index, fmin) in [("SAMPLE", 0, nil)] + files {
            let path = file == "SAMPLE" ? sample : shared.appendingPathComponent(file).path
            let spectra = try SpectrumFile.read(path: path)
            guard index < spectra.count else { continue }
            let spectrum = spectra[index]
            var settings = FitSettings()
            if let fmin { settings.window = FrequencyWindow(minimumFrequency: fmin) }
            out += "\n\(file) #\(index) fmin \(fmin.map { "\($0)" } ?? "-") (\(spectrum.frequencies.count) pts)\n"
            if let fit = try? Fitter.fit(spectrum, circuit: Synthetic.assbCathode, settings: settings) {
                out += String(format: "  circuit R1 %.4g R2 %.4g R3 %.4g (τ2 %.3g τ3 %.3g)\n", fit.value("R1") ?? .nan,
                              fit.value("R2") ?? .nan, fit.value("R3") ?? .nan,
                              pow((fit.value("R2") ?? 0) * (fit.value("Q2") ?? 0), 1 / (fit.value("n2") ?? 1)),
                              pow((fit.value("R3") ?? 0) * (fit.value("Q3") ?? 0), 1 / (fit.value("n3") ?? 1)))
            }
            for criterion in Self.criteria + [.fixed(1e-4), .fixed(1e-3), .fixed(1e-2)] {
                guard let r = try? DRT.analyze(spectrum, settings: .init(bootstrapSamples: 0, fmin: fmin), criterion: criterion)
                else { out += "  \(criterion.name) failed\n"; continue }
                let peaks = r.peaks.map { String(format: "%.2g:%.3g", $0.tau, $0.resistance) }.joined(separator: " ")
                out += "  \("\(criterion)".padding(toLength: 20, withPad: " ", startingAt: 0)) "
                    + String(format: "λ=%.1e R∞=%.3g Σ=%.4g ", r.lambda, r.rInf, r.polarizationResistance) + peaks + "\n"
            }
        }
        try out.write(toFile: "/tmp/drt-lambda-real.txt", atomically: true, encoding: .utf8)
    }
}
