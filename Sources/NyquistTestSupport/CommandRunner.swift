import Foundation

/// The result of running the `nyquist` executable.
public struct CommandOutput: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs the built `nyquist` with `arguments` and returns its exit status and output.
/// - Parameters:
///   - environment: variables added to (or replacing those of) the test process's environment.
///   - directory: the working directory; the repository root by default (so relative `samples/…` paths resolve).
///   - executable: the binary to run; the built `nyquist` by default.
///   - input: bytes fed to the child's standard input (then closed); nil leaves standard input inherited.
public func runNyquist(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil,
                       executable: URL? = nil, input: Data? = nil) throws -> CommandOutput {
    let process = Process()
    process.executableURL = executable ?? RepositoryPaths.nyquistExecutable
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? RepositoryPaths.root
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let stdin = input.map { _ in Pipe() }
    if let stdin { process.standardInput = stdin }
    try process.run()
    if let stdin, let input {
        // A child that exits before reading all of its input must not kill the test process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        // Written from another thread, so a child that writes before it has read everything cannot deadlock.
        let writer = stdin.fileHandleForWriting
        let thread = Thread {
            try? writer.write(contentsOf: input)
            try? writer.close()
        }
        thread.start()
    }
    // Read both pipes before waiting, so a large output cannot block the child.
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandOutput(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                         stderr: String(decoding: e, as: UTF8.self))
}
