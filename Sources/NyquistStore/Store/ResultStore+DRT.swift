import Foundation
import GRDB
import NyquistDRT

extension ResultStore {
    /// One DRT set: the DRT settings every stored DRT in it shares.
    public struct DRTSetInfo: Sendable, Hashable {
        public var id: Int64
        public var settingsHash: String
        /// The settings, decoded from the stored JSON (nil when written by a program whose settings this one
        /// cannot read).
        public var settings: DRTSettings?
        public var programVersion: String
        public var createdAt: String
        /// Number of DRTs stored (any status).
        public var count: Int
    }

    /// Whether the store has the DRT tables (schema v4; a read-only v3 store does not).
    func hasDRTTables() throws(StoreError) -> Bool {
        try read { db in try db.tableExists("drt_set") }
    }

    /// All DRT sets, oldest first; empty for a store without DRT tables (schema < 4, opened read-only).
    public func drtSets() throws(StoreError) -> [DRTSetInfo] {
        guard try hasDRTTables() else { return [] }
        return try read { db in
            try GRDB.Row.fetchAll(db, sql: """
                SELECT s.*, (SELECT COUNT(*) FROM drt d WHERE d.drt_set_id = s.id) AS n FROM drt_set s ORDER BY s.id
                """).map { r in
                DRTSetInfo(id: r["id"], settingsHash: r["settings_hash"],
                           settings: try? JSONDecoder().decode(DRTSettings.self, from: Data((r["settings"] as String).utf8)),
                           programVersion: r["program_version"], createdAt: r["created_at"], count: r["n"])
            }
        }
    }

    /// SHA-256 of the canonical JSON (sorted keys) of the DRT settings and the program version.
    static func drtSettingsHash(_ settings: DRTSettings) -> String {
        struct Identity: Encodable {
            var drt: DRTSettings
            var programVersion: String
        }
        return SHA256.hex(BatchSettings.canonicalJSON(Identity(drt: settings, programVersion: BatchSettings.programVersion)))
    }

    /// The DRT set for `settings`, created if it does not exist yet.
    func drtSet(for settings: DRTSettings) throws(StoreError) -> Int64 {
        let hash = Self.drtSettingsHash(settings)
        return try write { db in
            if let id = try Int64.fetchOne(db, sql: "SELECT id FROM drt_set WHERE settings_hash = ?", arguments: [hash]) {
                return id
            }
            try db.execute(sql: """
                INSERT INTO drt_set (settings_hash, settings, program_version, created_at) VALUES (?, ?, ?, ?)
                """, arguments: [hash, Self.json(settings), BatchSettings.programVersion, Self.timestamp()])
            return db.lastInsertedRowID
        }
    }

    /// The status of each DRT already stored in `drtSet`, by spectrum id.
    func existingDRTs(drtSet: Int64) throws(StoreError) -> [Int64: DRTStatus] {
        try read { db in
            var out: [Int64: DRTStatus] = [:]
            let rows = try GRDB.Row.fetchCursor(db, sql: "SELECT spectrum_id, status FROM drt WHERE drt_set_id = ?",
                                                arguments: [drtSet])
            while let r = try rows.next() { out[r[0]] = DRTStatus(rawValue: r[1]) ?? .failed }
            return out
        }
    }

    /// Inserts one DRT and its peaks, replacing an earlier one of the same (DRT set, spectrum); part of a
    /// worker's transaction (``commit(_:)``).
    static func insert(_ db: Database, _ d: DRTRecord) throws {
        try db.execute(sql: "DELETE FROM drt WHERE drt_set_id = ? AND spectrum_id = ?",
                       arguments: [d.drtSet, d.spectrumID])
        let r = d.result
        try db.cachedStatement(sql: """
            INSERT INTO drt (drt_set_id, spectrum_id, series, position, status, reason, lambda, lambda_criterion,
                r_inf, inductance, residual_norm, tau, gamma, warnings, seconds, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                d.drtSet, d.spectrumID, d.series, d.position, (r == nil ? DRTStatus.failed : .ok).rawValue,
                d.error, finite(r?.lambda), r?.lambdaCriterion, finite(r?.rInf), finite(r?.inductance),
                finite(r?.residualNorm), Self.numbers(r?.tau ?? []), Self.numbers(r?.gamma ?? []),
                Self.json(r?.warnings ?? []), d.seconds, d.createdAt,
            ])
        let id = db.lastInsertedRowID
        let add = try db.cachedStatement(sql: """
            INSERT INTO drt_peak (drt_id, position, tau, frequency, resistance, tau_lower, tau_upper,
                resistance_standard_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (k, p) in (r?.peaks ?? []).sorted(by: { $0.tau < $1.tau }).enumerated() {
            try add.execute(arguments: [id, k, p.tau, p.frequency, p.resistance, finite(p.tauInterval?.lowerBound),
                                        finite(p.tauInterval?.upperBound), finite(p.resistanceStdError)])
        }
    }

    /// The DRTs of DRT set `id` (the newest when nil), rows ordered by series then position; with `fitSet`, only
    /// spectra that have a fit in that fit set.
    /// - Throws: ``StoreError/noDRT(path:)`` (no DRT tables or no DRT set), ``StoreError/unknownDRTSet(_:known:)``,
    ///   ``StoreError/database(path:message:)``.
    public func drts(drtSet id: Int64? = nil, fitSet: Int64? = nil) throws(StoreError) -> DRTTable {
        let sets = try drtSets()
        guard let newest = sets.last else { throw .noDRT(path: path) }
        let set: DRTSetInfo
        if let id {
            guard let s = sets.first(where: { $0.id == id }) else { throw .unknownDRTSet(id, known: sets.map(\.id)) }
            set = s
        } else { set = newest }
        return try read { db in
            var rows: [StoredDRT] = []
            var byID: [Int64: Int] = [:]
            let filter = fitSet == nil ? "" : " AND d.spectrum_id IN (SELECT spectrum_id FROM fit WHERE fit_set_id = ?)"
            let cursor = try GRDB.Row.fetchCursor(db, sql: """
                SELECT d.id, d.series, d.position, sf.path, s.file_index, s.cycle_label, d.status, d.reason, d.lambda,
                       d.lambda_criterion, d.r_inf, d.inductance, d.residual_norm, d.tau, d.gamma, d.warnings
                FROM drt d JOIN spectrum s ON s.id = d.spectrum_id JOIN source_file sf ON sf.id = s.source_file_id
                WHERE d.drt_set_id = ?\(filter) ORDER BY d.series, d.position, d.id
                """, arguments: StatementArguments([set.id] + (fitSet.map { [$0] } ?? [])))
            while let r = try cursor.next() {
                byID[r[0]] = rows.count
                rows.append(StoredDRT(
                    series: r[1], position: r[2], file: r[3], spectrumIndex: r[4], cycleLabel: r[5],
                    status: DRTStatus(rawValue: r[6]) ?? .failed, reason: r[7], lambda: r[8], lambdaCriterion: r[9],
                    rInf: r[10], inductance: r[11], residualNorm: r[12], tau: Self.numbers(r[13] as String),
                    gamma: Self.numbers(r[14] as String),
                    warnings: (try? JSONDecoder().decode([String].self, from: Data((r[15] as String).utf8))) ?? []))
            }
            let peaks = try GRDB.Row.fetchCursor(db, sql: """
                SELECT p.drt_id, p.tau, p.frequency, p.resistance, p.tau_lower, p.tau_upper, p.resistance_standard_error
                FROM drt_peak p JOIN drt d ON d.id = p.drt_id WHERE d.drt_set_id = ? ORDER BY p.drt_id, p.position
                """, arguments: [set.id])
            while let r = try peaks.next() {
                guard let i = byID[r[0]] else { continue }
                let lo: Double? = r[4], hi: Double? = r[5]
                var peak = DRTPeak(tau: r[1], frequency: r[2], resistance: r[3])
                if let lo, let hi, lo <= hi { peak.tauInterval = lo...hi }
                peak.resistanceStdError = r[6]
                rows[i].peaks.append(peak)
            }
            return DRTTable(drtSet: set, rows: rows)
        }
    }

    /// A JSON array of numbers in their shortest round-trip form (non-finite values as `null`).
    static func numbers(_ values: [Double]) -> String {
        "[" + values.map { $0.isFinite ? "\($0)" : "null" }.joined(separator: ",") + "]"
    }

    /// The numbers of a JSON array written by ``numbers(_:)`` (`null` reads as NaN; unreadable text as empty).
    static func numbers(_ text: String) -> [Double] {
        ((try? JSONDecoder().decode([Double?].self, from: Data(text.utf8))) ?? []).map { $0 ?? .nan }
    }
}

/// NaN and ±∞ are stored as NULL (SQLite has no NaN).
private func finite(_ v: Double?) -> Double? { v.flatMap { $0.isFinite ? $0 : nil } }
