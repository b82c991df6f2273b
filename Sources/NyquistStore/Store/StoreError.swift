/// Why the results store could not be opened, read or written.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// SQLite refused an operation (not a database, locked, disk full, constraint broken, …).
    case database(path: String, message: String)
    /// The file is not a results store (not SQLite, or SQLite without the store's tables); it was not changed.
    case notAStore(path: String, reason: String)
    /// The store holds no fit sets yet.
    case noFitSets(path: String)
    /// The fit set asked for does not exist.
    case unknownFitSet(Int64, known: [Int64])
    /// A parameter name the fit set's circuit does not have.
    case unknownParameter(String, known: [String])
    /// An export file could not be written.
    case cannotWrite(path: String, reason: String)
    /// The store holds no distribution of relaxation times (a store older than schema v4, or no `batch --drt` run).
    case noDRT(path: String)
    /// The DRT set asked for does not exist.
    case unknownDRTSet(Int64, known: [Int64])
    /// A DRT peak selector (`drt:peakN`, `drt:tau=T`) that names no peak track of the series.
    case unknownDRTPeak(String, reason: String)

    public var description: String {
        switch self {
        case .database(let p, let m): return "\(p): database error: \(m)"
        case .notAStore(let p, let r): return "\(p): not a nyquist results store: \(r) (the file was not changed)"
        case .noFitSets(let p): return "\(p): the store holds no fits yet (run `nyquist batch` first)"
        case .unknownFitSet(let id, let known):
            return "no fit set \(id) in the store; it has: \(known.map(String.init).joined(separator: ", "))"
        case .unknownParameter(let n, let known):
            return "unknown parameter '\(n)'; the fit set's circuit has: \(known.joined(separator: ", "))"
        case .cannotWrite(let p, let r): return "\(p): cannot write: \(r)"
        case .noDRT(let p): return "\(p): the store holds no DRT yet (run `nyquist batch --drt` first)"
        case .unknownDRTSet(let id, let known):
            return "no DRT set \(id) in the store; it has: \(known.map(String.init).joined(separator: ", "))"
        case .unknownDRTPeak(let s, let r): return "DRT peak '\(s)': \(r)"
        }
    }
}
