import ArgumentParser
import Nyquist

/// `nyquist circuits [NAME]`: the named circuit models.
struct Circuits: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the named circuit models, or show one with its parameters and units.")

    @Argument(help: "A model to show in full.")
    var name: String?

    mutating func run() throws {
        try reportingFailures {
            let all = try CircuitCatalog.all()
            guard let name else {
                let width = (all.map(\.name.count).max() ?? 0) + 2
                var out = ""
                for c in all {
                    out += c.name.padding(toLength: width, withPad: " ", startingAt: 0)
                        + c.circuit.text(in: .impedancePy) + "\n"
                    if !c.description.isEmpty { out += String(repeating: " ", count: width) + c.description + "\n" }
                }
                try emit(out, to: nil)
                return
            }
            guard let c = all.first(where: { $0.name == name }) else {
                throw CLIFailure.usage("no named circuit '\(name)'; known: \(all.map(\.name).joined(separator: ", "))")
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
