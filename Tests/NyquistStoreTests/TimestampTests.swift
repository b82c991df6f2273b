import Foundation
import NyquistNumerics
@testable import NyquistStore
import Testing

/// The store's UTC time stamps (computed by hand since issue 17 instead of by `ISO8601DateFormatter`).
@Suite struct TimestampTests {
    /// Expected strings from Python's `datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")`:
    /// the epoch, both sides of a 400-year leap day and of midnight, a century non-leap year's neighbour, negative
    /// times, fractions (floored) and the clamped ends.
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z"),
        (951_782_400, "2000-02-29T00:00:00Z"),
        (951_868_799, "2000-02-29T23:59:59Z"),
        (1_709_164_800, "2024-02-29T00:00:00Z"),
        (4_102_444_800, "2100-01-01T00:00:00Z"),
        (1_796_470_803.7, "2026-12-05T11:40:03Z"),
        (-1, "1969-12-31T23:59:59Z"),
        (-0.5, "1969-12-31T23:59:59Z"),
        (-86_401, "1969-12-30T23:59:59Z"),
        (253_402_300_799, "9999-12-31T23:59:59Z"),
        (-62_135_596_800, "0001-01-01T00:00:00Z"),
        (1e300, "9999-12-31T23:59:59Z"),
        (.nan, "1970-01-01T00:00:00Z"),
    ])
    func handDates(seconds: Double, expected: String) {
        #expect(Timestamp.string(secondsSince1970: seconds) == expected)
    }

    /// The format the store always had: Foundation's ISO 8601 formatter on 2 000 times spread over 1900–2200.
    @Test func equalsFoundationsFormatter() {
        let formatter = ISO8601DateFormatter()
        var generator = SeededRandom(seed: 17)
        for _ in 0..<2_000 {
            let t = Double(Int64.random(in: -2_208_988_800...7_258_118_400, using: &generator))
            #expect(Timestamp.string(secondsSince1970: t) == formatter.string(from: Date(timeIntervalSince1970: t)))
        }
    }
}
