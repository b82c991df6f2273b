import Foundation
import Nyquist

/// The batch scenario of `nyquist bench --batch N` (issue 17): a seeded warm-start cycle series of N spectra
/// (`batch --synthetic`'s `assb-cathode-warburg` series, 161 points, 0.5 % noise, in `cells` cells) written to disk
/// as CSV, then timed: reading the files (number parsing), lin-KK per spectrum, `nyquist batch` with and without
/// KK at 1 and 2 jobs (wall and CPU time of the child process, and the median time of its warm fits as the store
/// records it: the local LM inside a batch), and the start-up of `nyquist --version` (20 spawns).
struct BatchBenchmark {
    var count: Int
    var cells: Int
    /// This `nyquist` binary, spawned for `batch` and `--version`.
    var executable: String
    var circuitName = "assb-cathode-warburg"

    struct Timing {
        var wall: Double
        var cpu: Double
        var summary: String
    }

    func run(circuit: Circuit, emit: (String) -> Void) throws {
        let dir = NSTemporaryDirectory() + "nyquist-bench-batch-\(ProcessInfo.processInfo.processIdentifier)"
        // NYQUIST_BENCH_KEEP=1 keeps the files (and stores) for A/B runs of `nyquist batch` on the same series.
        let keep = ProcessInfo.processInfo.environment["NYQUIST_BENCH_KEEP"] == "1"
        defer { if !keep { try? FileManager.default.removeItem(atPath: dir) } }
        let series = try SyntheticSeries.make(count: count, cells: cells, circuit: circuit)
        var folders: [String] = [], files: [String] = []
        for s in series {
            let folder = dir + "/" + s.name
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (k, item) in s.spectra.enumerated() {
                let path = folder + "/cycle_\(String(repeating: "0", count: max(0, 5 - String(k + 1).count)))\(k + 1).csv"
                let text = SpectrumCSV.text(frequencies: item.spectrum.frequencies, impedances: item.spectrum.impedances)
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
                files.append(path)
            }
            folders.append(folder)
        }
        emit("batch scenario: \(count) spectra × 161 points in \(series.count) cell(s) (seeded warm series, "
             + "\(circuitName), 0.5 % noise) written as CSV (shortest round-trip digits, up to 17) to \(dir)")

        // Number parsing: every file read once (text → spectra).
        let clock = ContinuousClock()
        var cpu0 = threadCPU()
        let read = try clock.measure { for f in files { _ = try SpectrumFile.read(path: f) } }
        let readCPU = threadCPU() - cpu0
        emit("read \(files.count) CSV files: wall \(fmt(seconds(read))) s, CPU \(fmt(readCPU)) s, "
             + "\(fmt(readCPU / Double(files.count) * 1e6)) µs CPU per file")

        // lin-KK per spectrum (default settings) on up to 200 spectra.
        var kk: [Double] = [], elements: [Double] = []
        cpu0 = threadCPU()
        for item in series.flatMap(\.spectra).prefix(200) {
            var r: KramersKronigResult?
            kk.append(seconds(try clock.measure { r = try KramersKronig.test(item.spectrum) }))
            elements.append(Double(r?.elementCount ?? 0))
        }
        let kkCPU = (threadCPU() - cpu0) / Double(max(1, kk.count))
        emit("lin-KK per spectrum (\(kk.count) spectra): wall median \(fmt(median(kk) * 1e3)) ms, range "
             + "\(fmt((kk.min() ?? 0) * 1e3))–\(fmt((kk.max() ?? 0) * 1e3)) ms; CPU mean \(fmt(kkCPU * 1e3)) ms; "
             + "median M \(fmt(median(elements)))")

        var table: [String: Timing] = [:]
        for kkOn in [false, true] {
            for jobs in [1, 2] {
                let store = dir + "/store-\(kkOn)-\(jobs).sqlite"
                var args = ["batch"] + folders + ["--circuit", circuitName, "--store", store, "--jobs", "\(jobs)", "--quiet"]
                if !kkOn { args.append("--no-kk") }
                let t = try spawn(args)
                table["\(kkOn)-\(jobs)"] = t
                emit("batch \(kkOn ? "with KK " : "--no-kk ") --jobs \(jobs): wall \(fmt(t.wall)) s, CPU \(fmt(t.cpu)) s\n  \(t.summary)")
                if let fits = try warmFits(store), !fits.isEmpty {
                    let iterations = Double(fits.map(\.iterations).reduce(0, +)) / Double(fits.count)
                    emit("  local LM inside the batch (\(fits.count) warm fits, fit time without the result's "
                         + "statistics): median \(fmt(median(fits.map(\.seconds)) * 1e6)) µs, mean \(fmt(iterations)) "
                         + "iterations")
                }
            }
        }
        func ratio(_ a: String, _ b: String) -> String {
            guard let x = table[a], let y = table[b], y.wall > 0 else { return "?" }
            return fmt(x.wall / y.wall) + "×"
        }
        emit("KK on / KK off (wall): jobs 1 \(ratio("true-1", "false-1")), jobs 2 \(ratio("true-2", "false-2"))")
        emit("jobs 2 speed-up over jobs 1 (wall): KK off \(ratio("false-1", "false-2")), KK on \(ratio("true-1", "true-2"))")

        var startup: [Double] = []
        for _ in 0..<20 { startup.append(try spawn(["--version"]).wall) }
        emit("start-up, nyquist --version (20 spawns): median \(fmt(median(startup) * 1e3)) ms, range "
             + "\(fmt((startup.min() ?? 0) * 1e3))–\(fmt((startup.max() ?? 0) * 1e3)) ms")
    }

    /// The warm fits of the store's newest fit set (``ResultStore/fitTimings(fitSet:start:)``).
    func warmFits(_ path: String) throws -> [FitTiming]? {
        let store = try ResultStore(path: path, access: .readOnly)
        guard let set = try store.fitSets().last else { return nil }
        return try store.fitTimings(fitSet: set.id, start: .warm)
    }

    /// Runs this binary with `args`; wall time, the child's user + system CPU time, and its last output line.
    func spawn(_ args: [String]) throws -> Timing {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        // Foundation's `waitUntilExit` polls its run loop every 50 ms on Linux, which would add up to 50 ms to every
        // wall time measured here; the termination handler signals the exit as it happens.
        let exited = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in exited.signal() }
        var before = rusage(), after = rusage()
        getrusage(Self.children, &before)
        let clock = ContinuousClock()
        let began = clock.now
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        exited.wait()
        let wall = seconds(clock.now - began)
        getrusage(Self.children, &after)
        func cpu(_ r: rusage) -> Double {
            Double(r.ru_utime.tv_sec) + Double(r.ru_utime.tv_usec) * 1e-6 + Double(r.ru_stime.tv_sec)
                + Double(r.ru_stime.tv_usec) * 1e-6
        }
        guard p.terminationStatus == 0 || p.terminationStatus == 1 else {
            throw CLIFailure(message: "bench: nyquist \(args.first ?? "") exited with status \(p.terminationStatus)", code: 4)
        }
        let text = String(decoding: data, as: UTF8.self)
        let last = text.split(separator: "\n").last.map(String.init) ?? ""
        return Timing(wall: wall, cpu: cpu(after) - cpu(before), summary: last)
    }

    #if os(Linux)
    static let children = __rusage_who_t(RUSAGE_CHILDREN.rawValue)
    #else
    static let children = RUSAGE_CHILDREN
    #endif

    /// CPU time of the calling thread in s (`CLOCK_THREAD_CPUTIME_ID`): less disturbed by other processes than wall time.
    func threadCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
    func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s.isEmpty ? 0 : s[s.count / 2] }
    func fmt(_ x: Double) -> String { Format.number(x) }
}
