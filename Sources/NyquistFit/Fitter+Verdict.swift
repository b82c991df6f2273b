import NyquistNumerics

extension Fitter {
    /// How far a point where Levenberg–Marquardt stopped without meeting a tolerance test (iteration limit, or no
    /// further cost-reducing step) is from the minimum, measured where it matters: in standard errors.
    struct Stationarity: Sendable {
        /// Δ, the χ² decrease a full Gauss–Newton step predicts (``LevenbergMarquardtOutcome/gaussNewtonDecrease(excludedColumns:)``).
        var predictedDecrease: Double
        /// d = √(Δ/s²), s² = χ²/ν (ν = 2m − P): the length of the step to the minimum in standard errors.
        var standardErrors: Double
        /// Δ/χ², the relative χ² decrease still available.
        var relativeDecrease: Double
        /// max_k |(Jᵀf)_k|·max(|θ_k|, 1)/max(χ²/2, 10⁻³⁰⁰), the relative gradient (see ``gradientNorm(_:)``).
        var relativeGradient: Double

        /// At a minimum: d ≤ ``maximumStandardErrors`` (no parameter could move by a measurable fraction of its
        /// uncertainty), or Δ below the rounding floor 10⁻²⁰·Σ(wᵢ|Zᵢ|)² of the weighted data (noise-free data).
        var isAtMinimum: Bool
    }

    /// The largest step to the minimum, in standard errors, at which a stopped fit still counts as converged.
    static let maximumStandardErrors = 0.01

    /// The stationarity of the point of `o`, or nil when it cannot be judged (no residuals or Jacobian).
    /// Free parameters within 10⁻⁴ of a bounded range (see ``pinToBounds(_:_:)``) are left out: at a constrained
    /// minimum their gradient need not vanish.
    static func stationarity(_ o: LevenbergMarquardtOutcome, _ problem: FitProblem) -> Stationarity? {
        let pinned = Set(problem.transforms.indices.filter { k in
            k < o.x.count && nearBound(problem.transforms[k], o.x[k]) != nil
        })
        guard let decrease = o.gaussNewtonDecrease(excludedColumns: pinned), decrease.isFinite,
              o.chiSquared.isFinite else { return nil }
        let dof = Double(max(o.residualCount - o.parameterCount, 1))
        let s2 = o.chiSquared / dof
        let d = s2 > 0 ? (decrease / s2).squareRoot() : (decrease > 0 ? Double.infinity : 0)
        var scale = 0.0
        let boukamp = problem.settings.weighting == .boukamp
        for (i, z) in problem.data.enumerated() {
            let wr = boukamp ? 1 : problem.weightRe[i] * z.length, wi = boukamp ? 1 : problem.weightIm[i] * z.length
            scale += wr * wr + wi * wi
        }
        return Stationarity(
            predictedDecrease: decrease, standardErrors: d,
            relativeDecrease: o.chiSquared > 0 ? decrease / o.chiSquared : 0, relativeGradient: gradientNorm(o),
            isAtMinimum: d <= maximumStandardErrors || decrease <= 1e-20 * scale)
    }

    /// The verdict on a solve that ended without meeting a tolerance test (`.maxIterations` or `.noProgress`):
    /// converged when the point is measurably a minimum (``Stationarity/isAtMinimum``), whatever stopped it.
    static func verdictWithoutTolerance(_ o: LevenbergMarquardtOutcome, _ problem: FitProblem) -> (Bool, String) {
        let stop = o.status == .noProgress ? "no further decrease of χ² possible" : "iteration limit"
        guard let s = stationarity(o, problem) else {
            return (false, o.status == .noProgress ? "no progress: the minimum could not be verified"
                                                  : "iteration limit reached: the minimum could not be verified")
        }
        let numbers = "step to the minimum \(formatShort(s.standardErrors)) standard errors, χ² could fall by "
            + "\(formatShort(s.relativeDecrease)) of its value, relative gradient \(formatShort(s.relativeGradient))"
        return s.isAtMinimum ? (true, "converged: \(stop) at a minimum (\(numbers))")
            : (false, "\(stop == "iteration limit" ? "iteration limit reached" : "no progress") away from a minimum (\(numbers))")
    }

    /// Which end of its range a logistic-transformed parameter is within 10⁻⁴ of, if any (`.log` and
    /// `.lowerBounded`, `.identity` and `.scaledAbove` never: their bound is approached only as θ → −∞).
    static func nearBound(_ t: ParameterTransform, _ theta: Double) -> BoundHit? {
        switch t {
        case .box, .logBox, .upperBounded:
            let s = ParameterTransform.logistic(theta)
            return s < 1e-4 ? .lower : (s > 1 - 1e-4 ? .upper : nil)
        case .log, .lowerBounded, .identity, .scaledAbove: return nil
        }
    }
}
