import Foundation
import Synchronization
import Testing
@testable import NyquistCLI

/// Issue 14: the progress reporter's rule, with an injected clock (no sleeping): in `lines` and `json` modes a line
/// at every 5 % step or after 5 s, whichever comes first, and always a final line.
@Suite struct ProgressReporterTests {
    /// A settable clock (seconds) and the text written.
    final class Harness: Sendable {
        let time = Mutex(0.0)
        let written = Mutex<[String]>([])
        func at(_ t: Double) { time.withLock { $0 = t } }
        var lines: [String] { written.withLock { $0 } }

        func reporter(total: Int, mode: ProgressMode, unit: String = "spectra") -> ProgressReporter {
            ProgressReporter(total: total, unit: unit, mode: mode, clock: { self.time.withLock { $0 } },
                             write: { text in self.written.withLock { $0.append(text) } })
        }
    }

    /// 200 items at 0.01 s each (2 s in all, never 5 s between lines): one line per 10 items (5 %) up to 190, then
    /// the final line at 200. At 100 items/s the ETA at item 10 is 190/100 = 1.9 s.
    @Test func linesAtEveryFivePercent() {
        let h = Harness()
        let p = h.reporter(total: 200, mode: .lines)
        for n in 1...200 {
            h.at(0.01 * Double(n))
            p.update(done: n, failures: n >= 50 ? 1 : 0)
        }
        p.finish()
        let lines = h.lines
        #expect(lines.count == 20)
        let dones = lines.compactMap { $0.split(separator: " ").dropFirst().first?.split(separator: "/").first }
        #expect(dones.map(String.init) == (1...20).map { "\($0 * 10)" })
        #expect(lines[0] == "progress: 10/200 spectra (5 %) · 100/s · ETA 2 s · 0 failures · 0.1 s elapsed\n")
        #expect(lines[19] == "progress: 200/200 spectra (100 %) · 100/s · ETA 0 s · 1 failures · 2.0 s elapsed · done\n")
    }

    /// 1000 items, few done: no 5 % step is crossed, so a line comes only when 5 s have passed since the last one —
    /// on an update or on the heartbeat between updates.
    @Test func aLineAfterFiveSecondsWithFewItems() {
        let h = Harness()
        let p = h.reporter(total: 1000, mode: .lines)
        h.at(1); p.update(done: 1)
        #expect(h.lines.isEmpty)
        h.at(4.9); p.heartbeat()
        #expect(h.lines.isEmpty)
        h.at(6); p.update(done: 2)  // 6 s since the start
        #expect(h.lines == ["progress: 2/1000 spectra (0 %) · 0.33/s · ETA 2994 s · 0 failures · 6.0 s elapsed\n"])
        h.at(7); p.update(done: 3)
        h.at(10.9); p.heartbeat()
        #expect(h.lines.count == 1)
        h.at(11); p.heartbeat()  // 5 s after the last line, nothing new done: the heartbeat still writes
        #expect(h.lines.count == 2)
        #expect(h.lines[1].hasPrefix("progress: 3/1000 spectra (0 %) · 0.27/s · ETA 3656 s"))
        h.at(12); p.finish()
        #expect(h.lines.count == 3)
        #expect(h.lines[2].hasPrefix("progress: 3/1000 spectra (0 %)"))
        #expect(h.lines[2].hasSuffix(" · done\n"))
        p.finish()
        p.update(done: 4)
        #expect(h.lines.count == 3)
    }

    /// json: one object per line with the documented keys; 4 items, 1 done at 10 s: rate 0.1/s, ETA 3/0.1 = 30 s;
    /// nothing done yet at the 5 s heartbeat: ETA null; the final line at 16 s, final true.
    @Test func jsonLinesParseAndCarryTheNumbers() throws {
        let h = Harness()
        let p = h.reporter(total: 4, mode: .json)
        h.at(5); p.heartbeat()
        h.at(10); p.update(done: 1, failures: 1)
        h.at(16); p.finish()
        let objects = try h.lines.map { line -> [String: Any] in
            #expect(line.hasSuffix("\n") && line.dropLast().contains("\n") == false)
            return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(objects.count == 3)
        #expect(Set(objects[0].keys) == ["done", "total", "rate_per_s", "eta_s", "failures", "elapsed_s", "final"])
        #expect(objects[0]["done"] as? Int == 0)
        #expect(objects[0]["eta_s"] is NSNull)
        #expect(objects[0]["elapsed_s"] as? Double == 5)
        #expect(objects[1]["done"] as? Int == 1)
        #expect(objects[1]["total"] as? Int == 4)
        #expect(objects[1]["rate_per_s"] as? Double == 0.1)
        #expect(objects[1]["eta_s"] as? Double == 30)
        #expect(objects[1]["failures"] as? Int == 1)
        #expect(objects[1]["final"] as? Bool == false)
        #expect(objects[2]["done"] as? Int == 1)
        #expect(objects[2]["elapsed_s"] as? Double == 16)
        #expect(objects[2]["final"] as? Bool == true)
    }

    /// bar redraws one line with \r and ends it with a newline; none writes nothing.
    @Test func barAndNone() {
        let h = Harness()
        let bar = h.reporter(total: 2, mode: .bar)
        h.at(1); bar.update(done: 1)
        h.at(2); bar.update(done: 2)
        bar.finish()
        #expect(h.lines.count == 3)
        #expect(h.lines.allSatisfy { $0.hasPrefix("\r") })
        #expect(h.lines[0].hasPrefix("\r1/2 spectra (50 %) · 1.00/s · ETA 1 s"))
        #expect(h.lines[2].hasSuffix("\n"))
        let quiet = Harness()
        let none = quiet.reporter(total: 2, mode: .none)
        none.update(done: 1); quiet.at(10); none.heartbeat(); none.finish()
        #expect(quiet.lines.isEmpty)
    }

    /// auto is bar on a terminal and lines elsewhere (nothing for a single item); --quiet is none.
    @Test func modeResolution() {
        #expect(ProgressMode.auto.resolved(total: 10, isTerminal: true) == .bar)
        #expect(ProgressMode.auto.resolved(total: 10, isTerminal: false) == .lines)
        #expect(ProgressMode.auto.resolved(total: 1, isTerminal: false) == ProgressMode.none)
        #expect(ProgressMode.json.resolved(total: 1, isTerminal: true) == .json)
        #expect(ProgressMode.bar.resolved(total: 10, isTerminal: false, quiet: true) == ProgressMode.none)
    }
}
