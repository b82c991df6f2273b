/// Why a ``LevenbergMarquardt`` solve ended.
public enum LevenbergMarquardtStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Which convergence test of ``LevenbergMarquardtSettings`` was met.
    public enum ConvergenceReason: String, Sendable, Hashable, Codable, CaseIterable {
        /// Test 1: every |δᵢ| < xtol·(|xᵢ| + xtol) (GSL `info = 1`).
        case smallStep
        /// Test 2: scaled gradient ‖g ∘ max(x, 1)‖∞ ≤ gtol·max(½‖f‖², 1) (GSL `info = 2`).
        case smallGradient
        /// Test 3: ‖Δf‖ ≤ ftol·max(‖f‖, 1) after an accepted step.
        case smallCostChange
    }

    /// A convergence test was met; the outcome holds the solution.
    case converged(reason: ConvergenceReason)
    /// `maxIterations` iterations ran without meeting a test; the outcome holds the last accepted point.
    case maxIterations
    /// GSL found no cost-reducing step: `GSL_ENOPROG` on the first iteration (as `gsl_multifit_nlinear_driver`
    /// treats it) or on two consecutive later iterations, or `GSL_ENOPROGJ`.
    case noProgress
    /// The caller's `shouldStop` returned `true`.
    case stoppedByCaller
    /// The residual or Jacobian callback returned `false` or produced NaN/±∞ (`GSL_EBADFUNC`).
    case evaluationFailed
    /// Any other GSL status (see ``gslStatusMessage(_:)``).
    case failed(code: Int32)

    /// `true` for `.converged`.
    public var isConverged: Bool {
        if case .converged = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .converged(let reason): return "converged (\(reason.rawValue))"
        case .maxIterations: return "maximum iterations reached"
        case .noProgress: return "no progress"
        case .stoppedByCaller: return "stopped by caller"
        case .evaluationFailed: return "model evaluation failed"
        case .failed(let code): return "GSL status \(code): \(gslStatusMessage(code))"
        }
    }
}

/// The result of ``LevenbergMarquardt/solve(start:residuals:jacobian:shouldStop:)``.
///
/// `x`, `residuals` and `jacobian` describe the last *accepted* point of the iteration (the solution when
/// converged). When `status == .evaluationFailed`, `jacobian` is empty (GSL may have overwritten it part-way), and
/// if the failure happened at the start point, `residuals` is empty and `chiSquared` is `+∞` (encode with a
/// non-conforming-float strategy if you serialise such an outcome to JSON).
public struct LevenbergMarquardtOutcome: Sendable, Hashable, Codable {
    /// Parameters, length p.
    public var x: [Double]
    /// Residual vector f(x), length n (or empty, see above).
    public var residuals: [Double]
    /// Jacobian ∂fᵢ/∂xⱼ at x, row-major n×p: element (i, j) at `i * parameterCount + j` (or empty, see above).
    public var jacobian: [Double]
    /// n.
    public var residualCount: Int
    /// p.
    public var parameterCount: Int
    /// χ² = Σᵢ fᵢ², in the squared units of the residuals.
    public var chiSquared: Double
    /// Iterations performed (`gsl_multifit_nlinear_niter`).
    public var iterations: Int
    /// Residual evaluations (GSL `nevalf`), including those made by finite-difference Jacobians.
    public var functionEvaluations: Int
    /// Calls of the caller's analytic Jacobian (GSL `nevaldf`); 0 when finite differences are used.
    public var jacobianEvaluations: Int
    public var status: LevenbergMarquardtStatus

    public init(
        x: [Double], residuals: [Double], jacobian: [Double], residualCount: Int, parameterCount: Int,
        chiSquared: Double, iterations: Int, functionEvaluations: Int, jacobianEvaluations: Int,
        status: LevenbergMarquardtStatus
    ) {
        self.x = x
        self.residuals = residuals
        self.jacobian = jacobian
        self.residualCount = residualCount
        self.parameterCount = parameterCount
        self.chiSquared = chiSquared
        self.iterations = iterations
        self.functionEvaluations = functionEvaluations
        self.jacobianEvaluations = jacobianEvaluations
        self.status = status
    }

    /// (JᵀJ)⁻¹ at the solution; see ``ParameterCovariance/estimate(jacobian:n:p:relativeTolerance:normalEquations:)``.
    /// Multiply by χ²/(n − p) for the usual scaled parameter covariance of an unweighted fit.
    public func covariance(relativeTolerance: Double = ParameterCovariance.defaultRelativeTolerance)
        throws(GSLError) -> ParameterCovariance
    {
        try ParameterCovariance.estimate(
            jacobian: jacobian, n: residualCount, p: parameterCount, relativeTolerance: relativeTolerance)
    }
}

extension LevenbergMarquardtOutcome {
    /// The χ² decrease a full Gauss–Newton step from `x` predicts: Δ = ‖J·δ‖² with δ = argmin ‖J·δ − f‖, i.e. the
    /// squared length of the projection of f onto the column space of J, Δ = fᵀJ(JᵀJ)⁺Jᵀf (units of χ²).
    ///
    /// Δ = 0 exactly where the gradient Jᵀf vanishes, and Δ does not depend on how the parameters are scaled or
    /// transformed. With the covariance C = s²(JᵀJ)⁻¹, Δ/s² = δᵀC⁻¹δ is the squared length of the step to the
    /// minimum in standard errors, so √(Δ/s²) tells whether the point is *measurably* short of the minimum.
    ///
    /// - Parameter excludedColumns: parameters (column indices of J) left out, e.g. those pinned against a bound,
    ///   whose gradient need not vanish at a constrained minimum.
    /// - Returns: Δ ≥ 0, or nil when the outcome has no residuals or Jacobian, or the least-squares solve fails.
    public func gaussNewtonDecrease(excludedColumns: Set<Int> = []) -> Double? {
        let n = residualCount, p = parameterCount
        guard residuals.count == n, jacobian.count == n * p else { return nil }
        let kept = (0..<p).filter { !excludedColumns.contains($0) }
        guard !kept.isEmpty else { return 0 }
        var design = [Double](repeating: 0, count: n * kept.count)
        for i in 0..<n {
            for (c, j) in kept.enumerated() { design[i * kept.count + c] = jacobian[i * p + j] }
        }
        guard let solution = try? LinearLeastSquares.solve(design: design, rows: n, columns: kept.count, rhs: residuals)
        else { return nil }
        var decrease = 0.0
        for i in 0..<n {
            var projected = 0.0
            for c in kept.indices { projected += design[i * kept.count + c] * solution.coefficients[c] }
            decrease += projected * projected
        }
        return decrease
    }
}
