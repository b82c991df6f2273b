import Foundation

/// The DRTs of one DRT set: rows ordered by series, then position.
public struct DRTTable: Sendable, Hashable {
    public var drtSet: ResultStore.DRTSetInfo
    public var rows: [StoredDRT]

    public init(drtSet: ResultStore.DRTSetInfo, rows: [StoredDRT]) {
        self.drtSet = drtSet
        self.rows = rows
    }

    /// The series names in order of first appearance.
    public var seriesNames: [String] {
        rows.reduce(into: [String]()) { if !$0.contains($1.series) { $0.append($1.series) } }
    }

    /// True when every row has a cycle label; otherwise plots and tracks use the position in the series.
    public var isLabelled: Bool { rows.allSatisfy { $0.cycleLabel != nil } }
}
