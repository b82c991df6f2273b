import ArgumentParser
import Foundation
import Numerics
import Nyquist
import NyquistText

/// `nyquist plot FILE --output fig.svg`: a Nyquist, Bode or residual plot as SVG, optionally with a circuit (given
/// values or fitted) overlaid.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Plot a spectrum as SVG (Nyquist, Bode or residuals), optionally with a model or a fit.")

    @Argument(help: "The data file (any supported format, see `nyquist info`).")
    var file: String

    @Option(help: "Spectrum N (0-based) of the file.")
    var spectrum: Int = 0

    @Option(help: "A named model, a .circuit file, or a circuit string, e.g. 'R1-p(R2,CPE2)'.")
    var circuit: String?

    @Option(name: .customLong("param"), help: "Parameter value NAME=VALUE (repeatable; start value with --fit).")
    var params: [String] = []

    @OptionGroup var library: CircuitLibraryOptions

    @Flag(help: "Fit the circuit (Fitter.fit) and overlay the result.")
    var fit = false

    @Option(help: "nyquist, bode, residuals or drt (γ(τ) with automatic λ; see `nyquist drt`).")
    var kind: Kind = .nyquist

    @Option(help: "Output SVG file.")
    var output: String

    @Option(help: "Plot title (default: the file name).")
    var title: String?

    @Option(help: "Image width in pixels (default: 720).", transform: OptionChecks.number)
    var width: Double = 720
    @Option(help: "Image height in pixels (default: 540).", transform: OptionChecks.number)
    var height: Double = 540

    @Option(help: "Plot only points with f ≥ this (Hz), as in `fit`.", transform: OptionChecks.number)
    var fmin: Double?
    @Option(help: "Plot only points with f ≤ this (Hz), as in `fit`.", transform: OptionChecks.number)
    var fmax: Double?

    @Option(help: "Nyquist only: Z′ axis range LO:HI in Ω, e.g. 0:2000 (−Z″ follows at the same scale).")
    var xlim: String?
    @Option(help: "Nyquist only: −Z″ axis range LO:HI in Ω (with --xlim both are exact, the aspect may differ).")
    var ylim: String?

    @Flag(name: .customLong("no-zoom"),
          help: "Nyquist: show every point, no automatic zoom onto the arcs when a low-frequency tail dominates.")
    var noZoom = false

    enum Kind: String, ExpressibleByArgument, CaseIterable { case nyquist, bode, residuals, drt }

    func validate() throws {
        try OptionChecks.spectrumIndex(spectrum)
        try OptionChecks.positive(width, "--width", unit: "px")
        try OptionChecks.positive(height, "--height", unit: "px")
        try OptionChecks.frequencyWindow(fmin: fmin, fmax: fmax)
        _ = try limits("--xlim", xlim)
        _ = try limits("--ylim", ylim)
        if kind != .nyquist && (xlim != nil || ylim != nil || noZoom) {
            throw ValidationError("--xlim, --ylim and --no-zoom apply to --kind nyquist only, not \(kind.rawValue)")
        }
    }

    /// "LO:HI" → LO…HI (finite numbers, LO < HI), or nil when the option is absent.
    func limits(_ name: String, _ text: String?) throws -> ClosedRange<Double>? {
        guard let text else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { NumberParser.parse($0) }
        guard parts.count == 2, let lo = parts[0], let hi = parts[1], lo.isFinite, hi.isFinite else {
            throw ValidationError("\(name) wants LO:HI in Ω with two finite numbers, e.g. 0:2000; got '\(text)'")
        }
        guard lo < hi else { throw ValidationError("\(name) \(text): LO must be below HI") }
        return lo...hi
    }

    func run() throws {
        try reportingFailures { try draw() }
    }

    func draw() throws {
        let whole = try OptionChecks.spectrum(spectrum, of: try loadSpectra(path: file), file: file)
        let s = whole.windowed(FrequencyWindow(minimumFrequency: fmin, maximumFrequency: fmax))
        if s.count == 0 {
            throw CLIFailure.usage("\(file): no point of spectrum \(spectrum) lies in the window "
                                   + "\(fmin.map { Format.number($0) } ?? "0")…\(fmax.map { Format.number($0) } ?? "∞") Hz")
        }
        if fit && circuit == nil { throw CLIFailure.usage("--fit needs --circuit") }
        var label = "model"
        var values: [Double]?
        var fitResult: FitResult?
        var parsed: Circuit?
        if let text = circuit {
            let resolved = try library.resolve(text, startsAreGiven: !fit)
            let c = resolved.circuit
            parsed = c
            let table = try ParameterOverrides(param: params).applied(to: resolved.parameters)
            if fit {
                let r = try Fitter.fit(s, circuit: c, parameters: table)
                values = r.parameters.map(\.value)
                fitResult = r
                label = "fit " + c.text(in: .impedancePy)
            } else {
                values = table.values
                label = c.text(in: .impedancePy)
            }
        }
        var model: [Complex<Double>]?
        var modelFrequencies: [Double]?
        if let c = parsed, let v = values, let lo = s.frequencies.min(), let hi = s.frequencies.max() {
            let curve = try ModelCurve(circuit: c, values: v, from: hi, to: lo)
            model = curve.impedances
            modelFrequencies = curve.frequencies
        }
        var defaultTitle = URL(fileURLWithPath: file).lastPathComponent
        if let c = parsed { defaultTitle += " — " + c.text(in: .impedancePy) }
        let options = PlotOptions(width: width, height: height, title: title ?? defaultTitle)
        let svg: String
        switch kind {
        case .nyquist:
            let view = NyquistView(xLimits: try limits("--xlim", xlim), yLimits: try limits("--ylim", ylim),
                                   autoZoom: !noZoom)
            svg = NyquistPlot.svg(spectrum: s, model: model, modelLabel: label, options: options, view: view)
        case .bode:
            svg = BodePlot.svg(spectrum: s, model: model, modelFrequencies: modelFrequencies, modelLabel: label,
                               options: options)
        case .residuals:
            let kk = try KramersKronig.test(s)
            svg = ResidualPlot.svg(fit: fitResult?.residuals, kk: kk.residuals,
                                   kkLabel: "lin-KK (M = \(kk.elementCount))", options: options)
        case .drt:
            let result: DRTResult
            do { result = try DRT.analyze(s) } catch {
                throw CLIFailure(DRTFailure(file: file, spectrum: spectrum, error: error))
            }
            svg = DRTPlot.svg(result, options: options)
        }
        try emit(svg, to: output)
    }
}
