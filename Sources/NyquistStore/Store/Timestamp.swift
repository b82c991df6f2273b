import Foundation

/// The UTC time stamps of the store, "yyyy-MM-ddTHH:mm:ssZ" (ISO 8601, whole seconds), as `ISO8601DateFormatter`
/// writes them by default, computed without it: creating that formatter opens an ICU calendar, which cost more
/// than a warm fit and ran once or twice per spectrum inside the store's single writer (BENCHMARKS.md, issue 17).
enum Timestamp {
    /// Now, in UTC.
    static func now() -> String { string(secondsSince1970: Date().timeIntervalSince1970) }

    /// The time `seconds` after 1970-01-01T00:00:00Z (floored to whole seconds) on the proleptic Gregorian calendar.
    /// Civil date from the day count by Hinnant's `civil_from_days` (400-year eras of 146 097 days, years starting
    /// on 1 March so the leap day comes last).
    static func string(secondsSince1970 seconds: Double) -> String {
        // Clamped to the years 0001…9999 (a clock outside them is wrong anyway), so every conversion stays in range.
        let t = seconds.isFinite ? Int64(min(max(seconds, -62_135_596_800), 253_402_300_799).rounded(.down)) : 0
        let (days, second) = t.quotientAndRemainder(dividingBy: 86_400)
        let z = (second < 0 ? days - 1 : days) + 719_468
        let s = second < 0 ? second + 86_400 : second
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ v: Int64, _ width: Int) -> String {
            let digits = String(v)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        func two(_ v: Int64) -> String { pad(v, 2) }
        return "\(pad(year, 4))-\(two(month))-\(two(day))T\(two(s / 3600)):\(two(s % 3600 / 60)):\(two(s % 60))Z"
    }
}
