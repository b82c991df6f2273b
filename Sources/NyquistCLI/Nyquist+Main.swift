import ArgumentParser
import Nyquist

@main
struct NyquistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nyquist",
        abstract: "Equivalent-circuit fitting of electrochemical impedance spectra.",
        discussion: """
        Exit codes: 0 success; 1 a fit did not converge (best result still printed); 2 bad circuit, parameter or \
        option; 3 unreadable or invalid data; 4 numerical failure.
        """,
        version: NyquistVersion.current,
        subcommands: [Fit.self, Simulate.self, Circuits.self, Info.self, Convert.self, Validate.self, Plot.self, Batch.self, Export.self, Report.self, Track.self, Bench.self]
    )
}
