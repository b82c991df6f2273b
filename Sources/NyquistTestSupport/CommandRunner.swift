import Foundation

/// The result of running the `nyquist` executable.
public struct CommandOutput: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs the built `nyquist` with `arguments` in the repository root (so `circuits/` and `samples/` resolve) and
/// returns its exit status and output.
public func runNyquist(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandOutput {
    let process = Process()
    process.executableURL = RepositoryPaths.nyquistExecutable
    process.arguments = arguments
    process.currentDirectoryURL = RepositoryPaths.root
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes before waiting, so a large output cannot block the child.
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandOutput(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                         stderr: String(decoding: e, as: UTF8.self))
}
