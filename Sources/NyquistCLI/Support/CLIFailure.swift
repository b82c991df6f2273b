import ArgumentParser
import Foundation
import Nyquist

/// A failure the CLI reports as one message on stderr and a stable exit code.
///
/// Exit codes: 0 success; 1 a fit did not converge (the best result is still printed); 2 a bad circuit, parameter or
/// option; 3 unreadable or invalid data; 4 a numerical failure.
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

    /// Maps library errors to messages and exit codes.
    init(_ error: any Error) {
        switch error {
        case let e as CLIFailure: self = e
        case let e as CircuitSyntaxError: self = .usage("circuit: " + e.description)
        case let e as ParameterError: self = .usage(e.description)
        case let e as NamedCircuitError: self = .usage(e.description)
        case let e as FrequencyGridError: self = .usage(e.description)
        case let e as ReaderError: self = .data(e.description)
        case let e as BatchInputError: self = .data(e.description)
        case let e as StoreError: self = .data(e.description)
        case let e as FitError:
            if case .numerics = e { self = CLIFailure(message: e.description, code: 4) } else { self = .data(e.description) }
        default: self = CLIFailure(message: "\(error)", code: 1)
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
