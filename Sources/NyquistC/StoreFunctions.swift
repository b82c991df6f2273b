import Foundation
import Nyquist
import Synchronization

/// The C progress callback of `nyq_batch`: spectra done, spectra in all, failures so far (failed or not converged),
/// and the caller's context pointer. Called from worker threads, one call at a time, in order.
public typealias NyqProgress = @convention(c) (Int, Int, Int, UnsafeMutableRawPointer?) -> Void

/// The options JSON of `nyq_batch` (every key optional), the CLI's `batch` options by their long names:
/// `{"mode": "sequential", "jobs": 2, "weight": "modulus", "method": "randomize-simplex", "seed": 1, "fmin": 0.1,
/// "fmax": 1e6, "randomStarts": 200, "kk": true, "refit": false, "retryFailed": false, "cycleFromName": "regex",
/// "params": {…}, "fix": {…}, "bounds": {…}}`.
struct BatchOptions: Decodable, Sendable {
    var mode: String?, jobs: Int?, weight: String?, method: String?, seed: UInt64?, fmin: Double?, fmax: Double?
    var randomStarts: Int?, kk: Bool?, refit: Bool?, retryFailed: Bool?, cycleFromName: String?
    var params: [String: Double]?, fix: [String: Double?]?, bounds: [String: [FlexibleDouble]]?, circuitsDirs: [String]?

    static let keys: Set<String> = ["mode", "jobs", "weight", "method", "seed", "fmin", "fmax", "randomStarts", "kk", "refit",
                                    "retryFailed", "cycleFromName", "params", "fix", "bounds", "circuitsDirs"]
}

/// The result JSON of `nyq_batch`: the run's counts (``BatchSummary``), the fit set written and the store.
struct BatchReply: Encodable {
    var summary: BatchSummary
    var fitSet: Int64
    var store: String
    var series: Int
    var skippedInputs: [String]
}

/// `nyq_batch`: refits the spectra of `paths` (files or folders, as `nyquist batch INPUT…`) with `circuit` into the
/// SQLite store at `store` through ``BatchRunner`` (resumable: spectra already stored are skipped). `progress` (may
/// be NULL) is called after every spectrum. `*result_json` is ``BatchReply``. Returns 0, or 1 when a spectrum is
/// stored failed or not converged (result still set), 2 on a bad option or circuit, 3 when an input or the store
/// cannot be read.
@_cdecl("nyq_batch")
public func nyqBatch(_ paths: UnsafePointer<UnsafePointer<CChar>?>?, _ pathCount: Int, _ store: UnsafePointer<CChar>?,
                     _ circuit: UnsafePointer<CChar>?, _ options: UnsafePointer<CChar>?, _ progress: NyqProgress?,
                     _ context: UnsafeMutableRawPointer?, _ resultJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                     _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
{
    callC(out: resultJSON, error: error) {
        let o = try decodeOptions(try string(options, "options", allowNull: true), as: BatchOptions.self, known: BatchOptions.keys)
        var inputs: [String] = []
        for k in 0..<max(pathCount, 0) {
            guard let item = try string(paths?[k], "paths[\(k)]") else { continue }
            inputs.append(item)
        }
        let storePath = try string(store, "store") ?? ""
        let request = CircuitRequest(text: try string(circuit, "circuit") ?? "", params: o.params ?? [:], fix: o.fix ?? [:],
                                     bounds: o.bounds ?? [:], circuitsDirs: o.circuitsDirs ?? [])
        let (c, table) = try request.resolve(startsAreGiven: false)
        var fitOptions = FitOptions()
        fitOptions.weight = o.weight
        fitOptions.method = o.method ?? FitMethod.randomizeSimplex.rawValue
        fitOptions.seed = o.seed
        fitOptions.fmin = o.fmin
        fitOptions.fmax = o.fmax
        fitOptions.starts = o.randomStarts
        let fit = try fitOptions.settings()
        let mode = try o.mode.map { m in
            guard let v = BatchMode(rawValue: m) else { throw CAPIError.usage("mode '\(m)': expected sequential or independent") }
            return v
        } ?? .sequential
        let jobs = o.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        guard jobs >= 1 else { throw CAPIError.usage("jobs must be at least 1, got \(jobs)") }
        let settings = BatchSettings(circuit: c, parameters: table, fit: fit, mode: mode,
                                     kramersKronig: (o.kk ?? true) ? KramersKronigSettings() : nil)
        let rule = try o.cycleFromName.map { try CycleFromName(pattern: $0) } ?? .standard
        let scan = try BatchInput.scan(from: inputs, cycleFromName: rule, jobs: jobs)
        guard !scan.series.isEmpty else {
            throw CAPIError.data("no spectrum to fit: every input entry was skipped (\(scan.skipped.map { "\($0)" }.joined(separator: "; ")))")
        }
        let results = try ResultStore(path: storePath)
        let total = scan.series.reduce(0) { $0 + $1.spectra.count }
        let counts = Mutex(BatchSummary())
        let runner = BatchRunner(store: results, settings: settings, jobs: jobs, refit: o.refit ?? false,
                                 retryFailed: o.retryFailed ?? false)
        nonisolated(unsafe) let callerContext = context
        try runner.runBlocking(scan.series) { outcome in
            counts.withLock { s in
                s.add(outcome)
                progress?(s.spectra, total, s.failed + s.notConverged, callerContext)
            }
        }
        let summary = counts.withLock { $0 }
        let reply = BatchReply(summary: summary, fitSet: try results.fitSet(for: settings), store: storePath,
                               series: scan.series.count, skippedInputs: scan.skipped.map { "\($0)" })
        return (try ResultJSON.string(reply), summary.failures > 0 ? .notConverged : .ok)
    }
}

/// `nyq_export`: one row per spectrum of a fit set in a results store, as the CLI's `export --format json` text
/// (`{"fit_set": {…}, "parameters": […], "units": {…}, "rows": [{…}]}`, docs/outputs.md). Options JSON:
/// `{"params": ["R1", "R3"], "fitSet": 2}` (default: every parameter, the newest fit set). The store is opened
/// read-only. Status 2 for an unknown parameter or fit set, 3 for a missing or unreadable store.
@_cdecl("nyq_export")
public func nyqExport(_ store: UnsafePointer<CChar>?, _ options: UnsafePointer<CChar>?,
                      _ resultJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                      _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
{
    struct Options: Decodable { var params: [String]?; var fitSet: Int64? }
    return callC(out: resultJSON, error: error) {
        let o = try decodeOptions(try string(options, "options", allowNull: true), as: Options.self, known: ["params", "fitSet"])
        let path = try string(store, "store") ?? ""
        guard FileManager.default.fileExists(atPath: path) else { throw CAPIError.data("\(path): no such results store") }
        let table = try ResultStore(path: path, access: .readOnly).export(fitSet: o.fitSet, parameters: o.params)
        return (table.text(.json), .ok)
    }
}
