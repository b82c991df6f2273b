import ArgumentParser
import Foundation
import Numerics
import Nyquist

/// `nyquist plot FILE --output fig.svg`: a Nyquist, Bode or residual plot as SVG, optionally with a circuit (given
/// values or fitted) overlaid.
struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Plot a spectrum as SVG (Nyquist, Bode or residuals), optionally with a model or a fit.")

    @Argument(help: "Spectrum file (CSV: freq_Hz,Z_re_Ohm,Z_im_Ohm).")
    var file: String

    @Option(help: "Spectrum N (0-based) of the file.")
    var spectrum: Int = 0

    @Option(help: "Equivalent circuit, e.g. 'R1-p(R2,CPE2)'.")
    var circuit: String?

    @Option(name: .customLong("param"), help: "Parameter value NAME=VALUE (repeatable; start value with --fit).")
    var params: [String] = []

    @Flag(help: "Fit the circuit (Fitter.fit) and overlay the result.")
    var fit = false

    @Option(help: "nyquist, bode or residuals.")
    var kind: Kind = .nyquist

    @Option(help: "Output SVG file.")
    var output: String

    @Option(help: "Plot title (default: the file name).")
    var title: String?

    @Option(help: "Image width and height in pixels.")
    var width: Double = 720
    @Option(help: "Image height in pixels.")
    var height: Double = 540

    enum Kind: String, ExpressibleByArgument, CaseIterable { case nyquist, bode, residuals }

    func run() throws {
        let spectra = try loadSpectra(path: file)
        guard spectra.indices.contains(spectrum) else {
            throw ValidationError("\(file): no spectrum \(spectrum) (the file holds \(spectra.count))")
        }
        let s = spectra[spectrum]
        if fit && circuit == nil { throw ValidationError("--fit needs --circuit") }
        var label = "model"
        var values: [Double]?
        var fitResult: FitResult?
        var parsed: Circuit?
        if let text = circuit {
            let c = try Circuit(parsing: text)
            parsed = c
            var table = ParameterTable(circuit: c)
            for p in params {
                let parts = p.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let v = Double(parts[1]) else {
                    throw ValidationError("--param \(p): expected NAME=VALUE")
                }
                try table.apply(ParameterSetting(value: v), to: parts[0])
            }
            if fit {
                let r = try Fitter.fit(s, circuit: c, parameters: table)
                values = r.parameters.map(\.value)
                fitResult = r
                label = "fit \(text)"
            } else {
                values = table.values
                label = text
            }
        }
        var model: [Complex<Double>]?
        var modelFrequencies: [Double]?
        if let c = parsed, let v = values, let lo = s.frequencies.min(), let hi = s.frequencies.max() {
            let grid = try FrequencyGrid.logSpaced(from: hi, to: lo, pointsPerDecade: 40)
            model = EvaluationPlan(circuit: c).impedance(grid, parameters: v)
            modelFrequencies = grid.frequencies
        }
        let options = PlotOptions(width: width, height: height,
                                  title: title ?? URL(fileURLWithPath: file).lastPathComponent)
        let svg: String
        switch kind {
        case .nyquist: svg = NyquistPlot.svg(spectrum: s, model: model, modelLabel: label, options: options)
        case .bode:
            svg = BodePlot.svg(spectrum: s, model: model, modelFrequencies: modelFrequencies, modelLabel: label,
                               options: options)
        case .residuals:
            let kk = try KramersKronig.test(s)
            svg = ResidualPlot.svg(fit: fitResult?.residuals, kk: kk.residuals,
                                   kkLabel: "lin-KK (M = \(kk.elementCount))", options: options)
        }
        do { try svg.write(toFile: output, atomically: true, encoding: .utf8) }
        catch { throw ValidationError("cannot write \(output): \(error.localizedDescription)") }
    }
}
