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
        let clock = ContinuousClock()
        let began = clock.now
        let settings = problem.settings
        let initial = start ?? InitialGuess.guess(problem)
        guard problem.freeCount > 0 else {
            let c = Candidate(theta: [], physical: initial, chiSquare: 0, method: settings.method,
                              converged: true, reason: "all parameters fixed: nothing to optimise")
            return try Report.make(problem, c, seconds: seconds(since: began, clock))
        }
        var best: Candidate
        switch settings.method {
        case .lm:
            best = try local(problem, from: problem.internalCoordinates(initial), method: .lm)
        case .randomizeSimplex:
            best = try global(problem, guess: initial)
        case .auto:
            let l = try local(problem, from: problem.internalCoordinates(initial), method: .auto)
            if isAcceptable(l, problem) {
                best = l
            } else {
                var g = try global(problem, guess: initial)
                g.method = .auto
                g.iterations += l.iterations
                g.functionEvaluations += l.functionEvaluations
                g.jacobianEvaluations += l.jacobianEvaluations
                best = g.chiSquare <= l.chiSquare ? g : l
            }
        }
        return try Report.make(problem, best, seconds: seconds(since: began, clock))
    }

    static func seconds(since start: ContinuousClock.Instant, _ clock: ContinuousClock) -> Double {
        let d = clock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// `auto` keeps a local fit that converged, has no parameter on a bound and fits to 5 % RMS relative residual.
    static func isAcceptable(_ c: Candidate, _ problem: FitProblem) -> Bool {
        guard c.converged else { return false }
        let table = problem.parameters
        for (k, i) in problem.free.enumerated() where problem.transforms[k].boundHit(c.theta[k]) != nil {
            _ = table[i]
            return false
        }
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
        l.linearSolver = s.cholesky ? .cholesky : .qr
        return l
    }

    /// Levenberg–Marquardt from θ₀.
    static func local(_ problem: FitProblem, from theta0: [Double], method: FitMethod, pinned: Bool = false)
        throws(FitError) -> Candidate
    {
        let evaluator = ResidualEvaluator(problem, fused: true)
        var lm: LevenbergMarquardt
        do {
            lm = try LevenbergMarquardt(residualCount: problem.residualCount, parameterCount: problem.freeCount,
                                        settings: lmSettings(problem.settings))
        } catch { throw .numerics(error) }
        let threshold = problem.settings.stopAtChiSquareOverModulus
        let probe = ResidualEvaluator(problem)
        let outcome: LevenbergMarquardtOutcome
        do {
            outcome = try lm.solve(
                start: theta0,
                residuals: { evaluator.residuals($0, $1) },
                jacobian: { evaluator.jacobian($0, $1) },
                shouldStop: threshold.map { limit in { _, x, _ in probe.chiSquareOverModulus(x) <= limit } })
        } catch { throw .numerics(error) }
        var c = Candidate(theta: outcome.x, physical: problem.physicalParameters(outcome.x),
                          chiSquare: outcome.chiSquared, method: method, converged: false, reason: "")
        c.iterations = outcome.iterations
        c.functionEvaluations = outcome.functionEvaluations
        c.jacobianEvaluations = outcome.jacobianEvaluations
        (c.converged, c.reason) = describe(outcome, threshold: threshold)
        return pinned ? c : pinToBounds(problem, c)
    }

    /// The logistic transforms reach a bound only asymptotically, so a parameter whose optimum is on a bound (a CPE
    /// with n = 1) stops just short of it. Such parameters (within 10⁻⁴ of the range) are fixed exactly on the bound
    /// and the rest refitted; the refit is kept when its χ² is not higher.
    static func pinToBounds(_ problem: FitProblem, _ c: Candidate) -> Candidate {
        var table = problem.parameters
        var any = false
        for (k, i) in problem.free.enumerated() {
            let s: Double
            switch problem.transforms[k] {
            case .box, .logBox, .upperBounded: s = ParameterTransform.logistic(c.theta[k])
            case .log, .lowerBounded: continue
            }
            guard s < 1e-4 || s > 1 - 1e-4 else { continue }
            table[i].value = s < 0.5 ? table[i].lower : table[i].upper
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
    static func describe(_ o: LevenbergMarquardtOutcome, threshold: Double?) -> (Bool, String) {
        switch o.status {
        case .converged(let reason):
            switch reason {
            case .smallStep: return (true, "converged: step below xtol")
            case .smallGradient: return (true, "converged: gradient below gtol")
            case .smallCostChange: return (true, "converged: χ² change below ftol")
            }
        case .stoppedByCaller:
            return (true, "stopped: χ²/|Z| ≤ \(threshold ?? 0) (EC-Lab rule)")
        case .noProgress:
            // GSL_ENOPROG: no step lowers χ² any more. At a minimum that is convergence; check the gradient.
            let g = gradientNorm(o)
            return g <= 1e-6 ? (true, "converged: no further decrease of χ² possible (relative gradient \(formatShort(g)))")
                : (false, "no progress: the trust region collapsed away from a minimum (relative gradient \(formatShort(g)))")
        case .maxIterations: return (false, "iteration limit reached")
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
}
