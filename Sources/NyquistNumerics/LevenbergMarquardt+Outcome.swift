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

    /// (JᵀJ)⁻¹ at the solution; see ``ParameterCovariance/estimate(jacobian:n:p:relativeTolerance:)``.
    /// Multiply by χ²/(n − p) for the usual scaled parameter covariance of an unweighted fit.
    public func covariance(relativeTolerance: Double = ParameterCovariance.defaultRelativeTolerance)
        throws(GSLError) -> ParameterCovariance
    {
        try ParameterCovariance.estimate(
            jacobian: jacobian, n: residualCount, p: parameterCount, relativeTolerance: relativeTolerance)
    }
}
