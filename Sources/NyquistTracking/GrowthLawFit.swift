import Foundation
import NyquistNumerics

/// How the log-space weights sᵢ are interpreted.
public enum VarianceModel: String, Sendable, Hashable, Codable, CaseIterable {
    /// The sᵢ are trusted 1σ errors: −2 ln L = Σ rᵢ² (+ a law-independent constant); the covariance (JᵀJ)⁻¹ is
    /// inflated by max(1, χ²/(N − k)) (Birge ratio) when the scatter exceeds the stated errors.
    case trusted
    /// The sᵢ are relative weights only, with a common scale estimated from the data: −2 ln L = N·ln(RSS/N)
    /// (+ a law-independent constant), covariance s²·(JᵀWJ)⁻¹ with s² = RSS/(N − k).
    case estimated
}

/// Settings of a growth-law fit.
public struct GrowthFitOptions: Sendable, Hashable, Codable {
    /// s_floor, added in quadrature to each relative standard error: sᵢ = √((σᵢ/Rᵢ)² + s_floor²). Default 0.03
    /// (the models document suggests 0.03–0.05). Must be > 0 when some point has no standard error.
    public var relativeErrorFloor: Double
    /// Default `.trusted`.
    public var variance: VarianceModel
    /// |corr| above this flags a pair of parameters as not separately identifiable. Default 0.95.
    public var correlationThreshold: Double
    /// Parametric bootstrap replicates per law (0 = none). Default 0.
    public var bootstrapSamples: Int
    /// Seed of the bootstrap draws.
    public var seed: UInt64
    /// Levenberg–Marquardt iteration limit per start. Default 400.
    public var maxIterations: Int
    /// Compute the 95 % profile-likelihood interval of every parameter (``GrowthLawParameter/profile``). Default false
    /// (it costs tens of constrained re-fits per parameter).
    public var profileIntervals: Bool

    public init(
        relativeErrorFloor: Double = 0.03, variance: VarianceModel = .trusted, correlationThreshold: Double = 0.95,
        bootstrapSamples: Int = 0, seed: UInt64 = 1, maxIterations: Int = 400, profileIntervals: Bool = false
    ) {
        self.profileIntervals = profileIntervals
        self.relativeErrorFloor = relativeErrorFloor
        self.variance = variance
        self.correlationThreshold = correlationThreshold
        self.bootstrapSamples = bootstrapSamples
        self.seed = seed
        self.maxIterations = maxIterations
    }
}

/// One fitted parameter with its uncertainty.
public struct GrowthLawParameter: Sendable, Hashable, Codable {
    public var name: String
    public var unit: String
    public var value: Double
    /// 1σ from the covariance (nil when not identifiable or N = k).
    public var standardError: Double?
    /// 95 % interval value ± t₀.₉₇₅(N − k)·SE (nil with the standard error).
    public var lower: Double?
    public var upper: Double?
    /// 95 % BCa interval of the parametric bootstrap (stated errors only), when run (see ``intervals``).
    public var bootstrapLower: Double?
    public var bootstrapUpper: Double?
    /// 95 % profile-likelihood interval, when requested (``GrowthFitOptions/profileIntervals``).
    public var profile: ProfileInterval?
    /// Every interval above, each with its kind: t (covariance and the fit's scatter), bootstrap (stated errors
    /// only), profile. Printed and exported in this form.
    public var intervals: [ConfidenceInterval] = []
}

/// Two parameters whose estimates are correlated beyond the threshold.
public struct CorrelatedPair: Sendable, Hashable, Codable {
    public var first: String
    public var second: String
    public var correlation: Double
}

/// The weighted log-space least-squares fit of one growth law to a series.
///
/// Residuals rᵢ = [ln Rᵢ − ln f(xᵢ; θ)]/sᵢ with sᵢ = √((σᵢ/Rᵢ)² + s_floor²), minimised with GSL's trust-region
/// Levenberg–Marquardt (`gsl_multifit_nlinear_trust`) over unconstrained internal parameters (positive parameters
/// through e^q, p ∈ (0, 2) through a logistic map), from the grid starts of ``GrowthLaw``. Information criteria:
/// AIC = −2 ln L + 2k, AICc = AIC + 2k(k + 1)/(N − k − 1) (only when N ≥ k + 3), BIC = −2 ln L + k·ln N.
public struct GrowthLawFit: Sendable, Hashable, Codable {
    public var law: GrowthLaw
    public var parameters: [GrowthLawParameter]
    /// N.
    public var pointCount: Int
    /// Σ rᵢ² at the solution.
    public var chiSquared: Double
    /// √(Σ (ln Rᵢ − ln fᵢ)²/N), the unweighted relative RMS misfit.
    public var relativeRMS: Double
    /// −2 ln L without law-independent constants (see ``VarianceModel``).
    public var minus2LogLikelihood: Double
    public var aic: Double
    /// nil when N < k + 3 (refused: the correction is undefined or dominates).
    public var aicc: Double?
    public var bic: Double
    /// Correlation matrix, row-major k×k (0 for unidentified parameters).
    public var correlations: [Double]
    /// Pairs with |corr| above the threshold: not separately identifiable.
    public var correlatedPairs: [CorrelatedPair]
    /// Names of parameters the Jacobian cannot determine (rank-deficient directions).
    public var unidentified: [String]
    public var converged: Bool
    public var status: String
    public var variance: VarianceModel

    /// The parameter values in order.
    public var values: [Double] { parameters.map(\.value) }

    /// f(x) at the fitted parameters.
    public func predict(_ x: Double) -> Double { law.value(at: x, parameters: values) }
}

extension GrowthLawFit {
    /// Fits `law` to values y (> 0) at clock values x with 1σ standard errors (0 = unknown).
    ///
    /// `progress`, when given, is called after each bootstrap replicate with (replicates done, replicates asked for),
    /// from the calling thread; it is not called when `options.bootstrapSamples` is 0.
    ///
    /// - Throws: `.tooFewPoints` when N < k, `.invalidSetting` for a bad floor or a law that needs x > 0,
    ///   `.numerical` when no start gives a finite fit.
    public static func fit(
        _ law: GrowthLaw, x: [Double], y: [Double], standardErrors: [Double], options: GrowthFitOptions = .init(),
        valueUnit: String = "Ω", clockUnit: String = "cycle", progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws(TrackingError) -> GrowthLawFit {
        let problem = try LogSpaceProblem(law: law, x: x, y: y, standardErrors: standardErrors, options: options)
        var fit = try problem.solve(starts: law.starts(x: x, y: y, sigma: problem.sigma), valueUnit: valueUnit, clockUnit: clockUnit)
        if options.bootstrapSamples > 0 {
            fit.addBootstrap(problem: problem, samples: options.bootstrapSamples, seed: options.seed, progress: progress)
        }
        if options.profileIntervals {
            fit.addProfiles(problem: problem)
            for j in fit.parameters.indices {
                if let p = fit.parameters[j].profile {
                    fit.parameters[j].intervals.append(ConfidenceInterval(kind: .profile, low: p.lower, high: p.upper))
                }
            }
        }
        return fit
    }
}

/// A solve whose χ² reaches this ended where the model overflows: at its start, since every accepted step lowers χ².
let rejectedChiSquare = LevenbergMarquardt.rejectedResidual * LevenbergMarquardt.rejectedResidual

/// The data and weights of one log-space fit; solves from given starts and assembles the statistics.
struct LogSpaceProblem: Sendable {
    var law: GrowthLaw
    var x: [Double]
    var y: [Double]
    var logY: [Double]
    var sigma: [Double]
    var options: GrowthFitOptions
    var xMax: Double

    init(law: GrowthLaw, x: [Double], y: [Double], standardErrors: [Double], options: GrowthFitOptions)
        throws(TrackingError)
    {
        let k = law.parameterCount
        guard x.count == y.count, y.count == standardErrors.count else {
            throw .inconsistentInputs(reason: "x, y and standard errors differ in length")
        }
        guard x.count >= k else {
            throw .tooFewPoints(count: x.count, needed: k, parameters: k, reason: "\(law.identifier) cannot be fitted")
        }
        guard options.relativeErrorFloor >= 0, options.relativeErrorFloor.isFinite else {
            throw .invalidSetting(name: "relative error floor", reason: "\(options.relativeErrorFloor) is negative")
        }
        for i in x.indices {
            guard x[i].isFinite, y[i].isFinite, y[i] > 0, standardErrors[i] >= 0, standardErrors[i].isFinite else {
                throw .inconsistentInputs(reason: "point \(i + 1): need finite x, y > 0, standard error ≥ 0")
            }
            if law.needsPositiveClock, x[i] <= 0 {
                throw .invalidSetting(
                    name: "clock", reason: "\(law.identifier) needs x > 0 but point \(i + 1) has x = \(x[i])")
            }
            if x[i] < 0 { throw .invalidSetting(name: "clock", reason: "point \(i + 1) has x = \(x[i]) < 0") }
        }
        let sigma = zip(y, standardErrors).map { pair in
            let relative = pair.1 / pair.0
            return (relative * relative + options.relativeErrorFloor * options.relativeErrorFloor).squareRoot()
        }
        if let zero = sigma.firstIndex(where: { !($0 > 0) }) {
            throw .invalidSetting(
                name: "relative error floor", reason: "point \(zero + 1) has no standard error and the floor is 0")
        }
        self.law = law
        self.x = x
        self.y = y
        self.logY = y.map { Foundation.log($0) }
        self.sigma = sigma
        self.options = options
        self.xMax = x.max() ?? 1
    }

    /// ln f, continued linearly below ε (C¹) so that a trial step through f ≤ 0 is merely very bad, not undefined.
    func logModel(_ f: Double) -> Double {
        let epsilon = 1e-9 * (y.min() ?? 1)
        return f >= epsilon ? Foundation.log(f) : Foundation.log(epsilon) + (f - epsilon) / epsilon
    }

    func natural(_ q: UnsafeBufferPointer<Double>, into theta: inout [Double]) {
        let slots = law.slots
        for j in slots.indices { theta[j] = slots[j].constraint.natural(q[j], xMax: xMax) }
    }

    /// Weighted residuals at natural parameters θ (nil if any is not finite).
    func residuals(_ theta: [Double], logY: [Double]? = nil) -> [Double]? {
        let target = logY ?? self.logY
        var r = [Double](repeating: 0, count: x.count)
        for i in x.indices {
            r[i] = (target[i] - logModel(law.value(at: x[i], parameters: theta))) / sigma[i]
            guard r[i].isFinite else { return nil }
        }
        return r
    }

    /// Best least-squares solution over the starts: (θ, χ², converged, status).
    func minimise(starts: [[Double]], logY target: [Double]? = nil) throws(TrackingError)
        -> (theta: [Double], chi2: Double, converged: Bool, status: String)
    {
        let n = x.count
        let k = law.parameterCount
        let slots = law.slots
        let target = target ?? logY
        var lm: LevenbergMarquardt
        do {
            lm = try LevenbergMarquardt(
                residualCount: n, parameterCount: k,
                settings: LevenbergMarquardtSettings(
                    maxIterations: options.maxIterations, xtol: 1e-10, gtol: 1e-10, ftol: 1e-12))
        } catch { throw .numerical(reason: error.description) }
        var best: (theta: [Double], chi2: Double, converged: Bool, status: String)? = nil
        var theta = [Double](repeating: 0, count: k)
        for start in starts {
            let q0 = zip(start, slots).map { $1.constraint.unconstrained($0, xMax: xMax) }
            guard q0.allSatisfy(\.isFinite) else { continue }
            let outcome: LevenbergMarquardtOutcome
            do {
                outcome = try lm.solve(start: q0) { q, f in
                    self.natural(q, into: &theta)
                    for i in 0..<n {
                        f[i] = (target[i] - self.logModel(self.law.value(at: self.x[i], parameters: theta))) / self.sigma[i]
                        // An overflowing trial step is rejected (the trust region shrinks), not the whole solve.
                        if !f[i].isFinite { f[i] = LevenbergMarquardt.rejectedResidual }
                    }
                    return true
                }
            } catch { continue }
            guard outcome.x.count == k, outcome.chiSquared < rejectedChiSquare else { continue }
            let solution = zip(outcome.x, slots).map { $1.constraint.natural($0, xMax: xMax) }
            guard solution.allSatisfy(\.isFinite) else { continue }
            if let incumbent = best, incumbent.chi2 <= outcome.chiSquared { continue }
            best = (
                solution, outcome.chiSquared, outcome.status.isConverged || outcome.status == .noProgress,
                outcome.status.description
            )
        }
        guard let best else { throw .numerical(reason: "\(law.identifier): no start gave a finite fit") }
        return best
    }

    func solve(starts: [[Double]], valueUnit: String, clockUnit: String) throws(TrackingError) -> GrowthLawFit {
        let solution = try minimise(starts: starts)
        return statistics(theta: solution.theta, converged: solution.converged, status: solution.status,
                          valueUnit: valueUnit, clockUnit: clockUnit)
    }
}
