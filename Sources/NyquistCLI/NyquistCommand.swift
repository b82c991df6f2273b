import ArgumentParser
import Foundation
import Nyquist
import NyquistText

@main
struct NyquistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nyquist",
        abstract: "Equivalent-circuit fitting of electrochemical impedance spectra.",
        discussion: """
        Exit codes: 0 success; 1 a fit did not converge or lies far above the noise level (best result still \
        printed), a batch had failures or a \
        spectrum failed validation; 2 bad circuit, parameter or option; 3 unreadable or invalid data; 4 numerical \
        failure.
        """,
        version: NyquistVersion.current,
        subcommands: [FitCommand.self, SimulateCommand.self, CircuitsCommand.self, InfoCommand.self, ConvertCommand.self,
                      ValidateCommand.self, PlotCommand.self, BatchCommand.self, ExportCommand.self, ReportCommand.self,
                      TrackCommand.self, BenchCommand.self, DRTCommand.self]
    )

    /// Parses the command line and runs the subcommand with the README's exit codes: help and version exit 0;
    /// every argument or option error (ArgumentParser's own, which would exit 64, and `validate()`'s) exits 2 with
    /// ArgumentParser's message and usage; an error thrown while running is mapped by ``CLIFailure`` and printed as
    /// one `nyquist: …` line.
    static func main() {
        // `nyquist --version` answers before ArgumentParser builds and reflects the command tree (and before its
        // error casts scan the protocol conformance tables): the start-up a script pays per call (issue 17).
        if CommandLine.arguments.count == 2, CommandLine.arguments[1] == "--version" {
            print(NyquistVersion.current)
            return
        }
        let arguments = attachingNegativeValues(Array(CommandLine.arguments.dropFirst()))
        var parsed = false
        do {
            var command = try parseAsRoot(arguments)
            parsed = true
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            // Help and version requests (which ArgumentParser may also deliver through `run()`) print and exit 0.
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            // ArgumentParser's own errors and `validate()`'s (its exit 64): its message with the usage, exit 2.
            if code == .validationFailure, !parsed || !(error is ValidationError) {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(CLIFailure.usage("").code)
            }
            let failure = CLIFailure(error)
            FileHandle.standardError.write(Data(("nyquist: " + failure.message + "\n").utf8))
            Foundation.exit(failure.code)
        }
    }

    /// Joins a long option and a following negative number into one `--name=value` argument, so that
    /// `--fmin -5` reaches the option (whose check then names the real problem) instead of being read as the short
    /// options `-5` and failing as "Missing value for '--fmin'". Only a value that parses as a number (or `-inf`)
    /// is joined; `--` ends option processing as usual.
    static func attachingNegativeValues(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" {
                out += arguments[i...]
                break
            }
            if a.hasPrefix("--"), a.count > 2, !a.contains("="), i + 1 < arguments.count,
               isNegativeNumber(arguments[i + 1])
            {
                out.append(a + "=" + arguments[i + 1])
                i += 2
            } else {
                out.append(a)
                i += 1
            }
        }
        return out
    }

    /// `-5`, `-1e-3`, `-.5`, `-inf`: a minus sign followed by something `NumberParser` reads as a number.
    static func isNegativeNumber(_ s: String) -> Bool {
        guard s.hasPrefix("-"), s.count > 1 else { return false }
        return NumberParser.parse(s) != nil
    }
}
