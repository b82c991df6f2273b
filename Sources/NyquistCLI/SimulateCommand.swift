import ArgumentParser
import Nyquist
import NyquistText
import Numerics

/// `nyquist simulate`: the impedance of a circuit on a log-spaced frequency grid, as CSV.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Compute a circuit's impedance spectrum.",
        discussion: """
        Prints CSV with the header freq_Hz,Z_re_Ohm,Z_im_Ohm (Z_im signed: negative for a capacitor). Every \
        parameter needs a value: from --param, inline CDC values, or the named model's file.
        """)

    @OptionGroup var circuitOptions: CircuitOptions

    @Option(name: .long, help: ArgumentHelp(
        "Frequencies start:stop:points-per-decade in Hz, log-spaced, both ends included.", valueName: "start:stop:ppd"))
    var freq = "1e6:1e-2:20"

    @Option(help: "Add Gaussian noise of this relative size to Z′ and Z″ (0.005 = 0.5 % of |Z|).")
    var noise = 0.0

    @Option(help: "Seed of the noise.")
    var seed: UInt64 = 1

    @Option(name: .shortAndLong, help: "Write the CSV to this file instead of standard output.")
    var output: String?

    mutating func run() throws {
        try reportingFailures {
            let (circuit, table) = try circuitOptions.resolve(namedStartsAreGiven: true)
            let missing = table.filter { !$0.startGiven && !$0.fixed }.map(\.name)
            guard missing.isEmpty else { throw ParameterError.missingParameters(missing) }
            let grid = try Self.grid(freq)
            guard noise >= 0, noise.isFinite else { throw CLIFailure.usage("--noise must be a number ≥ 0") }
            var z = EvaluationPlan(circuit: circuit).impedance(grid, parameters: table.values)
            if noise > 0 {
                var g = SeededRandom(seed: seed)
                z = z.map { v in
                    let s = noise * v.length
                    return v + Complex(s * g.normal(), s * g.normal())
                }
            }
            // Huge parameters or noise overflow Z: refuse rather than write nan or inf into the spectrum.
            if let k = z.firstIndex(where: { !$0.real.isFinite || !$0.imaginary.isFinite }) {
                throw CLIFailure(message: "the simulated impedance at \(grid.frequencies[k]) Hz is not finite "
                    + "(parameters or --noise \(noise) too large for a double)", code: 4)
            }
            try emit(SpectrumCSV.text(frequencies: grid.frequencies, impedances: z), to: output)
        }
    }

    static func grid(_ spec: String) throws -> FrequencyGrid {
        let parts = spec.split(separator: ":").map(String.init)
        guard parts.count == 3, let a = NumberParser.parse(parts[0]), let b = NumberParser.parse(parts[1]),
              let n = Int(parts[2]) else {
            throw CLIFailure.usage("--freq '\(spec)': expected start:stop:points-per-decade, e.g. 1e6:1e-2:20")
        }
        do { return try FrequencyGrid.logSpaced(from: a, to: b, pointsPerDecade: n) } catch {
            throw CLIFailure.usage("--freq '\(spec)': \(error.description)")
        }
    }
}
