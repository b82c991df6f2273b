import Foundation
import NyquistNumerics

extension LogSpaceProblem {
    /// −2 ln L for a weighted RSS (χ²), without law-independent constants: Σrᵢ² when trusted, N·ln(χ²/N) when
    /// the scale is estimated (χ²/N floored at 10⁻³⁰⁰ so an exact fit stays finite).
    func minus2LogLikelihood(chi2: Double) -> Double {
        switch options.variance {
        case .trusted: return chi2
        case .estimated:
            let n = Double(x.count)
            return n * Foundation.log(max(chi2 / n, 1e-300))
        }
    }

    /// Jacobian ∂rᵢ/∂θⱼ in natural parameters by central differences, hⱼ = 10⁻⁶·max(|θⱼ|, 10⁻⁶·scaleⱼ).
    func naturalJacobian(_ theta: [Double]) -> [Double]? {
        let n = x.count
        let k = theta.count
        var jacobian = [Double](repeating: 0, count: n * k)
        let yScale = y.max() ?? 1
        for j in 0..<k {
            let scale: Double
            switch law.slots[j].constraint {
            case .free: scale = yScale
            case .interval: scale = 1
            case .positive, .beyondData: scale = max(abs(theta[j]), 1e-300)
            }
            let h = 1e-6 * max(abs(theta[j]), 1e-6 * scale)
            var plus = theta
            var minus = theta
            plus[j] += h
            minus[j] -= h
            if case .beyondData = law.slots[j].constraint { minus[j] = max(minus[j], xMax * (1 + 1e-12)) }
            guard let rp = residuals(plus), let rm = residuals(minus) else { return nil }
            let step = plus[j] - minus[j]
            for i in 0..<n { jacobian[i * k + j] = (rp[i] - rm[i]) / step }
        }
        return jacobian
    }

    /// Assembles the fit result at θ: criteria, covariance, confidence intervals, correlations.
    func statistics(theta: [Double], converged: Bool, status: String, valueUnit: String, clockUnit: String)
        -> GrowthLawFit
    {
        let n = x.count
        let k = theta.count
        let r = residuals(theta) ?? [Double](repeating: .infinity, count: n)
        let chi2 = r.reduce(0) { $0 + $1 * $1 }
        var logSquares = 0.0
        for i in 0..<n {
            let d = logY[i] - Foundation.log(max(law.value(at: x[i], parameters: theta), .leastNormalMagnitude))
            logSquares += d * d
        }
        let m2lnL = minus2LogLikelihood(chi2: chi2)
        let aic = m2lnL + 2 * Double(k)
        let aicc: Double? = n >= k + 3 ? aic + 2 * Double(k * (k + 1)) / Double(n - k - 1) : nil
        let bic = m2lnL + Double(k) * Foundation.log(Double(n))

        let dof = n - k
        var scale: Double? = nil
        if dof > 0 {
            switch options.variance {
            case .trusted: scale = max(1, chi2 / Double(dof))
            case .estimated: scale = chi2 / Double(dof)
            }
        }
        var covariance: ParameterCovariance? = nil
        if let jacobian = naturalJacobian(theta) {
            covariance = try? ParameterCovariance.estimate(jacobian: jacobian, n: n, p: k)
        }
        let t = dof > 0 ? (StudentT.quantile(0.975, degreesOfFreedom: Double(dof)) ?? .nan) : .nan
        let slots = law.slots
        var parameters: [GrowthLawParameter] = []
        for j in 0..<k {
            var se: Double? = nil
            if let covariance, let scale, let e = covariance.standardError(ofParameter: j, scale: scale), e.isFinite {
                se = e
            }
            let half = se.map { $0 * t }
            parameters.append(
                GrowthLawParameter(
                    name: slots[j].name, unit: slots[j].unit(valueUnit, clockUnit), value: theta[j], standardError: se,
                    lower: half.flatMap { $0.isFinite ? theta[j] - $0 : nil },
                    upper: half.flatMap { $0.isFinite ? theta[j] + $0 : nil }))
            if let half, half.isFinite {
                parameters[j].intervals.append(ConfidenceInterval(kind: .t, low: theta[j] - half, high: theta[j] + half))
            }
        }
        var correlations = [Double](repeating: 0, count: k * k)
        var pairs: [CorrelatedPair] = []
        var unidentified: [String] = []
        if let covariance {
            unidentified = covariance.unidentifiedParameters.map { slots[$0].name }
            for i in 0..<k {
                for j in 0..<k {
                    let d = (covariance[i, i] * covariance[j, j]).squareRoot()
                    correlations[i * k + j] = d > 0 ? covariance[i, j] / d : (i == j ? 1 : 0)
                }
            }
            for i in 0..<k {
                for j in (i + 1)..<k where abs(correlations[i * k + j]) > options.correlationThreshold {
                    pairs.append(
                        CorrelatedPair(first: slots[i].name, second: slots[j].name, correlation: correlations[i * k + j]))
                }
            }
        } else {
            unidentified = slots.map(\.name)
        }
        return GrowthLawFit(
            law: law, parameters: parameters, pointCount: n, chiSquared: chi2,
            relativeRMS: (logSquares / Double(n)).squareRoot(), minus2LogLikelihood: m2lnL, aic: aic, aicc: aicc,
            bic: bic, correlations: correlations, correlatedPairs: pairs, unidentified: unidentified,
            converged: converged, status: status, variance: options.variance)
    }
}

extension GrowthLawFit {
    /// Parametric bootstrap: draws ln Rᵢ* = ln f̂(xᵢ) + sᵢ·zᵢ (zᵢ standard normal; equivalently Rᵢ* ~ R̂ᵢ·e^(sᵢzᵢ),
    /// which propagates the EIS-fit errors), refits from the fitted θ, and stores the 95 % BCa interval
    /// (``BCaBootstrap``; acceleration from the leave-one-point-out jackknife refits, a = 0 when N − 1 < k) of the
    /// converged refits (none when fewer than 10 converge) in `bootstrapLower`/`bootstrapUpper` and, labelled
    /// "stated errors only", in `intervals`: the draws use the stated sᵢ, not the scatter about the fit.
    /// `progress`, when given, is called after each replicate with (replicates done, `samples`).
    mutating func addBootstrap(
        problem: LogSpaceProblem, samples: Int, seed: UInt64, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) {
        var generator = SeededRandom(seed: seed)
        let fitted = values
        let centre = problem.x.map { Foundation.log(max(law.value(at: $0, parameters: fitted), .leastNormalMagnitude)) }
        var draws: [[Double]] = Array(repeating: [], count: fitted.count)
        for replicate in 0..<samples {
            defer { progress?(replicate + 1, samples) }
            let target = centre.indices.map { centre[$0] + problem.sigma[$0] * generator.normal() }
            // A replicate whose refit did not converge is dropped: counting it at its start would pile draws on
            // the fitted values and shrink the interval.
            guard let refit = try? problem.minimise(starts: [fitted], logY: target), refit.converged else { continue }
            for j in refit.theta.indices { draws[j].append(refit.theta[j]) }
        }
        let jackknife = jackknifeValues(problem: problem)
        for j in parameters.indices where draws[j].count >= 10 {
            guard
                let bca = BCaBootstrap.interval(
                    estimate: fitted[j], replicates: draws[j], jackknife: jackknife?.map { $0[j] })
            else { continue }
            parameters[j].bootstrapLower = bca.low
            parameters[j].bootstrapUpper = bca.high
            var interval = ConfidenceInterval(
                kind: jackknife == nil ? .bcBootstrapStatedErrors : .bcaBootstrapStatedErrors, low: bca.low,
                high: bca.high)
            interval.noteIfOutside(fitted[j])
            parameters[j].intervals.append(interval)
        }
    }

    /// θ_(i) for i = 1…N: the law refitted without point i from θ̂; nil when N − 1 < k or a refit fails.
    func jackknifeValues(problem: LogSpaceProblem) -> [[Double]]? {
        let n = problem.x.count
        guard n - 1 >= parameters.count else { return nil }
        var result: [[Double]] = []
        for i in 0..<n {
            var reduced = problem
            for keyPath in [\LogSpaceProblem.x, \.y, \.logY, \.sigma] { reduced[keyPath: keyPath].remove(at: i) }
            reduced.xMax = reduced.x.max() ?? problem.xMax
            guard let refit = try? reduced.minimise(starts: [values]), refit.converged else { return nil }
            result.append(refit.theta)
        }
        return result
    }
}
