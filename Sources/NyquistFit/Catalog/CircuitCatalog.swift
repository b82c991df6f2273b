import Foundation
import NyquistCircuit

/// Named circuit models: the shipped ones compiled into the library (``NamedCircuit/shippedSources``, the texts of
/// the repository's `circuits/*.circuit`), and user models from folders given by the caller (the CLI's
/// `--circuits-dir`) then the colon-separated folders of `$NYQUIST_CIRCUITS`. The first user folder holding
/// `NAME.circuit` wins; a user model replaces a shipped model of the same name (``CatalogEntry/note`` says so unless
/// the texts are identical). The working directory is never searched implicitly, so a stray `circuits/` folder cannot
/// replace a shipped model.
///
/// ```swift
/// let catalog = CircuitCatalog(directories: [], environment: [:])
/// let resolved = try catalog.resolve("assb-cathode", startsAreGiven: false)
/// print(resolved.circuit.text(in: .impedancePy), resolved.parameters.values)
/// ```
public struct CircuitCatalog: Sendable, Hashable, Codable {
    /// The user folders in search order, each once (the first option or variable that named it is kept for
    /// messages; `dir` and `dir/` are one folder).
    public var userDirectories: [CircuitFolder]

    /// - Parameters:
    ///   - directories: folders searched first, in order (origin `--circuits-dir`).
    ///   - environment: the process environment; its `NYQUIST_CIRCUITS` (colon-separated folders) is searched next.
    public init(directories: [String], environment: [String: String]) {
        let env = environment["NYQUIST_CIRCUITS"] ?? ""
        let all = directories.map { CircuitFolder(path: $0, origin: "--circuits-dir") }
            + env.split(separator: ":").map { CircuitFolder(path: String($0), origin: "NYQUIST_CIRCUITS") }
        var seen: Set<String> = []
        userDirectories = all.filter { seen.insert(($0.path as NSString).standardizingPath).inserted }
    }

    /// The catalog of the shipped models only.
    public static let shipped = CircuitCatalog(directories: [], environment: [:])

    /// The error for a model name no folder holds and none is shipped: the known names and the folders searched.
    public func unknownModel(_ name: String) throws(CircuitCatalogError) -> CircuitCatalogError {
        .unknownModel(name: name, known: try all().map(\.model.name), searched: userDirectories)
    }

    /// Every model by name: shipped ones, replaced by user ones of the same name (first folder wins), sorted by name.
    /// - Throws: ``CircuitCatalogError`` for a missing folder or a malformed or unreadable `.circuit` file.
    public func all() throws(CircuitCatalogError) -> [CatalogEntry] {
        var byName: [String: CatalogEntry] = [:]
        for (name, source) in NamedCircuit.shippedSources {
            byName[name] = CatalogEntry(model: try Self.model(name: name, source: source, file: "<shipped> \(name).circuit"))
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
    public func named(_ name: String) throws(CircuitCatalogError) -> CatalogEntry? {
        for dir in try checkedDirectories() {
            let path = (dir as NSString).appendingPathComponent(name + ".circuit")
            if FileManager.default.fileExists(atPath: path) { return try userEntry(name: name, path: path) }
        }
        guard let source = NamedCircuit.shippedSources[name] else { return nil }
        return CatalogEntry(model: try Self.model(name: name, source: source, file: "<shipped> \(name).circuit"))
    }

    /// A named model (lower-case letters, digits, `-`, `_`), a `.circuit` file path, or a circuit string in
    /// impedance.py, CDC or EC-Lab syntax, with its parameter table (a named model's starts and bounds).
    /// - Parameter startsAreGiven: whether a named model's start values count as given (simulate) or only as
    ///   defaults the fit may replace by its own guess.
    /// - Throws: ``CircuitCatalogError``: `.noSuchFile`, `.unknownModel`, `.noSuchFolder`, `.unreadableFile`,
    ///   `.model` (a malformed `.circuit` file) or `.circuit` (a circuit string that does not parse).
    public func resolve(_ spec: String, startsAreGiven: Bool) throws(CircuitCatalogError) -> ResolvedCircuit {
        if spec.hasSuffix(".circuit") {
            guard FileManager.default.fileExists(atPath: spec) else { throw .noSuchFile(path: spec) }
            let named = try Self.load(spec, name: URL(fileURLWithPath: spec).deletingPathExtension().lastPathComponent)
            return ResolvedCircuit(circuit: named.circuit, parameters: named.parameterTable(startsAreGiven: startsAreGiven),
                                   model: named, file: spec)
        }
        let looksNamed = spec.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_" }
            && spec.contains(where: \.isLowercase) && spec.count > 1
        if looksNamed {
            guard let entry = try named(spec) else { throw try unknownModel(spec) }
            return ResolvedCircuit(circuit: entry.model.circuit,
                                   parameters: entry.model.parameterTable(startsAreGiven: startsAreGiven),
                                   model: entry.model, file: entry.file, note: entry.note)
        }
        let circuit: Circuit
        do { circuit = try Circuit(parsing: spec) } catch { throw .circuit(error) }
        return ResolvedCircuit(circuit: circuit, parameters: ParameterTable(circuit: circuit))
    }

    /// The user folders; one that does not exist is an error naming the option or variable that gave it.
    public func checkedDirectories() throws(CircuitCatalogError) -> [String] {
        var paths: [String] = []
        for dir in userDirectories {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw .noSuchFolder(dir)
            }
            paths.append(dir.path)
        }
        return paths
    }

    /// A user model, with a note when it replaces a shipped model of a different text.
    func userEntry(name: String, path: String) throws(CircuitCatalogError) -> CatalogEntry {
        let text = try Self.read(path)
        let model = try Self.model(name: name, source: text, file: path)
        var note: String?
        if let shipped = NamedCircuit.shippedSources[name], shipped != text {
            note = "circuit '\(name)' is read from \(path), not the shipped model"
        }
        return CatalogEntry(model: model, file: path, note: note)
    }

    /// Reads a `.circuit` file as the model `name`.
    public static func load(_ path: String, name: String) throws(CircuitCatalogError) -> NamedCircuit {
        try model(name: name, source: try read(path), file: path)
    }

    static func model(name: String, source: String, file: String) throws(CircuitCatalogError) -> NamedCircuit {
        do { return try NamedCircuit(name: name, source: source, file: file) } catch { throw .model(error) }
    }

    /// A `.circuit` file's text; an unreadable or non-UTF-8 file is an error naming it.
    static func read(_ path: String) throws(CircuitCatalogError) -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .unreadableFile(path: path)
        }
        return text
    }
}

/// A folder of user `.circuit` models and the option or variable that named it (for messages).
public struct CircuitFolder: Sendable, Hashable, Codable {
    public var path: String
    /// `--circuits-dir` or `NYQUIST_CIRCUITS`.
    public var origin: String

    public init(path: String, origin: String) {
        self.path = path
        self.origin = origin
    }
}
