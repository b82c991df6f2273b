import Foundation

/// A peak found on the grid, with the grid span it owns (between the neighbouring minima).
struct LocatedPeak {
    var peak: DRTPeak
    var gridIndex: Int
    var lower: Int
    var upper: Int
}

/// Peak detection on a piecewise-linear γ(ln τ).
enum DRTPeakFinder {
    /// A local maximum counts as a peak when γ there is at least this fraction of the largest γ.
    static let relativeThreshold = 0.01
    /// … and its topographic prominence (height above the higher of the two lowest points separating it from a
    /// higher maximum or the grid end) is at least this fraction of the largest γ. Lower bumps are regularisation
    /// ripple (a Tikhonov fit of a sharp peak rings) and are merged into their neighbours' spans.
    static let relativeProminence = 0.05

    /// The prominence of the local maximum at k (see ``relativeProminence``).
    static func prominence(gamma: [Double], at k: Int) -> Double {
        var leftBase = gamma[k], rightBase = gamma[k]
        var j = k - 1
        while j >= 0, gamma[j] <= gamma[k] {
            leftBase = min(leftBase, gamma[j])
            j -= 1
        }
        if j < 0 { leftBase = min(leftBase, 0) }
        j = k + 1
        while j < gamma.count, gamma[j] <= gamma[k] {
            rightBase = min(rightBase, gamma[j])
            j += 1
        }
        if j >= gamma.count { rightBase = min(rightBase, 0) }
        return gamma[k] - max(leftBase, rightBase)
    }

    /// ∫ γ d ln τ from grid point `from` to `to` (trapezoid rule on ln τ: exact for piecewise-linear γ), Ω.
    static func integrate(gamma: [Double], tau: [Double], from: Int, to: Int) -> Double {
        guard from < to, to < gamma.count else { return 0 }
        var s = 0.0
        for k in from..<to { s += 0.5 * (gamma[k] + gamma[k + 1]) * (log(tau[k + 1]) - log(tau[k])) }
        return s
    }

    /// The grid index and interpolated ln τ of the largest γ in `range`: a parabola through the maximum and its two
    /// neighbours (vertex offset clamped to ±½ step).
    static func maximum(gamma: [Double], lnTau: [Double], in range: ClosedRange<Int>) -> (index: Int, lnTau: Double) {
        var k = range.lowerBound
        for j in range where gamma[j] > gamma[k] { k = j }
        guard k > 0, k < gamma.count - 1 else { return (k, lnTau[k]) }
        let left = gamma[k - 1], mid = gamma[k], right = gamma[k + 1]
        let curvature = left - 2 * mid + right
        var offset = curvature < 0 ? 0.5 * (left - right) / curvature : 0
        offset = min(max(offset, -0.5), 0.5)
        return (k, lnTau[k] + offset * (lnTau[k + 1] - lnTau[k]))
    }

    /// The peaks of γ: local maxima with γ ≥ 1 % of max γ and a prominence ≥ 5 % of max γ; each owns the grid span between the minima of γ that
    /// separate it from its neighbours (the grid ends for the outermost), so the peak resistances add up to the
    /// total ∫ γ d ln τ.
    static func peaks(gamma: [Double], lnTau: [Double]) -> [LocatedPeak] {
        let n = gamma.count
        guard n >= 3, let top = gamma.max(), top > 0 else { return [] }
        var maxima: [Int] = []
        for k in 0..<n {
            let leftOK = k == 0 || gamma[k] > gamma[k - 1]
            let rightOK = k == n - 1 || gamma[k] >= gamma[k + 1]
            if leftOK && rightOK && gamma[k] >= relativeThreshold * top
                && prominence(gamma: gamma, at: k) >= relativeProminence * top {
                maxima.append(k)
            }
        }
        // Split points: the minimum of γ between consecutive maxima.
        var bounds = [0]
        for (a, b) in zip(maxima, maxima.dropFirst()) {
            var low = a
            for j in a...b where gamma[j] < gamma[low] { low = j }
            bounds.append(low)
        }
        bounds.append(n - 1)
        let tau = lnTau.map { exp($0) }
        return maxima.enumerated().map { (p, k) in
            let lower = bounds[p], upper = bounds[p + 1]
            let located = maximum(gamma: gamma, lnTau: lnTau, in: lower...upper)
            let t = exp(located.lnTau)
            let resistance = integrate(gamma: gamma, tau: tau, from: lower, to: upper)
            return LocatedPeak(
                peak: DRTPeak(tau: t, frequency: 1 / (2 * Double.pi * t), resistance: resistance),
                gridIndex: k, lower: lower, upper: upper)
        }
    }
}
