import ArgumentParser
import Foundation
import Nyquist
import Numerics

/// `nyquist bench`: speed of evaluation and fitting on the papers' 161-point spectrum (run it in release).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure evaluation and fitting speed (build with -c release).",
        discussion: """
        Generates N spectra of assb-cathode, 1 MHz–10 mHz at 20 points per decade (161 points), truth R1 = 20, \
        R2 = 30, Q2 = 1e-7, n2 = 0.9, R3 = 150, Q3 = 1e-5, n3 = 0.8 with 0.5 % noise (seeds 1…N), and times: one \
        evaluation of Z and ∂Z/∂p; a local LM fit from the starts 20 % off the truth; a Randomize+Simplex+LM fit \
        from naive starts (R = 10, Q = 1e-6, n = 0.8). Prints medians. With --write-spectra the spectra are also \
        written as CSV so that other programs can be timed on the same data (scripts/bench.sh).
        """)

    @Option(help: "Number of spectra.")
    var spectra = 50

    @Flag(help: "Use the Cholesky trust-region solver instead of QR.")
    var cholesky = false

    @Option(help: "Trust-region linear solver: thin-qr (default), qr, normal-cholesky, cholesky or svd (overrides --cholesky).")
    var solver: String?

    @Flag(help: "Use geodesic acceleration in Levenberg–Marquardt.")
    var geodesic = false

    @Flag(help: "Skip the global fits (for profiling the local path).")
    var localOnly = false

    @Option(help: "Write the spectra as DIR/spectrum-K.csv.")
    var writeSpectra: String?

    @Option(help: "Also run the batch scenario (issue 17) on a warm series of N spectra: files read, lin-KK per spectrum, `batch` with and without KK at 1 and 2 jobs (with the median local LM of its warm fits), start-up of `nyquist --version`.")
    var batch: Int?

    @Option(help: "Cells (series) the batch scenario's spectra are split into.")
    var batchCells = 2

    static let truth = [20.0, 30, 1e-7, 0.9, 150, 1e-5, 0.8]

    mutating func run() throws {
        try reportingFailures {
            guard spectra > 0 else { throw CLIFailure.usage("--spectra must be > 0") }
            if let n = batch, n < 1 || batchCells < 1 || batchCells > n || n > 1_000_000 {
                throw CLIFailure.usage("--batch needs 1 ≤ --batch-cells ≤ N ≤ 1000000")
            }
            #if DEBUG
            FileHandle.standardError.write(Data("warning: debug build: these timings are many times those of a release build and mean little (build with swift build -c release)\n".utf8))
            #endif
            let circuit = try Circuit(parsing: "R1-p(R2,CPE2)-p(R3,CPE3)")
            let grid = try FrequencyGrid.logSpaced(from: 1e6, to: 1e-2, pointsPerDecade: 20)
            let plan = EvaluationPlan(circuit: circuit)
            let clean = plan.impedance(grid, parameters: Self.truth)
            var data: [Spectrum] = []
            for k in 1...spectra {
                var g = SeededRandom(seed: UInt64(k))
                let z = clean.map { v in v + Complex(0.005 * v.length * g.normal(), 0.005 * v.length * g.normal()) }
                data.append(Spectrum(frequencies: grid.frequencies, impedances: z))
                if let dir = writeSpectra {
                    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                    try emit(SpectrumCSV.text(frequencies: grid.frequencies, impedances: z), to: "\(dir)/spectrum-\(k).csv")
                }
            }
            let clock = ContinuousClock()
            func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
            func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }

            // Evaluation of Z and the Jacobian, 161 points × 7 parameters.
            var evalTimes: [Double] = []
            var z = [Complex<Double>](repeating: .zero, count: grid.count)
            var j = [Complex<Double>](repeating: .zero, count: grid.count * 7)
            for _ in 0..<2000 {
                let t = clock.measure {
                    Self.truth.withUnsafeBufferPointer { p in
                        z.withUnsafeMutableBufferPointer { zb in j.withUnsafeMutableBufferPointer { jb in
                            plan.evaluate(grid, parameters: p, impedance: zb, jacobian: jb)
                        } }
                    }
                }
                evalTimes.append(seconds(t))
            }

            var near = ParameterTable(circuit: circuit)
            for (name, v) in zip(near.names, Self.truth) { try near.apply(ParameterSetting(value: v * (name.hasPrefix("n") ? 0.95 : 1.2)), to: name) }
            var naive = ParameterTable(circuit: circuit)
            for (name, v) in zip(naive.names, [10.0, 10, 1e-6, 0.8, 10, 1e-6, 0.8]) { try naive.apply(ParameterSetting(value: v), to: name) }

            var choice: LevenbergMarquardtSettings.LinearSolver?
            if let solver {
                guard let c = LevenbergMarquardtSettings.LinearSolver(rawValue: solver) else {
                    throw CLIFailure.usage("--solver \(solver): expected one of "
                        + LevenbergMarquardtSettings.LinearSolver.allCases.map(\.rawValue).joined(separator: ", "))
                }
                choice = c
            }
            var lm = FitSettings(); lm.method = .lm; lm.cholesky = cholesky; lm.geodesicAcceleration = geodesic
            var global = FitSettings(); global.method = .randomizeSimplex; global.cholesky = cholesky
            lm.solver = choice; global.solver = choice
            global.geodesicAcceleration = geodesic
            var localTimes: [Double] = [], globalTimes: [Double] = []
            var localOK = 0, globalOK = 0
            var work: [(Double, Double, Double)] = []
            for s in data {
                var r: FitResult?
                localTimes.append(seconds(try clock.measure { r = try Fitter.fit(s, circuit: circuit, parameters: near, settings: lm) }))
                if r?.convergence.converged == true { localOK += 1 }
                if let c = r?.convergence { work.append((Double(c.iterations), Double(c.functionEvaluations), Double(c.jacobianEvaluations))) }
                if localOnly { globalTimes.append(0); continue }
                globalTimes.append(seconds(try clock.measure { r = try Fitter.fit(s, circuit: circuit, parameters: naive, settings: global) }))
                if let r, r.convergence.converged, abs((r.value("R3") ?? 0) - 150) < 5 { globalOK += 1 }
            }
            // lin-KK with default settings on the same spectra (scripts/bench_linkk_impedance_py.py times impedance.py's).
            var kkTimes: [Double] = [], kkM: [Double] = []
            for s in data {
                var r: KramersKronigResult?
                kkTimes.append(seconds(try clock.measure { r = try KramersKronig.test(s) }))
                kkM.append(Double(r?.elementCount ?? 0))
            }
            let out = """
            spectra: \(spectra) × \(grid.count) points, assb-cathode, 0.5 % noise
            evaluation Z + ∂Z/∂p (161 × 7): median \(Format.number(median(evalTimes) * 1e6)) µs
            local LM fit (start 20 % off):   median \(Format.number(median(localTimes) * 1e6)) µs   converged \(localOK)/\(spectra)
              median iterations \(Format.number(median(work.map(\.0)))), residual evaluations \(Format.number(median(work.map(\.1)))), Jacobian evaluations \(Format.number(median(work.map(\.2))))
            Randomize+Simplex+LM (naive):    median \(Format.number(median(globalTimes) * 1e3)) ms   found truth \(globalOK)/\(spectra)
            lin-KK (default settings):       median \(Format.number(median(kkTimes) * 1e3)) ms   median M \(Format.number(median(kkM)))

            """
            try emit(out, to: nil)
            if let n = batch {
                let exe = Bundle.main.executablePath ?? CommandLine.arguments[0]
                let bench = BatchBenchmark(count: n, cells: batchCells, executable: exe)
                let c = try CircuitCatalog(directories: [], environment: [:])
                    .resolve(bench.circuitName, startsAreGiven: false).circuit
                try bench.run(circuit: c) { line in print(line) }
            }
        }
    }
}
