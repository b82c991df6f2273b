import ArgumentParser
import Foundation
import Nyquist

/// A failure the CLI reports as one message on stderr and a stable exit code.
///
/// Exit codes (README): 0 success; 1 a fit did not converge (the best result is still printed), a batch had failures
/// or a spectrum failed validation (those commands throw `ExitCode(1)` themselves); 2 a bad circuit, parameter or
/// option; 3 unreadable or invalid data, or an output that cannot be written; 4 a numerical failure.
struct CLIFailure: Error, CustomStringConvertible {
    var message: String
    var code: Int32

    var description: String { message }

    init(message: String, code: Int32) {
        self.message = message
        self.code = code
    }

    static func usage(_ message: String) -> CLIFailure { CLIFailure(message: message, code: 2) }
    static func data(_ message: String) -> CLIFailure { CLIFailure(message: message, code: 3) }

    /// Maps library errors to messages and exit codes: option, circuit and parameter errors 2; data, file and store
    /// errors 3; numerical failures 4. An error of any other type is reported with code 3 (it can only come from
    /// reading or writing files), never 1, which means "not converged".
    init(_ error: any Error) {
        switch error {
        case let e as CLIFailure: self = e
        case let e as ValidationError: self = .usage(e.message)
        case let e as CircuitSyntaxError: self = .usage("circuit: " + e.description)
        case let e as ParameterError: self = .usage(e.description)
        case let e as NamedCircuitError: self = .usage(e.description)
        case let e as CircuitCatalogError: self = .usage(e.description)
        case let e as ParameterOverrideError: self = .usage(e.description)
        case let e as AnalysisError: self = .usage(e.description)
        case let e as FrequencyGridError: self = .usage(e.description)
        case let e as ReaderError: self = .data(e.description)
        case let e as BatchInputError:
            switch e {
            case .noInput, .badCycleRegex: self = .usage(e.description)
            default: self = .data(e.description)
            }
        case let e as StoreError:
            switch e {
            case .unknownFitSet, .unknownParameter: self = .usage(e.description)  // --fit-set, --param
            default: self = .data(e.description)
            }
        case let e as FitError:
            switch e {
            case .numerics: self = CLIFailure(message: e.description, code: 4)
            case .invalidParameter, .emptyWindow: self = .usage(e.description)
            default: self = .data(e.description)
            }
        case let e as KramersKronigError:
            switch e {
            case .numerics: self = CLIFailure(message: e.description, code: 4)
            case .invalidSetting: self = .usage(e.description)
            default: self = .data(e.description)
            }
        case let e as TrackingError:
            switch e {
            case .invalidSetting, .comparisonRefused: self = .usage(e.description)
            case .numerical: self = CLIFailure(message: e.description, code: 4)
            default: self = .data(e.description)
            }
        case let e as GSLError: self = CLIFailure(message: "numerical failure: \(e)", code: 4)
        default: self = .data("\(error)")
        }
    }
}

/// Runs `body`, turning any error into a message on stderr and its exit code.
func reportingFailures(_ body: () throws -> Void) throws {
    do { try body() } catch let exit as ExitCode { throw exit } catch {
        let failure = CLIFailure(error)
        FileHandle.standardError.write(Data(("nyquist: " + failure.message + "\n").utf8))
        throw ExitCode(failure.code)
    }
}

/// Writes `text` to `path` atomically (temporary file, then rename), or to stdout when `path` is nil.
func emit(_ text: String, to path: String?) throws {
    guard let path else {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
    }
    do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
        throw CLIFailure(message: "\(path): cannot write: \(error.localizedDescription)", code: 3)
    }
}
