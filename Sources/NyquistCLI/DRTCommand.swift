import ArgumentParser
import Foundation
import Nyquist
import NyquistText

/// `nyquist drt FILE`: the distribution of relaxation times of one spectrum (``DRT/analyze(_:settings:)``).
struct DRTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drt",
        abstract: "Distribution of relaxation times (DRT) of one spectrum: γ(τ), peaks, λ.",
        discussion: """
        Z(ω) = R∞ + jωL + ∫ γ(ln τ)/(1 + jωτ) d ln τ with γ ≥ 0 piecewise linear on a log-τ grid, fitted by exact \
        non-negative Tikhonov least squares; λ by robust generalised cross-validation (auto, rgcv), plain GCV (gcv), \
        Re–Im cross-validation (re-im) or a given value. Peaks: τ, f = 1/(2πτ), resistance ∫γ d ln τ between minima, with bootstrap \
        uncertainties. See docs/drt.md. Exit 0 ok, 2 bad option, 3 bad data, 4 numerical failure.
        """)

    @Argument(help: "The data file (any supported format, see `nyquist info`).")
    var file: String

    @Option(help: "Spectrum N (0-based) of the file.")
    var spectrum: Int = 0

    @Option(help: "auto (= rgcv, robust GCV), gcv, re-im, or a value > 0 (dimensionless, see docs/drt.md).")
    var lambda: String = "auto"

    @Option(help: "Use only points with f ≥ this (Hz).", transform: OptionChecks.number)
    var fmin: Double?
    @Option(help: "Use only points with f ≤ this (Hz).", transform: OptionChecks.number)
    var fmax: Double?

    @Option(help: "table, json or csv.")
    var format: ResultFormat = .table

    @Option(help: "Write the result here instead of standard output.")
    var output: String?

    @Option(help: "Fitted part: both, real or imaginary.")
    var part: DRTSettings.Part = .both

    @Option(help: "Order of the penalised derivative: 1 or 2.")
    var order: Int = 2

    @Option(help: "Weighting: unit, modulus, proportional or sigma (boukamp/estimated fall back to modulus).")
    var weight: Weighting = .modulus

    @Option(help: "Grid points per decade of τ (2…100).")
    var pointsPerDecade: Int = 10

    @Option(help: "Bootstrap samples for the peak uncertainties (0: none).")
    var bootstrap: Int = 50

    @Option(help: "Seed of the bootstrap.")
    var seed: UInt64 = 1

    @Flag(name: .customLong("no-inductance"), help: "Do not fit a series inductance (an inductive tail is dropped).")
    var noInductance = false

    @Flag(name: .customLong("no-rinf"), help: "Do not fit a series resistance R∞.")
    var noRInf = false

    @Option(name: .customLong("repeat"), help: "Benchmark: run the analysis N times and print the median, min and max wall time to stderr.")
    var repeats: Int = 1

    func validate() throws {
        try OptionChecks.spectrumIndex(spectrum)
        try OptionChecks.frequencyWindow(fmin: fmin, fmax: fmax)
        _ = try lambdaSetting()
        guard order == 1 || order == 2 else { throw ValidationError("--order must be 1 or 2, got \(order)") }
        guard (2...100).contains(pointsPerDecade) else {
            throw ValidationError("--points-per-decade must be in 2…100, got \(pointsPerDecade)")
        }
        guard (1...100_000).contains(repeats) else { throw ValidationError("--repeat must be in 1…100000, got \(repeats)") }
        guard (0...10_000).contains(bootstrap) else { throw ValidationError("--bootstrap must be in 0…10000, got \(bootstrap)") }
    }

    func lambdaSetting() throws -> DRTSettings.Lambda {
        switch lambda.lowercased() {
        case "auto", "rgcv": return .robustGCV
        case "gcv": return .gcv
        case "re-im", "reim", "re-im-cv": return .reImCrossValidation
        default:
            guard let value = NumberParser.parse(lambda), value.isFinite, value > 0 else {
                throw ValidationError("--lambda wants auto, rgcv, gcv, re-im or a number > 0; got '\(lambda)'")
            }
            return .fixed(value)
        }
    }

    func settings() throws -> DRTSettings {
        DRTSettings(
            lambda: try lambdaSetting(), part: part, derivativeOrder: order, includeInductance: !noInductance,
            includeRInf: !noRInf, gridPointsPerDecade: pointsPerDecade, bootstrapSamples: bootstrap, weighting: weight,
            seed: seed, fmin: fmin, fmax: fmax)
    }

    func run() throws {
        try reportingFailures {
            let s = try OptionChecks.spectrum(spectrum, of: try loadSpectra(path: file), file: file)
            let settings = try settings()
            var result: DRTResult?
            var times: [Double] = []
            var cpuTimes: [Double] = []
            for _ in 0..<repeats {
                let cpuStart = Self.threadCPUMilliseconds()
                let start = DispatchTime.now().uptimeNanoseconds
                do { result = try DRT.analyze(s, settings: settings) } catch let error as DRTError {
                    throw CLIFailure(DRTFailure(file: file, spectrum: spectrum, error: error))
                }
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                cpuTimes.append(Self.threadCPUMilliseconds() - cpuStart)
            }
            guard let result else { return }
            if repeats > 1 {
                times.sort()
                cpuTimes.sort()
                let line = "drt: \(s.count) points, \(repeats) runs: wall median \(Format.number(times[times.count / 2])) ms, "
                    + "min \(Format.number(times[0])) ms, max \(Format.number(times[times.count - 1])) ms; thread CPU "
                    + "median \(Format.number(cpuTimes[cpuTimes.count / 2])) ms, min \(Format.number(cpuTimes[0])) ms\n"
                FileHandle.standardError.write(Data(line.utf8))
            }
            let text: String
            switch format {
            case .table: text = DRTReport.table(result, source: file)
            case .json: text = try DRTReport.json(result)
            case .csv: text = DRTReport.csv(result)
            }
            try emit(text, to: output)
        }
    }
}

extension DRTCommand {
    /// CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID), ms: unlike wall time, not inflated when other
    /// processes share the cores.
    static func threadCPUMilliseconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
    }
}

extension DRTSettings.Part: ExpressibleByArgument {}

/// A ``DRTError`` with the file and spectrum it came from (mapped by ``CLIFailure``).
struct DRTFailure: Error, CustomStringConvertible {
    var file: String
    var spectrum: Int
    var error: DRTError
    var description: String { "\(file): spectrum \(spectrum): \(error.description)" }
}

/// Text renderings of a ``DRTResult``.
enum DRTReport {
    static func table(_ r: DRTResult, source: String) -> String {
        var out = "DRT of \(source)\n"
        out += "λ = \(Format.number(r.lambda)) (\(r.lambdaCriterion)), relative residual \(Format.number(r.residualNorm))\n"
        out += "R∞ = \(Format.number(r.rInf)) Ω, L = \(Format.number(r.inductance)) H, "
            + "Σγ = \(Format.number(r.polarizationResistance)) Ω\n\n"
        out += "peak   tau/s          f/Hz           R/Ω            SE(R)/Ω        tau 95 % interval/s\n"
        for (i, p) in r.peaks.enumerated() {
            let interval = p.tauInterval.map { "\(Format.number($0.lowerBound))…\(Format.number($0.upperBound))" } ?? ""
            out += Format.padded("\(i + 1)", 7) + Format.padded(Format.number(p.tau), 15)
                + Format.padded(Format.number(p.frequency), 15) + Format.padded(Format.number(p.resistance), 15)
                + Format.padded(p.resistanceStdError.map { Format.number($0) } ?? "", 15) + interval + "\n"
        }
        for w in r.warnings { out += "warning: \(w)\n" }
        return out
    }

    static func json(_ r: DRTResult) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(r), as: UTF8.self) + "\n"
    }

    /// γ on the grid (tau_s, gamma_ohm), then the peaks, then λ, R∞, L as `#` comment lines.
    static func csv(_ r: DRTResult) -> String {
        var out = "tau_s,gamma_ohm\n"
        for (t, g) in zip(r.tau, r.gamma) { out += "\(t),\(g)\n" }
        out += "\n# peaks\ntau_s,frequency_hz,resistance_ohm,resistance_se_ohm,tau_lower_s,tau_upper_s\n"
        func n(_ v: Double?) -> String { v.map { "\($0)" } ?? "" }
        for p in r.peaks {
            out += "\(p.tau),\(p.frequency),\(p.resistance),\(n(p.resistanceStdError)),"
                + "\(n(p.tauInterval?.lowerBound)),\(n(p.tauInterval?.upperBound))\n"
        }
        out += "\n# lambda,\(r.lambda),\(r.lambdaCriterion)\n# r_inf_ohm,\(r.rInf)\n# inductance_h,\(r.inductance)\n"
        return out
    }
}
