import Foundation
import NyquistTestSupport
import Testing

/// `nyquist track --cycling cell.mpt --clock time-above:V`, end to end: the clock is computed from the EC-Lab
/// curve for the threshold asked, and a bad cell names the file and line.
@Suite struct TrackCyclingCommandTests {
    /// Per cycle: charge +1 mA for 3600 s with E 3.7 → 4.3 V, discharge −1 mA for 3600 s with E 4.3 → 3.7 V, sampled
    /// every 600 s; EC-Lab cycle numbers from 0. Hours above V (3.7 ≤ V ≤ 4.3) per cycle: 2·3600·(4.3 − V)/0.6/3600.
    static func mpt(cycles: Int, corrupt: Bool = false) -> String {
        var lines = ["EC-Lab ASCII FILE", "Nb header lines : 5", "", "Galvanostatic Cycling with Potential Limitation",
                     "time/s\tEwe/V\tI/mA\tfreq/Hz\tcycle number\t"]
        var t = 0.0
        for c in 0..<cycles {
            for (sign, from, to) in [(1.0, 3.7, 4.3), (-1.0, 4.3, 3.7)] {
                for k in 0...6 {
                    let e = from + (to - from) * Double(k) / 6
                    lines.append("\(t + 600 * Double(k))\t\(e)\t\(sign)\t0\t\(c)\t")
                }
                t += 3600
            }
        }
        if corrupt { lines[9] = "1800\t4.0\tn/a\t0\t0\t" }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func trackWithAnEcLabCyclingFileAndTimeAboveClock() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-track-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let cycling = dir.appendingPathComponent("cell.mpt")
        try Data(Self.mpt(cycles: 8).utf8).write(to: cycling)
        let series = dir.appendingPathComponent("r3.csv")
        let rows = (1...8).map { n in "\(n),\(50 + 12 * (Double(n) * 0.5).squareRoot()),0.5" }
        try Data((["cycle,R3,R3_err"] + rows).joined(separator: "\n").utf8).write(to: series)

        let r = try runNyquist(["track", series.path, "--param", "R3", "--cycling", cycling.path,
                                "--clock", "time-above:4.15", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let points = try #require(json["points"] as? [[String: Any]])
        // 4.15 V: 2·3600·0.15/0.6 s = 0.5 h per cycle, cumulative 0.5·n.
        let clocks = points.compactMap { $0["clock"] as? Double }
        #expect(clocks.count == 8)
        for (n, x) in zip(1..., clocks) { #expect(abs(x - 0.5 * Double(n)) < 1e-9, "cycle \(n): \(x)") }

        let bad = dir.appendingPathComponent("bad.mpt")
        try Data(Self.mpt(cycles: 8, corrupt: true).utf8).write(to: bad)
        let e = try runNyquist(["track", series.path, "--param", "R3", "--cycling", bad.path, "--clock", "time-above:4.0"])
        #expect(e.status != 0)
        #expect(e.stderr.contains("bad.mpt:10: column 'I/mA': 'n/a' is not a finite number"), "\(e.stderr)")
    }

    /// yadg's Modulo Bat `mb.mpr` (GPL data read from ../shared/eis-data, not copied): per cycle 1.0000000 h above
    /// 2 mV by galvani + numpy (`MprReference.mb` of the tracking tests), so the cumulative clock is n h; an EIS-only
    /// `.mpr` is refused with exit code 3 naming the file and the reason.
    @Test(.enabled(if: RepositoryPaths.sharedEISData != nil, "../shared/eis-data is absent"))
    func trackWithABioLogicBinaryCyclingFile() throws {
        let shared = try #require(RepositoryPaths.sharedEISData)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-track-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let series = dir.appendingPathComponent("r3.csv")
        try Data("cycle,R3,R3_err\n1,50,0.5\n2,51.2,0.5\n3,51.9,0.5\n4,52.4,0.5\n".utf8).write(to: series)
        let mpr = shared.appendingPathComponent("yadg/mb.mpr").path
        let r = try runNyquist(["track", series.path, "--param", "R3", "--cycling", mpr, "--clock", "time-above:0.002",
                                "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let clocks = try #require(json["points"] as? [[String: Any]]).compactMap { $0["clock"] as? Double }
        #expect(clocks.count == 4)
        for (n, x) in zip(1..., clocks) { #expect(abs(x - Double(n)) < 1e-6, "cycle \(n): \(x)") }

        let peis = shared.appendingPathComponent("yadg/peis.mpr").path
        let e = try runNyquist(["track", series.path, "--param", "R3", "--cycling", peis])
        #expect(e.status == 3)
        #expect(e.stderr.contains("\(peis): no data: only impedance records (freq/Hz > 0)"), "\(e.stderr)")
    }
}
