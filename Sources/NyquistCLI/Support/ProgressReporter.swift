import ArgumentParser
import Foundation
import NyquistText
import Synchronization

/// How long-running commands (`batch`, `track --bootstrap`, `validate`, `report`) show progress on stderr.
enum ProgressMode: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// `bar` when stderr is a terminal (isatty(2)), else `lines`.
    case auto
    /// One line redrawn in place with `\r`, at most ten times a second.
    case bar
    /// A plain line at least every 5 % of the work and every 5 s, whichever comes first, plus a final line.
    case lines
    /// As `lines`, each line one JSON object (``ProgressReporter/Line``).
    case json
    /// Nothing (errors are still printed).
    case none

    /// The mode actually used for `total` items: `none` when `quiet`; `auto` is `bar` on a terminal, else `lines`
    /// (`none` for a single item, total ≤ 1: a one-file `validate` stays silent in a pipe).
    func resolved(total: Int, isTerminal: Bool = isatty(STDERR_FILENO) != 0, quiet: Bool = false) -> ProgressMode {
        if quiet { return .none }
        guard self == .auto else { return self }
        return isTerminal ? .bar : total <= 1 ? .none : .lines
    }
}

/// The `--progress` option shared by the long-running commands.
struct ProgressOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Progress on stderr: auto (bar on a terminal, else lines), bar, lines (a line every 5 % or 5 s), json (one object per line), none.",
        valueName: "mode"))
    var progress: ProgressMode = .auto
}

/// Progress of `total` items of work on stderr (or any `write` sink), in one of the ``ProgressMode``s.
///
/// The caller reports the running count with ``update(done:failures:detail:)`` (from any thread) and calls
/// ``finish()`` once at the end. Rate r = done / elapsed (items/s, elapsed in s since creation), ETA = (total − done)/r
/// in s (unknown while done = 0).
///
/// `lines`/`json` rule: a line is written when the work crosses a 5 % step (⌊20·done/total⌋ grows) or when at least
/// 5 s have passed since the last line, whichever comes first; ``heartbeat()`` applies the 5 s rule between updates
/// (the CLI calls it once a second), so a stuck item still shows. ``finish()`` always writes the final line.
/// In `auto` mode off a terminal a single item of work (total ≤ 1) shows nothing.
final class ProgressReporter: Sendable {
    /// One `json` progress line: `{"done":…,"total":…,"rate_per_s":…,"eta_s":…,"failures":…,"elapsed_s":…,"final":…}`.
    struct Line: Codable, Equatable, Sendable {
        /// Items done so far.
        var done: Int
        var total: Int
        /// done / elapsed, items per second.
        var rate: Double
        /// (total − done)/rate in s; nil while nothing is done (JSON null).
        var eta: Double?
        /// Items that failed so far (failed or not converged fits, failed validations; 0 when not applicable).
        var failures: Int
        /// Seconds since the work began.
        var elapsed: Double
        /// True on the last line (written by ``ProgressReporter/finish()``).
        var final: Bool

        enum CodingKeys: String, CodingKey {
            case done, total, failures, final
            case rate = "rate_per_s", eta = "eta_s", elapsed = "elapsed_s"
        }

        /// As synthesised, except that an unknown ETA is written as `null` rather than left out.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(done, forKey: .done)
            try c.encode(total, forKey: .total)
            try c.encode(rate, forKey: .rate)
            try c.encode(eta, forKey: .eta)
            try c.encode(failures, forKey: .failures)
            try c.encode(elapsed, forKey: .elapsed)
            try c.encode(final, forKey: .final)
        }
    }

    /// Seconds between lines at most in `lines` and `json` modes.
    static let interval = 5.0
    /// Fraction of the work between lines at most (5 %), as the count of steps of the whole.
    static let steps = 20

    struct State {
        var done = 0
        var failures = 0
        var detail = ""
        var lastLine: Double
        var lastStep = 0
        var finished = false
    }

    let total: Int
    let mode: ProgressMode
    /// What is counted, plural ("spectra", "files", "bootstrap replicates").
    let unit: String
    let clock: @Sendable () -> Double
    let write: @Sendable (String) -> Void
    let began: Double
    let state: Mutex<State>
    /// The once-a-second ``heartbeat()`` of a started reporter, until ``finish()``.
    let heartbeatTask: Mutex<Task<Void, Never>?> = Mutex(nil)

    /// - Parameters:
    ///   - mode: a resolved mode (see ``ProgressMode/resolved(total:isTerminal:quiet:)``); `auto` is resolved as off a
    ///     terminal.
    ///   - clock: seconds on any monotonic scale (injected by tests); the continuous clock by default.
    ///   - write: where text goes; stderr by default.
    init(total: Int, unit: String, mode: ProgressMode, clock: (@Sendable () -> Double)? = nil,
         write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.total = max(0, total)
        self.unit = unit
        self.mode = mode.resolved(total: total, isTerminal: false)
        let reference = ContinuousClock.now
        self.clock = clock ?? {
            let d = ContinuousClock.now - reference
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        self.write = write
        began = self.clock()
        state = Mutex(State(lastLine: began))
    }

    /// A reporter for a command: `mode` resolved against stderr (and `quiet`), with the once-a-second heartbeat
    /// running in `lines` and `json` modes until ``finish()``.
    static func start(total: Int, unit: String, mode: ProgressMode, quiet: Bool = false) -> ProgressReporter {
        let reporter = ProgressReporter(total: total, unit: unit, mode: mode.resolved(total: total, quiet: quiet))
        if reporter.mode == .lines || reporter.mode == .json {
            let task = Task.detached(priority: .utility) { [weak reporter] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(1))
                    guard let reporter else { return }
                    reporter.heartbeat()
                }
            }
            reporter.heartbeatTask.withLock { $0 = task }
        }
        return reporter
    }

    deinit { heartbeatTask.withLock { $0?.cancel() } }

    /// Records that `done` of the items are finished, `failures` of them failed; `detail` is appended to text lines.
    func update(done: Int, failures: Int = 0, detail: String = "") {
        let now = clock()
        state.withLock { s in
            guard !s.finished else { return }
            s.done = min(max(done, s.done), total)
            s.failures = failures
            s.detail = detail
            switch mode {
            case .bar:
                guard now - s.lastLine >= 0.1 || s.done == total else { return }
                s.lastLine = now
                write("\r" + text(s, now: now) + "  ")
            case .lines, .json:
                let step = total > 0 ? s.done * Self.steps / total : 0
                // The line at 100 % is the final one, written by finish().
                guard s.done < total, step > s.lastStep || now - s.lastLine >= Self.interval else { return }
                emit(&s, now: now, step: step, final: false)
            case .auto, .none: return
            }
        }
    }

    /// The 5 s rule between updates: a line when 5 s have passed since the last one (lines and json modes).
    func heartbeat() {
        let now = clock()
        state.withLock { s in
            guard !s.finished, mode == .lines || mode == .json, now - s.lastLine >= Self.interval else { return }
            emit(&s, now: now, step: s.lastStep, final: false)
        }
    }

    /// Writes the final line (lines, json) or ends the bar's line; later calls do nothing.
    func finish() {
        heartbeatTask.withLock { $0?.cancel(); $0 = nil }
        let now = clock()
        state.withLock { s in
            guard !s.finished else { return }
            s.finished = true
            switch mode {
            case .bar: write("\r" + text(s, now: now) + "  \n")
            case .lines, .json: emit(&s, now: now, step: Self.steps, final: true)
            case .auto, .none: return
            }
        }
    }

    /// The numbers of a line at time `now` (rate and ETA from the unrounded elapsed time).
    func line(_ s: State, now: Double, final: Bool) -> Line {
        let elapsed = max(now - began, 0)
        let rate = elapsed > 0 ? Double(s.done) / elapsed : 0
        let eta = rate > 0 ? Double(total - s.done) / rate : (s.done == total ? 0 : nil)
        // Rounded for reading: times to the millisecond, the rate to 4 significant digits.
        let ms = { (t: Double) in (t * 1000).rounded() / 1000 }
        let rounded = NumberParser.parse(String(format: "%.4g", rate)) ?? rate
        return Line(done: s.done, total: total, rate: rounded, eta: eta.map(ms), failures: s.failures, elapsed: ms(elapsed),
                    final: final)
    }

    /// `12/200 spectra (6 %) · 2.4/s · ETA 78 s · 0 failures · 5.0 s` (+ detail).
    func text(_ s: State, now: Double) -> String {
        let l = line(s, now: now, final: false)
        let percent = total > 0 ? String(format: "%.0f", 100 * Double(s.done) / Double(total)) : "100"
        let eta = l.eta.map { String(format: "%.0f s", $0) } ?? "?"
        return "\(s.done)/\(total) \(unit) (\(percent) %) · \(String(format: l.rate < 10 ? "%.2f" : "%.0f", l.rate))/s · "
            + "ETA \(eta) · \(s.failures) failures · \(String(format: "%.1f", l.elapsed)) s elapsed"
            + (s.detail.isEmpty ? "" : " · " + s.detail)
    }

    private func emit(_ s: inout State, now: Double, step: Int, final: Bool) {
        s.lastLine = now
        s.lastStep = step
        switch mode {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(
                positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            let data = (try? encoder.encode(line(s, now: now, final: final))) ?? Data("{}".utf8)
            write(String(decoding: data, as: UTF8.self) + "\n")
        default:
            write("progress: " + text(s, now: now) + (final ? " · done" : "") + "\n")
        }
    }
}
