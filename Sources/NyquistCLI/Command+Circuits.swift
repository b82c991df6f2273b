import ArgumentParser
import Nyquist

/// `nyquist circuits [NAME]`: the named circuit models.
struct Circuits: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the named circuit models, or show one with its parameters and units.",
        discussion: """
        The shipped models are built into nyquist; user models come from --circuits-dir and $NYQUIST_CIRCUITS \
        (colon-separated folders of .circuit files) and replace a shipped model of the same name. The working \
        directory is not searched. See circuits/README.md.
        """)

    @Argument(help: "A model to show in full.")
    var name: String?

    @OptionGroup var library: CircuitLibraryOptions

    mutating func run() throws {
        try reportingFailures {
            let catalog = library.catalog()
            guard let name else {
                let all = try catalog.all()
                let width = (all.map(\.model.name.count).max() ?? 0) + 2
                var out = ""
                for entry in all {
                    let c = entry.model
                    out += c.name.padding(toLength: width, withPad: " ", startingAt: 0)
                        + c.circuit.text(in: .impedancePy) + "\n"
                    if !c.description.isEmpty { out += String(repeating: " ", count: width) + c.description + "\n" }
                    if let file = entry.file { out += String(repeating: " ", count: width) + "(user model: \(file))\n" }
                }
                try emit(out, to: nil)
                return
            }
            guard let c = try catalog.named(name)?.model else {
                let known = try catalog.all().map(\.model.name).joined(separator: ", ")
                throw CLIFailure.usage("no named circuit '\(name)'; known: \(known)")
            }
            let table = c.parameterTable(startsAreGiven: true)
            var out = "\(c.name): \(c.description)\n"
            for syntax in CircuitSyntax.allCases {
                out += "  \(syntax.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)) \(c.circuit.text(in: syntax))\n"
            }
            out += "\n  parameter  start        lower  upper  unit           meaning\n"
            for p in table {
                out += "  " + [p.name.padding(toLength: 9, withPad: " ", startingAt: 0),
                               Format.number(p.value).padding(toLength: 12, withPad: " ", startingAt: 0),
                               Format.number(p.lower).padding(toLength: 6, withPad: " ", startingAt: 0),
                               Format.number(p.upper).padding(toLength: 6, withPad: " ", startingAt: 0),
                               p.unit.padding(toLength: 14, withPad: " ", startingAt: 0),
                               c.meanings[p.name] ?? p.meaning].joined(separator: " ") + "\n"
            }
            try emit(out, to: nil)
        }
    }
}
