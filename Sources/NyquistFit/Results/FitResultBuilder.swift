import Numerics
import NyquistCircuit
import NyquistNumerics

/// Turns an optimisation outcome into a ``FitResult``: arcs ordered, uncertainties, correlations, goodness of fit,
/// residuals and warnings.
///
/// Uncertainties come from the physical Jacobian J = ∂f/∂p at the solution (not the transformed one, so they stay
/// defined next to a bound): C = s²(JᵀJ)⁻¹ over the free parameters not on a bound, computed by pivoted QR
/// (``ParameterCovariance``), with s² = χ²/ν (ν = 2m − P) except for `sigma` weighting, whose residuals are already
/// in units of their standard deviation (s² = 1). SE = √Cₖₖ; the 95 % interval is value ± t₀.₉₇₅(ν)·SE.
///
/// Each free parameter the data do not determine is flagged once (``FittedParameter/flag``), first match wins: on a
/// bound; collapsed towards 0 or grown towards ∞ (``ParameterScale``); SE not estimable or SE > 100 % of |value|.
/// A converged fit whose χ² is far above the noise (``NoiseGauge``) is assessed ``FitAssessment/aboveNoise``.
enum FitResultBuilder {
    /// Relative standard errors above this (1 = 100 %) flag a parameter as undetermined.
    static let relativeErrorLimit = 1.0

    static func make(_ problem: FitProblem, _ candidate: Candidate, seconds: Double, noise: inout NoiseGauge)
        throws(FitError) -> FitResult
    {
        let table = problem.parameters
        var values = candidate.physical
        var warnings = problem.warnings
        if problem.settings.orderArcs {
            let (ordered, moved) = ArcOrdering.canonical(values, circuit: problem.circuit, table: table)
            values = ordered
            if moved {
                warnings.append(FitWarning(.arcsReordered, "interchangeable arcs were reordered by time constant (fastest first)"))
            }
        }
        let m = problem.pointCount, n = problem.residualCount, F = problem.freeCount
        // The fit's own last evaluation when it was at exactly these values (the same bits as evaluating again).
        let state = candidate.model.flatMap { s in
            s.parameters.count == values.count
                && zip(s.parameters, values).allSatisfy { $0.bitPattern == $1.bitPattern } ? s : nil
        }
        let z = state?.impedance ?? problem.plan.impedance(problem.grid, parameters: values)

        // Goodness of fit.
        var chi = 0.0, chiModulus = 0.0, pseudo = 0.0
        var residuals: [PointResidual] = []
        residuals.reserveCapacity(m)
        for i in 0..<m {
            let d = problem.data[i] - z[i]
            let wr: Double, wi: Double
            if problem.settings.weighting == .boukamp { wr = 1 / z[i].length; wi = wr } else {
                wr = problem.weightRe[i]; wi = problem.weightIm[i]
            }
            chi += (wr * d.real) * (wr * d.real) + (wi * d.imaginary) * (wi * d.imaginary)
            chiModulus += d.lengthSquared / problem.data[i].lengthSquared
            pseudo += d.lengthSquared / z[i].lengthSquared
            let mod = problem.data[i].length
            residuals.append(PointResidual(frequency: problem.grid.frequencies[i], real: d.real / mod,
                                           imaginary: d.imaginary / mod))
        }
        let dof = n - F
        let logLikelihoodTerm = Double(n) * Double.log(max(chi, .leastNonzeroMagnitude) / Double(n))
        var goodness = GoodnessOfFit(
            chiSquare: chi, reducedChiSquare: dof > 0 ? chi / Double(dof) : nil,
            chiSquareOverModulus: chiModulus, pseudoChiSquare: pseudo,
            aic: logLikelihoodTerm + 2 * Double(F), bic: logLikelihoodTerm + Double(F) * Double.log(Double(n)),
            residualCount: n, degreesOfFreedom: dof)
        let measured = candidate.converged && F > 0
            ? noise.measure(chiSquare: chi, modulusChiSquare: chiModulus, residuals: residuals) : nil
        goodness.noiseLevel = measured?.level
        goodness.noiseRatio = measured?.ratio
        let aboveNoise = (measured?.ratio ?? 0) > NoiseGauge.ratioLimit
        if aboveNoise, let r = measured?.ratio {
            let detail = measured?.level.map { "RMS residual \(percent(($0 * $0 * r).squareRoot())) of |Z|, noise \(percent($0))" }
                ?? "reduced χ² \(shortNumber(r))"
            warnings.append(FitWarning(.fitAboveNoise, "fit far above the noise level (\(detail)): the minimum may be local or "
                + "the model may not describe the data"))
        }

        // Parameters, bounds, covariance.
        var fitted = table.parameters.map {
            FittedParameter(name: $0.name, unit: $0.unit, value: values[table.index(of: $0.name) ?? 0],
                            standardError: nil, lower95: nil, upper95: nil, fixed: $0.fixed, atBound: nil)
        }
        let scale = ParameterScale(problem)
        for (k, i) in problem.free.enumerated() {
            let t = problem.transforms[k]
            fitted[i].atBound = t.boundHit(t.internalValue(values[i]))
            if let hit = fitted[i].atBound {
                let bound = hit == .lower ? table[i].lower : table[i].upper
                let unit = table[i].unit == "1" ? "" : " " + table[i].unit
                fitted[i].flag = .parameterAtBound
                warnings.append(FitWarning(.parameterAtBound, parameters: [table[i].name],
                                           "\(table[i].name) is on its \(hit.rawValue) bound \(bound)\(unit); its uncertainty is not estimated"))
            } else if let code = scale.flag(values[i], table[i]) {
                fitted[i].flag = code
                warnings.append(scale.warning(code, values[i], table[i]))
            }
        }
        let estimable = problem.free.enumerated().filter { fitted[$0.element].atBound == nil }
        var correlation: [Double?]? = nil
        let names = problem.free.map { table[$0].name }
        if dof > 0, !estimable.isEmpty,
           let fullJ = state.flatMap({ ResidualEvaluator.physicalJacobian(problem, $0) })
               ?? ResidualEvaluator(problem).physicalJacobian(at: values) {
            let cols = estimable.map(\.offset)
            var J = [Double](repeating: 0, count: n * cols.count)
            for r in 0..<n { for (c, k) in cols.enumerated() { J[r * cols.count + c] = fullJ[r * F + k] } }
            if let cov = try? ParameterCovariance.estimate(jacobian: J, n: n, p: cols.count) {
                let s2 = problem.settings.weighting == .sigma ? 1 : chi / Double(dof)
                let t = StudentT.quantile(0.975, degreesOfFreedom: Double(dof)) ?? .nan
                for (c, pair) in estimable.enumerated() {
                    let i = pair.element
                    guard let se = cov.standardError(ofParameter: c, scale: s2), se.isFinite else {
                        if fitted[i].flag == nil {
                            fitted[i].flag = .parameterUndetermined
                            warnings.append(FitWarning(.parameterUndetermined, parameters: [table[i].name],
                                                       "\(table[i].name) cannot be identified from these data (its effect is a combination of other parameters')"))
                        }
                        continue
                    }
                    fitted[i].standardError = se
                    fitted[i].lower95 = values[i] - t * se
                    fitted[i].upper95 = values[i] + t * se
                    if fitted[i].flag == nil, !(se <= relativeErrorLimit * abs(values[i])) {
                        fitted[i].flag = .parameterUndetermined
                        warnings.append(FitWarning(.parameterUndetermined, parameters: [table[i].name],
                                                   "\(table[i].name) has a standard error of \(percent(se / abs(values[i]))) of its value: the data do not determine it"))
                    }
                }
                var rho = [Double?](repeating: nil, count: F * F)
                for (a, pa) in estimable.enumerated() {
                    for (b, pb) in estimable.enumerated() {
                        let caa = cov[a, a], cbb = cov[b, b]
                        guard caa > 0, cbb > 0 else { continue }
                        rho[pa.offset * F + pb.offset] = cov[a, b] / (caa * cbb).squareRoot()
                    }
                }
                for a in 0..<F { for b in (a + 1)..<F {
                    guard let r = rho[a * F + b], abs(r) > 0.99 else { continue }
                    warnings.append(FitWarning(.correlated, parameters: [names[a], names[b]],
                                               "\(names[a]) and \(names[b]) are correlated (ρ = \(String(format3: r))): not separately identifiable"))
                } }
                correlation = rho
            }
        }
        if let reached = candidate.startsReachingBest, let refined = candidate.refinedStarts, refined > 1, reached <= 1 {
            warnings.append(FitWarning(.startsDisagree, "only \(reached) of \(refined) refined starts reached the best χ²: the minimum may not be unique; try more --starts"))
        }
        let convergence = Convergence(
            converged: candidate.converged, reason: candidate.reason, method: candidate.method,
            iterations: candidate.iterations, functionEvaluations: candidate.functionEvaluations,
            jacobianEvaluations: candidate.jacobianEvaluations, seconds: seconds,
            randomSamples: candidate.randomSamples, refinedStarts: candidate.refinedStarts,
            startsReachingBest: candidate.startsReachingBest,
            assessment: !candidate.converged ? .notConverged : (aboveNoise ? .aboveNoise : .converged))
        let freqs = problem.grid.frequencies
        return FitResult(
            circuit: problem.circuit.text(in: .impedancePy), parameters: fitted, correlationNames: names,
            correlation: correlation, goodness: goodness, residuals: residuals, convergence: convergence,
            warnings: warnings, settings: problem.settings, pointCount: m,
            frequencyRange: (freqs.min() ?? 0)...(freqs.max() ?? 0))
    }
}

extension String {
    /// A number with three decimals, without Foundation.
    init(format3 v: Double) {
        let r = (v * 1000).rounded() / 1000
        self = "\(r)"
    }
}
