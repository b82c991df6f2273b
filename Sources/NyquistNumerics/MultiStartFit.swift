/// Multi-start nonlinear least squares: one ``LevenbergMarquardt`` workspace (GSL's trust-region
/// `gsl_multifit_nlinear_trust`) run from each of several starts, keeping the solution of least χ² = Σ fᵢ².
///
/// A start is skipped when it holds a non-finite value, when the solve throws, when its χ² is at least
/// ``LevenbergMarquardt/rejectedResidual``² (the start itself could not be evaluated: residual functions write
/// that value where the model overflows), or when `accept` refuses the outcome (e.g. its parameters map back to a
/// non-finite physical value). Ties keep the earlier start. Starts are in the solver's (unconstrained)
/// coordinates; pair with ``BoundedTransform`` to work with bounded physical parameters.
public enum MultiStartFit {
    /// χ² at or above which an outcome is rejected: ``LevenbergMarquardt/rejectedResidual``².
    public static let rejectedChiSquare = LevenbergMarquardt.rejectedResidual * LevenbergMarquardt.rejectedResidual

    /// The best outcome over `starts` and the index of its start, or nil when no start gave an acceptable fit.
    public static func best(
        _ lm: inout LevenbergMarquardt, starts: [[Double]], residuals: ResidualFunction,
        accept: (LevenbergMarquardtOutcome) -> Bool = { _ in true }
    ) -> (start: Int, outcome: LevenbergMarquardtOutcome)? {
        var best: (start: Int, outcome: LevenbergMarquardtOutcome)? = nil
        for (index, q0) in starts.enumerated() {
            guard q0.count == lm.parameterCount, q0.allSatisfy(\.isFinite) else { continue }
            let outcome: LevenbergMarquardtOutcome
            do { outcome = try lm.solve(start: q0, residuals: residuals) } catch { continue }
            guard outcome.x.count == lm.parameterCount, outcome.chiSquared < rejectedChiSquare, accept(outcome) else {
                continue
            }
            if let incumbent = best, incumbent.outcome.chiSquared <= outcome.chiSquared { continue }
            best = (index, outcome)
        }
        return best
    }
}
