import Foundation

extension GrowthLaw {
    /// Starting points (natural parameters) for the log-space fit, best first.
    ///
    /// Every law is linear in its amplitudes once its nonlinear parameter (p, x0, s, τ, xc) is fixed, so the
    /// nonlinear parameter runs over a grid scaled to the data and the amplitudes come from a weighted linear least
    /// squares fit in linear space with weights 1/(Rᵢ·sᵢ)², the first-order image of the log-space weights
    /// (a "randomize" stage without randomness). Candidates are ranked by their log-space χ².
    func starts(x: [Double], y: [Double], sigma: [Double], count: Int = 4) -> [[Double]] {
        let xMax = max(x.max() ?? 1, 1e-12)
        let xPositive = x.filter { $0 > 0 }.min() ?? xMax
        let weights = zip(y, sigma).map { 1 / ($0 * $1 * $0 * $1) }
        let tiny = 1e-6 * (y.max() ?? 1)
        func geometric(_ lo: Double, _ hi: Double, _ n: Int) -> [Double] {
            (0..<n).map { lo * Foundation.pow(hi / lo, Double($0) / Double(n - 1)) }
        }
        func fit(_ basis: [(Double) -> Double], target: [Double]? = nil) -> [Double]? {
            Self.weightedLinear(x: x, y: target ?? y, weights: weights, basis: basis)
        }
        var candidates: [[Double]] = []
        switch self {
        case .linear:
            if let c = fit([{ _ in 1 }, { $0 }]) { candidates.append(c) }
        case .squareRoot:
            if let c = fit([{ _ in 1 }, { $0.squareRoot() }]) { candidates.append(c) }
        case .pureLogarithmic:
            if let c = fit([{ _ in 1 }, { Foundation.log($0) }]) { candidates.append(c) }
        case .power, .purePower:
            for p in [0.2, 0.35, 0.5, 0.7, 1.0, 1.3, 1.7] {
                if self == .power, let c = fit([{ _ in 1 }, { Foundation.pow($0, p) }]) {
                    candidates.append([c[0], max(c[1], tiny), p])
                } else if self == .purePower, let c = fit([{ Foundation.pow($0, p) }]) {
                    candidates.append([max(c[0], tiny), p])
                }
            }
        case .logarithmic:
            for x0 in geometric(0.1 * xPositive, 10 * xMax, 9) {
                if let c = fit([{ _ in 1 }, { Foundation.log1p($0 / x0) }]) { candidates.append([c[0], c[1], x0]) }
            }
        case .dealGrove:
            for s in geometric(0.1 / xMax, 1e4 / xMax, 9) {
                if let c = fit([{ _ in 1 }, { (1 + s * $0).squareRoot() - 1 }]) {
                    candidates.append([c[0], max(c[1], tiny), s])
                }
            }
        case .saturating:
            for tau in [0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 10].map({ $0 * xMax }) {
                if let c = fit([{ _ in 1 }, { Foundation.exp(-$0 / tau) }]) { candidates.append([c[0] + c[1], c[0], tau]) }
            }
        case .exponential:
            for tau in [0.1, 0.2, 0.35, 0.5, 1, 2, 5, 20].map({ $0 * xMax }) {
                if let c = fit([{ Foundation.exp($0 / tau) }]) { candidates.append([max(c[0], tiny), tau]) }
            }
        case .hyperbolic:
            for xc in [1.02, 1.1, 1.3, 1.6, 2, 3, 5, 10].map({ $0 * xMax }) {
                if let c = fit([{ 1 / (1 - $0 / xc) }]) { candidates.append([max(c[0], tiny), xc]) }
            }
        case .composite:
            for tau in [0.1, 0.2, 0.35, 0.5, 1, 2, 5, 20].map({ $0 * xMax }) {
                if let c = fit([{ Foundation.exp($0 / tau) }, { $0.squareRoot() * Foundation.exp($0 / tau) }]) {
                    candidates.append([c[0], c[1], tau])
                }
            }
        case .parabolicThickness:
            let yMin = y.min() ?? 0
            for share in [0.0, 0.3, 0.6, 0.9] {
                let rct = share * yMin
                let squared = y.map { ($0 - rct) * ($0 - rct) }
                if let c = fit([{ _ in 1 }, { $0 }], target: squared) {
                    candidates.append([rct, max(c[0], tiny * tiny).squareRoot(), max(c[1], tiny)])
                }
            }
        }
        let scored = candidates.compactMap { theta -> (Double, [Double])? in
            var chi2 = 0.0
            for i in x.indices {
                let f = value(at: x[i], parameters: theta)
                guard f > 0, f.isFinite else { return nil }
                let r = (Foundation.log(y[i]) - Foundation.log(f)) / sigma[i]
                chi2 += r * r
            }
            return (chi2, theta)
        }
        let ranked = scored.sorted { $0.0 < $1.0 }.map(\.1)
        if ranked.isEmpty { return candidates.prefix(count).map { $0 } }
        return Array(ranked.prefix(count))
    }

    /// Minimises Σ wᵢ(yᵢ − Σⱼ cⱼ·bⱼ(xᵢ))² through the normal equations (at most 2 unknowns, Cramer's rule).
    static func weightedLinear(x: [Double], y: [Double], weights: [Double], basis: [(Double) -> Double]) -> [Double]? {
        let m = basis.count
        var a = [Double](repeating: 0, count: m * m)
        var b = [Double](repeating: 0, count: m)
        for i in x.indices {
            let row = basis.map { $0(x[i]) }
            guard row.allSatisfy(\.isFinite) else { return nil }
            for j in 0..<m {
                b[j] += weights[i] * row[j] * y[i]
                for k in 0..<m { a[j * m + k] += weights[i] * row[j] * row[k] }
            }
        }
        if m == 1 {
            guard a[0] > 0 else { return nil }
            return [b[0] / a[0]]
        }
        let det = a[0] * a[3] - a[1] * a[2]
        guard det != 0, det.isFinite, abs(det) > 1e-14 * abs(a[0] * a[3]) else { return nil }
        let result = [(b[0] * a[3] - a[1] * b[1]) / det, (a[0] * b[1] - a[2] * b[0]) / det]
        return result.allSatisfy(\.isFinite) ? result : nil
    }
}
