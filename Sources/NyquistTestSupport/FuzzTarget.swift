import Foundation
import Nyquist
import Numerics

/// The fuzz targets beyond the NyquistIO readers: one input (bytes) through a parser or the whole pipeline.
///
/// `fuzz/FuzzTargets.swift` (libFuzzer, `make fuzz`) calls ``run(_:)`` on every generated input and aborts on a
/// ``FuzzOutcome/violated(_:)`` outcome; `swift test` replays every saved crash input in `fuzz/regressions/<target>/`
/// through the same function. A trap anywhere below is a finding; a typed error is an accepted outcome.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The circuit parser in all three syntaxes and by detection, the canonical printer (each printed text must
    /// parse back), the parameter table with inline values, and a `.circuit` file (`NamedCircuit`).
    case circuit
    /// The `track` cycler readers: the first byte picks the file extension (`.mpt`, `.DTA`, `.mpr`, `.csv`), the
    /// rest is the file; then per-cycle charges, and the per-cycle (`CyclingData`) and pressure CSV readers.
    case cycler
    /// The `track` cell description reader (`key = value`, TOML-like).
    case cell
    /// Read (content detection) → lin-KK validation → fit (10 random starts, 2 refined, 50 iterations) → Nyquist,
    /// Bode and residual SVG → JSON of the fit and the KK result, for the first spectrum read.
    case pipeline

    /// Runs the input through the target. Never throws: errors are ``FuzzOutcome/rejected(_:)``.
    public func run(_ bytes: [UInt8]) -> FuzzOutcome {
        switch self {
        case .circuit: return Self.circuit(String(decoding: bytes, as: UTF8.self))
        case .cycler: return Self.cycler(bytes)
        case .cell:
            do { _ = try CellDescription.parse(text: String(decoding: bytes, as: UTF8.self), source: "fuzz.toml") } catch {
                return .rejected(error.description)
            }
            return .accepted
        case .pipeline: return Self.pipeline(bytes)
        }
    }

    static func circuit(_ text: String) -> FuzzOutcome {
        var accepted = false
        for syntax in [nil] + CircuitSyntax.allCases.map(Optional.some) {
            guard let c = try? Circuit(parsing: text, syntax: syntax) else { continue }
            accepted = true
            let table = ParameterTable(circuit: c)
            for out in CircuitSyntax.allCases {
                let printed = c.text(in: out, parameters: table)
                do { _ = try Circuit(parsing: printed, syntax: out) } catch {
                    return .violated("\(c.text(in: .impedancePy)) printed in \(out) as '\(printed)' does not parse: \(error)")
                }
            }
            if let grid = try? FrequencyGrid(frequencies: [1e6, 1, 1e-2]) {
                _ = EvaluationPlan(circuit: c).impedance(grid, parameters: table.values)
            }
        }
        _ = try? NamedCircuit(name: "fuzz", source: text, file: "fuzz.circuit")
        return accepted ? .accepted : .rejected("no syntax parses it")
    }

    static func cycler(_ bytes: [UInt8]) -> FuzzOutcome {
        let ext = ["mpt", "DTA", "mpr", "csv"][Int(bytes.first ?? 0) % 4]
        let body = Array(bytes.dropFirst())
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("nyquist-fuzz-\(ProcessInfo.processInfo.processIdentifier).\(ext)").path
        guard FileManager.default.createFile(atPath: path, contents: Data(body)) else { return .rejected("cannot write \(path)") }
        defer { try? FileManager.default.removeItem(atPath: path) }
        var outcome = FuzzOutcome.rejected("")
        do {
            let curve = try CyclerCurve.read(path: path)
            _ = curve.cycles(timeAboveVolts: 3.9)
            outcome = .accepted
        } catch {
            outcome = .rejected(error.description)
        }
        let text = String(decoding: body, as: UTF8.self)
        if let data = try? CyclingData.parse(csv: text, source: "fuzz.csv") {
            _ = try? data.sideCharges(cell: CellDescription())
            _ = try? TrackingClock.sideCharge.values(for: data.cycles.map { Double($0.cycle) }, cycling: data)
            outcome = .accepted
        }
        if let trace = try? PressureTrace.parse(csv: text, source: "fuzz.csv") {
            _ = trace.amplitudes()
            outcome = .accepted
        }
        return outcome
    }

    static func pipeline(_ bytes: [UInt8]) -> FuzzOutcome {
        let spectrum: Spectrum
        do {
            guard let first = try SpectrumFile.read(bytes: bytes, name: "fuzz-input").first else {
                return .rejected("no spectrum")
            }
            spectrum = first
        } catch {
            return .rejected(error.description)
        }
        let encoder = JSONEncoder()  // as `nyquist fit --format json` and `validate --format json` encode
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var kk: KramersKronigResult?
        do { kk = try KramersKronig.test(spectrum) } catch { _ = error.description }
        var settings = FitSettings()
        settings.randomStarts = 10
        settings.refinedStarts = 2
        settings.maxIterations = 50
        settings.simplexIterations = 30
        settings.parallelStarts = false
        var fit: FitResult?
        var circuit: Circuit?
        do {
            let c = try Circuit(parsing: "R1-p(R2,CPE2)")
            circuit = c
            fit = try Fitter.fit(spectrum, circuit: c, settings: settings)
        } catch {
            _ = "\(error)"
        }
        var model: [Complex<Double>]?
        if let c = circuit, let fit, let lo = spectrum.frequencies.min(), let hi = spectrum.frequencies.max(),
           let grid = try? FrequencyGrid.logSpaced(from: hi, to: lo, pointsPerDecade: 10) {
            model = EvaluationPlan(circuit: c).impedance(grid, parameters: fit.parameters.map(\.value))
            _ = BodePlot.svg(spectrum: spectrum, model: model, modelFrequencies: grid.frequencies)
        }
        _ = NyquistPlot.svg(spectrum: spectrum, model: model)
        _ = ResidualPlot.svg(fit: fit?.residuals, kk: kk?.residuals)
        if let fit, (try? encoder.encode(fit)) == nil { return .violated("the fit result does not encode as JSON") }
        if let kk, (try? encoder.encode(kk)) == nil { return .violated("the KK result does not encode as JSON") }
        return .accepted
    }
}

/// What one fuzz input did.
public enum FuzzOutcome: Sendable, Equatable {
    /// Read (and, for the pipeline, carried through every stage).
    case accepted
    /// Refused with a typed error (its description).
    case rejected(String)
    /// An invariant broke: a bug even without a trap.
    case violated(String)
}
