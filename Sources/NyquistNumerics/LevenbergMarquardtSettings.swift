import CGSL

/// Tunable parameters of ``LevenbergMarquardt`` (GSL `gsl_multifit_nlinear_parameters` plus the stopping tests).
///
/// The stopping tests are those of `gsl_multifit_nlinear_test`, evaluated after every iteration:
/// 1. small step: |δᵢ| < xtol·(|xᵢ| + xtol) for every parameter i;
/// 2. small gradient: maxᵢ |gᵢ · max(xᵢ, 1)| ≤ gtol · max(½‖f‖², 1), with g = Jᵀf;
/// 3. small cost change: ‖f(x+δ) − f(x)‖ ≤ ftol · max(‖f(x)‖, 1). GSL 2.7 documents this test but compiles it out,
///    so ``LevenbergMarquardt`` evaluates it itself, only after an iteration that accepted a step.
/// A tolerance of 0 disables its test. All quantities are in the caller's (dimensionless or scaled) units.
public struct LevenbergMarquardtSettings: Sendable, Hashable, Codable {
    /// Trust-region subproblem solved at each iteration (`gsl_multifit_nlinear_parameters.trs`).
    public enum TrustRegion: Sendable, Hashable, Codable {
        /// Plain Levenberg–Marquardt step (`gsl_multifit_nlinear_trs_lm`).
        case levenbergMarquardt
        /// Levenberg–Marquardt with geodesic acceleration (`gsl_multifit_nlinear_trs_lmaccel`); a step is rejected
        /// when |a|/|v| exceeds `maxAccelerationRatio` (GSL's `avmax`, default 0.75). The second directional
        /// derivative is estimated by finite differences (extra residual evaluations per iteration).
        case geodesicAcceleration(maxAccelerationRatio: Double = 0.75)
    }

    /// Linear solver for the trust-region step (`gsl_multifit_nlinear_parameters.solver`).
    public enum LinearSolver: String, Sendable, Hashable, Codable, CaseIterable {
        /// QR factorisation of J (`gsl_multifit_nlinear_solver_qr`): robust, the default.
        case qr
        /// Cholesky factorisation of JᵀJ + μDᵀD (`gsl_multifit_nlinear_solver_cholesky`): fastest, squares κ(J).
        case cholesky
        /// SVD of J (`gsl_multifit_nlinear_solver_svd`): slowest, most robust for near-singular J.
        case svd
        /// Nyquist's own solver for tall, thin J (``NormalEquationsSolver``): JᵀJ formed by one pass over J's rows,
        /// then a Jacobi-scaled Cholesky of JᵀJ + μDᵀD per trial μ. Squares κ(J) like `.cholesky` but has no BLAS
        /// or copy overhead; returns `GSL_EDOM` (status `.failed`) on a non-positive pivot.
        case normalCholesky = "normal-cholesky"
        /// Nyquist's own Householder QR for tall, thin J (``ThinQRSolver``): the subproblem of `.qr` (condition
        /// number not squared) with J factored column-major by CKernels' reflections, no pivoting, and each trial μ
        /// solved on the small stacked matrix [R; √μ·D].
        case thinQR = "thin-qr"
    }

    /// Diagonal scaling matrix D (`gsl_multifit_nlinear_parameters.scale`).
    public enum Scaling: String, Sendable, Hashable, Codable, CaseIterable {
        /// Moré's rescaling, Dⱼⱼ = max over iterations of ‖Jⱼ‖ (`gsl_multifit_nlinear_scale_more`), the default.
        case more
        /// Marquardt's rescaling, Dⱼⱼ = ‖Jⱼ‖ at the current iterate (`gsl_multifit_nlinear_scale_marquardt`).
        case marquardt
        /// Levenberg's D = I (`gsl_multifit_nlinear_scale_levenberg`): not scale invariant.
        case levenberg
    }

    /// Finite-difference scheme for the Jacobian when the caller supplies none
    /// (`gsl_multifit_nlinear_parameters.fdtype`).
    public enum FiniteDifference: String, Sendable, Hashable, Codable, CaseIterable {
        /// Forward differences: p residual evaluations per Jacobian (`GSL_MULTIFIT_NLINEAR_FWDIFF`).
        case forward
        /// Central differences: 2p residual evaluations per Jacobian, O(h²) error (`GSL_MULTIFIT_NLINEAR_CTRDIFF`).
        case central
    }

    /// Maximum number of iterations (`gsl_multifit_nlinear_iterate` calls), ≥ 0. Default 200.
    public var maxIterations: Int
    /// Step-size tolerance (test 1 above), ≥ 0. Default 1e-8.
    public var xtol: Double
    /// Gradient tolerance (test 2 above), ≥ 0. Default 1e-8.
    public var gtol: Double
    /// Residual-change tolerance (test 3 above), ≥ 0. Default 1e-8.
    public var ftol: Double
    /// Default `.levenbergMarquardt`.
    public var trustRegion: TrustRegion
    /// Default `.qr`.
    public var linearSolver: LinearSolver
    /// Default `.more`.
    public var scaling: Scaling
    /// Default `.forward`.
    public var finiteDifference: FiniteDifference
    /// Relative step h of the finite-difference Jacobian: Δxⱼ = h·|xⱼ| (h when xⱼ = 0). GSL default √ε ≈ 1.49e-8.
    public var finiteDifferenceStep: Double

    public init(
        maxIterations: Int = 200,
        xtol: Double = 1e-8,
        gtol: Double = 1e-8,
        ftol: Double = 1e-8,
        trustRegion: TrustRegion = .levenbergMarquardt,
        linearSolver: LinearSolver = .qr,
        scaling: Scaling = .more,
        finiteDifference: FiniteDifference = .forward,
        finiteDifferenceStep: Double = Double.ulpOfOne.squareRoot()
    ) {
        self.maxIterations = maxIterations
        self.xtol = xtol
        self.gtol = gtol
        self.ftol = ftol
        self.trustRegion = trustRegion
        self.linearSolver = linearSolver
        self.scaling = scaling
        self.finiteDifference = finiteDifference
        self.finiteDifferenceStep = finiteDifferenceStep
    }

    /// Throws `.invalidArgument` for a negative iteration limit, a negative or non-finite tolerance, or a
    /// non-positive finite-difference step or acceleration ratio.
    func validate() throws(GSLError) {
        guard maxIterations >= 0 else {
            throw .invalidArgument(argument: "maxIterations", reason: "\(maxIterations) is negative")
        }
        try requireTolerance(xtol, argument: "xtol")
        try requireTolerance(gtol, argument: "gtol")
        try requireTolerance(ftol, argument: "ftol")
        try requireTolerance(finiteDifferenceStep, argument: "finiteDifferenceStep", strictlyPositive: true)
        if case .geodesicAcceleration(let ratio) = trustRegion {
            try requireTolerance(ratio, argument: "maxAccelerationRatio", strictlyPositive: true)
        }
    }

    /// The GSL parameter block: `gsl_multifit_nlinear_default_parameters()` with these choices applied.
    var gslParameters: gsl_multifit_nlinear_parameters {
        var parameters = gsl_multifit_nlinear_default_parameters()
        switch trustRegion {
        case .levenbergMarquardt:
            parameters.trs = nyq_trs_lm()
        case .geodesicAcceleration(let ratio):
            parameters.trs = nyq_trs_lmaccel()
            parameters.avmax = ratio
        }
        switch linearSolver {
        case .qr: parameters.solver = nyq_solver_qr()
        case .cholesky: parameters.solver = nyq_solver_cholesky()
        case .svd: parameters.solver = nyq_solver_svd()
        case .normalCholesky: parameters.solver = UnsafePointer(normalEquationsSolverDescriptor)
        case .thinQR: parameters.solver = UnsafePointer(thinQRSolverDescriptor)
        }
        switch scaling {
        case .more: parameters.scale = nyq_scale_more()
        case .marquardt: parameters.scale = nyq_scale_marquardt()
        case .levenberg: parameters.scale = nyq_scale_levenberg()
        }
        switch finiteDifference {
        case .forward: parameters.fdtype = GSL_MULTIFIT_NLINEAR_FWDIFF
        case .central: parameters.fdtype = GSL_MULTIFIT_NLINEAR_CTRDIFF
        }
        parameters.h_df = finiteDifferenceStep
        return parameters
    }
}
