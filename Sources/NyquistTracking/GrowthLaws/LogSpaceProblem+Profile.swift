import Foundation
import NyquistNumerics

extension LogSpaceProblem {
    /// χ²₁(0.95) = z₀.₉₇₅², z₀.₉₇₅ = 1.959963984540054.
    static let chiSquareOneDof95 = 1.959963984540054 * 1.959963984540054

    /// The criterion, its threshold and the scale dividing the χ² rise; nil when estimated with N ≤ k or RSS = 0.
    func profileRule(chi2: Double) -> (criterion: ProfileCriterion, threshold: Double, scale: Double)? {
        let n = x.count
        let k = law.parameterCount
        switch options.variance {
        case .trusted: return (.likelihoodRatio, Self.chiSquareOneDof95, 1)
        case .estimated:
            guard n > k, chi2 > 0, let t = StudentT.quantile(0.975, degreesOfFreedom: Double(n - k)) else { return nil }
            return (.fTest, t * t, chi2 / Double(n - k))
        }
    }

    /// P(v): the least χ² with θⱼ fixed at `value`, the other parameters re-optimised by the same
    /// Levenberg–Marquardt (GSL trust region) over their unconstrained coordinates, from each of `starts`
    /// (full θ vectors; their j-th entry is ignored). Returns the best (χ², θ), or nil when no start gave a finite fit.
    func profileChi2(_ j: Int, value: Double, starts: [[Double]], lm: inout LevenbergMarquardt)
        -> (chi2: Double, theta: [Double])?
    {
        let k = law.parameterCount
        let n = x.count
        let slots = law.slots
        let others = (0..<k).filter { $0 != j }
        var theta = [Double](repeating: 0, count: k)
        let q0 = starts.map { start in others.map { slots[$0].constraint.unconstrained(start[$0], xMax: xMax) } }
        func solution(_ q: [Double]) -> [Double] {
            var solution = [Double](repeating: value, count: k)
            for (m, i) in others.enumerated() {
                // A positive parameter may run to +∞ where the law has a finite limit (τ → ∞: e^(x/τ) → 1); keep
                // the largest finite value so the solution can seed the next re-fit.
                let v = slots[i].constraint.natural(q[m], xMax: xMax)
                solution[i] = v.isNaN ? v : min(max(v, -Double.greatestFiniteMagnitude), Double.greatestFiniteMagnitude)
            }
            return solution
        }
        let found = MultiStartFit.best(&lm, starts: q0, residuals: { q, f in
            theta[j] = value
            for (m, i) in others.enumerated() { theta[i] = slots[i].constraint.natural(q[m], xMax: self.xMax) }
            for r in 0..<n {
                f[r] = (self.logY[r] - self.logModel(self.law.value(at: self.x[r], parameters: theta))) / self.sigma[r]
                if !f[r].isFinite { f[r] = LevenbergMarquardt.rejectedResidual }  // reject the trial step
            }
            return true
        }, accept: { solution($0.x).allSatisfy(\.isFinite) })
        return found.map { (chi2: $0.outcome.chiSquared, theta: solution($0.outcome.x)) }
    }

    /// The 95 % profile interval of parameter j around the fit θ̂ (χ² = `chi2`), `se` its covariance standard error.
    ///
    /// Works in the parameter's unconstrained coordinate s (θ itself for free parameters, ln θ for positive ones,
    /// the logit for p ∈ (0, 2), ln(θ/max x − 1) for a critical clock): steps outward from ŝ by h, 2h, 4h, …
    /// (h = SE_s·√threshold, the crossing of a quadratic profile; 0.1 without a standard error) until the statistic
    /// reaches the threshold, then refines the crossing by regula falsi (Illinois) to 10⁻⁸ of the threshold
    /// (NyquistNumerics' ``RootFinder/bracket(from:direction:initialStep:limit:evaluate:)`` and ``RootFinder/refine``). Each
    /// evaluation re-optimises the other parameters from the neighbouring evaluation's solution and from θ̂.
    /// Search limits: the bound of an interval parameter (logit ±20), ŝ ± 25 in ln θ for positive parameters,
    /// ŝ ± max(10⁴·h, 10³·max(|θ̂|, max R)) for free ones; a side that stays below the threshold up to its limit is
    /// reported unbounded with the limit.
    func profileInterval(_ j: Int, theta fit: [Double], chi2: Double, se: Double?) -> ProfileInterval? {
        guard let rule = profileRule(chi2: chi2), law.parameterCount >= 2 else { return nil }
        var lm: LevenbergMarquardt
        do {
            lm = try LevenbergMarquardt(
                residualCount: x.count, parameterCount: law.parameterCount - 1,
                settings: LevenbergMarquardtSettings(
                    maxIterations: options.maxIterations, xtol: 1e-12, gtol: 1e-12, ftol: 1e-14))
        } catch { return nil }
        let constraint = law.slots[j].constraint
        let s0 = constraint.unconstrained(fit[j], xMax: xMax)
        let theta0 = fit[j]
        var slope: Double  // ds/dθ at θ̂
        var limits: (Double, Double)
        switch constraint {
        case .free: slope = 1
        case .positive: slope = 1 / max(theta0, 1e-300)
        case .interval(let lo, let hi): slope = (hi - lo) / max((theta0 - lo) * (hi - theta0), 1e-300)
        case .beyondData: slope = 1 / max(theta0 - xMax, 1e-300)
        }
        var h = 0.1
        if let se, se.isFinite, se > 0 { h = se * slope * rule.threshold.squareRoot() }
        switch constraint {
        case .free:
            if !(se.map { $0.isFinite && $0 > 0 } ?? false) { h = 0.1 * max(abs(theta0), 1e-3 * (y.max() ?? 1)) }
            let span = max(1e4 * h, 1e3 * max(abs(theta0), y.max() ?? 1))
            limits = (s0 - span, s0 + span)
        case .positive:
            h = min(max(h, 1e-4), 2)
            limits = (s0 - 25, s0 + 25)
        case .interval:
            h = min(max(h, 1e-4), 2)
            limits = (min(-20, s0), max(20, s0))
        case .beyondData:
            h = min(max(h, 1e-4), 2)
            limits = (min(-20, s0), s0 + 25)
        }
        var evaluations = 0
        var notes: [String] = []
        var result = ProfileInterval(
            lower: nil, upper: nil, lowerLimit: nil, upperLimit: nil, criterion: rule.criterion,
            threshold: rule.threshold, evaluations: 0, notes: [])
        for direction in [-1.0, 1.0] {
            let limit = direction < 0 ? limits.0 : limits.1
            var lowerNoted = false
            func statistic(_ s: Double, starts: [[Double]]) -> (d: Double, theta: [Double])? {
                evaluations += 1
                let v = constraint.natural(s, xMax: xMax)
                guard let p = profileChi2(j, value: v, starts: starts, lm: &lm) else { return nil }
                let d = (p.chi2 - chi2) / rule.scale
                if d < -1e-4 * rule.threshold, !lowerNoted {
                    lowerNoted = true
                    notes.append(
                        "at \(law.slots[j].name) = \(v) the profile's χ² (\(p.chi2)) is below the fit's (\(chi2)): "
                            + "the fit is not the global optimum")
                }
                return (d, p.theta)
            }
            func point(_ s: Double, starts: [[Double]]) -> RootPoint<[Double]>? {
                statistic(s, starts: starts).map { RootPoint(x: s, value: $0.d - rule.threshold, state: $0.theta) }
            }
            var failedAt: Double? = nil
            var crossing: Double? = nil
            let start = RootPoint(x: s0, value: -rule.threshold, state: fit)
            let bracket = RootFinder.bracket(from: start, direction: direction, initialStep: h, limit: limit) {
                s, inside, previous in
                var starts = [inside.state, fit]
                if let previous, let predicted = extrapolate((previous.x, previous.state), (inside.x, inside.state), to: s) {
                    starts.insert(predicted, at: 0)
                }
                return point(s, starts: starts)
            }
            switch bracket {
            case .failed(let s, _): failedAt = constraint.natural(s, xMax: xMax)
            case .reachedLimit: break
            case .bracketed(let inside, let outside):
                let refined = RootFinder.refine(inside: inside, outside: outside, valueTolerance: 1e-8 * rule.threshold) {
                    s, a, b in point(s, starts: [a.state, b.state, fit])
                }
                switch refined {
                case .converged(let p): crossing = constraint.natural(p.x, xMax: xMax)
                case .failed(let s): failedAt = constraint.natural(s, xMax: xMax)
                case .iterationLimit(let a, let b):
                    crossing = constraint.natural(0.5 * (a.x + b.x), xMax: xMax)
                    notes.append("\(direction < 0 ? "lower" : "upper") crossing refined only to the iteration limit")
                }
            }
            let side = direction < 0 ? "lower" : "upper"
            if let failedAt {
                notes.append("\(side) side: the constrained re-fit failed at \(law.slots[j].name) = \(failedAt)")
            } else if crossing == nil {
                notes.append(
                    "\(side) side unbounded: the profile stays below the threshold up to \(law.slots[j].name) = "
                        + "\(constraint.natural(limit, xMax: xMax))")
            }
            let farthest = failedAt ?? (crossing == nil ? constraint.natural(limit, xMax: xMax) : nil)
            if direction < 0 {
                result.lower = crossing
                result.lowerLimit = farthest
            } else {
                result.upper = crossing
                result.upperLimit = farthest
            }
        }
        result.evaluations = evaluations
        result.notes = notes
        return result
    }

    /// A predictor start for the re-fit at s: the other parameters extrapolated linearly in their unconstrained
    /// coordinates from the solutions at two earlier points (follows a ridge such as u → 0, s → ∞ of G5).
    func extrapolate(_ a: (s: Double, theta: [Double]), _ b: (s: Double, theta: [Double]), to s: Double) -> [Double]? {
        guard b.s != a.s else { return nil }
        let slots = law.slots
        let f = (s - b.s) / (b.s - a.s)
        var theta = b.theta
        for i in theta.indices {
            let qa = slots[i].constraint.unconstrained(a.theta[i], xMax: xMax)
            let qb = slots[i].constraint.unconstrained(b.theta[i], xMax: xMax)
            theta[i] = slots[i].constraint.natural(qb + f * (qb - qa), xMax: xMax)
        }
        return theta.allSatisfy(\.isFinite) ? theta : nil
    }
}
