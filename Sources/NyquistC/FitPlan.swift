import Foundation
import Nyquist

/// A prepared fit behind the C type `nyq_fit_plan`: the circuit resolved (named model, `.circuit` file or circuit
/// string, with `params`/`fix`/`bounds` applied) and the options JSON decoded and checked once, then fitted to any
/// number of spectra. Immutable, so several threads may fit with one plan at once. The plan keeps what the circuit
/// resolved to when it was created: a later change of a `.circuit` file or of `$NYQUIST_CIRCUITS` does not reach it.
final class FitPlan: Sendable {
    let circuit: Circuit
    let parameters: ParameterTable
    let settings: FitSettings

    /// Resolves `circuit` with the options JSON of ``FitOptions`` (NULL or empty: defaults).
    /// - Throws: ``CAPIError`` with status 2 for a bad circuit, parameter or option.
    init(circuit: UnsafePointer<CChar>?, options: UnsafePointer<CChar>?) throws {
        let o = try FitOptions.decode(try string(options, "options", allowNull: true))
        (self.circuit, parameters) = try o.circuit(try string(circuit, "circuit") ?? "").resolve(startsAreGiven: false)
        settings = try o.settings()
    }

    /// The handle behind a C pointer (not retained); a usage error for NULL.
    static func from(_ p: UnsafeRawPointer?) throws -> FitPlan {
        guard let p else { throw CAPIError.usage("fit plan is NULL") }
        return Unmanaged<FitPlan>.fromOpaque(p).takeUnretainedValue()
    }

    /// Fits the plan to a spectrum given as caller arrays (frequency in Hz, Z′ and Z″ in Ω) by
    /// ``Fitter/fit(_:circuit:parameters:settings:start:)``, timing that call alone (the handle's `librarySeconds`).
    func fit(_ frequency: UnsafePointer<Double>?, _ zReal: UnsafePointer<Double>?,
             _ zImaginary: UnsafePointer<Double>?, _ count: Int) throws -> FitResultHandle
    {
        let s = try spectrum(frequency, zReal, zImaginary, count)
        if let points = settings.window.points, points.upperBound >= s.count {
            throw CAPIError.usage("points [\(points.lowerBound + 1), \(points.upperBound + 1)]: the spectrum has \(s.count) points")
        }
        let clock = ContinuousClock()
        let began = clock.now
        let result = try Fitter.fit(s, circuit: circuit, parameters: parameters, settings: settings)
        let elapsed = clock.now - began
        return FitResultHandle(result, librarySeconds: Double(elapsed.components.seconds)
            + Double(elapsed.components.attoseconds) * 1e-18)
    }
}

/// `nyq_fit_plan_create`: resolves `circuit` and decodes `options_json` (the arguments of `nyq_fit`) once. Status 0:
/// `*out` is a plan to free with `nyq_fit_plan_free`; status 2 (bad circuit, parameter or option, or `out` NULL):
/// `*out` is NULL and `*error` names the cause.
@_cdecl("nyq_fit_plan_create")
public func nyqFitPlanCreate(_ circuit: UnsafePointer<CChar>?, _ options: UnsafePointer<CChar>?,
                             _ out: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
                             _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
{
    out?.pointee = nil
    return callC(out: nil, error: error) {
        guard let out else { throw CAPIError.usage("out is NULL") }
        out.pointee = Unmanaged.passRetained(try FitPlan(circuit: circuit, options: options)).toOpaque()
        return (nil, .ok)
    }
}

/// `nyq_fit_plan_fit`: the fit of `nyq_fit_handle` with a prepared plan (same status codes and result handle).
@_cdecl("nyq_fit_plan_fit")
public func nyqFitPlanFit(_ plan: UnsafeRawPointer?, _ frequency: UnsafePointer<Double>?,
                          _ zReal: UnsafePointer<Double>?, _ zImaginary: UnsafePointer<Double>?, _ count: Int,
                          _ out: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
                          _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
{
    out?.pointee = nil
    return callC(out: nil, error: error) {
        guard let out else { throw CAPIError.usage("out is NULL") }
        let handle = try FitPlan.from(plan).fit(frequency, zReal, zImaginary, count)
        out.pointee = Unmanaged.passRetained(handle).toOpaque()
        return (nil, status(of: handle.result))
    }
}

/// `nyq_fit_plan_free`: releases a plan from `nyq_fit_plan_create` (NULL is ignored). Result handles made with it
/// stay valid.
@_cdecl("nyq_fit_plan_free")
public func nyqFitPlanFree(_ plan: UnsafeMutableRawPointer?) {
    guard let plan else { return }
    Unmanaged<FitPlan>.fromOpaque(plan).release()
}
