import Foundation
import NyquistTestSupport
import Testing

/// `nyquist track --profile` (profile-likelihood intervals) and the new void-model columns.
@Suite struct TrackProfileCommandTests {
    @Test func profileIntervalsAppearInJSONAndTable() throws {
        let json = try runNyquist([
            "track", "samples/tracking/r3-bare.csv", "--param", "R3", "--laws", "G2,G7,G5", "--profile", "--format", "json",
        ])
        #expect(json.status == 0, "\(json.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let entries = try #require((root["comparison"] as? [String: Any])?["entries"] as? [[String: Any]])
        var sawBounded = false
        var sawUnbounded = false
        for entry in entries {
            let parameters = try #require((entry["fit"] as? [String: Any])?["parameters"] as? [[String: Any]])
            for p in parameters {
                let profile = try #require(p["profile"] as? [String: Any], "\(p)")
                let value = try #require(p["value"] as? Double)
                if let lo = profile["lower"] as? Double, let hi = profile["upper"] as? Double {
                    #expect(lo < value && value < hi)
                    sawBounded = true
                }
                if profile["upper"] == nil { sawUnbounded = profile["upperLimit"] != nil || sawUnbounded }
            }
        }
        #expect(sawBounded)
        // G5's s runs to ∞ on these √n data (Deal–Grove → parabolic): its upper side is reported unbounded.
        #expect(sawUnbounded)
        let table = try runNyquist(["track", "samples/tracking/r3-bare.csv", "--param", "R3", "--laws", "G5", "--profile"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("profile 95 % [") && table.stdout.contains("unbounded"), "\(table.stdout)")
        // Without the flag there is no profile.
        let plain = try runNyquist(["track", "samples/tracking/r3-bare.csv", "--param", "R3", "--laws", "G2"])
        #expect(!plain.stdout.contains("profile"))
    }

    @Test func carbonFreeCellShowsThePercolationColumn() throws {
        let r = try runNyquist([
            "track", "samples/tracking/r3-bare.csv", "--param", "R3", "--laws", "G2",
            "--cycling", "samples/tracking/cycling-bare.csv", "--cell", "samples/tracking/lco-bare.toml",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("σe/σe,CAM"))
    }
}
