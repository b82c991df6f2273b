import NyquistNumerics

extension Fitter {
    /// ``Weighting/estimated``: (1) the fit with the problem's method and modulus weights (the problem has no noise
    /// model yet, so its weights are 1/|Zᵢ|); (2) σᵢ² = α² + β²|Zᵢ|² estimated from the unweighted residuals Zᵢ − Ẑᵢ
    /// of that fit (``NoiseModel/estimate(residuals:moduli:parameterCount:)``); (3) a Levenberg–Marquardt refit with
    /// weights 1/σᵢ from the first fit's values, whose covariance s²(JᵀWJ)⁻¹ describes that noise model. When no
    /// model can be estimated (no free parameter, residuals all zero), the first fit is returned with a warning. Iterations and
    /// evaluations of both stages are added up.
    static func fitEstimatingNoise(_ problem: FitProblem, start: [Double]?) throws(FitError) -> FitResult {
        let clock = ContinuousClock()
        let began = clock.now
        var first = try fit(problem.weighted(by: NoiseModel(constant: 0, proportional: 1)), start: start)
        first.settings.noiseModel = nil
        let values = first.parameters.map(\.value)
        let model = problem.plan.impedance(problem.grid, parameters: values)
        let m = problem.pointCount
        var residuals = [Double](repeating: 0, count: 2 * m)
        for i in 0..<m {
            residuals[i] = problem.data[i].real - model[i].real
            residuals[m + i] = problem.data[i].imaginary - model[i].imaginary
        }
        guard problem.freeCount > 0,
              let noise = NoiseModel.estimate(residuals: residuals, moduli: problem.data.map(\.length),
                                              parameterCount: problem.freeCount),
              noise.constant > 0 || noise.proportional > 0
        else {
            first.warnings.append(FitWarning(.noiseModelNotEstimated,
                "no noise model could be estimated (no free parameter, or residuals that vanish): modulus weights kept"))
            return first
        }
        let weighted = problem.weighted(by: noise)
        var c = try local(weighted, from: weighted.internalCoordinates(values), method: problem.settings.method)
        c.iterations += first.convergence.iterations
        c.functionEvaluations += first.convergence.functionEvaluations
        c.jacobianEvaluations += first.convergence.jacobianEvaluations
        c.randomSamples = first.convergence.randomSamples
        c.refinedStarts = first.convergence.refinedStarts
        c.startsReachingBest = first.convergence.startsReachingBest
        var gauge = NoiseGauge(weighted)
        var result = try FitResultBuilder.make(weighted, c, seconds: seconds(since: began, clock), noise: &gauge)
        result.warnings.append(contentsOf: first.warnings.filter { !result.warnings.contains($0) })
        return result
    }
}
