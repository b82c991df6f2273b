import Foundation
import NyquistNumerics

/// A λ criterion with its parameters (``DRTSettings/Lambda`` maps onto these; the evaluation in docs/drt.md also
/// ran other parameters).
enum LambdaCriterion: Sendable, Hashable {
    case gcv
    case modifiedGCV(rho: Double)
    case robustGCV(xi: Double)
    case reImCrossValidation
    case fixed(Double)

    /// ξ of the default robust GCV (``DRTSettings/Lambda/robustGCV``), chosen by the evaluation in docs/drt.md.
    static let robustXi = 0.1

    init(_ setting: DRTSettings.Lambda) {
        switch setting {
        case .robustGCV: self = .robustGCV(xi: Self.robustXi)
        case .gcv: self = .gcv
        case .reImCrossValidation: self = .reImCrossValidation
        case .fixed(let lambda): self = .fixed(lambda)
        }
    }

    /// The name reported in ``DRTResult/lambdaCriterion``.
    var name: String {
        switch self {
        case .gcv: return "gcv"
        case .modifiedGCV: return "mgcv"
        case .robustGCV: return "rgcv"
        case .reImCrossValidation: return "re-im-cv"
        case .fixed: return "fixed"
        }
    }

    var needsSquaredTrace: Bool { if case .robustGCV = self { true } else { false } }

    /// Whether the criterion uses the influence traces (the GCV family).
    var needsTraces: Bool {
        switch self {
        case .gcv, .modifiedGCV, .robustGCV: return true
        case .reImCrossValidation, .fixed: return false
        }
    }
}

/// The chosen λ, its criterion's curve and the NNLS solution at that λ.
struct LambdaSelection {
    var lambda: Double
    var criterionName: String
    var curve: [LambdaCurvePoint]
    var solution: NonNegativeLeastSquaresSolution
    var atRangeEnd: Bool
}

/// Chooses the Tikhonov parameter λ of a ``DRTProblem``: a coarse scan of log₁₀ λ over [−8, 1] (one point per
/// decade, from large to small λ so that each NNLS solve is warm-started from the previous one), then a golden-
/// section search of log₁₀ λ within ±1 decade of the best scan point.
struct LambdaSelector {
    let problem: DRTProblem
    let part: DRTSettings.Part
    let gram: [Double]
    let linear: [Double]
    static let scanRange: ClosedRange<Double> = -8...1
    static let goldenIterations = 10

    /// The generalised eigenvalues cᵢ ∈ [0, 1] of M·v = c·(M + sQ)·v (over ``activeColumns``) and the scale s = tr M / tr Q, from which the
    /// influence traces follow at every λ in O(n) (``influenceTraces(lambda:squared:)``); nil when M + sQ is not
    /// numerically positive definite (then each λ is factored directly).
    let influenceSpectrum: (eigenvalues: [Double], scale: Double)?

    /// `needsTraces`: decompose for the influence traces (only the GCV family uses them; see
    /// ``LambdaCriterion/needsTraces``).
    init(problem: DRTProblem, part: DRTSettings.Part, needsTraces: Bool = true) {
        self.problem = problem
        self.part = part
        (gram, linear) = problem.normalBlocks(part)
        influenceSpectrum = needsTraces
            ? Self.influenceSpectrum(gram: gram, penalty: problem.penalty, count: problem.columns) : nil
    }

    static func influenceSpectrum(gram: [Double], penalty: [Double], count n: Int) -> (eigenvalues: [Double], scale: Double)? {
        let active = activeColumns(gram: gram, penalty: penalty, count: n)
        let k = active.count
        guard k > 0 else { return nil }
        var m = [Double](repeating: 0, count: k * k), q = m
        for a in 0..<k {
            for b in 0..<k {
                m[a * k + b] = gram[active[a] * n + active[b]]
                q[a * k + b] = penalty[active[a] * n + active[b]]
            }
        }
        var traceM = 0.0, traceQ = 0.0
        for a in 0..<k { traceM += m[a * k + a]; traceQ += q[a * k + a] }
        guard traceM > 0, traceQ > 0, traceM.isFinite, traceQ.isFinite else { return nil }
        let scale = traceM / traceQ
        var pencil = m
        for i in 0..<pencil.count { pencil[i] += scale * q[i] }
        guard let c = try? GeneralizedSymmetricEigen.eigenvalues(a: m, b: pencil, count: k) else { return nil }
        return (c.map { min(max($0, 0), 1) }, scale)
    }

    /// M + λQ.
    func regularised(_ m: [Double], lambda: Double) -> [Double] {
        var g = m
        for k in 0..<g.count { g[k] += lambda * problem.penalty[k] }
        return g
    }

    func solve(lambda: Double, warm: [Double]?) throws(GSLError) -> NonNegativeLeastSquaresSolution {
        try NonNegativeLeastSquares.solve(
            gram: regularised(gram, lambda: lambda), linear: linear, count: problem.columns,
            nonNegative: problem.nonNegative, warmStart: warm)
    }

    /// One evaluation of a criterion: its value, the residual norm and the solution to warm-start from.
    struct Evaluation {
        var criterion: Double
        var residualNorm: Double
        var solution: NonNegativeLeastSquaresSolution
        var secondary: NonNegativeLeastSquaresSolution?
    }

    /// The GCV family at one λ, from the NNLS residual sum of squares RSS over the n fitted rows and the influence
    /// matrix of the *unconstrained* ridge fit over all columns, H = W̃A(M + λQ)⁻¹AᵀW̃ (as pyDRTtools), whose traces
    /// are tr H = tr((M + λQ)⁻¹M) and tr H² = tr(((M + λQ)⁻¹M)²):
    /// - GCV = n·RSS/(n − tr H)²;
    /// - modified GCV (Lukas et al. 2016) = n·RSS/(n − ρ·tr H)², ρ ≥ 1;
    /// - robust GCV (Lukas 2006) = [ξ + (1 − ξ)·tr(H²)/n]·GCV, 0 < ξ ≤ 1.
    /// The active-set variant (traces over the NNLS passive set only) was tried: it rewards solutions with many
    /// zero coefficients (each zero lowers tr H), chose λ 25 % smaller, and split overlapping ZARCs (docs/drt.md).
    func gcvFamily(_ criterion: LambdaCriterion, lambda: Double, warm: [Double]?) throws(GSLError) -> Evaluation {
        let solution = try solve(lambda: lambda, warm: warm)
        let rows = Double(problem.rowCount(part))
        let rss = problem.weightedResidualSquares(solution.coefficients, part: part)
        let traces = influenceTraces(lambda: lambda, squared: criterion.needsSquaredTrace)
        let rho: Double
        if case .modifiedGCV(let value) = criterion { rho = value } else { rho = 1 }
        let dof = rows - rho * traces.trace
        var score = dof > 0 ? rows * rss / (dof * dof) : .infinity
        if case .robustGCV(let xi) = criterion { score *= xi + (1 - xi) * traces.squaredTrace / rows }
        return Evaluation(criterion: score, residualNorm: (rss / rows).squareRoot(), solution: solution)
    }

    /// tr H = tr(B) and (if `squared`) tr H² for B = (M + λQ)⁻¹M (n × n, n = columns).
    ///
    /// With the generalised eigenvalues c of M·v = c·(M + sQ)·v (``influenceSpectrum``), M + λQ and M are diagonal
    /// in the same basis, with entries c + (λ/s)(1 − c) and c, so B's eigenvalues are hᵢ = cᵢ/(cᵢ + (λ/s)(1 − cᵢ)):
    /// tr H = Σ hᵢ and tr H² = Σ hᵢ² at every λ from one decomposition. Without it (M + sQ not positive definite),
    /// ``directInfluenceTraces(lambda:squared:)``.
    func influenceTraces(lambda: Double, squared: Bool) -> (trace: Double, squaredTrace: Double) {
        guard let (c, scale) = influenceSpectrum else { return directInfluenceTraces(lambda: lambda, squared: squared) }
        let ratio = lambda / scale
        var trace = 0.0, squaredTrace = 0.0
        for ci in c {
            let denominator = ci + ratio * (1 - ci)
            let h = denominator > 0 ? ci / denominator : 0
            trace += h
            squaredTrace += h * h
        }
        return (trace, squared ? squaredTrace : 0)
    }

    /// The same traces by factoring M + λQ (Cholesky), forming its inverse and B = (M + λQ)⁻¹M: tr H = tr(B),
    /// tr H² = Σₐᵦ BₐᵦBᵦₐ, over ``activeColumns``. If M + λQ is not numerically positive definite there, tr H = tr H²
    /// = the number of active columns (every column free).
    func directInfluenceTraces(lambda: Double, squared: Bool) -> (trace: Double, squaredTrace: Double) {
        let n = problem.columns
        let active = Self.activeColumns(gram: gram, penalty: problem.penalty, count: n)
        let k = active.count
        guard let factor = CholeskyFactorization(matrix: regularised(gram, lambda: lambda), stride: n, indices: active)
        else { return (Double(k), Double(k)) }
        guard squared else { return (factor.traceOfInverseTimes(gram, stride: n, indices: active), 0) }
        let inverse = factor.inverse()
        var b = [Double](repeating: 0, count: k * k)
        for a in 0..<k {
            for c in 0..<k {
                let v = inverse[a * k + c]
                if v == 0 { continue }
                for d in 0..<k { b[a * k + d] += v * gram[active[c] * n + active[d]] }
            }
        }
        var trace = 0.0, squaredTrace = 0.0
        for a in 0..<k {
            trace += b[a * k + a]
            for c in 0..<k { squaredTrace += b[a * k + c] * b[c * k + a] }
        }
        return (trace, squaredTrace)
    }

    /// The columns the fitted part's data or the penalty involve. A column neither touches (the inductance when only
    /// Z′ is fitted, R∞ when only Z″ is) has a zero row in M and in Q: it is not a parameter of this fit and adds
    /// nothing to the influence traces.
    static func activeColumns(gram: [Double], penalty: [Double], count n: Int) -> [Int] {
        (0..<n).filter { gram[$0 * n + $0] > 0 || penalty[$0 * n + $0] > 0 }
    }

    /// Re–Im cross-validation (Saccoccio et al. 2014): γ fitted to Z′ alone predicts Z″ and γ fitted to Z″ alone
    /// predicts Z′; the criterion is the sum of both weighted prediction errors. The term each part cannot see
    /// (L for Z′, R∞ for Z″) is fitted to the predicted part's residual by one-parameter least squares (≥ 0).
    func reImCrossValidation(lambda: Double, warmRe: [Double]?, warmIm: [Double]?) throws(GSLError) -> Evaluation {
        let n = problem.columns
        let fitRe = try NonNegativeLeastSquares.solve(
            gram: regularised(problem.gramRe, lambda: lambda), linear: problem.linearRe, count: n,
            nonNegative: problem.nonNegative, warmStart: warmRe)
        let fitIm = try NonNegativeLeastSquares.solve(
            gram: regularised(problem.gramIm, lambda: lambda), linear: problem.linearIm, count: n,
            nonNegative: problem.nonNegative, warmStart: warmIm)
        var predictedIm = fitRe.coefficients
        if let c = problem.inductanceColumn { predictedIm[c] = problem.seriesInductance(fitRe.coefficients) }
        var predictedRe = fitIm.coefficients
        if let c = problem.rInfColumn { predictedRe[c] = problem.seriesResistance(fitIm.coefficients) }
        let error = problem.weightedResidualSquares(predictedIm, part: .imaginary)
            + problem.weightedResidualSquares(predictedRe, part: .real)
        let own = problem.weightedResidualSquares(fitRe.coefficients, part: .real)
            + problem.weightedResidualSquares(fitIm.coefficients, part: .imaginary)
        return Evaluation(
            criterion: error, residualNorm: (own / Double(2 * problem.m)).squareRoot(), solution: fitRe,
            secondary: fitIm)
    }

    func select(_ criterion: LambdaCriterion) throws(GSLError) -> LambdaSelection {
        switch criterion {
        case .fixed(let lambda):
            let solution = try solve(lambda: lambda, warm: nil)
            let rows = Double(problem.rowCount(part))
            let norm = (problem.weightedResidualSquares(solution.coefficients, part: part) / rows).squareRoot()
            return LambdaSelection(
                lambda: lambda, criterionName: "fixed",
                curve: [LambdaCurvePoint(lambda: lambda, criterion: norm, residualNorm: norm)], solution: solution,
                atRangeEnd: false)
        case .gcv, .modifiedGCV, .robustGCV:
            return try search(name: criterion.name) { (lambda, warm) throws(GSLError) in
                try gcvFamily(criterion, lambda: lambda, warm: warm?.solution.coefficients)
            } final: { best in best.1.solution }
        case .reImCrossValidation:
            return try search(name: criterion.name) { (lambda, warm) throws(GSLError) in
                try reImCrossValidation(
                    lambda: lambda, warmRe: warm?.solution.coefficients, warmIm: warm?.secondary?.coefficients)
            } final: { (best: (Double, Evaluation)) throws(GSLError) in
                try solve(lambda: pow(10, best.0), warm: nil)
            }
        }
    }

    private func search(
        name: String, evaluate: (Double, Evaluation?) throws(GSLError) -> Evaluation,
        final: ((Double, Evaluation)) throws(GSLError) -> NonNegativeLeastSquaresSolution
    ) throws(GSLError) -> LambdaSelection {
        var curve: [LambdaCurvePoint] = []
        var best: (logLambda: Double, evaluation: Evaluation)?
        var last: Evaluation?
        var cache: [Double: Evaluation] = [:]
        func run(_ logLambda: Double) throws(GSLError) -> Evaluation {
            if let known = cache[logLambda] { return known }
            let e = try evaluate(pow(10, logLambda), best?.evaluation ?? last)
            cache[logLambda] = e
            curve.append(LambdaCurvePoint(lambda: pow(10, logLambda), criterion: e.criterion, residualNorm: e.residualNorm))
            last = e
            if e.criterion < (best?.evaluation.criterion ?? .infinity) || best == nil { best = (logLambda, e) }
            return e
        }
        var logLambda = Self.scanRange.upperBound
        while logLambda >= Self.scanRange.lowerBound - 1e-9 {
            _ = try run(logLambda)
            logLambda -= 1
        }
        guard let scanBest = best else { throw .invalidArgument(argument: "lambda", reason: "no λ evaluated") }
        var a = max(scanBest.logLambda - 1, Self.scanRange.lowerBound)
        var b = min(scanBest.logLambda + 1, Self.scanRange.upperBound)
        let ratio = (5.0.squareRoot() - 1) / 2
        var c = b - ratio * (b - a), d = a + ratio * (b - a)
        var fc = try run(c).criterion, fd = try run(d).criterion
        for _ in 0..<Self.goldenIterations {
            if fc < fd {
                b = d; d = c; fd = fc
                c = b - ratio * (b - a)
                fc = try run(c).criterion
            } else {
                a = c; c = d; fc = fd
                d = a + ratio * (b - a)
                fd = try run(d).criterion
            }
        }
        guard let chosen = best else { throw .invalidArgument(argument: "lambda", reason: "no λ evaluated") }
        let solution = try final((chosen.logLambda, chosen.evaluation))
        let atEnd = abs(chosen.logLambda - Self.scanRange.lowerBound) < 0.05
            || abs(chosen.logLambda - Self.scanRange.upperBound) < 0.05
        return LambdaSelection(
            lambda: pow(10, chosen.logLambda), criterionName: name, curve: curve.sorted { $0.lambda < $1.lambda },
            solution: solution, atRangeEnd: atEnd)
    }
}
