import ArgumentParser
import Foundation
import Nyquist

extension Weighting: ExpressibleByArgument {}
extension FitMethod: ExpressibleByArgument {}

/// Output formats for results.
enum ResultFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// `nyquist fit FILE --circuit …`: fit one spectrum.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit an equivalent circuit to an impedance spectrum.",
        discussion: """
        Reads any supported data file (see `nyquist info`). Prints each parameter with its standard error and 95 % \
        confidence interval, the goodness of fit (χ², reduced χ², χ²/|Z|, pseudo-χ², AIC, BIC), convergence and \
        warnings. Exit 0 when the fit converged, 1 when it did not or ended far above the noise level of the data \
        (warning fit-above-noise; the best result is still printed).
        """)

    @Argument(help: "The data file (`-`: standard input).")
    var file: String

    @OptionGroup var circuitOptions: CircuitOptions

    @Option(help: "Weighting: unit, modulus (1/|Z|²), proportional, boukamp (1/|Z_model|²), sigma (σ from the data), estimated (σ² = α² + β²|Z|² estimated from a first fit).")
    var weight: Weighting = .modulus

    @Option(help: "lm (local, from the smart guess or --param starts), randomize-simplex (global), auto.")
    var method: FitMethod = .auto

    @Option(help: "Random samples for randomize-simplex.")
    var starts = 200

    @Option(help: "Samples (besides the smart guess) refined by the simplex.")
    var refine = 10

    @Option(help: "Seed of the random starts; the same seed gives the same result.")
    var seed: UInt64 = 1

    @Option(help: "Lowest frequency kept, Hz.", transform: OptionChecks.number)
    var fmin: Double?

    @Option(help: "Highest frequency kept, Hz.", transform: OptionChecks.number)
    var fmax: Double?

    @Option(help: ArgumentHelp("1-based range of points kept, in file order.", valueName: "first:last"))
    var points: String?

    @Option(help: "0-based index of the spectrum in a multi-spectrum file (required when the file holds several).")
    var spectrum: Int?

    @Option(help: "Levenberg–Marquardt iteration limit.")
    var maxIterations = 500

    @Option(name: .customLong("stop-chi2-modulus"), help: "EC-Lab's stop rule: stop once χ²/|Z| ≤ this value.", transform: OptionChecks.number)
    var stopChi2Modulus: Double?

    @Flag(help: "Use geodesic acceleration in Levenberg–Marquardt.")
    var geodesic = false

    @Flag(help: "Solve the trust-region step by Cholesky instead of QR (faster, less robust).")
    var cholesky = false

    @Option(help: "Trust-region linear solver: thin-qr (default), qr (GSL's), normal-cholesky, cholesky or svd (overrides --cholesky).")
    var solver: String?

    @Flag(inversion: .prefixedNo, help: "Sort interchangeable arcs by time constant (τ2 < τ3).")
    var orderArcs = true

    @Option(help: "table, json or csv.")
    var format: ResultFormat = .table

    @Option(name: .shortAndLong, help: "Write the result to this file instead of standard output.")
    var output: String?

    @Option(help: ArgumentHelp("Also write a Nyquist plot of data and fit as SVG.", valueName: "fig.svg"))
    var plot: String?

    func validate() throws {
        try OptionChecks.frequencyWindow(fmin: fmin, fmax: fmax)
        try OptionChecks.spectrumIndex(spectrum)
        try OptionChecks.positive(stopChi2Modulus, "--stop-chi2-modulus")
        guard starts >= 0, refine >= 0, maxIterations > 0 else {
            throw ValidationError("--starts and --refine must be ≥ 0 and --max-iterations > 0")
        }
        guard starts <= FitSettings.maximumRandomStarts, refine <= FitSettings.maximumRefinedStarts else {
            throw ValidationError(
                "--starts must be ≤ \(FitSettings.maximumRandomStarts) and --refine ≤ \(FitSettings.maximumRefinedStarts)")
        }
        _ = try pointRange()
    }

    mutating func run() throws {
        var converged = true
        try reportingFailures {
            let (circuit, table) = try circuitOptions.resolve(namedStartsAreGiven: false)
            let spectra = try SpectrumFile.read(path: file)
            // A named index the file lacks, or several spectra and none named, is the user's choice to make (exit 2);
            // a file with no spectrum at all is bad data (exit 3).
            let index: Int
            if let spectrum {
                _ = try OptionChecks.spectrum(spectrum, of: spectra, file: file)
                index = spectrum
            } else {
                do { index = try SpectrumChoice.choose(spectra, index: nil, file: file) } catch let error as SpectrumChoiceError {
                    if case .ambiguous = error { throw CLIFailure.usage(error.description) }
                    throw CLIFailure.data(error.description)
                }
            }
            let chosen = spectra[index]
            if let points, let range = try pointRange(), range.upperBound >= chosen.count {
                throw CLIFailure.usage("--points \(points): spectrum \(index) of \(file) has \(chosen.count) points")
            }
            let result = try Fitter.fit(chosen, circuit: circuit, parameters: table, settings: settings())
            converged = result.convergence.assessment == .converged
            let text: String
            switch format {
            case .table: text = FitResultText.table(result, source: file)
            case .json: text = try FitResultText.json(result)
            case .csv: text = FitResultText.csv(result)
            }
            try emit(text, to: output)
            if let plot {
                try emit(Self.overlay(chosen, circuit: circuit, result: result, file: file), to: plot)
            }
        }
        if !converged { throw ExitCode(1) }
    }

    /// The data with the fitted model on a 40-per-decade grid over the fitted window.
    static func overlay(_ s: Spectrum, circuit: Circuit, result: FitResult, file: String) throws -> String {
        let model = try ModelCurve(fit: result, circuit: circuit).impedances
        let title = URL(fileURLWithPath: file).lastPathComponent + " — " + result.circuit
        return NyquistPlot.svg(spectrum: s, model: model, modelLabel: "fit", options: PlotOptions(title: title))
    }

    func settings() throws -> FitSettings {
        var s = FitSettings()
        s.weighting = weight
        s.method = method
        s.randomStarts = starts
        s.refinedStarts = refine
        s.seed = seed
        s.maxIterations = maxIterations
        s.stopAtChiSquareOverModulus = stopChi2Modulus
        s.geodesicAcceleration = geodesic
        s.cholesky = cholesky
        if let solver {
            guard let choice = LevenbergMarquardtSettings.LinearSolver(rawValue: solver) else {
                throw CLIFailure.usage("--solver \(solver): expected one of "
                    + LevenbergMarquardtSettings.LinearSolver.allCases.map(\.rawValue).joined(separator: ", "))
            }
            s.solver = choice
        }
        s.orderArcs = orderArcs
        s.window = FrequencyWindow(minimumFrequency: fmin, maximumFrequency: fmax, points: try pointRange())
        return s
    }

    /// `--points first:last` (1-based, inclusive) as a 0-based range.
    func pointRange() throws -> ClosedRange<Int>? {
        guard let points else { return nil }
        let parts = points.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 2, let a = parts[0], let b = parts[1], a >= 1, b >= a else {
            throw ValidationError("--points '\(points)': expected first:last with 1 ≤ first ≤ last")
        }
        return (a - 1)...(b - 1)
    }
}
