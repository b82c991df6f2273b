import ArgumentParser
import Foundation
import Nyquist

/// `--circuit NAME|STRING|FILE` with `--param`, `--fix` and `--bound`, shared by simulate, fit and plot.
struct CircuitOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A named model (see `nyquist circuits`), a .circuit file, or a circuit in impedance.py, CDC or EC-Lab syntax.",
        valueName: "name|string"))
    var circuit: String

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
        "A parameter value in its physical unit, e.g. R1=20 (Ω) or Q2=1e-9 (F·s^(n−1)). Repeatable.",
        valueName: "name=value"))
    var param: [String] = []

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
        "Fix a parameter, at a value (n2=1) or at its start (n2). Repeatable.", valueName: "name[=value]"))
    var fix: [String] = []

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
        "Bounds of a parameter, e.g. R3=1:1000 (inf allowed). Repeatable.", valueName: "name=lower:upper"))
    var bound: [String] = []

    @OptionGroup var library: CircuitLibraryOptions

    /// The circuit, its named-model description if any, and the parameter table with every option applied.
    /// - Parameter namedStartsAreGiven: whether a named model's start values count as given (simulate) or only as
    ///   defaults the fit may replace by its own guess.
    func resolve(namedStartsAreGiven: Bool) throws -> (Circuit, ParameterTable) {
        let (circuit, table) = try library.catalog().resolve(self.circuit, startsAreGiven: namedStartsAreGiven)
        return (circuit, try Self.apply(param: param, bound: bound, fix: fix, to: table))
    }

    /// Applies `--param`, `--bound` and `--fix` items to a table. Contradictions are errors naming both items: a
    /// parameter given twice by one option, a value given by both `--param` and `--fix`, and a fixed value outside
    /// its bounds (a named model's, the element's such as 0 < n ≤ 1, or a `--bound`).
    /// - Throws: ``CLIFailure`` with code 2 naming the offending item (a ``ParameterError`` is prefixed with it).
    static func apply(param: [String], bound: [String] = [], fix: [String] = [], to start: ParameterTable) throws
        -> ParameterTable
    {
        var table = start
        var valueItem: [String: String] = [:], boundItem: [String: String] = [:], fixItem: [String: String] = [:]
        for item in param {
            let (name, value) = try Self.split(item, option: "--param")
            guard let v = value.flatMap(Self.number) else {
                throw CLIFailure.usage("--param \(item): expected NAME=VALUE with a number")
            }
            try Self.once(name, "--param \(item)", in: &valueItem)
            try Self.apply(ParameterSetting(value: v), to: name, in: &table, item: "--param \(item)")
        }
        for item in bound {
            let (name, value) = try Self.split(item, option: "--bound")
            let parts = (value ?? "").split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, let lo = Self.number(parts[0]), let hi = Self.number(parts[1]) else {
                throw CLIFailure.usage("--bound \(item): expected NAME=LOWER:UPPER")
            }
            try Self.once(name, "--bound \(item)", in: &boundItem)
            try Self.apply(ParameterSetting(lower: lo, upper: hi), to: name, in: &table, item: "--bound \(item)")
        }
        for item in fix {
            let (name, value) = try Self.split(item, option: "--fix")
            var setting = ParameterSetting(fixed: true)
            if let value {
                guard let v = Self.number(value) else { throw CLIFailure.usage("--fix \(item): '\(value)' is not a number") }
                setting.value = v
                try Self.once(name, "--fix \(item)", in: &valueItem)
            }
            try Self.once(name, "--fix \(item)", in: &fixItem)
            try Self.apply(setting, to: name, in: &table, item: "--fix \(item)")
        }
        for (name, item) in fixItem.sorted(by: { $0.key < $1.key }) {
            guard let i = table.index(of: name) else { continue }
            let p = table[i]
            if p.value < p.lower || p.value > p.upper {
                let source = boundItem[name].map { "set by \($0)" } ?? "of the circuit"
                let value = valueItem[name].map { $0 == item ? "" : " (from \($0))" } ?? " (its start)"
                throw CLIFailure.usage("\(item): the fixed value \(Format.number(p.value))\(value) of \(name) lies "
                    + "outside its bounds [\(Format.number(p.lower)), \(Format.number(p.upper))] \(source)")
            }
        }
        return table
    }

    /// Records that `item` sets `name`; throws when an earlier item already did.
    static func once(_ name: String, _ item: String, in seen: inout [String: String]) throws {
        if let earlier = seen[name] {
            throw CLIFailure.usage("\(item) contradicts \(earlier): give \(name) once")
        }
        seen[name] = item
    }

    /// `table.apply`, with a parameter error prefixed by the option item that caused it.
    static func apply(_ setting: ParameterSetting, to name: String, in table: inout ParameterTable, item: String) throws {
        do { try table.apply(setting, to: name) } catch { throw CLIFailure.usage("\(item): \(error.description)") }
    }

    static func split(_ item: String, option: String) throws -> (String, String?) {
        let parts = item.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
        guard let name = parts.first, !name.isEmpty else { throw CLIFailure.usage("\(option) '\(item)': missing name") }
        return (name, parts.count == 2 ? parts[1] : nil)
    }

    static func number(_ s: String) -> Double? {
        switch s.lowercased() {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        default: return Double(s)
        }
    }
}
