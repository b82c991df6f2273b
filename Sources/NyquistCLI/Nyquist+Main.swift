import ArgumentParser
import Nyquist

@main
struct NyquistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nyquist",
        abstract: "Equivalent-circuit fitting of electrochemical impedance spectra.",
        subcommands: []
    )
}
