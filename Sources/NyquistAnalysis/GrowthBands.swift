import Foundation
import NyquistReport
import NyquistStore
import NyquistTracking

/// The growth-law overlays of the HTML report: per series, the best growth law (AICc) of a parameter against cycle
/// with its 95 % band, as a ``NyquistReport/SeriesModel`` for ``NyquistReport/BatchReportOptions/models``.
public enum GrowthBands {
    /// The best growth law of `parameter` against cycle for each series of the fit set (in the store's order), with
    /// its 95 % band on 201 cycles spanning the series; x in cycles, y in the parameter's unit. A series is left out
    /// when it has fewer than 4 points with a positive value (failed fits skipped) or its comparison is refused
    /// (N < k + 3); all are left out when the store has no such parameter. When any spectrum of the fit set has no
    /// cycle label, x is the 0-based position in the series for all of them, as in the report's plots.
    public static func models(store: ResultStore, fitSet: Int64?, parameter: String) -> [SeriesModel] {
        guard let table = try? store.export(fitSet: fitSet, parameters: [parameter]) else { return [] }
        let labelled = table.rows.allSatisfy { $0.cycleLabel != nil }
        var order: [String] = []
        for r in table.rows where !order.contains(r.series) { order.append(r.series) }
        return order.compactMap { series in
            model(table.rows.filter { $0.series == series && $0.status != .failed }, series: series, labelled: labelled)
        }
    }

    /// The best growth law of one series' rows (one parameter exported) against cycle label, or against position
    /// when not `labelled`; nil when there are too few points (see ``models(store:fitSet:parameter:)``). The band is
    /// ``NyquistTracking/GrowthLawFit/band(at:)`` of the best law's fit.
    public static func model(_ rows: [ExportTable.Row], series: String, labelled: Bool = true) -> SeriesModel? {
        var x: [Double] = [], y: [Double] = [], se: [Double] = []
        for r in rows {
            guard let cycle = labelled ? r.cycleLabel : r.position, let v = r.values.first ?? nil, v > 0 else { continue }
            x.append(Double(cycle)); y.append(v); se.append((r.standardErrors.first ?? nil) ?? 0)
        }
        guard x.count >= 4, let lo = x.min(), let hi = x.max(), hi > lo else { return nil }
        let comparison = GrowthLawComparison(x: x, y: y, standardErrors: se)
        guard let best = comparison.best, let entry = comparison.entries.first(where: { $0.law == best }),
              let fit = entry.fit else { return nil }
        let grid = (0...200).map { lo + (hi - lo) * Double($0) / 200 }
        let band = fit.band(at: grid)
        var name = "\(best.identifier) \(best.rawValue) (best by AICc"
        if let w = entry.akaikeWeight { name += ", weight \(String(format: "%.2f", w))" }
        name += "), 95 % band — \(series)"
        return SeriesModel(name: name, x: grid, y: band.value, yLower: band.lower, yUpper: band.upper, series: series)
    }
}
