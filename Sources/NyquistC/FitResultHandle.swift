import Foundation
import Nyquist

/// One fit's ``FitResult`` behind the C type `nyq_fit_result` (an opaque pointer owned by the caller until
/// `nyq_fit_result_free`). Immutable, so several threads may read one handle at once; the JSON text is built only
/// when `nyq_fit_result_json` asks for it.
final class FitResultHandle: Sendable {
    let result: FitResult
    /// The wall time in s of the Swift library call that made `result`, ``Fitter/fit(_:circuit:parameters:settings:start:)``
    /// (the optimisation, then the covariance, intervals, noise gauge and warnings), measured inside the C call
    /// around that call alone; `result.convergence.seconds` is the optimisation alone.
    let librarySeconds: Double

    init(_ result: FitResult, librarySeconds: Double) {
        self.result = result
        self.librarySeconds = librarySeconds
    }

    /// The handle behind a C pointer (not retained); a usage error for NULL.
    static func from(_ p: UnsafeRawPointer?) throws -> FitResultHandle {
        guard let p else { throw CAPIError.usage("fit result handle is NULL") }
        return Unmanaged<FitResultHandle>.fromOpaque(p).takeUnretainedValue()
    }
}

/// `nyq_fit_handle`: the fit of `nyq_fit` (same arguments, options and status codes), its result kept as a handle
/// whose numbers the `nyq_fit_result_…` accessors copy into caller arrays, without any text. On status 0 or 1
/// `*out` is a handle to free with `nyq_fit_result_free`; on 2/3/4 `*out` is NULL and `*error` names the cause.
@_cdecl("nyq_fit_handle")
public func nyqFitHandle(_ frequency: UnsafePointer<Double>?, _ zReal: UnsafePointer<Double>?,
                         _ zImaginary: UnsafePointer<Double>?, _ count: Int, _ circuit: UnsafePointer<CChar>?,
                         _ options: UnsafePointer<CChar>?, _ out: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
                         _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
{
    out?.pointee = nil
    return callC(out: nil, error: error) {
        guard let out else { throw CAPIError.usage("out is NULL") }
        let handle = try FitPlan(circuit: circuit, options: options).fit(frequency, zReal, zImaginary, count)
        out.pointee = Unmanaged.passRetained(handle).toOpaque()
        return (nil, status(of: handle.result))
    }
}

/// `nyq_fit_result_free`: releases a handle from `nyq_fit_handle` (NULL is ignored).
@_cdecl("nyq_fit_result_free")
public func nyqFitResultFree(_ handle: UnsafeMutableRawPointer?) {
    guard let handle else { return }
    Unmanaged<FitResultHandle>.fromOpaque(handle).release()
}

/// `nyq_fit_result_json`: the text of `nyquist fit --format json` for this result (docs/outputs.md), encoded by
/// ``ResultJSON`` on every call; free with `nyq_free_string`.
@_cdecl("nyq_fit_result_json")
public func nyqFitResultJSON(_ handle: UnsafeRawPointer?, _ json: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                             _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
{
    callC(out: json, error: error) { (try ResultJSON.string(try FitResultHandle.from(handle).result), .ok) }
}

/// `nyq_fit_result_parameter_count`: the number of parameters of the circuit, fixed ones included (0 for NULL).
@_cdecl("nyq_fit_result_parameter_count")
public func nyqFitResultParameterCount(_ handle: UnsafeRawPointer?) -> Int {
    (try? FitResultHandle.from(handle).result.parameters.count) ?? 0
}

/// `nyq_fit_result_free_count`: K, the number of free parameters, the side of the correlation matrix (0 for NULL).
@_cdecl("nyq_fit_result_free_count")
public func nyqFitResultFreeCount(_ handle: UnsafeRawPointer?) -> Int {
    (try? FitResultHandle.from(handle).result.correlationNames.count) ?? 0
}

/// `nyq_fit_result_residual_count`: the number of points the fit used, the length of the residual arrays (0 for NULL).
@_cdecl("nyq_fit_result_residual_count")
public func nyqFitResultResidualCount(_ handle: UnsafeRawPointer?) -> Int {
    (try? FitResultHandle.from(handle).result.residuals.count) ?? 0
}
