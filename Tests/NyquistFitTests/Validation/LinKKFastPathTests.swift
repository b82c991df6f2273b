import Foundation
import Numerics
@testable import NyquistFit
import NyquistIO
import NyquistNumerics
import NyquistTestSupport
import Testing

/// The fast lin-KK path (QR with a conditioning proof, early-stopping M search) against the reference path (truncated
/// SVD for every M = 1…M_max, the implementation before issue 17): same M, selection text, verdict and failures, and
/// residuals, Ẑ and χ²ₚₛ equal to rounding (see ``tolerance``) — on every spectrum of ../shared/eis-data and on synthetic sets.
@Suite("lin-KK fast path equals the reference path")
struct LinKKFastPathTests {
    /// Residuals and Ẑ are compared relative to |Zᵢ|. The two paths are different backward-stable solvers, so they
    /// agree to about ε·κ, κ the condition number of the balanced design (up to ~10⁸ at large M): the largest
    /// differences measured over ../shared/eis-data and the synthetic sets were 9.6e-10 (residuals) and 9.7e-9
    /// relative (χ²ₚₛ of a trial M), hence these bounds; M, the selection and the verdict must be identical.
    static let tolerance = 2e-9
    static let chiTolerance = 2e-8
    /// χ²ₚₛ differences below this are rounding of residuals at the 10⁻¹¹ level (noiseless data).
    static let chiFloor = 1e-19

    static func kind(_ f: KramersKronigFailure) -> String {
        switch f {
        case .noiseTooLarge: return "noise"
        case .outlier(let i, _, _, _): return "outlier \(i)"
        case .systematicResiduals: return "systematic"
        }
    }

    /// Compares one spectrum under `settings`; returns the number of M the fast path solved (for the early-stop check).
    @discardableResult
    static func compare(_ s: Spectrum, _ settings: KramersKronigSettings = KramersKronigSettings(),
                        _ label: String, tolerance: Double = tolerance, chiTolerance: Double = chiTolerance) -> Int? {
        let fast = Result { () throws(KramersKronigError) in
            try KramersKronig.test(s, settings: settings, solver: .fast)
        }
        let reference = Result { () throws(KramersKronigError) in
            try KramersKronig.test(s, settings: settings, solver: .reference)
        }
        switch (fast, reference) {
        case (.failure(let a), .failure(let b)):
            #expect(a == b, "\(label)")
            return nil
        case (.success(let a), .success(let b)):
            #expect(a.elementCount == b.elementCount, "\(label): M")
            #expect(a.selection == b.selection, "\(label)")
            #expect(a.representation == b.representation, "\(label)")
            #expect(a.passed == b.passed, "\(label): \(a.failures) vs \(b.failures)")
            #expect(a.failures.map(kind) == b.failures.map(kind), "\(label)")
            var worst = 0.0
            for (x, y) in zip(a.residuals, b.residuals) {
                worst = max(worst, abs(x.real - y.real), abs(x.imaginary - y.imaginary))
            }
            for i in 0..<s.count {
                worst = max(worst, (a.model[i] - b.model[i]).length / s.impedances[i].length)
            }
            #expect(worst <= tolerance, "\(label): residuals differ by \(worst)")
            #expect(abs(a.pseudoChiSquare - b.pseudoChiSquare) <= chiTolerance * b.pseudoChiSquare + chiFloor,
                    "\(label): χ²")
            #expect(abs(a.mu - b.mu) <= 1e-8, "\(label): μ \(a.mu) vs \(b.mu)")
            #expect(a.trials.count <= b.trials.count, "\(label)")
            for (x, y) in zip(a.trials, b.trials) {
                #expect(x.elementCount == y.elementCount)
                #expect(abs(x.pseudoChiSquare - y.pseudoChiSquare) <= chiTolerance * y.pseudoChiSquare + chiFloor,
                        "\(label): χ² at M = \(x.elementCount)")
            }
            return a.trials.count
        default:
            Issue.record("\(label): fast \(fast), reference \(reference)")
            return nil
        }
    }

    static let files: [String] = {
        guard let root = RepositoryPaths.sharedEISData,
              let folders = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { return [] }
        var result: [String] = []
        for f in folders.sorted() {
            let dir = root.appendingPathComponent(f).path
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            result += names.sorted().map { "\(dir)/\($0)" }
        }
        return result
    }()

    @Test("every spectrum of ../shared/eis-data: same M, verdict and residuals",
          .enabled(if: RepositoryPaths.sharedEISData != nil, "../shared/eis-data not found"))
    func realFiles() throws {
        var spectra = 0
        for path in Self.files {
            guard let read = try? SpectrumFile.read(path: path) else { continue }
            for (k, s) in read.enumerated() {
                Self.compare(s, KramersKronigSettings(), "\(path) #\(k + 1)")
                spectra += 1
            }
        }
        #expect(spectra >= 100, "only \(spectra) spectra read")
    }

    @Test("synthetic sets: noiseless and noisy circuits, drift, inductive tail, few points, settings variants")
    func synthetic() throws {
        var settingsList: [(String, KramersKronigSettings)] = [("default", KramersKronigSettings())]
        var admittance = KramersKronigSettings(); admittance.representation = .admittance
        var capacitive = KramersKronigSettings(); capacitive.includeInverseOmegaTerm = true
        var given = KramersKronigSettings(); given.elementCount = 12
        var short = KramersKronigSettings(); short.maximumElementCount = 8
        settingsList += [("admittance", admittance), ("1/(jωC) term", capacitive), ("M = 12", given),
                         ("M_max = 8", short)]
        var stoppedEarly = 0
        for c in KKSpectra.cases {
            for noise in [0, 0.001, 0.01] {
                for (name, settings) in settingsList {
                    let s = try KKSpectra.spectrum(c, noise: noise, seed: 3)
                    if let solved = Self.compare(s, settings, "\(c.name), noise \(noise), \(name)"),
                       settings.elementCount == nil, solved < min(s.count, settings.maximumElementCount ?? 60) {
                        stoppedEarly += 1
                    }
                }
            }
            let drift = try KKSpectra.spectrum(c, noise: 0.002, driftFraction: 0.3)
            Self.compare(drift, KramersKronigSettings(), "\(c.name) drifting")
            for perDecade in [1, 2] {
                let few = try KKSpectra.spectrum(c, noise: 0.002, pointsPerDecade: perDecade)
                Self.compare(few, KramersKronigSettings(), "\(c.name), \(few.count) points")
            }
        }
        // Noiseless data reach the σ̂ ≤ 10⁻⁵ floor, which decides the rule without the larger M.
        #expect(stoppedEarly > 0)
        // An inductive tail: a series inductance of 10 µH (ωL = 63 Ω at 1 MHz) makes Im Z > 0 at the highest frequencies.
        var s = try KKSpectra.spectrum(KKSpectra.cases[0], noise: 0.002)
        for i in 0..<s.count { s.impedances[i] += Complex(0, 2 * .pi * s.frequencies[i] * 1e-5) }
        #expect(s.impedances.contains { $0.imaginary > 0 })
        Self.compare(s, KramersKronigSettings(), "inductive tail")
        // Five points, the fewest allowed.
        let five = Spectrum(frequencies: Array(s.frequencies.prefix(5)), impedances: Array(s.impedances.prefix(5)))
        Self.compare(five, KramersKronigSettings(), "five points")
    }

    @Test("the decision rule with every M solved equals the reference choice; undecided while larger M could matter")
    func decisionRule() {
        let s = KramersKronigSettings()
        // σ̂² falls to a plateau at M = 3 (within 1.25 of every later value); μ < 0.85 first at M = 4.
        let variance = [1e-2, 1e-3, 1.1e-4, 1.0e-4, 1.05e-4, 0.98e-4]
        let mu = [1, 1, 0.9, 0.5, 0.4, 0.3]
        let full = LinKKSearch.decide(variance: variance, mu: mu, maximum: 6, settings: s)
        #expect(full == LinKKSearch.Outcome(plateau: 3, chosen: 4, muFound: true))
        // With M = 1…4 solved, M = 3 could still be pushed off the plateau by an M > 4 below 0.88e-4.
        #expect(LinKKSearch.decide(variance: Array(variance.prefix(4)), mu: Array(mu.prefix(4)), maximum: 6,
                                   settings: s) == nil)
        // Below the noise floor (σ̂ ≤ 1e-5, σ̂² ≤ 1e-10) M is on the plateau whatever larger M give.
        let floor = LinKKSearch.decide(variance: [1e-3, 5e-11], mu: [1, 0.2], maximum: 60, settings: s)
        #expect(floor == LinKKSearch.Outcome(plateau: 2, chosen: 2, muFound: true))
        // μ never below c: M = M_p, known only once M_max is solved.
        #expect(LinKKSearch.decide(variance: [1e-3, 1e-4], mu: [1, 1], maximum: 3, settings: s) == nil)
        #expect(LinKKSearch.decide(variance: [1e-3, 1e-4, 1e-4], mu: [1, 1, 1], maximum: 3, settings: s)
                == LinKKSearch.Outcome(plateau: 2, chosen: 2, muFound: false))
    }
}
