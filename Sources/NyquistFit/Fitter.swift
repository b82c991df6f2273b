import Dispatch
import Numerics
import NyquistCircuit
import NyquistIO
import NyquistNumerics

/// Complex nonlinear least-squares fitting of an equivalent circuit to a spectrum.
///
/// Local fits use GSL's trust-region Levenberg–Marquardt (`gsl_multifit_nlinear_trust`, QR by default) with the
/// analytic Jacobian of the ``EvaluationPlan``, in the transformed coordinates of ``ParameterTransform``. The global
/// method is EC-Lab's "Randomize + Simplex": seeded log-uniform samples inside the (data-derived) sampling box, the
/// best few refined by Nelder–Mead (`gsl_multimin_fminimizer_nmsimplex2`), each polished by LM; the smart guess
/// from the spectrum is always one of the starts.
public enum Fitter {
    /// Fits `circuit` to `spectrum`.
    /// - Parameters:
    ///   - parameters: starts, bounds and fixed flags; defaults from the element library when nil.
    ///   - start: a full physical start vector (warm start from a previous fit); the smart guess when nil.
    public static func fit(_ spectrum: Spectrum, circuit: Circuit, parameters: ParameterTable? = nil,
                           settings: FitSettings = FitSettings(), start: [Double]? = nil) throws(FitError) -> FitResult
    {
        try fit(FitProblem(spectrum: spectrum, circuit: circuit, parameters: parameters, settings: settings), start: start)
    }

    /// Fits a prepared problem.
    public static func fit(_ problem: FitProblem, start: [Double]? = nil) throws(FitError) -> FitResult {
        if problem.settings.weighting == .estimated && problem.settings.noiseModel == nil {
            return try fitEstimatingNoise(problem, start: start)  // Fitter+Noise
        }
        let clock = ContinuousClock()
        let began = clock.now
        let settings = problem.settings
        let initial = start ?? InitialGuess.guess(problem)
        var noise = NoiseGauge(problem)
        guard problem.freeCount > 0 else {
            let c = Candidate(theta: [], physical: initial, chiSquare: 0, method: settings.method,
                              converged: true, reason: "all parameters fixed: nothing to optimise")
            return try FitResultBuilder.make(problem, c, seconds: seconds(since: began, clock), noise: &noise)
        }
        var best: Candidate
        switch settings.method {
        case .lm:
            best = try local(problem, from: problem.internalCoordinates(initial), method: .lm)
        case .randomizeSimplex:
            best = try global(problem, guess: initial)
        case .auto:
            best = try local(problem, from: problem.internalCoordinates(initial), method: .auto)
            if !isAcceptable(best, problem) || noise.isAbove(best.physical, chiSquare: best.chiSquare) {
                best = better(try global(problem, guess: initial), best)
                if noise.isAbove(best.physical, chiSquare: best.chiSquare) {
                    // Still far above the noise: one more round with another seed and twice the starts (twice the
                    // defaults when fewer were asked for).
                    let defaults = FitSettings()
                    let more = try global(problem, guess: initial, seed: settings.seed &+ 0x9E37_79B9_7F4A_7C15,
                                          randomStarts: 2 * min(max(settings.randomStarts, defaults.randomStarts), 1 << 20),
                                          refinedStarts: 2 * min(max(settings.refinedStarts, defaults.refinedStarts), 1 << 10))
                    best = better(more, best)
                }
            }
        }
        return try FitResultBuilder.make(problem, best, seconds: seconds(since: began, clock), noise: &noise)
    }

    /// The candidate with the lower χ² (ties: `a`, the global one), labelled `auto`, with the work of both counted.
    static func better(_ a: Candidate, _ b: Candidate) -> Candidate {
        var w = a.chiSquare <= b.chiSquare ? a : b
        w.method = .auto
        w.iterations = a.iterations + b.iterations
        w.functionEvaluations = a.functionEvaluations + b.functionEvaluations
        w.jacobianEvaluations = a.jacobianEvaluations + b.jacobianEvaluations
        return w
    }

    static func seconds(since start: ContinuousClock.Instant, _ clock: ContinuousClock) -> Double {
        let d = clock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// `auto` keeps a local fit that converged, fits to 5 % RMS relative residual and is not far above the noise
    /// (``NoiseGauge``); a parameter on a bound the physics allows (n = 1) is no reason to search further, only to
    /// flag it. Otherwise `auto` runs the global method, and once more with another seed
    /// and twice the starts (at least twice the default 200 samples and 10 refined starts) when that is still far above
    /// the noise. The best χ² of all wins.
    static func isAcceptable(_ c: Candidate, _ problem: FitProblem) -> Bool {
        guard c.converged else { return false }
        let z = problem.plan.impedance(problem.grid, parameters: c.physical)
        var s = 0.0
        for (d, m) in zip(problem.data, z) { s += (d - m).lengthSquared / d.lengthSquared }
        return (s / Double(problem.pointCount)).squareRoot() <= 0.05
    }

    static func lmSettings(_ s: FitSettings) -> LevenbergMarquardtSettings {
        var l = LevenbergMarquardtSettings()
        l.maxIterations = s.maxIterations
        l.xtol = s.xtol
        l.gtol = s.gtol
        l.ftol = s.ftol
        l.trustRegion = s.geodesicAcceleration ? .geodesicAcceleration() : .levenbergMarquardt
        l.linearSolver = s.effectiveSolver
        return l
    }

    /// Largest κ₁ of the equilibrated normal matrix of the transformed Jacobian at the end point (see
    /// ``ParameterCovariance/normalCondition(jacobian:n:p:)``) for which a fit by a solver other than QR is kept.
    static let solverConditionLimit = 1e5
    /// Most iterations for which a fit by a solver other than QR is kept: a fit that crawls along a flat valley for
    /// longer stops where its path ends, which differs between solvers by more than 1e-8.
    static let solverIterationLimit = 20

    /// Levenberg–Marquardt from θ₀.
    static func local(_ problem: FitProblem, from theta0: [Double], method: FitMethod, pinned: Bool = false)
        throws(FitError) -> Candidate
    {
        let evaluator = ResidualEvaluator(problem, fused: true)
        let threshold = problem.settings.stopAtChiSquareOverModulus
        // EC-Lab's χ²/|Z| stop rule, with its own evaluator, only when that rule is set.
        let shouldStop = threshold.map { limit -> StopPredicate in
            let probe = ResidualEvaluator(problem)
            return { _, x, _ in probe.chiSquareOverModulus(x) <= limit }
        }
        var settings = lmSettings(problem.settings)
        var outcome: LevenbergMarquardtOutcome
        while true {
            do {
                var lm = try LevenbergMarquardt(residualCount: problem.residualCount,
                                                parameterCount: problem.freeCount, settings: settings)
                outcome = try lm.solve(
                    start: theta0,
                    residuals: { evaluator.residuals($0, $1) },
                    jacobian: { evaluator.jacobian($0, $1) },
                    shouldStop: shouldStop)
            } catch { throw .numerics(error) }
            guard settings.linearSolver != .qr else { break }
            // A solver other than QR keeps its result only where it is the QR result to 1e-8: J well-conditioned at
            // the end point. Otherwise (a non-positive pivot, ill-conditioning such as Q–n correlation near ±1, a
            // failed evaluation) the fit is redone with QR from the same start.
            let condition = ParameterCovariance.normalCondition(
                jacobian: outcome.jacobian, n: outcome.residualCount, p: outcome.parameterCount)
            if case .converged = outcome.status, outcome.iterations <= solverIterationLimit,
               condition <= solverConditionLimit { break }
            settings.linearSolver = .qr
        }
        var c = Candidate(theta: outcome.x, physical: problem.physicalParameters(outcome.x),
                          chiSquare: outcome.chiSquared, method: method, converged: false, reason: "")
        c.iterations = outcome.iterations
        c.functionEvaluations = outcome.functionEvaluations
        c.jacobianEvaluations = outcome.jacobianEvaluations
        c.model = evaluator.modelState(at: outcome.x)
        (c.converged, c.reason) = describe(outcome, threshold: threshold, problem: problem)
        return pinned ? c : pinToBounds(problem, c)
    }

    /// The logistic transforms reach a bound only asymptotically, so a parameter whose optimum is on a bound (a CPE
    /// with n = 1) stops just short of it. Such parameters (within 10⁻⁴ of the range) are fixed exactly on the bound
    /// and the rest refitted; the refit is kept when its χ² is not higher.
    static func pinToBounds(_ problem: FitProblem, _ c: Candidate) -> Candidate {
        var table = problem.parameters
        var any = false
        for (k, i) in problem.free.enumerated() {
            guard let hit = nearBound(problem.transforms[k], c.theta[k]) else { continue }
            table[i].value = hit == .lower ? table[i].lower : table[i].upper
            table[i].fixed = true
            any = true
        }
        guard any else { return c }
        var start = c.physical
        for i in table.indices where table[i].fixed { start[i] = table[i].value }
        table = table.withValues(start)
        guard let sub = try? FitProblem(spectrum: problem.spectrumInWindow, circuit: problem.circuit, parameters: table,
                                        settings: problem.settingsWithoutWindow),
              sub.freeCount > 0,
              var refit = try? local(sub, from: sub.internalCoordinates(start), method: c.method, pinned: true),
              refit.chiSquare <= c.chiSquare
        else { return c }
        refit.theta = problem.internalCoordinates(refit.physical)
        refit.iterations += c.iterations
        refit.functionEvaluations += c.functionEvaluations
        refit.jacobianEvaluations += c.jacobianEvaluations
        return refit
    }

    /// Converged-or-not and the reason, in words.
    static func describe(_ o: LevenbergMarquardtOutcome, threshold: Double?, problem: FitProblem) -> (Bool, String) {
        switch o.status {
        case .converged(let reason):
            switch reason {
            case .smallStep: return (true, "converged: step below xtol")
            case .smallGradient: return (true, "converged: gradient below gtol")
            case .smallCostChange: return (true, "converged: χ² change below ftol")
            }
        case .stoppedByCaller:
            return (true, "stopped: χ²/|Z| ≤ \(threshold ?? 0) (EC-Lab rule)")
        case .noProgress, .maxIterations:
            // No tolerance test met: converged only when the point is measurably a minimum (Fitter+Verdict).
            return verdictWithoutTolerance(o, problem)
        case .evaluationFailed: return (false, "the model could not be evaluated (non-finite Jacobian)")
        case .failed(let code): return (false, "GSL failure: \(gslStatusMessage(code))")
        }
    }

    /// max_k |(Jᵀf)_k| · max(|θ_k|, 1) / max(χ²/2, 10⁻³⁰⁰): the gradient relative to the cost.
    static func gradientNorm(_ o: LevenbergMarquardtOutcome) -> Double {
        let n = o.residualCount, p = o.parameterCount
        var worst = 0.0
        for k in 0..<p {
            var g = 0.0
            for r in 0..<n { g += o.jacobian[r * p + k] * o.residuals[r] }
            worst = max(worst, abs(g) * max(abs(o.x[k]), 1))
        }
        return worst / max(o.chiSquared / 2, 1e-300)
    }

    /// "≈1eK" with K = ⌊log₁₀ v⌋ (v ≤ 1e-300 counts as 1e-300; NaN and ±∞ are printed as "nan", "inf", "-inf").
    static func formatShort(_ v: Double) -> String {
        guard v.isFinite, let e = Int(exactly: Double.log10(max(v, 1e-300)).rounded(.down)) else {
            return v.isNaN ? "nan" : "\(v)"
        }
        return "≈1e\(e)"
    }
}

/// One optimisation outcome: the point found and how it was found.
struct Candidate: Sendable {
    var theta: [Double]
    var physical: [Double]
    var chiSquare: Double
    var method: FitMethod
    var converged: Bool
    var reason: String
    var iterations = 0
    var functionEvaluations = 0
    var jacobianEvaluations = 0
    var randomSamples: Int?
    var refinedStarts: Int?
    var startsReachingBest: Int?
    /// Z and ∂Z/∂p at `physical` when the fit left them behind (so the result needs no further evaluation).
    var model: ModelState?
}
