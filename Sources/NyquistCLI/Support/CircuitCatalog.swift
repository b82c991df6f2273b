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
}

/// Named circuit models: the shipped ones compiled into the program (``NamedCircuit/shippedSources``, the texts of
/// the repository's `circuits/*.circuit`), and user models from `--circuits-dir` folders then the colon-separated
/// folders of `$NYQUIST_CIRCUITS`. The first user folder holding `NAME.circuit` wins; a user model replaces a
/// shipped model of the same name, with a note on stderr unless the texts are identical. The working directory is
/// never searched implicitly, so a stray `circuits/` folder cannot replace a shipped model.
struct CircuitCatalog {
    /// A model and where it came from.
    struct Entry {
        var model: NamedCircuit
        /// The user file it was read from, or nil for a shipped model.
        var file: String?
    }

    /// The user folders in search order, each once (the first option or variable that named it is kept for
    /// messages; `dir` and `dir/` are one folder).
    var userDirectories: [(path: String, origin: String)]

    init(directories: [String], environment: [String: String]) {
        let env = environment["NYQUIST_CIRCUITS"] ?? ""
        let all = directories.map { ($0, "--circuits-dir") } + env.split(separator: ":").map { (String($0), "NYQUIST_CIRCUITS") }
        var seen: Set<String> = []
        userDirectories = all.filter { seen.insert(($0.0 as NSString).standardizingPath).inserted }
    }

    /// The message for a model name no folder holds and none is shipped: the known names and, when there are user
    /// folders, where it was looked for (each folder once).
    func unknownModel(_ name: String) throws -> CLIFailure {
        let known = try all().map(\.model.name).joined(separator: ", ")
        var searched = ""
        if !userDirectories.isEmpty {
            searched = "; looked in the shipped models and " + userDirectories.map { "\($0.path) (\($0.origin))" }.joined(separator: ", ")
        }
        return .usage("no named circuit '\(name)' (known: \(known)\(searched); `nyquist circuits` lists them)")
    }

    /// Every model by name: shipped ones, replaced by user ones of the same name (first folder wins).
    func all() throws -> [Entry] {
        var byName: [String: Entry] = [:]
        for (name, source) in NamedCircuit.shippedSources {
            byName[name] = Entry(model: try NamedCircuit(name: name, source: source, file: "<shipped> \(name).circuit"))
        }
        var fromUser: Set<String> = []
        for dir in try checkedDirectories() {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            for f in files.sorted() where f.hasSuffix(".circuit") {
                let name = String(f.dropLast(".circuit".count))
                guard !fromUser.contains(name) else { continue }
                fromUser.insert(name)
                byName[name] = try userEntry(name: name, path: (dir as NSString).appendingPathComponent(f))
            }
        }
        return byName.values.sorted { $0.model.name < $1.model.name }
    }

    /// One model by name, or nil when no folder holds it and none is shipped.
    func named(_ name: String) throws -> Entry? {
        for dir in try checkedDirectories() {
            let path = (dir as NSString).appendingPathComponent(name + ".circuit")
            if FileManager.default.fileExists(atPath: path) { return try userEntry(name: name, path: path) }
        }
        guard let source = NamedCircuit.shippedSources[name] else { return nil }
        return Entry(model: try NamedCircuit(name: name, source: source, file: "<shipped> \(name).circuit"))
    }

    /// A named model, a `.circuit` file path, or a circuit string.
    func resolve(_ spec: String, startsAreGiven: Bool) throws -> (Circuit, ParameterTable) {
        if spec.hasSuffix(".circuit") {
            guard FileManager.default.fileExists(atPath: spec) else {
                throw CLIFailure.usage("--circuit \(spec): no such .circuit file")
            }
            let named = try Self.load(spec, name: URL(fileURLWithPath: spec).deletingPathExtension().lastPathComponent)
            return (named.circuit, named.parameterTable(startsAreGiven: startsAreGiven))
        }
        let looksNamed = spec.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_" }
            && spec.contains(where: \.isLowercase) && spec.count > 1
        if looksNamed {
            guard let entry = try named(spec) else { throw try unknownModel(spec) }
            return (entry.model.circuit, entry.model.parameterTable(startsAreGiven: startsAreGiven))
        }
        let circuit = try Circuit(parsing: spec)
        return (circuit, ParameterTable(circuit: circuit))
    }

    /// The user folders; one that does not exist is an error naming the option or variable that gave it.
    func checkedDirectories() throws -> [String] {
        try userDirectories.map { dir in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CLIFailure.usage("\(dir.origin) \(dir.path): no such folder")
            }
            return dir.path
        }
    }

    /// A user model, with a note on stderr when it replaces a shipped model of a different text.
    func userEntry(name: String, path: String) throws -> Entry {
        let text = try Self.read(path)
        let model = try NamedCircuit(name: name, source: text, file: path)
        if let shipped = NamedCircuit.shippedSources[name], shipped != text {
            FileHandle.standardError.write(Data("note: circuit '\(name)' is read from \(path), not the shipped model\n".utf8))
        }
        return Entry(model: model, file: path)
    }

    static func load(_ path: String, name: String) throws -> NamedCircuit {
        try NamedCircuit(name: name, source: try read(path), file: path)
    }

    /// A `.circuit` file's text; an unreadable or non-UTF-8 file is an error naming it.
    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CLIFailure.usage("\(path): cannot read the circuit file (missing, unreadable or not UTF-8)")
        }
        return text
    }
}
