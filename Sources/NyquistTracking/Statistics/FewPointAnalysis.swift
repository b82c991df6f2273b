import Foundation

/// The two-point summary of one cell's series: its first and last EIS cycle (lowest and highest cycle number).
public struct FewPointCell: Sendable, Hashable, Codable {
    public var name: String
    public var pointCount: Int
    public var firstCycle: Double
    public var lastCycle: Double
    /// Δln R = ln R(last) − ln R(first) and its 1σ √(s_first² + s_last²), sᵢ = √((σᵢ/Rᵢ)² + s_floor²).
    public var logChange: Double
    public var logChangeStandardError: Double
    /// Two-point exponent p = Δln R / ln(n_last/n_first) of R ∝ n^p (tracking-models §6.2: LYC cell
    /// ln(7.7/1.8)/ln 50 = 0.37), with 1σ = (1σ of Δln R)/ln(n_last/n_first); nil unless 0 < n_first < n_last.
    public var twoPointExponent: Double?
    public var exponentStandardError: Double?
}

/// What series of fewer than ``minimumPoints`` EIS points can give (tracking-models §6.2), instead of the joint
/// mechanism fit and attribution that need more: per cell the two-point exponent; for two cells the
/// difference-in-differences Δln R(cell 1) − Δln R(cell 2) (1σ from the four endpoint sᵢ) and, taking cell 2 (the
/// `--compare` cell, coated or otherwise protected) as a no-decomposition control, the log breathing bound
/// 100·Δln R(cell 2)/Δln R(cell 1) % — an upper bound on the share of cell 1's Δln R that breathing alone can
/// explain (§6.2: ln 4.28/ln 8.21 = 69 % for NCA vs LYC-coated NCA). Cycle numbers are the clock here.
public struct FewPointAnalysis: Sendable, Hashable, Codable {
    /// Fewer points than this per cell leave the mechanism models and the attribution out.
    public static let minimumPoints = 4

    public var cells: [FewPointCell]
    public var differenceInDifferences: Double?
    public var differenceStandardError: Double?
    /// 100·Δln R(cell 2)/Δln R(cell 1), %, when both changes are positive.
    public var breathingBoundPercent: Double?
    /// Analyses left out, each "… needs ≥ 4 points per cell …".
    public var notComputed: [String]
    public var notes: [String]

    /// Summarises one or two cells (name, series); `relativeErrorFloor` is s_floor of ``GrowthFitOptions``.
    public static func analyse(cells series: [(name: String, series: ParameterSeries)], relativeErrorFloor: Double)
        -> FewPointAnalysis
    {
        var notes: [String] = []
        let cells = series.compactMap { entry -> FewPointCell? in
            let s = entry.series
            guard let first = s.cycles.indices.min(by: { s.cycles[$0] < s.cycles[$1] }),
                let last = s.cycles.indices.max(by: { s.cycles[$0] < s.cycles[$1] })
            else { return nil }
            let sigma = { (i: Int) -> Double in
                let relative = (s.points[i].standardError ?? 0) / s.points[i].value
                return relative * relative + relativeErrorFloor * relativeErrorFloor
            }
            let change = Foundation.log(s.values[last] / s.values[first])
            let se = (sigma(first) + sigma(last)).squareRoot()
            let (n0, n1) = (s.cycles[first], s.cycles[last])
            var exponent: Double? = nil
            var exponentSE: Double? = nil
            if n0 > 0, n1 > n0 {
                let span = Foundation.log(n1 / n0)
                exponent = change / span
                exponentSE = se / span
            } else {
                notes.append("\(entry.name): no two-point exponent (needs 0 < first cycle < last cycle)")
            }
            return FewPointCell(
                name: entry.name, pointCount: s.points.count, firstCycle: n0, lastCycle: n1, logChange: change,
                logChangeStandardError: se, twoPointExponent: exponent, exponentStandardError: exponentSE)
        }
        var analysis = FewPointAnalysis(
            cells: cells, differenceInDifferences: nil, differenceStandardError: nil, breathingBoundPercent: nil,
            notComputed: [], notes: notes)
        if cells.count == 2 {
            let (a, b) = (cells[0], cells[1])
            analysis.differenceInDifferences = a.logChange - b.logChange
            analysis.differenceStandardError =
                (a.logChangeStandardError * a.logChangeStandardError
                + b.logChangeStandardError * b.logChangeStandardError).squareRoot()
            if a.logChange > 0, b.logChange > 0 {
                analysis.breathingBoundPercent = 100 * b.logChange / a.logChange
            } else {
                analysis.notes.append("no breathing bound: it needs R to rise in both cells")
            }
            if a.firstCycle != b.firstCycle || a.lastCycle != b.lastCycle {
                analysis.notes.append(
                    "the cells span different cycles (\(a.firstCycle)→\(a.lastCycle) vs \(b.firstCycle)→\(b.lastCycle)): "
                        + "the difference in differences and the bound compare unequal spans")
            }
        }
        let short = cells.filter { $0.pointCount < minimumPoints }
            .map { "\($0.name) has \($0.pointCount)" }.joined(separator: ", ")
        analysis.notComputed = [
            "mechanism models (joint fit of σ_int, β, η) and their AICc comparison: needs ≥ \(minimumPoints) points per cell (\(short))",
            "attribution of Δln R to interphase chemistry, decomposition and breathing voids: needs ≥ \(minimumPoints) points per cell",
        ]
        return analysis
    }
}
