import Foundation
import NyquistNumerics

/// Residual bootstrap of a DRT fit at its chosen λ: the weighted residuals ẽ = w̃(z̃ − ẑ) are resampled with
/// replacement (pooled over the fitted rows), added back to the fit, and γ is refitted (warm-started NNLS).
/// Each peak keeps its grid span; its bootstrap resistance is ∫γ* over that span and its τ* the maximum of γ* there.
struct DRTBootstrap {
    let problem: DRTProblem
    let part: DRTSettings.Part
    let lambda: Double
    let fit: [Double]

    func attachUncertainties(to peaks: [LocatedPeak], samples: Int, seed: UInt64) -> [LocatedPeak] {
        var gram = problem.normalBlocks(part).gram   // M + λQ, the same for every sample
        for k in gram.indices { gram[k] += lambda * problem.penalty[k] }
        let n = problem.columns, m = problem.m
        var fittedRe = [Double](repeating: 0, count: m), fittedIm = fittedRe
        var residuals: [Double] = []
        for i in 0..<m {
            let z = problem.model(fit, at: i)
            fittedRe[i] = z.re
            fittedIm[i] = z.im
            if part != .imaginary { residuals.append(problem.wRe[i] * (problem.zRe[i] - z.re)) }
            if part != .real { residuals.append(problem.wIm[i] * (problem.zIm[i] - z.im)) }
        }
        var random = SeededRandom(seed: seed)
        let r = problem.referenceResistance
        var resistances = [[Double]](repeating: [], count: peaks.count)
        var lnTaus = [[Double]](repeating: [], count: peaks.count)
        let tau = problem.lnTau.map { exp($0) }
        var linear = [Double](repeating: 0, count: n)
        for _ in 0..<samples {
            for k in 0..<n { linear[k] = 0 }
            for i in 0..<m {
                let row = i * n
                if part != .imaginary {
                    let e = residuals[Int.random(in: 0..<residuals.count, using: &random)]
                    let w = problem.wRe[i]
                    let target = w * w * fittedRe[i] + w * e
                    for k in 0..<n where problem.aRe[row + k] != 0 { linear[k] += problem.aRe[row + k] * target }
                }
                if part != .real {
                    let e = residuals[Int.random(in: 0..<residuals.count, using: &random)]
                    let w = problem.wIm[i]
                    let target = w * w * fittedIm[i] + w * e
                    for k in 0..<n where problem.aIm[row + k] != 0 { linear[k] += problem.aIm[row + k] * target }
                }
            }
            guard let solution = try? NonNegativeLeastSquares.solve(
                gram: gram, linear: linear, count: n, nonNegative: problem.nonNegative, warmStart: fit)
            else { continue }
            let gamma = (0..<problem.gridCount).map { max(solution.coefficients[$0], 0) * r }
            for (p, located) in peaks.enumerated() {
                resistances[p].append(
                    DRTPeakFinder.integrate(gamma: gamma, tau: tau, from: located.lower, to: located.upper))
                lnTaus[p].append(
                    DRTPeakFinder.maximum(gamma: gamma, lnTau: problem.lnTau, in: located.lower...located.upper).lnTau)
            }
        }
        return peaks.enumerated().map { (p, located) in
            var out = located
            guard resistances[p].count >= 2 else { return out }
            let values = resistances[p]
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
            out.peak.resistanceStdError = variance.squareRoot()
            let sorted = lnTaus[p].sorted()
            let lo = percentile(sorted, 0.025), hi = percentile(sorted, 0.975)
            out.peak.tauInterval = min(exp(lo), out.peak.tau)...max(exp(hi), out.peak.tau)
            return out
        }
    }

    /// Linear-interpolated percentile of sorted values.
    func percentile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        let t = position - Double(below)
        return sorted[below] * (1 - t) + sorted[above] * t
    }
}
