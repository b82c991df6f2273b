import Foundation
import Nyquist
import Numerics

/// A spectrum from caller arrays: `count` frequencies (Hz) and Z′, Z″ (Ω).
func spectrum(_ frequency: UnsafePointer<Double>?, _ zReal: UnsafePointer<Double>?, _ zImaginary: UnsafePointer<Double>?,
              _ count: Int) throws -> Spectrum
{
    let f = try doubles(frequency, count, "frequency"), re = try doubles(zReal, count, "z_real")
    let im = try doubles(zImaginary, count, "z_imag")
    return Spectrum(frequencies: f, impedances: zip(re, im).map { Complex($0, $1) },
                    metadata: SpectrumMetadata(index: 0, format: "arrays"))
}

/// `nyq_fit`: fits `circuit` (a named model, a `.circuit` file or a circuit string) to a spectrum given as arrays
/// (frequency in Hz, Z′ and Z″ in Ω) with the options JSON of ``FitOptions``, by ``Fitter/fit(_:circuit:parameters:settings:)``
/// (GSL `gsl_multifit_nlinear` trust-region Levenberg–Marquardt, with the seeded randomize + simplex start for
/// `method` `randomize-simplex`/`auto`). `*result_json` is the CLI's `fit --format json` text (docs/outputs.md).
/// Returns 0 when converged, 1 when the fit did not converge or ended far above the noise (the result is still set),
/// 2/3/4 on a bad option, bad data or a numerical failure (no result, a message in `*error`).
@_cdecl("nyq_fit")
public func nyqFit(_ frequency: UnsafePointer<Double>?, _ zReal: UnsafePointer<Double>?,
                   _ zImaginary: UnsafePointer<Double>?, _ count: Int, _ circuit: UnsafePointer<CChar>?,
                   _ options: UnsafePointer<CChar>?, _ resultJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                   _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
{
    callC(out: resultJSON, error: error) {
        let result = try FitPlan(circuit: circuit, options: options).fit(frequency, zReal, zImaginary, count).result
        return (try ResultJSON.string(result), status(of: result))
    }
}

/// A fit's status: 0 when converged, 1 when it did not converge or ended far above the noise.
func status(of result: FitResult) -> CStatus {
    result.convergence.assessment == .converged ? .ok : .notConverged
}

/// `nyq_simulate`: the impedance of `circuit` at `count` frequencies (Hz) into caller arrays Z′, Z″ (Ω). Options
/// JSON: `{"params": {"R1": 21.3, …}, "noise": 0.005, "seed": 1}` — every parameter needs a value (from `params`,
/// inline CDC values or a named model); `noise` adds Gaussian noise of that relative size to Z′ and Z″.
@_cdecl("nyq_simulate")
public func nyqSimulate(_ circuit: UnsafePointer<CChar>?, _ options: UnsafePointer<CChar>?,
                        _ frequency: UnsafePointer<Double>?, _ count: Int, _ zReal: UnsafeMutablePointer<Double>?,
                        _ zImaginary: UnsafeMutablePointer<Double>?,
                        _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
{
    struct Options: Decodable { var params: [String: Double]?; var noise: Double?; var seed: UInt64?; var circuitsDirs: [String]? }
    return callC(out: nil, error: error) {
        let o = try decodeOptions(try string(options, "options", allowNull: true), as: Options.self,
                                  known: ["params", "noise", "seed", "circuitsDirs"])
        let request = CircuitRequest(text: try string(circuit, "circuit") ?? "", params: o.params ?? [:],
                                     circuitsDirs: o.circuitsDirs ?? [])
        let (c, table) = try request.resolve(startsAreGiven: true)
        let missing = table.filter { !$0.startGiven && !$0.fixed }.map(\.name)
        guard missing.isEmpty else { throw ParameterError.missingParameters(missing) }
        let f = try doubles(frequency, count, "frequency")
        let noise = o.noise ?? 0
        guard noise >= 0, noise.isFinite else { throw CAPIError.usage("noise must be a number ≥ 0, got \(noise)") }
        var z = EvaluationPlan(circuit: c).impedance(try FrequencyGrid(frequencies: f), parameters: table.values)
        if noise > 0 {
            var g = SeededRandom(seed: o.seed ?? 1)
            z = z.map { v in
                let s = noise * v.length
                return v + Complex(s * g.normal(), s * g.normal())
            }
        }
        if let k = z.firstIndex(where: { !$0.real.isFinite || !$0.imaginary.isFinite }) {
            throw CAPIError(status: .numerical, message: "the simulated impedance at \(f[k]) Hz is not finite")
        }
        for (k, v) in z.enumerated() {
            zReal?[k] = v.real
            zImaginary?[k] = v.imaginary
        }
        return (nil, .ok)
    }
}
