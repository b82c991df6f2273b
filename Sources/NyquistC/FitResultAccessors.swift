import Foundation
import Nyquist
import NyquistText

// The accessors of a `nyq_fit_result` handle: they copy a fit's numbers into caller arrays (any array may be NULL to
// skip it). Each returns 0, or 2 with a message when the handle is NULL.

/// `nyq_fit_result_parameters`: per parameter, in circuit order (`nyq_fit_result_parameter_count` entries each):
/// the value in its physical unit (Ω, F·s^(n−1), …), the standard error s·√[(JᵀWJ)⁻¹]ₖₖ and the 95 % interval
/// value ± t₀.₉₇₅(ν)·SE (all three NaN where not estimable: fixed, on a bound, not identifiable), and 1 when fixed.
@_cdecl("nyq_fit_result_parameters")
public func nyqFitResultParameters(_ handle: UnsafeRawPointer?, _ values: UnsafeMutablePointer<Double>?,
                                   _ standardErrors: UnsafeMutablePointer<Double>?,
                                   _ lower95: UnsafeMutablePointer<Double>?, _ upper95: UnsafeMutablePointer<Double>?,
                                   _ fixed: UnsafeMutablePointer<Int32>?,
                                   _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
{
    callC(out: nil, error: error) {
        for (k, p) in try FitResultHandle.from(handle).result.parameters.enumerated() {
            values?[k] = p.value
            standardErrors?[k] = p.standardError ?? .nan
            lower95?[k] = p.lower95 ?? .nan
            upper95?[k] = p.upper95 ?? .nan
            fixed?[k] = p.fixed ? 1 : 0
        }
        return (nil, .ok)
    }
}

/// `nyq_fit_result_correlation`: the K × K correlation matrix ρₐᵦ = Cₐᵦ/√(CₐₐCᵦᵦ) of the free parameters (K =
/// `nyq_fit_result_free_count`, order of the labels' `correlationNames`), row-major, NaN where not estimable.
@_cdecl("nyq_fit_result_correlation")
public func nyqFitResultCorrelation(_ handle: UnsafeRawPointer?, _ matrix: UnsafeMutablePointer<Double>?,
                                    _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
{
    callC(out: nil, error: error) {
        let r = try FitResultHandle.from(handle).result
        let k = r.correlationNames.count
        for i in 0..<(k * k) { matrix?[i] = r.correlation?[i] ?? .nan }
        return (nil, .ok)
    }
}

/// `nyq_fit_result_goodness`: ``GoodnessOfFit`` as `NYQ_GOODNESS_COUNT` (10) doubles in the order of the header's
/// `NYQ_GOODNESS_…` indices — χ², reduced χ², χ²/|Z|, pseudo
/// χ², AIC, BIC, residual count 2m, degrees of freedom, noise level σ_ref, noise ratio — and in `present` 1 for each
/// figure the JSON has (reduced χ², noise level and ratio may be absent; their value is then NaN).
@_cdecl("nyq_fit_result_goodness")
public func nyqFitResultGoodness(_ handle: UnsafeRawPointer?, _ values: UnsafeMutablePointer<Double>?,
                                 _ present: UnsafeMutablePointer<Int32>?,
                                 _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
{
    callC(out: nil, error: error) {
        for (k, v) in figures(of: try FitResultHandle.from(handle).result.goodness).enumerated() {
            values?[k] = v ?? .nan
            present?[k] = v == nil ? 0 : 1
        }
        return (nil, .ok)
    }
}

/// `nyq_fit_result_convergence`: the assessment (`NYQ_ASSESSMENT_…`: 0 converged, 1 not converged, 2 above the
/// noise), whether a convergence test was met (1/0), iterations, function and Jacobian evaluations, the
/// optimisation's wall-clock time in s (`convergence.seconds`) and the wall time in s of the whole library call
/// ``Fitter/fit(_:circuit:parameters:settings:start:)`` (optimisation plus covariance, intervals, noise gauge and
/// warnings; ``FitResultHandle/librarySeconds``).
@_cdecl("nyq_fit_result_convergence")
public func nyqFitResultConvergence(_ handle: UnsafeRawPointer?, _ assessment: UnsafeMutablePointer<Int32>?,
                                    _ converged: UnsafeMutablePointer<Int32>?, _ iterations: UnsafeMutablePointer<Int>?,
                                    _ functionEvaluations: UnsafeMutablePointer<Int>?,
                                    _ jacobianEvaluations: UnsafeMutablePointer<Int>?,
                                    _ seconds: UnsafeMutablePointer<Double>?,
                                    _ librarySeconds: UnsafeMutablePointer<Double>?,
                                    _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
{
    callC(out: nil, error: error) {
        let h = try FitResultHandle.from(handle)
        let c = h.result.convergence
        assessment?.pointee = assessmentCode(c.assessment)
        converged?.pointee = c.converged ? 1 : 0
        iterations?.pointee = c.iterations
        functionEvaluations?.pointee = c.functionEvaluations
        jacobianEvaluations?.pointee = c.jacobianEvaluations
        seconds?.pointee = c.seconds
        librarySeconds?.pointee = h.librarySeconds
        return (nil, .ok)
    }
}

/// ``GoodnessOfFit`` in the order of the header's `NYQ_GOODNESS_…` indices (nil: absent from the JSON).
func figures(of g: GoodnessOfFit) -> [Double?] {
    [g.chiSquare, g.reducedChiSquare, g.chiSquareOverModulus, g.pseudoChiSquare, g.aic, g.bic, Double(g.residualCount),
     Double(g.degreesOfFreedom), g.noiseLevel, g.noiseRatio]
}

/// The header's `NYQ_ASSESSMENT_…` code: 0 converged, 1 not converged, 2 above the noise.
func assessmentCode(_ a: FitAssessment) -> Int32 {
    switch a {
    case .converged: 0
    case .notConverged: 1
    case .aboveNoise: 2
    }
}

/// `nyq_fit_result_residuals`: per point used (`nyq_fit_result_residual_count`): its frequency (Hz) and the relative
/// residuals (Z′ − Ẑ′)/|Z| and (Z″ − Ẑ″)/|Z|.
@_cdecl("nyq_fit_result_residuals")
public func nyqFitResultResiduals(_ handle: UnsafeRawPointer?, _ frequency: UnsafeMutablePointer<Double>?,
                                  _ real: UnsafeMutablePointer<Double>?, _ imaginary: UnsafeMutablePointer<Double>?,
                                  _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
{
    callC(out: nil, error: error) {
        for (k, r) in try FitResultHandle.from(handle).result.residuals.enumerated() {
            frequency?[k] = r.frequency
            real?[k] = r.real
            imaginary?[k] = r.imaginary
        }
        return (nil, .ok)
    }
}

/// `nyq_fit_result_labels`: the result's text as one small JSON object, written without Foundation's encoder:
/// `{"circuit", "names", "units", "correlationNames", "method", "reason", "warnings": [{"code", "message",
/// "parameters"}]}` (the strings of `fit --format json`).
@_cdecl("nyq_fit_result_labels")
public func nyqFitResultLabels(_ handle: UnsafeRawPointer?, _ json: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                               _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
{
    callC(out: json, error: error) {
        let r = try FitResultHandle.from(handle).result
        func list(_ items: [String]) -> String { "[" + items.map(JSONString.quoted).joined(separator: ", ") + "]" }
        let warnings = r.warnings.map {
            "{\"code\": \(JSONString.quoted($0.code.rawValue)), \"message\": \(JSONString.quoted($0.message)), \"parameters\": \(list($0.parameters))}"
        }
        let fields = ["\"circuit\": " + JSONString.quoted(r.circuit), "\"names\": " + list(r.parameters.map(\.name)),
                      "\"units\": " + list(r.parameters.map(\.unit)), "\"correlationNames\": " + list(r.correlationNames),
                      "\"method\": " + JSONString.quoted(r.convergence.method.rawValue),
                      "\"reason\": " + JSONString.quoted(r.convergence.reason),
                      "\"warnings\": [" + warnings.joined(separator: ", ") + "]"]
        return ("{" + fields.joined(separator: ", ") + "}", .ok)
    }
}
