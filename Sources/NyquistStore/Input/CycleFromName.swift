import Foundation
import NyquistIO

/// The rule that reads a cycle label from a spectrum file's name, for files whose content has none.
///
/// The pattern is matched against the file name only (the last path component, not its directories) and must have
/// exactly one capture group: the decimal integer it captures is the label. The default,
/// ``defaultPattern``, takes `cycle12`, `cycle_012`, `Cycle-7`, `cyc12`, `CYC-12` (case-insensitive, leading zeros
/// ignored) and never EC-Lab's channel/technique suffix `_C15`: the name must say `cyc`.
///
/// A label from the file's content (a `cycle` column, BioLogic's `cycle number`, …) always wins; a file holding
/// several spectra never takes its name's label (one name cannot label several sweeps).
public struct CycleFromName: Sendable, Hashable {
    /// `cyc` or `cycle` not preceded by a letter, an optional `_`, `-`, `.` or space, then the digits.
    public static let defaultPattern = #"(?<![A-Za-z])cyc(?:le)?[ _.-]?(\d+)"#

    /// The default rule (``defaultPattern``, case-insensitive).
    public static let standard = CycleFromName(checked: defaultPattern, caseInsensitive: true)

    /// The regular expression (ICU syntax, as `NSRegularExpression`).
    public let pattern: String
    let caseInsensitive: Bool

    /// A user rule: `pattern` (case-sensitive unless it says `(?i)`) with exactly one capture group.
    /// - Throws: ``BatchInputError/badCycleRegex(pattern:reason:)`` when the pattern does not compile or does not
    ///   have exactly one capture group.
    public init(pattern: String) throws(BatchInputError) {
        let regex: NSRegularExpression
        do { regex = try NSRegularExpression(pattern: pattern) } catch {
            throw .badCycleRegex(pattern: pattern, reason: "not a valid regular expression")
        }
        guard regex.numberOfCaptureGroups == 1 else {
            throw .badCycleRegex(
                pattern: pattern,
                reason: "needs exactly one capture group (…) around the cycle number, it has \(regex.numberOfCaptureGroups)")
        }
        self.init(checked: pattern, caseInsensitive: false)
    }

    private init(checked pattern: String, caseInsensitive: Bool) {
        self.pattern = pattern
        self.caseInsensitive = caseInsensitive
    }

    /// The cycle label in the name of the file at `path`: the first match's capture group read as a decimal
    /// integer, or nil when the name does not match or the capture is not an integer that fits an `Int`.
    public func label(forFile path: String) -> Int? {
        let name = (path as NSString).lastPathComponent
        guard let regex = try? NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : []),
              let match = regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)),
              match.numberOfRanges == 2, let range = Range(match.range(at: 1), in: name)
        else { return nil }
        let text = name[range]
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)  // nil (not a trap) for digits beyond Int.max
    }

    /// `spectra`, read from the file at `path`, with the name's label given to a single spectrum without one, and
    /// the guess recorded in its provenance: `cycle 12 from the file name 'cycle_012.csv'`.
    func labelled(_ spectra: [Spectrum], path: String) -> [Spectrum] {
        guard spectra.count == 1, spectra[0].metadata.cycleLabel == nil, let n = label(forFile: path) else {
            return spectra
        }
        var s = spectra[0]
        s.metadata.cycleLabel = n
        s.metadata.provenance.append("cycle \(n) from the file name '\((path as NSString).lastPathComponent)'")
        return [s]
    }
}
