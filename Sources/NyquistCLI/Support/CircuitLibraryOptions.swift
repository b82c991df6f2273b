import ArgumentParser
import Foundation
import Nyquist

/// `--circuits-dir DIR` (repeatable): folders of user `.circuit` models, shared by every command taking `--circuit`.
struct CircuitLibraryOptions: ParsableArguments {
    @Option(name: .customLong("circuits-dir"), help: ArgumentHelp(
        "A folder of user .circuit models, searched before $NYQUIST_CIRCUITS; a user model replaces a shipped one of the same name (with a note). Repeatable.",
        valueName: "dir"))
    var circuitsDirs: [String] = []

    /// The catalog these options and `$NYQUIST_CIRCUITS` describe.
    func catalog() -> CircuitCatalog {
        CircuitCatalog(directories: circuitsDirs, environment: ProcessInfo.processInfo.environment)
    }

    /// `catalog().resolve`, with its note (a user model replacing a shipped one) written to stderr.
    func resolve(_ spec: String, startsAreGiven: Bool) throws -> ResolvedCircuit {
        let resolved = try catalog().resolve(spec, startsAreGiven: startsAreGiven)
        if let note = resolved.note { Self.write(note: note) }
        return resolved
    }

    static func write(note: String) {
        FileHandle.standardError.write(Data("note: \(note)\n".utf8))
    }
}
