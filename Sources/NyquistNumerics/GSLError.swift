import CGSL

/// A failure reported by the GSL bridge: invalid input detected before GSL is called, or a GSL status code.
///
/// Every case names *what* was wrong and *where* (argument name and element index, or the GSL routine), so callers
/// can turn it into a user-facing message without guessing. Numerical trouble *during* an iteration (a model that
/// cannot be evaluated, no progress) is not an error: it is reported in the solver's outcome status instead.
public enum GSLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// GSL could not allocate the named object (`gsl_*_alloc` returned `NULL`).
    case allocationFailed(what: String)
    /// The problem size is unusable: zero rows or columns, or fewer rows (residuals, observations) than columns
    /// (parameters). `rows` is n (residuals / observations), `columns` is p (parameters / coefficients).
    case badDimensions(rows: Int, columns: Int, reason: String)
    /// An array argument has the wrong number of elements.
    case lengthMismatch(argument: String, expected: Int, actual: Int)
    /// An input array holds NaN or ±∞ at `index` (row-major index for matrices).
    case nonFiniteInput(argument: String, index: Int)
    /// A scalar argument or setting is outside its valid range.
    case invalidArgument(argument: String, reason: String)
    /// A GSL routine returned a non-zero status; `message` is GSL's `gsl_strerror(code)` text.
    case status(code: Int32, routine: String, message: String)

    /// Builds a `.status` error with GSL's own explanation of `code` (`gsl_strerror`).
    static func gsl(_ code: Int32, in routine: String) -> GSLError {
        .status(code: code, routine: routine, message: gslStatusMessage(code))
    }

    public var description: String {
        switch self {
        case .allocationFailed(let what):
            return "GSL could not allocate \(what)"
        case .badDimensions(let rows, let columns, let reason):
            return "bad problem size \(rows)×\(columns): \(reason)"
        case .lengthMismatch(let argument, let expected, let actual):
            return "\(argument) has \(actual) elements, expected \(expected)"
        case .nonFiniteInput(let argument, let index):
            return "\(argument)[\(index)] is not finite"
        case .invalidArgument(let argument, let reason):
            return "invalid \(argument): \(reason)"
        case .status(let code, let routine, let message):
            return "\(routine) failed with GSL status \(code): \(message)"
        }
    }
}

/// GSL's text for a status code (`gsl_strerror`), e.g. `"iteration is not making progress towards solution"`.
public func gslStatusMessage(_ code: Int32) -> String {
    guard let text = gsl_strerror(code) else { return "unknown GSL status" }
    return String(cString: text)
}

/// Turns off GSL's default error handler (which calls `abort()`) so that every GSL failure comes back as a status
/// code. Swift initialises a global `let` exactly once, thread-safely (`swift_once`), on first access; every entry
/// point of this module reads it before its first GSL call via ``ensureGSLErrorHandlerOff()``.
private let gslErrorHandlerIsOff: Bool = {
    _ = gsl_set_error_handler_off()
    return true
}()

/// Call before any GSL routine. Cheap after the first call (one atomic load).
@inline(__always)
func ensureGSLErrorHandlerOff() {
    _ = gslErrorHandlerIsOff
}

// MARK: - Input validation shared by the solvers

/// Throws `.lengthMismatch` unless `array.count == expected`.
func requireLength(_ array: [Double], _ expected: Int, argument: String) throws(GSLError) {
    guard array.count == expected else {
        throw .lengthMismatch(argument: argument, expected: expected, actual: array.count)
    }
}

/// Throws `.nonFiniteInput` at the first NaN or ±∞ element.
func requireFinite(_ array: [Double], argument: String) throws(GSLError) {
    for (index, value) in array.enumerated() where !value.isFinite {
        throw .nonFiniteInput(argument: argument, index: index)
    }
}

/// Throws `.invalidArgument` unless `value` is finite and ≥ 0 (or > 0 when `strictlyPositive`).
func requireTolerance(_ value: Double, argument: String, strictlyPositive: Bool = false) throws(GSLError) {
    if !value.isFinite || value < 0 || (strictlyPositive && value == 0) {
        throw .invalidArgument(
            argument: argument, reason: "\(value) is not a finite \(strictlyPositive ? "positive" : "non-negative") number")
    }
}
