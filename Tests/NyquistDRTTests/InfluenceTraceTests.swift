import Foundation
import Numerics
import Testing
import Nyquist
import NyquistTestSupport
@testable import NyquistDRT

/// The λ search's influence traces tr H and tr H² (H = (M + λQ)⁻¹M) from one generalised eigen-decomposition must
/// equal the traces of the matrix formed directly at each λ (Cholesky of M + λQ, its inverse, the product), over
/// the whole search range, for every fitted part and both derivative orders.
@Suite struct InfluenceTraceTests {
    static func problem(part: DRTSettings.Part, order: Int, inductive: Bool) throws -> LambdaSelector {
        let f = DRTTestSpectra.frequencies()
        let s = DRTTestSpectra.spectrum(f, noise: 0.005, seed: 3) { f in
            Complex(10, inductive ? 2 * .pi * f * 2e-7 : 0)
                + DRTTestSpectra.zarc(f, r: 50, tau0: DRTTestSpectra.tau(ofFrequency: 1000), phi: 0.8)
                + DRTTestSpectra.rc(f, r: 100, tau: DRTTestSpectra.tau(ofFrequency: 1))
        }
        let settings = DRTSettings(part: part, derivativeOrder: order)
        var warnings: [String] = []
        let data = try DRT.prepare(s, settings: settings, warnings: &warnings)
        let problem = DRTProblem(frequencies: data.frequencies, impedances: data.impedances,
                                 weightsRe: data.weightsRe, weightsIm: data.weightsIm, settings: settings)
        return LambdaSelector(problem: problem, part: part)
    }

    @Test(arguments: [DRTSettings.Part.both, .real, .imaginary], [1, 2])
    func eigenTracesEqualDirectTraces(part: DRTSettings.Part, order: Int) throws {
        let selector = try Self.problem(part: part, order: order, inductive: part != .real)
        #expect(selector.influenceSpectrum != nil)
        for exponent in stride(from: -8.0, through: 1.0, by: 0.5) {
            let lambda = pow(10, exponent)
            let fast = selector.influenceTraces(lambda: lambda, squared: true)
            let direct = selector.directInfluenceTraces(lambda: lambda, squared: true)
            #expect(abs(fast.trace - direct.trace) <= 1e-7 * direct.trace, "tr H at λ = \(lambda)")
            #expect(abs(fast.squaredTrace - direct.squaredTrace) <= 1e-7 * direct.squaredTrace, "tr H² at λ = \(lambda)")
            #expect(fast.trace > 0 && fast.trace <= Double(selector.problem.columns))
        }
    }

    /// Closed form: for M = diag(m), Q = I the eigenvalues are hᵢ = mᵢ/(mᵢ + λ).
    @Test func diagonalPencil() throws {
        let m = [4.0, 1, 0.25]
        let gram = [4.0, 0, 0, 0, 1, 0, 0, 0, 0.25], penalty = [1.0, 0, 0, 0, 1, 0, 0, 0, 1]
        let spectrum = try #require(LambdaSelector.influenceSpectrum(gram: gram, penalty: penalty, count: 3))
        let lambda = 0.5
        let ratio = lambda / spectrum.scale
        let h = spectrum.eigenvalues.map { $0 / ($0 + ratio * (1 - $0)) }.sorted()
        let expected = m.map { $0 / ($0 + lambda) }.sorted()
        for (a, b) in zip(h, expected) { #expect(abs(a - b) <= 1e-12) }
    }
}
