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
                for note in all.compactMap(\.note) { CircuitLibraryOptions.write(note: note) }
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
            guard let entry = try catalog.named(name) else { throw try catalog.unknownModel(name) }
            if let note = entry.note { CircuitLibraryOptions.write(note: note) }
            let c = entry.model
            let table = c.parameterTable(startsAreGiven: true)
            var out = "\(c.name): \(c.description)\n"
            for syntax in CircuitSyntax.allCases {
                out += "  \(syntax.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)) \(c.circuit.text(in: syntax))\n"
            }
            let rows = table.map { p in
                [p.name, Format.number(p.value), Format.number(p.lower), Format.number(p.upper), p.unit,
                 c.meanings[p.name] ?? p.meaning]
            }
            out += "\n" + Self.aligned([["parameter", "start", "lower", "upper", "unit", "meaning"]] + rows)
            try emit(out, to: nil)
        }
    }

    /// `rows` (the first one the header) as columns two spaces apart, each as wide as its widest cell, indented by
    /// two spaces; the last column is not padded.
    static func aligned(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { k in rows.map { k < $0.count ? $0[k].count : 0 }.max() ?? 0 }
        return rows.map { row in
            "  " + row.enumerated().map { k, cell in
                k == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[k] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
