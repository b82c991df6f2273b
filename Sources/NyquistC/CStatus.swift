import Foundation
import Nyquist

/// The status every `nyq_…` function returns: the CLI's exit-code families (README, "Exit codes").
///
/// 0 ok; 1 the result is there but is not a success (a fit did not converge or ended far above the noise; a batch had
/// failures); 2 a bad circuit, parameter or option; 3 unreadable or invalid data or store; 4 a numerical failure.
enum CStatus: Int32, Sendable {
    case ok = 0
    case notConverged = 1
    case usage = 2
    case data = 3
    case numerical = 4
}

/// A failure of a C API call: its status and a message naming the cause (file and line or position where there is
/// one), handed to the caller through the `error` out-parameter.
struct CAPIError: Error, Sendable, CustomStringConvertible {
    var status: CStatus
    var message: String

    var description: String { message }

    init(status: CStatus, message: String) {
        self.status = status
        self.message = message
    }

    static func usage(_ message: String) -> CAPIError { CAPIError(status: .usage, message: message) }
    static func data(_ message: String) -> CAPIError { CAPIError(status: .data, message: message) }

    /// Classifies a library error the way the CLI's `CLIFailure` does: option, circuit and parameter errors 2; data,
    /// file and store errors 3; numerical failures 4; any other error 3 (it can only come from reading or writing).
    init(_ error: any Error) {
        switch error {
        case let e as CAPIError: self = e
        case let e as CircuitSyntaxError: self = .usage("circuit: " + e.description)
        case let e as CircuitCatalogError: self = .usage(e.description)
        case let e as ParameterOverrideError: self = .usage(e.description)
        case let e as AnalysisError: self = .usage(e.description)
        case let e as ParameterError: self = .usage(e.description)
        case let e as NamedCircuitError: self = .usage(e.description)
        case let e as FrequencyGridError: self = .usage(e.description)
        case let e as ReaderError: self = .data(e.description)
        case let e as BatchInputError:
            switch e {
            case .noInput, .badCycleRegex: self = .usage(e.description)
            default: self = .data(e.description)
            }
        case let e as StoreError:
            switch e {
            case .unknownFitSet, .unknownParameter: self = .usage(e.description)
            default: self = .data(e.description)
            }
        case let e as FitError:
            switch e {
            case .numerics: self = CAPIError(status: .numerical, message: e.description)
            case .invalidParameter, .emptyWindow: self = .usage(e.description)
            default: self = .data(e.description)
            }
        case let e as KramersKronigError:
            switch e {
            case .numerics: self = CAPIError(status: .numerical, message: e.description)
            case .invalidSetting: self = .usage(e.description)
            default: self = .data(e.description)
            }
        case let e as TrackingError:
            switch e {
            case .invalidSetting, .comparisonRefused: self = .usage(e.description)
            case .numerical: self = CAPIError(status: .numerical, message: e.description)
            default: self = .data(e.description)
            }
        case let e as GSLError: self = CAPIError(status: .numerical, message: "numerical failure: \(e)")
        case let e as DecodingError: self = .usage("options: not the expected JSON (\(Self.describe(e)))")
        default: self = .data("\(error)")
        }
    }

    /// A JSON decoding error in words: the key path and what was wrong.
    static func describe(_ e: DecodingError) -> String {
        func path(_ c: DecodingError.Context) -> String {
            let p = c.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return p.isEmpty ? c.debugDescription : "\(p): \(c.debugDescription)"
        }
        switch e {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c): return path(c)
        @unknown default: return "\(e)"
        }
    }
}

/// The C side of one call: runs `body`, stores a returned string in `out` and a failure's message in `error`, and
/// returns the status. `out` and `error` are set to NULL first; a string is allocated with `strdup` and freed by
/// `nyq_free_string`.
func callC(out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
           _ body: () throws -> (String?, CStatus)) -> Int32
{
    out?.pointee = nil
    error?.pointee = nil
    do {
        let (text, status) = try body()
        if let text { out?.pointee = strdup(text) }
        return status.rawValue
    } catch let thrown {
        return report(CAPIError(thrown), to: error)
    }
}

/// Stores `failure`'s message in `error` (when given) and returns its status.
func report(_ failure: CAPIError, to error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    error?.pointee = strdup(failure.message)
    return failure.status.rawValue
}

/// A C string argument as a Swift string; NULL or invalid UTF-8 is a usage error naming the argument.
func string(_ p: UnsafePointer<CChar>?, _ name: String, allowNull: Bool = false) throws -> String? {
    guard let p else {
        if allowNull { return nil }
        throw CAPIError.usage("\(name) is NULL")
    }
    guard let s = String(validatingCString: p) else { throw CAPIError.usage("\(name) is not valid UTF-8") }
    return s
}

/// `count` doubles from `p` (NULL with count 0 is an empty array).
func doubles(_ p: UnsafePointer<Double>?, _ count: Int, _ name: String) throws -> [Double] {
    if count == 0 { return [] }
    guard let p else { throw CAPIError.usage("\(name) is NULL") }
    return Array(UnsafeBufferPointer(start: p, count: count))
}
