import CGSL

/// A reusable GSL trust-region nonlinear least-squares workspace for problems with n residuals and p parameters:
/// minimises Φ(x) = ½‖f(x)‖² = ½ Σᵢ fᵢ(x)² (`gsl_multifit_nlinear_alloc` with `gsl_multifit_nlinear_trust`).
///
/// The workspace owns all GSL memory and the scratch buffers the C callbacks need, so a solve allocates only its
/// result arrays and never allocates inside a residual or Jacobian callback. Create one per thread (or task) and
/// reuse it for many solves of the same size; it is `Sendable` so it can be handed to the thread that uses it, and
/// all of its GSL-touching methods are `mutating`, so the compiler rules out concurrent use of one instance.
///
/// ```swift
/// var lm = try LevenbergMarquardt(residualCount: 2, parameterCount: 2)
/// let outcome = try lm.solve(start: [-1.2, 1]) { x, f in
///     f[0] = 10 * (x[1] - x[0] * x[0]); f[1] = 1 - x[0]; return true
/// }
/// ```
public struct LevenbergMarquardt: ~Copyable, @unchecked Sendable {
    // @unchecked Sendable: the GSL workspace, the fdf block and the context are reachable only through this
    // non-copyable value, and every method that touches them is `mutating` (exclusive access).

    /// n, the number of residuals.
    public let residualCount: Int
    /// p, the number of parameters.
    public let parameterCount: Int
    public let settings: LevenbergMarquardtSettings
    private let workspace: UnsafeMutablePointer<gsl_multifit_nlinear_workspace>
    /// GSL keeps this pointer (`w->fdf`) between init and iterate, so it lives as long as the workspace.
    private let fdf: UnsafeMutablePointer<gsl_multifit_nlinear_fdf>
    /// Reached from the C callbacks through `fdf.params` (unretained: this struct keeps it alive).
    private let context: LevenbergMarquardtContext

    /// Allocates a workspace for n residuals and p parameters.
    /// - Throws: `GSLError.badDimensions` when n or p is zero or negative or n < p; `.invalidArgument` for invalid
    ///   settings; `.allocationFailed` when GSL returns `NULL`.
    public init(
        residualCount n: Int, parameterCount p: Int, settings: LevenbergMarquardtSettings = .init()
    ) throws(GSLError) {
        ensureGSLErrorHandlerOff()
        guard n > 0, p > 0 else {
            throw .badDimensions(rows: n, columns: p, reason: "residual and parameter counts must be positive")
        }
        guard n >= p else {
            throw .badDimensions(rows: n, columns: p, reason: "fewer residuals than parameters (n < p)")
        }
        guard !n.multipliedReportingOverflow(by: p).overflow else {
            throw .badDimensions(rows: n, columns: p, reason: "n·p overflows")
        }
        try settings.validate()
        var parameters = settings.gslParameters
        guard let workspace = gsl_multifit_nlinear_alloc(nyq_multifit_nlinear_trust(), &parameters, n, p) else {
            throw .allocationFailed(what: "gsl_multifit_nlinear_workspace (\(n)×\(p))")
        }
        let context = LevenbergMarquardtContext(n: n, p: p)
        let fdf = UnsafeMutablePointer<gsl_multifit_nlinear_fdf>.allocate(capacity: 1)
        fdf.initialize(
            to: gsl_multifit_nlinear_fdf(
                f: levenbergMarquardtResidualTrampoline, df: nil, fvv: nil, n: n, p: p,
                params: Unmanaged.passUnretained(context).toOpaque(), nevalf: 0, nevaldf: 0, nevalfvv: 0))
        self.residualCount = n
        self.parameterCount = p
        self.settings = settings
        self.workspace = workspace
        self.fdf = fdf
        self.context = context
    }

    deinit {
        gsl_multifit_nlinear_free(workspace)
        fdf.deinitialize(count: 1)
        fdf.deallocate()
    }

    /// Runs the trust-region iteration from `start` (`gsl_multifit_nlinear_init`, then
    /// `gsl_multifit_nlinear_iterate` + `gsl_multifit_nlinear_test` until a test of ``settings`` is met).
    ///
    /// - Parameters:
    ///   - start: initial parameters, length p, finite.
    ///   - residuals: writes f(x) (length n). Returning `false`, or writing NaN/±∞, ends the solve with
    ///     `.evaluationFailed`; the outcome then holds the last accepted point.
    ///   - jacobian: writes J(x) row-major n×p. When `nil`, GSL's finite-difference Jacobian is used (p or 2p extra
    ///     residual evaluations per Jacobian, see ``LevenbergMarquardtSettings/finiteDifference``).
    ///   - shouldStop: called at iteration 0 and after each iteration; `true` ends with `.stoppedByCaller`.
    /// - Returns: the outcome; numerical trouble is reported in its `status`, never thrown.
    /// - Throws: `.lengthMismatch` / `.nonFiniteInput` for a bad `start`.
    public mutating func solve(
        start: [Double],
        residuals: ResidualFunction,
        jacobian: JacobianFunction? = nil,
        shouldStop: StopPredicate? = nil
    ) throws(GSLError) -> LevenbergMarquardtOutcome {
        ensureGSLErrorHandlerOff()
        try requireLength(start, parameterCount, argument: "start")
        try requireFinite(start, argument: "start")
        let workspace = self.workspace
        let fdf = self.fdf
        let context = self.context
        let settings = self.settings
        return withoutActuallyEscaping(residuals) { escapableResiduals in
            context.residuals = escapableResiduals
            context.jacobian = jacobian
            context.evaluationFailed = false
            defer {
                context.residuals = nil
                context.jacobian = nil
            }
            fdf.pointee.df = jacobian == nil ? nil : levenbergMarquardtJacobianTrampoline
            return Self.iterate(
                start: start, workspace: workspace, fdf: fdf, context: context, settings: settings,
                shouldStop: shouldStop)
        }
    }

    /// The driver loop, after `gsl_multifit_nlinear_driver` but with caller stop and the ftol test.
    private static func iterate(
        start: [Double],
        workspace: UnsafeMutablePointer<gsl_multifit_nlinear_workspace>,
        fdf: UnsafeMutablePointer<gsl_multifit_nlinear_fdf>,
        context: LevenbergMarquardtContext,
        settings: LevenbergMarquardtSettings,
        shouldStop: StopPredicate?
    ) -> LevenbergMarquardtOutcome {
        let p = context.p
        let initStatus = start.withUnsafeBufferPointer { buffer in
            var x0 = gsl_vector(
                size: p, stride: 1, data: UnsafeMutablePointer(mutating: buffer.baseAddress), block: nil, owner: 0)
            return gsl_multifit_nlinear_init(&x0, fdf, workspace)
        }
        guard initStatus == NYQ_GSL_SUCCESS else {
            let status: LevenbergMarquardtStatus =
                context.evaluationFailed ? .evaluationFailed : .failed(code: initStatus)
            return outcome(workspace: workspace, fdf: fdf, context: context, status: status, failedAtStart: true)
        }
        guard let xVector = workspace.pointee.x, let fVector = workspace.pointee.f,
            xVector.pointee.stride == 1, fVector.pointee.stride == 1,
            let xData = xVector.pointee.data, let fData = fVector.pointee.data
        else {
            return outcome(
                workspace: workspace, fdf: fdf, context: context, status: .failed(code: NYQ_GSL_EFAULT),
                failedAtStart: true)
        }
        let x = UnsafeBufferPointer(start: xData, count: p)
        let f = UnsafeBufferPointer(start: fData, count: context.n)

        var status: LevenbergMarquardtStatus? = nil
        if let shouldStop, shouldStop(0, x, f) { status = .stoppedByCaller }
        var iteration = 0
        var consecutiveNoProgress = 0
        while status == nil {
            guard iteration < settings.maxIterations else {
                status = .maxIterations
                break
            }
            if settings.ftol > 0 { _ = context.previousF.initialize(from: f) }
            let code = gsl_multifit_nlinear_iterate(workspace)
            iteration += 1
            let acceptedStep: Bool
            switch code {
            case NYQ_GSL_SUCCESS:
                acceptedStep = true
                consecutiveNoProgress = 0
            case NYQ_GSL_ENOPROG:
                // As gsl_multifit_nlinear_driver: no step on the first iteration is final; later, GSL has reset μ,
                // so one more iteration is allowed before giving up.
                consecutiveNoProgress += 1
                if iteration == 1 || consecutiveNoProgress >= 2 {
                    status = .noProgress
                    continue
                }
                acceptedStep = false
            case NYQ_GSL_ENOPROGJ:
                status = .noProgress
                continue
            default:
                status = context.evaluationFailed ? .evaluationFailed : .failed(code: code)
                continue
            }
            if let shouldStop, shouldStop(iteration, x, f) {
                status = .stoppedByCaller
                break
            }
            var info: Int32 = 0
            let test = gsl_multifit_nlinear_test(settings.xtol, settings.gtol, settings.ftol, &info, workspace)
            if test == NYQ_GSL_SUCCESS {
                status = .converged(reason: info == 1 ? .smallStep : .smallGradient)
                break
            }
            guard test == NYQ_GSL_CONTINUE else {
                status = .failed(code: test)
                break
            }
            if acceptedStep && settings.ftol > 0 {
                var changeSquared = 0.0
                var previousSquared = 0.0
                for i in 0..<context.n {
                    let difference = f[i] - context.previousF[i]
                    changeSquared += difference * difference
                    previousSquared += context.previousF[i] * context.previousF[i]
                }
                if changeSquared.squareRoot() <= settings.ftol * max(previousSquared.squareRoot(), 1) {
                    status = .converged(reason: .smallCostChange)
                }
            }
        }
        return outcome(
            workspace: workspace, fdf: fdf, context: context, status: status ?? .maxIterations, failedAtStart: false)
    }

    /// Copies the workspace state into a value outcome (the only allocations of a solve).
    private static func outcome(
        workspace: UnsafeMutablePointer<gsl_multifit_nlinear_workspace>,
        fdf: UnsafeMutablePointer<gsl_multifit_nlinear_fdf>,
        context: LevenbergMarquardtContext,
        status: LevenbergMarquardtStatus,
        failedAtStart: Bool
    ) -> LevenbergMarquardtOutcome {
        let n = context.n
        let p = context.p
        var x = [Double]()
        var residuals = [Double]()
        var jacobian = [Double]()
        if let vector = workspace.pointee.x, let data = vector.pointee.data {
            let stride = vector.pointee.stride
            x = (0..<p).map { data[$0 * stride] }
        }
        if !failedAtStart, let vector = workspace.pointee.f, let data = vector.pointee.data {
            let stride = vector.pointee.stride
            residuals = (0..<n).map { data[$0 * stride] }
        }
        if !failedAtStart, status != .evaluationFailed, let matrix = workspace.pointee.J,
            let data = matrix.pointee.data
        {
            let tda = matrix.pointee.tda
            jacobian = [Double](unsafeUninitializedCapacity: n * p) { buffer, count in
                for i in 0..<n {
                    for j in 0..<p { buffer[i * p + j] = data[i * tda + j] }
                }
                count = n * p
            }
        }
        let chiSquared = residuals.isEmpty ? Double.infinity : residuals.reduce(0) { $0 + $1 * $1 }
        return LevenbergMarquardtOutcome(
            x: x, residuals: residuals, jacobian: jacobian, residualCount: n, parameterCount: p,
            chiSquared: chiSquared, iterations: Int(gsl_multifit_nlinear_niter(workspace)),
            functionEvaluations: fdf.pointee.nevalf, jacobianEvaluations: fdf.pointee.nevaldf, status: status)
    }
}
