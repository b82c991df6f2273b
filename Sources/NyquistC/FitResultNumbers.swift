import Foundation
import Nyquist

/// The number of doubles `nyq_fit_result_numbers` writes for a result with P parameters, K free parameters and m
/// residuals: 5P + K² + 27 + 3m.
func numberCount(_ r: FitResult) -> Int {
    let k = r.correlationNames.count
    return 5 * r.parameters.count + k * k + 27 + 3 * r.residuals.count
}

/// `nyq_fit_result_numbers`: every number of the result in one caller buffer of `capacity` doubles, in this order
/// (P parameters, K free parameters, m points used):
/// values, standard errors, lower and upper 95 % bounds, fixed (1/0) — P each, circuit order, as
/// `nyq_fit_result_parameters` (NaN where not estimable) | the K × K correlation, row-major, as
/// `nyq_fit_result_correlation` | the 10 goodness figures then their 10 presence flags (1/0), as
/// `nyq_fit_result_goodness` | assessment, converged, iterations, function evaluations, Jacobian evaluations,
/// `convergence.seconds`, library seconds, as `nyq_fit_result_convergence` | residual frequencies (Hz), real and
/// imaginary relative residuals — m each, as `nyq_fit_result_residuals`. Counts are exact in a double.
/// `*count` (when not NULL) receives 5P + K² + 27 + 3m, also when the buffer is too small (status 2, nothing
/// written).
@_cdecl("nyq_fit_result_numbers")
public func nyqFitResultNumbers(_ handle: UnsafeRawPointer?, _ buffer: UnsafeMutablePointer<Double>?, _ capacity: Int,
                                _ count: UnsafeMutablePointer<Int>?,
                                _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
{
    count?.pointee = 0
    return callC(out: nil, error: error) {
        let h = try FitResultHandle.from(handle)
        let r = h.result
        let needed = numberCount(r)
        count?.pointee = needed
        guard let buffer else { throw CAPIError.usage("buffer is NULL") }
        guard capacity >= needed else {
            throw CAPIError.usage("buffer holds \(capacity) doubles, the result needs \(needed)")
        }
        var i = 0
        func put(_ v: Double) {
            buffer[i] = v
            i += 1
        }
        let ps = r.parameters
        for p in ps { put(p.value) }
        for p in ps { put(p.standardError ?? .nan) }
        for p in ps { put(p.lower95 ?? .nan) }
        for p in ps { put(p.upper95 ?? .nan) }
        for p in ps { put(p.fixed ? 1 : 0) }
        let k = r.correlationNames.count
        for j in 0..<(k * k) { put(r.correlation?[j] ?? .nan) }
        let g = figures(of: r.goodness)
        for v in g { put(v ?? .nan) }
        for v in g { put(v == nil ? 0 : 1) }
        let c = r.convergence
        for v in [Double(assessmentCode(c.assessment)), c.converged ? 1 : 0, Double(c.iterations),
                  Double(c.functionEvaluations), Double(c.jacobianEvaluations), c.seconds, h.librarySeconds] { put(v) }
        for x in r.residuals { put(x.frequency) }
        for x in r.residuals { put(x.real) }
        for x in r.residuals { put(x.imaginary) }
        return (nil, .ok)
    }
}
