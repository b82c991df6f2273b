import NyquistCircuit

/// Why a ``CircuitCatalog`` could not give a model. All are the caller's choice to fix (the CLI exits 2).
public enum CircuitCatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A `--circuit` argument ending in `.circuit` that names no file.
    case noSuchFile(path: String)
    /// A `.circuit` file that cannot be read or is not UTF-8.
    case unreadableFile(path: String)
    /// A name no user folder holds and no shipped model has; `known` lists every model, `searched` the user folders.
    case unknownModel(name: String, known: [String], searched: [CircuitFolder])
    /// A user folder (from `--circuits-dir` or `NYQUIST_CIRCUITS`) that does not exist.
    case noSuchFolder(CircuitFolder)
    /// A malformed `.circuit` file (file, line and reason inside).
    case model(NamedCircuitError)
    /// A circuit string that does not parse (position and reason inside).
    case circuit(CircuitSyntaxError)

    public var description: String {
        switch self {
        case .noSuchFile(let path): return "--circuit \(path): no such .circuit file"
        case .unreadableFile(let path): return "\(path): cannot read the circuit file (missing, unreadable or not UTF-8)"
        case let .unknownModel(name, known, searched):
            var where_ = ""
            if !searched.isEmpty {
                where_ = "; looked in the shipped models and "
                    + searched.map { "\($0.path) (\($0.origin))" }.joined(separator: ", ")
            }
            return "no named circuit '\(name)' (known: \(known.joined(separator: ", "))\(where_); "
                + "`nyquist circuits` lists them)"
        case .noSuchFolder(let dir): return "\(dir.origin) \(dir.path): no such folder"
        case .model(let e): return e.description
        case .circuit(let e): return "circuit: " + e.description
        }
    }
}
