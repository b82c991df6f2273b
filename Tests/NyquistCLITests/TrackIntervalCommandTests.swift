import Foundation
import NyquistTestSupport
import Testing

/// `nyquist track` names the kind of every interval it prints, keeps bootstrap intervals around their estimates,
/// and gives three-point series what they allow (exit 0).
@Suite struct TrackIntervalCommandTests {
    static func json(_ stdout: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
    }

    /// NCA [S4] series, G2: k = 54.0922, t 95 % [−8.10149, 116.286] (scipy least_squares, t₀.₉₇₅(1) = 12.7062),
    /// printed beside the bootstrap interval, which is labelled "stated errors only"; JSON objects {kind, low, high,
    /// level}.
    @Test func ncaGrowthLawTableLabelsEveryInterval() throws {
        let r = try runNyquist(["track", "samples/tracking/r3-nca-kim2023.csv", "--laws", "G2", "--bootstrap", "100"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("k = 54.0922 ± 4.89475 Ω/cycle^0.5, t 95 % [-8.1015, 116.286], BCa bootstrap 95 % (stated errors only) ["), "\(r.stdout)")
        let j = try runNyquist(["track", "samples/tracking/r3-nca-kim2023.csv", "--laws", "G2", "--bootstrap", "100",
                                "--format", "json"])
        let entries = try #require((try Self.json(j.stdout)["comparison"] as? [String: Any])?["entries"] as? [[String: Any]])
        let k = try #require(((entries[0]["fit"] as? [String: Any])?["parameters"] as? [[String: Any]])?[1])
        let intervals = try #require(k["intervals"] as? [[String: Any]])
        #expect(intervals.compactMap { $0["kind"] as? String } == ["t", "bcaBootstrapStatedErrors"])
        #expect(abs((intervals[0]["low"] as? Double ?? 0) - -8.101485) < 1e-3)
        #expect(intervals.allSatisfy { $0["level"] as? Double == 0.95 })
    }

    /// The sample bare/coated pair: the bare cell's interphase-chemistry share (91.4 %) lay outside its percentile
    /// interval [76.9, 90.2] %; every share now lies inside its BCa interval or carries a note.
    @Test func attributionSharesLieInsideTheirIntervals() throws {
        let r = try runNyquist([
            "track", "samples/tracking/r3-bare.csv", "--cell", "samples/tracking/lco-bare.toml", "--cycling",
            "samples/tracking/cycling-bare.csv", "--compare", "samples/tracking/r3-coated.csv", "--compare-cycling",
            "samples/tracking/cycling-coated.csv", "--compare-cell", "samples/tracking/lco-coated.toml", "--laws", "G2",
            "--format", "json",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let mechanisms = try #require(try Self.json(r.stdout)["mechanisms"] as? [String: Any])
        let attributions = try #require(mechanisms["attributions"] as? [[String: Any]])
        var checked = 0
        for a in attributions {
            for share in try #require(a["shares"] as? [[String: Any]]) {
                let percent = try #require(share["percent"] as? Double)
                let interval = try #require(share["interval"] as? [String: Any])
                #expect(interval["kind"] as? String == "bcaBootstrapStatedErrors")
                let low = try #require(interval["low"] as? Double), high = try #require(interval["high"] as? Double)
                let inside = low - 1e-6 * max(1, abs(low)) <= percent && percent <= high + 1e-6 * max(1, abs(high))
                #expect(inside || interval["note"] != nil, "\(share)")
                if (a["cell"] as? String)?.hasSuffix("r3-bare.csv") == true, share["mechanism"] as? String == "interphase chemistry" {
                    #expect(abs(percent - 91.4175) < 1e-3)
                    #expect(inside)
                }
                checked += 1
            }
        }
        #expect(checked == 8)
    }

    /// The paper's three cycles (2, 10, 100) with --cycling and the LYC-coated cell (2, 100): exit 0 with the
    /// two-point exponents 0.538272 and 0.37153, DiD 0.652299 ± 0.06 and the log breathing bound 69.0227 %
    /// (tracking-models §6.2), the rest marked "needs ≥ 4 points".
    @Test func threeCycleSeriesWithCyclingGivesWhatThreePointsAllow() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-few-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let cycling = dir.appendingPathComponent("cycling.csv")
        let rows = (1...100).map { "\($0),1.01,1.0" }
        try Data((["cycle,charge_mAh,discharge_mAh"] + rows).joined(separator: "\n").utf8).write(to: cycling)
        let lyc = dir.appendingPathComponent("lyc.csv")
        try Data("cycle,R3\n2,1.8\n100,7.7\n".utf8).write(to: lyc)
        let args = ["track", "samples/tracking/r3-nca-kim2023.csv", "--cycling", cycling.path, "--compare", lyc.path,
                    "--compare-cycling", cycling.path, "--laws", "G2", "--bootstrap", "20"]
        let r = try runNyquist(args)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("two-point exponent p = 0.538272 ± 0.0108451"), "\(r.stdout)")
        #expect(r.stdout.contains("two-point exponent p = 0.37153 ± 0.0108451"))
        #expect(r.stdout.contains("Δln R(1) − Δln R(2) = 0.652299 ± 0.06"))
        #expect(r.stdout.contains("breathing ≤ 69.0227 % of Δln R(1)"))
        #expect(r.stdout.contains("not computed: mechanism models") && r.stdout.contains("needs ≥ 4 points"))

        let single = try runNyquist(["track", "samples/tracking/r3-nca-kim2023.csv", "--cycling", cycling.path,
                                     "--laws", "G2", "--bootstrap", "20", "--format", "json"])
        #expect(single.status == 0, "\(single.stderr)")
        let few = try #require(try Self.json(single.stdout)["fewPoints"] as? [String: Any])
        let cell = try #require((few["cells"] as? [[String: Any]])?.first)
        #expect(abs((cell["twoPointExponent"] as? Double ?? 0) - 0.5382719) < 1e-6)
    }
}
