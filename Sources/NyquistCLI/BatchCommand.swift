import ArgumentParser
import Foundation
import Nyquist
import NyquistText
import Synchronization

/// `nyquist batch`: refit series of spectra into a results store.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Fit a series of spectra (cycles, cells) into a SQLite results store.",
        discussion: """
            Each directory and each file holding several spectra is one series (a cell); single-spectrum files \
            given directly are pooled into one series. Series run in parallel (--jobs); within a series spectra are \
            fitted in order of cycle label, file name and time. A rerun skips spectra already fitted with the same \
            settings; changing the circuit, window, weighting or seed creates a new fit set beside the old one. \
            A spectrum that cannot be read or fitted is stored as failed with its reason and the run goes on; a \
            rerun skips it unless --retry-failed. Entries that cannot be read at all (empty files, FIFOs, broken \
            links) are reported on stderr and skipped. Exit status 1 when any spectrum of the inputs is failed or \
            not converged in the store (the others are stored). See docs/batch.md.
            """)

    @Argument(help: "Multi-spectrum files, spectrum files or directories.")
    var inputs: [String] = []

    @Option(help: "Circuit: a model name (assb-cathode-warburg), a .circuit file or a circuit string (R1-p(R2,CPE2)).")
    var circuit: String

    @OptionGroup var library: CircuitLibraryOptions

    @Option(help: "The SQLite results store (created if missing).")
    var store: String

    @Option(help: "sequential (warm start from the previous spectrum) or independent (global start each time).")
    var mode: String = BatchMode.sequential.rawValue

    @Option(help: "Series fitted at the same time (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Lowest frequency fitted, Hz.", transform: OptionChecks.number)
    var fmin: Double?

    @Option(help: "Highest frequency fitted, Hz.", transform: OptionChecks.number)
    var fmax: Double?

    @Option(help: "Weighting: \(Weighting.allCases.map(\.rawValue).joined(separator: ", ")).")
    var weight: String = Weighting.modulus.rawValue

    @Option(help: "Global start method: \(FitMethod.allCases.map(\.rawValue).joined(separator: ", ")).")
    var method: String = FitMethod.randomizeSimplex.rawValue

    @Option(help: "Random samples of the global start.")
    var randomStarts: Int?

    @Option(help: "Seed of the global start's random samples.")
    var seed: UInt64 = 1

    @Flag(help: "Fit again spectra that already have a fit with these settings.")
    var refit = false

    @Flag(help: "Fit again spectra whose stored fit with these settings failed (a rerun skips them otherwise).")
    var retryFailed = false

    @Flag(help: "Skip the Kramers–Kronig (lin-KK) test of each spectrum (on by default; it flags, never changes a fit).")
    var noKk = false

    @Flag(help: "Also compute each spectrum's distribution of relaxation times (DRT) and its peaks into the store (a failed DRT is stored with its reason; the fit stands). See docs/drt-series.md.")
    var drt = false

    @Option(help: ArgumentHelp("λ of the --drt regularisation: auto (= rgcv, robust GCV), gcv, re-im (Re–Im cross-validation) or a fixed value.", valueName: "lambda"))
    var drtLambda = "auto"

    @Flag(help: "No progress display (= --progress none).")
    var quiet = false

    @Option(help: ArgumentHelp(
        "Regular expression with one capture group reading the cycle label from a file name, for files without one (default: cycle12, cycle_012, cyc-12, any case).",
        valueName: "regex"))
    var cycleFromName: String?

    @OptionGroup var progressOptions: ProgressOptions

    @Option(help: .hidden) var synthetic: Int?
    @Option(help: .hidden) var syntheticCells: Int = 1

    func validate() throws {
        guard BatchMode(rawValue: mode) != nil else { throw ValidationError("--mode must be sequential or independent") }
        guard Weighting(rawValue: weight) != nil else {
            throw ValidationError("--weight must be one of \(Weighting.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard FitMethod(rawValue: method) != nil else {
            throw ValidationError("--method must be one of \(FitMethod.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard Self.drtLambda(drtLambda) != nil else {
            throw ValidationError("--drt-lambda must be auto, rgcv, gcv, re-im or a number > 0")
        }
        if !drt, drtLambda != "auto" { throw ValidationError("--drt-lambda needs --drt") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let r = randomStarts, r < 1 { throw ValidationError("--random-starts must be at least 1") }
        if let r = randomStarts, r > FitSettings.maximumRandomStarts {
            throw ValidationError("--random-starts must be at most \(FitSettings.maximumRandomStarts)")
        }
        for (name, v) in [("--fmin", fmin), ("--fmax", fmax)] {
            if let v, !(v.isFinite && v > 0) { throw ValidationError("\(name) must be a frequency > 0 Hz") }
        }
        if let lo = fmin, let hi = fmax, lo >= hi { throw ValidationError("--fmin must be below --fmax") }
        guard !inputs.isEmpty || synthetic != nil else { throw ValidationError("give at least one input") }
        if let n = synthetic, n < 1 || syntheticCells < 1 { throw ValidationError("--synthetic needs counts ≥ 1") }
        if let n = synthetic, n > 1_000_000 || syntheticCells > n {
            throw ValidationError("--synthetic needs at most 1000000 spectra and --synthetic-cells at most that many")
        }
    }

    func run() throws {
        try reportingFailures { try execute() }
    }

    func execute() throws {
        let cycleRule = try cycleFromName.map { try CycleFromName(pattern: $0) } ?? .standard
        let resolved = try library.resolve(circuit, startsAreGiven: false)
        let (c, table) = (resolved.circuit, resolved.parameters)
        var fit = FitSettings()
        fit.method = FitMethod(rawValue: method) ?? .randomizeSimplex
        fit.weighting = Weighting(rawValue: weight) ?? .modulus
        fit.window = FrequencyWindow(minimumFrequency: fmin, maximumFrequency: fmax)
        fit.seed = seed
        if let r = randomStarts { fit.randomStarts = r }
        let settings = BatchSettings(circuit: c, parameters: table, fit: fit, mode: BatchMode(rawValue: mode) ?? .sequential,
                                     kramersKronig: noKk ? nil : KramersKronigSettings(),
                                     drt: drt ? Self.drtSettings(drtLambda, fit: fit) : nil)
        let series: [BatchSeries]
        if let n = synthetic {
            series = try SyntheticSeries.make(count: n, cells: syntheticCells, circuit: c)
        } else {
            let scan = try BatchInput.scan(from: inputs, cycleFromName: cycleRule, jobs: jobs)
            for s in scan.skipped { FileHandle.standardError.write(Data("nyquist: \(s)\n".utf8)) }
            guard !scan.series.isEmpty else {
                throw CLIFailure.data("no spectrum to fit: every input entry was skipped (see above)")
            }
            series = scan.series
        }
        let results = try ResultStore(path: store)
        let progress = Progress(reporter: .start(total: series.reduce(0) { $0 + $1.spectra.count }, unit: "spectra",
                                                 mode: progressOptions.progress, quiet: quiet))
        let runner = BatchRunner(store: results, settings: settings, jobs: jobs, refit: refit, retryFailed: retryFailed)
        try runner.runBlocking(series) { progress.add($0) }
        progress.finish()
        let fitSet = try results.fitSet(for: settings)
        print(progress.summary(series: series.count, fitSet: fitSet, store: store))
        if drt { print(progress.drtSummary) }
        // Everything that could be fitted is stored; a script still has to learn that some spectra were not — also
        // on a rerun that skipped them, so that a resumed run gives the verdict of an uninterrupted one.
        if progress.failures > 0 { throw ExitCode(1) }
    }
}

/// The batch's counts (one ``BatchSummary``), shown through a ``ProgressReporter`` as spectra done, rate, ETA and
/// failures (fits failed or not converged in this run), with the Kramers–Kronig failures as detail.
final class Progress: Sendable {
    let reporter: ProgressReporter
    let clock = ContinuousClock()
    let began: ContinuousClock.Instant
    let counts = Mutex(BatchSummary())

    init(reporter: ProgressReporter) {
        self.reporter = reporter
        began = clock.now
    }

    /// Spectra of the inputs whose fit failed or did not converge, in this run or stored by an earlier one (the exit
    /// status is 1 when there are any).
    var failures: Int { counts.withLock { $0.failures } }

    var elapsed: Double {
        let d = clock.now - began
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    func add(_ o: BatchOutcome) {
        // Reported under the lock, so that counts reach the reporter in order.
        counts.withLock { s in
            s.add(o)
            reporter.update(done: s.spectra, failures: s.failed + s.notConverged,
                            detail: "\(s.kramersKronigFailed) KK failures")
        }
    }

    /// The DRT counts of a `--drt` run, one line.
    var drtSummary: String {
        counts.withLock { s in
            "DRT: \(s.drtComputed) computed, \(s.drtFailed) failed (stored with the reason; the fits stand), "
                + "\(s.drtSkipped) already stored"
        }
    }

    /// Ends the progress display (its final line).
    func finish() { reporter.finish() }

    func summary(series: Int, fitSet: Int64, store: String) -> String {
        counts.withLock { s in
            let t = elapsed
            return "\(s.spectra) spectra in \(series) series: \(s.fitted) fitted (\(s.warm) warm, \(s.fallbacks) fallback "
                + "to the global start (\(s.fallbacksKeptGlobal) kept), \(s.global) global), \(s.skipped) already stored"
                + (s.skippedFailed > 0 ? " (\(s.skippedFailed) of them failed, not retried: --retry-failed)" : "")
                + ", \(s.failed) failed, \(s.notConverged) not converged"
                + (s.aboveNoise > 0 ? ", \(s.aboveNoise) far above the noise (fit-above-noise)" : "")
                + ", \(s.kramersKronigFailed) failed Kramers–Kronig"
                + (s.kramersKronigNotTested > 0 ? " (\(s.kramersKronigNotTested) not testable)" : "")
                + " — fit set \(fitSet) in \(store), \(String(format: "%.2f", t)) s"
        }
    }
}

/// The hidden `--synthetic N` input for benchmarks and the kill test: `assb-cathode-warburg`-like series where R3
/// grows like 100 + 20√n Ω and the rest drifts slightly, 161 points from 1 MHz to 10 mHz, 0.5 % noise.
enum SyntheticSeries {
    static func make(count: Int, cells: Int, circuit: Circuit) throws -> [BatchSeries] {
        let grid = try FrequencyGrid.logSpaced(from: 1e6, to: 1e-2, pointsPerDecade: 20)
        let plan = EvaluationPlan(circuit: circuit)
        let names = ParameterTable(circuit: circuit).names
        let perCell = (count + cells - 1) / cells
        return (0..<cells).map { cell in
            let spectra = (0..<min(perCell, count - cell * perCell)).map { n -> Spectrum in
                let x = Double(n)
                let truth: [String: Double] = [
                    "R1": 20 * (1 + 0.0005 * x), "R2": 30 * (1 + 0.001 * x), "Q2": 1e-7 * (1 + 0.0005 * x), "n2": 0.9,
                    "R3": 100 + 20 * x.squareRoot(), "Q3": 1e-5 * (1 - 0.00005 * x), "n3": 0.8, "W4": 50 * (1 + 0.0005 * x),
                ]
                let p = names.map { truth[$0] ?? 1 }
                var g = SeededRandom(seed: UInt64(cell * 1_000_003 + n + 1))
                let z = plan.impedance(grid, parameters: p).map { v in
                    // (Complex is not imported here; build the same type from its parts.)
                    type(of: v).init(v.real + v.length * 0.005 * g.normal(), v.imaginary + v.length * 0.005 * g.normal())
                }
                return Spectrum(frequencies: grid.frequencies, impedances: z,
                                metadata: SpectrumMetadata(index: n, cycleLabel: n, format: "synthetic"))
            }
            return BatchSeries(name: "synthetic-cell-\(cell)", spectra: spectra)
        }
    }
}

extension BatchCommand {
    /// `--drt-lambda`: auto (= rgcv), gcv, re-im, or a fixed λ > 0; nil when malformed.
    static func drtLambda(_ text: String) -> DRTSettings.Lambda? {
        switch text.lowercased() {
        case "auto", "rgcv": return .robustGCV
        case "gcv": return .gcv
        case "re-im", "reim", "re-im-cv": return .reImCrossValidation
        default:
            guard let v = NumberParser.parse(text), v.isFinite, v > 0 else { return nil }
            return .fixed(v)
        }
    }

    /// The DRT settings of `batch --drt`: the fit's weighting and frequency window, λ from `--drt-lambda`.
    static func drtSettings(_ lambda: String, fit: FitSettings) -> DRTSettings {
        var s = DRTSettings()
        s.lambda = drtLambda(lambda) ?? .robustGCV
        s.weighting = fit.weighting
        s.fmin = fit.window.minimumFrequency
        s.fmax = fit.window.maximumFrequency
        return s
    }
}
