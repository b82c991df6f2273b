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

    /// The circuit, its named-model description if any, and the parameter table with every option applied.
    /// - Parameter namedStartsAreGiven: whether a named model's start values count as given (simulate) or only as
    ///   defaults the fit may replace by its own guess.
    func resolve(namedStartsAreGiven: Bool) throws -> (Circuit, ParameterTable) {
        let (circuit, table) = try CircuitCatalog.resolve(self.circuit, startsAreGiven: namedStartsAreGiven)
        return (circuit, try Self.apply(param: param, bound: bound, fix: fix, to: table))
    }

    /// Applies `--param`, `--bound` and `--fix` items to a table.
    static func apply(param: [String], bound: [String] = [], fix: [String] = [], to start: ParameterTable) throws
        -> ParameterTable
    {
        var table = start
        for item in param {
            let (name, value) = try Self.split(item, option: "--param")
            guard let v = value.flatMap(Self.number) else {
                throw CLIFailure.usage("--param \(item): expected NAME=VALUE with a number")
            }
            try table.apply(ParameterSetting(value: v), to: name)
        }
        for item in bound {
            let (name, value) = try Self.split(item, option: "--bound")
            let parts = (value ?? "").split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, let lo = Self.number(parts[0]), let hi = Self.number(parts[1]) else {
                throw CLIFailure.usage("--bound \(item): expected NAME=LOWER:UPPER")
            }
            try table.apply(ParameterSetting(lower: lo, upper: hi), to: name)
        }
        for item in fix {
            let (name, value) = try Self.split(item, option: "--fix")
            var setting = ParameterSetting(fixed: true)
            if let value {
                guard let v = Self.number(value) else { throw CLIFailure.usage("--fix \(item): '\(value)' is not a number") }
                setting.value = v
            }
            try table.apply(setting, to: name)
        }
        return table
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

/// Finds named circuit models: `$NYQUIST_CIRCUITS`, `./circuits`, then the `circuits/` folder of the source tree
/// the binary was built in (found by walking up from the executable).
enum CircuitCatalog {
    static var directories: [URL] {
        var dirs: [URL] = []
        if let env = ProcessInfo.processInfo.environment["NYQUIST_CIRCUITS"] { dirs.append(URL(fileURLWithPath: env)) }
        dirs.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("circuits"))
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            dirs.append(dir.appendingPathComponent("circuits"))
            dir = dir.deletingLastPathComponent()
        }
        return dirs
    }

    /// Every named model found, by name (first directory wins).
    static func all() throws -> [NamedCircuit] {
        var seen: [String: NamedCircuit] = [:]
        for dir in directories {
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { continue }
            for f in files.sorted() where f.hasSuffix(".circuit") {
                let name = String(f.dropLast(".circuit".count))
                guard seen[name] == nil else { continue }
                seen[name] = try load(dir.appendingPathComponent(f), name: name)
            }
        }
        return seen.values.sorted { $0.name < $1.name }
    }

    static func load(_ url: URL, name: String) throws -> NamedCircuit {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw CLIFailure.usage("\(url.path): cannot read the circuit file")
        }
        return try NamedCircuit(name: name, source: text, file: url.path)
    }

    /// A named model, a `.circuit` file path, or a circuit string.
    static func resolve(_ spec: String, startsAreGiven: Bool) throws -> (Circuit, ParameterTable) {
        if spec.hasSuffix(".circuit"), FileManager.default.fileExists(atPath: spec) {
            let named = try load(URL(fileURLWithPath: spec), name: URL(fileURLWithPath: spec).lastPathComponent)
            return (named.circuit, named.parameterTable(startsAreGiven: startsAreGiven))
        }
        let looksNamed = spec.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_" }
            && spec.contains(where: \.isLowercase) && spec.count > 1
        if looksNamed {
            for dir in directories {
                let url = dir.appendingPathComponent(spec + ".circuit")
                if FileManager.default.fileExists(atPath: url.path) {
                    let named = try load(url, name: spec)
                    return (named.circuit, named.parameterTable(startsAreGiven: startsAreGiven))
                }
            }
            throw CLIFailure.usage("no named circuit '\(spec)' (looked in \(directories.map(\.path).joined(separator: ", ")); `nyquist circuits` lists them)")
        }
        let circuit = try Circuit(parsing: spec)
        return (circuit, ParameterTable(circuit: circuit))
    }
}
