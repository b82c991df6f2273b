import Foundation
import NyquistFit
import GRDB

/// One row per spectrum of a fit set: where it came from, its cycle, the chosen parameters' values with standard
/// errors (physical units, see ``units``), the χ² measures and the status — ready for plotting elsewhere.
public struct ExportTable: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var series: String
        public var position: Int
        public var file: String
        public var spectrumIndex: Int
        public var cycleLabel: Int?
        public var status: FitStatus
        public var start: StartKind?
        /// Value and standard error of each exported parameter, in ``ExportTable/parameters`` order (nil for a
        /// failed fit, or an error that could not be estimated).
        public var values: [Double?]
        public var standardErrors: [Double?]
        public var chiSquare: Double?
        public var reducedChiSquare: Double?
        public var chiSquareOverModulus: Double?
        /// The lin-KK verdict stored with the fit (nil when the test was not run).
        public var kramersKronig: KramersKronigVerdict?
        /// The fit's warnings as stored (see ``FitWarning``; `docs/warnings.md`).
        public var warnings: [FitWarning] = []
    }

    public var fitSet: ResultStore.FitSetInfo
    public var parameters: [String]
    /// The unit of each exported parameter (Ω, F·s^(n−1), 1, Ω·s^(−½), …).
    public var units: [String]
    public var rows: [Row]
}

extension ResultStore {
    /// The export table of fit set `id` (the newest fit set when nil), rows ordered by series then position.
    /// - Parameter parameters: names to export, in this order; all of the circuit's when nil.
    /// - Throws: ``StoreError/noFitSets(path:)``, ``StoreError/unknownFitSet(_:known:)``,
    ///   ``StoreError/unknownParameter(_:known:)``, ``StoreError/database(path:message:)``.
    public func export(fitSet id: Int64? = nil, parameters: [String]? = nil) throws(StoreError) -> ExportTable {
        let sets = try fitSets()
        guard let newest = sets.last else { throw .noFitSets(path: path) }
        let set: FitSetInfo
        if let id {
            guard let s = sets.first(where: { $0.id == id }) else { throw .unknownFitSet(id, known: sets.map(\.id)) }
            set = s
        } else { set = newest }
        let names = parameters ?? set.parameterNames
        var positions: [Int] = []
        for n in names {
            guard let k = set.parameterNames.firstIndex(of: n) else {
                throw .unknownParameter(n, known: set.parameterNames)
            }
            positions.append(k)
        }
        let table = try read { db -> ExportTable in
            var units = [String](repeating: "", count: names.count)
            let unitRows = try GRDB.Row.fetchAll(db, sql: """
                SELECT p.position, p.unit FROM fit_parameter p JOIN fit f ON f.id = p.fit_id
                WHERE f.fit_set_id = ? GROUP BY p.position
                """, arguments: [set.id])
            for r in unitRows {
                let position: Int = r[0]
                for (j, k) in positions.enumerated() where k == position { units[j] = r[1] }
            }
            var rows: [ExportTable.Row] = []
            var byFit: [Int64: Int] = [:]
            // A v1 store (opened read-only, not migrated) has no verdict columns: its verdicts are empty.
            let kkColumns = try db.columns(in: "fit").contains { $0.name == "kk_status" }
                ? "f.kk_status, f.kk_noise_percent, f.kk_max_residual_percent, f.kk_elements, f.kk_reasons"
                : "NULL, NULL, NULL, NULL, NULL"
            let fits = try GRDB.Row.fetchCursor(db, sql: """
                SELECT f.id, f.series, f.position, s.file_index, s.cycle_label, f.status, f.start, f.chi_square,
                       f.reduced_chi_square, f.chi_square_over_modulus, sf.path, \(kkColumns), f.warnings
                FROM fit f JOIN spectrum s ON s.id = f.spectrum_id JOIN source_file sf ON sf.id = s.source_file_id
                WHERE f.fit_set_id = ? ORDER BY f.series, f.position, f.id
                """, arguments: [set.id])
            while let r = try fits.next() {
                byFit[r[0]] = rows.count
                let kk = (r[11] as String?).map { s in
                    KramersKronigVerdict(status: KramersKronigStatus(rawValue: s) ?? .notTested, noisePercent: r[12],
                                         maximumResidualPercent: r[13], elementCount: r[14], reasons: (r[15] as String?) ?? "")
                }
                rows.append(ExportTable.Row(
                    series: r[1], position: r[2], file: r[10], spectrumIndex: r[3], cycleLabel: r[4],
                    status: FitStatus(rawValue: r[5]) ?? .failed, start: StartKind(rawValue: r[6]),
                    values: [Double?](repeating: nil, count: names.count),
                    standardErrors: [Double?](repeating: nil, count: names.count),
                    chiSquare: r[7], reducedChiSquare: r[8], chiSquareOverModulus: r[9], kramersKronig: kk,
                    warnings: FitWarning.fromStore(r[16])))
            }
            let params = try GRDB.Row.fetchCursor(db, sql: """
                SELECT p.fit_id, p.position, p.value, p.standard_error FROM fit_parameter p JOIN fit f ON f.id = p.fit_id
                WHERE f.fit_set_id = ?
                """, arguments: [set.id])
            while let r = try params.next() {
                guard let i = byFit[r[0]] else { continue }
                let position: Int = r[1]
                for (j, k) in positions.enumerated() where k == position {
                    rows[i].values[j] = r[2]
                    rows[i].standardErrors[j] = r[3]
                }
            }
            return ExportTable(fitSet: set, parameters: names, units: units, rows: rows)
        }
        return table
    }
}
