import NyquistIO

/// The clock x against which a growth law is fitted.
public enum TrackingClock: Sendable, Hashable, Codable, CustomStringConvertible {
    /// x = cycle number n.
    case cycle
    /// x = cumulative hours above `volts` (V vs Li; default 3.9 V) through the cycle of the spectrum: computed for
    /// `volts` from the raw curve when the cycling data come from a cycler export or time-series CSV, else the
    /// per-cycle CSV's `time_above_h` column as given (see ``CyclingData/timeAboveHours(volts:)``).
    case timeAbove(volts: Double)
    /// x = cumulative side charge through the cycle, mAh (see ``CyclingData/sideCharges(cell:reference:)``).
    case sideCharge

    /// Parses `cycle`, `time-above:3.9` (or `time-above`, 3.9 V) and `side-charge`.
    public init?(argument: String) {
        let a = argument.lowercased()
        if a == "cycle" { self = .cycle; return }
        if a == "side-charge" || a == "sidecharge" { self = .sideCharge; return }
        if a == "time-above" { self = .timeAbove(volts: 3.9); return }
        if a.hasPrefix("time-above:"), let v = TextTable.number(String(a.dropFirst("time-above:".count))), v.isFinite {
            self = .timeAbove(volts: v)
            return
        }
        return nil
    }

    /// Unit of x.
    public var unit: String {
        switch self {
        case .cycle: "cycle"
        case .timeAbove: "h"
        case .sideCharge: "mAh"
        }
    }

    public var description: String {
        switch self {
        case .cycle: "cycle number"
        case .timeAbove(let v): "cumulative time above \(v) V (h)"
        case .sideCharge: "cumulative side charge (mAh)"
        }
    }

    /// x for each cycle of `cycles`.
    /// - Throws: `.inconsistentInputs` when the clock needs cycling data that are missing or lack a column, or a
    ///   cumulative side charge is negative.
    public func values(
        for cycles: [Double], cycling: CyclingData?, cell: CellDescription = .init(), reference: CyclingData? = nil
    ) throws(TrackingError) -> [Double] {
        if case .cycle = self { return cycles }
        guard let cycling else { throw .inconsistentInputs(reason: "the \(description) clock needs --cycling data") }
        let perCycle: [Double]
        switch self {
        case .cycle: return cycles
        case .timeAbove(let volts):
            perCycle = try cycling.timeAboveHours(volts: volts)
        case .sideCharge:
            perCycle = try cycling.sideCharges(cell: cell, reference: reference)
        }
        var x: [Double] = []
        for n in cycles {
            let value = try cycling.cumulative(perCycle, through: n)
            guard value >= 0 else {
                throw .inconsistentInputs(reason: "cumulative \(description) at cycle \(n) is negative (\(value))")
            }
            x.append(value)
        }
        return x
    }
}
