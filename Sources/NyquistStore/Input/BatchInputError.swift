import NyquistIO

/// Why the input of a batch run could not be read. Every case names the file, and the line where there is one.
public enum BatchInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path does not exist or cannot be read.
    case unreadable(path: String, reason: String)
    /// A directory without any file of a supported kind.
    case emptyDirectory(path: String, extensions: [String])
    /// A data file the readers rejected (the error names the file and the line or byte offset).
    case reader(ReaderError)
    /// A file without any spectrum.
    case noData(path: String)
    /// No input paths at all.
    case noInput
    /// A `--cycle-from-name` pattern that does not compile or lacks its one capture group.
    case badCycleRegex(pattern: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let p, let r): return "\(p): cannot read: \(r)"
        case .emptyDirectory(let p, let e):
            return "\(p): no spectrum files (\(e.map { "*." + $0 }.joined(separator: ", "))) in this directory"
        case .reader(let e): return e.description
        case .noData(let p): return "\(p): no impedance spectra in this file"
        case .noInput: return "no input given"
        case .badCycleRegex(let p, let r): return "--cycle-from-name '\(p)': \(r)"
        }
    }
}
