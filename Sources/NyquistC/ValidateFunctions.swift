import Foundation
import Nyquist

/// `nyq_validate`: the lin-KK Kramers–Kronig test (Schönleber et al. 2014) of a spectrum given as arrays (frequency
/// in Hz, Z′ and Z″ in Ω), by ``KramersKronig/test(_:settings:)`` (the RC coefficients by linear least squares,
/// GSL `gsl_multifit_linear`). Options JSON (all optional, the CLI's `validate` options): `{"representation":
/// "impedance", "fitType": "complex", "elements": 12, "capacitance": false, "extension": 0.5, "maxNoise": 1}`
/// (`maxNoise` in %). `*result_json` is one element of the CLI's `validate --format json` array without `file` and
/// `spectrum`: `{"passed": …, "failures": […], "result": {…}}`. A failed test is status 0 (`passed` false).
@_cdecl("nyq_validate")
public func nyqValidate(_ frequency: UnsafePointer<Double>?, _ zReal: UnsafePointer<Double>?,
                        _ zImaginary: UnsafePointer<Double>?, _ count: Int, _ options: UnsafePointer<CChar>?,
                        _ resultJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                        _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
{
    struct Options: Decodable {
        var representation: String?, fitType: String?, elements: Int?, capacitance: Bool?, `extension`: Double?
        var maxNoise: Double?
    }
    struct Row: Encodable { var passed: Bool; var failures: [String]; var result: KramersKronigResult }
    return callC(out: resultJSON, error: error) {
        let o = try decodeOptions(try string(options, "options", allowNull: true), as: Options.self,
                                  known: ["representation", "fitType", "elements", "capacitance", "extension", "maxNoise"])
        var settings = KramersKronigSettings()
        if let r = o.representation {
            guard let v = KramersKronigRepresentation(rawValue: r) else {
                throw CAPIError.usage("representation '\(r)': expected \(KramersKronigRepresentation.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            settings.representation = v
        }
        if let t = o.fitType {
            guard let v = KramersKronigFitType(rawValue: t) else {
                throw CAPIError.usage("fitType '\(t)': expected \(KramersKronigFitType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            settings.fitType = v
        }
        if let m = o.elements, m < 1 { throw CAPIError.usage("elements must be ≥ 1, got \(m)") }
        settings.elementCount = o.elements
        if let c = o.capacitance { settings.includeInverseOmegaTerm = c }
        if let e = o.extension {
            guard e >= 0, e.isFinite else { throw CAPIError.usage("extension must be ≥ 0 decades, got \(e)") }
            settings.tauExtensionDecades = e
        }
        if let n = o.maxNoise {
            guard n > 0, n.isFinite else { throw CAPIError.usage("maxNoise must be > 0 %, got \(n)") }
            settings.maximumNoise = n / 100
        }
        let r = try KramersKronig.test(try spectrum(frequency, zReal, zImaginary, count), settings: settings)
        return (try ResultJSON.string(Row(passed: r.passed, failures: r.failures.map(\.description), result: r)), .ok)
    }
}

/// `nyq_circuits`: the named models as a JSON array — the shipped ones and user models from `circuitsDirs` then
/// `$NYQUIST_CIRCUITS` (the library's ``CircuitCatalog``, as `nyquist circuits` lists them) — one object per model:
/// `name`, `description`, `file` (the user file; absent for a shipped model), `syntaxes` (the circuit in each syntax:
/// `impedance.py`, `cdc`, `ec-lab`), `parameters` (`name`, `start`, `lower`, `upper`, `unit`, `meaning`; ±∞ as
/// "inf"/"-inf"). Options JSON: `{"circuitsDirs": ["my-models"]}`.
@_cdecl("nyq_circuits")
public func nyqCircuits(_ options: UnsafePointer<CChar>?, _ resultJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                        _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
{
    struct Options: Decodable { var circuitsDirs: [String]? }
    struct Parameter: Encodable { var name: String, start: Double, lower: Double, upper: Double, unit: String, meaning: String }
    struct Model: Encodable {
        var name: String, description: String, file: String?, syntaxes: [String: String], parameters: [Parameter]
    }
    return callC(out: resultJSON, error: error) {
        let o = try decodeOptions(try string(options, "options", allowNull: true), as: Options.self, known: ["circuitsDirs"])
        let models = try CircuitRequest.catalog(o.circuitsDirs ?? []).all().map { entry in
            let c = entry.model
            var syntaxes: [String: String] = [:]
            for s in CircuitSyntax.allCases { syntaxes[s.rawValue] = c.circuit.text(in: s) }
            let parameters = c.parameterTable(startsAreGiven: true).map {
                Parameter(name: $0.name, start: $0.value, lower: $0.lower, upper: $0.upper, unit: $0.unit,
                          meaning: c.meanings[$0.name] ?? $0.meaning)
            }
            return Model(name: c.name, description: c.description, file: entry.file, syntaxes: syntaxes, parameters: parameters)
        }
        return (try ResultJSON.string(models), .ok)
    }
}

/// `nyq_nyquist_svg`: the Nyquist plot (SVG text) of a spectrum given as arrays with, when `parameter_count` > 0,
/// the model `circuit` at `parameters` (in circuit order, physical units) drawn over the data's frequency range on a
/// 40-per-decade grid — the plot of `nyquist fit --plot`, from the library's ``NyquistPlot``.
@_cdecl("nyq_nyquist_svg")
public func nyqNyquistSVG(_ frequency: UnsafePointer<Double>?, _ zReal: UnsafePointer<Double>?,
                          _ zImaginary: UnsafePointer<Double>?, _ count: Int, _ circuit: UnsafePointer<CChar>?,
                          _ parameters: UnsafePointer<Double>?, _ parameterCount: Int, _ title: UnsafePointer<CChar>?,
                          _ svg: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                          _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
{
    callC(out: svg, error: error) {
        let s = try spectrum(frequency, zReal, zImaginary, count)
        guard s.count > 0 else { throw CAPIError.data("the spectrum has no point") }
        let options = PlotOptions(title: try string(title, "title", allowNull: true) ?? "")
        guard parameterCount > 0, let text = try string(circuit, "circuit", allowNull: true) else {
            return (NyquistPlot.svg(spectrum: s, options: options), .ok)
        }
        let resolved = try CircuitRequest.catalog([]).resolve(text, startsAreGiven: true)
        let (c, table) = (resolved.circuit, resolved.parameters)
        guard parameterCount == table.count else {
            throw CAPIError.usage("parameters: \(parameterCount) given, the circuit has \(table.count) (\(table.names.joined(separator: ", ")))")
        }
        let lo = s.frequencies.min() ?? 1, hi = s.frequencies.max() ?? 1
        let grid = try FrequencyGrid.logSpaced(from: hi, to: lo, pointsPerDecade: 40)
        let model = EvaluationPlan(circuit: c).impedance(grid, parameters: try doubles(parameters, parameterCount, "parameters"))
        return (NyquistPlot.svg(spectrum: s, model: model, modelLabel: "fit", options: options), .ok)
    }
}
