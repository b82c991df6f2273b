import Foundation
import GRDB
import NyquistFit

/// What the store knows about an already fitted spectrum: enough to skip it and warm-start the next one.
struct StoredFit: Sendable {
    var status: FitStatus
    var values: [Double]
    var reducedChiSquare: Double?
}

/// One fit to write.
struct FitRecord: Sendable {
    var fitSet: Int64
    var spectrumID: Int64
    var series: String
    var position: Int
    var status: FitStatus
    var start: StartKind
    var fallbackReason: String?
    var result: FitResult?
    var error: String?
    /// The lin-KK verdict of the fitted points (nil when not run).
    var kk: KramersKronigVerdict?
    var totalSeconds: Double
    /// When the run started (ISO 8601, UTC), the `created_at` of its fits.
    var createdAt: String
}

/// One transaction of a batch worker (``ResultStore/commit(_:)``).
struct StoreBatch: Sendable {
    var fitSet: Int64
    var fits: [(record: FitRecord, replace: Bool)] = []
    var drts: [DRTRecord] = []
    /// Spectra whose in-progress markers to write (the group worked on next).
    var markers: [Int64] = []
    /// Spectra whose markers this run wrote but whose work it will not do (a cancelled run): one run less each.
    var released: [Int64] = []
}

extension ResultStore {
    /// The fits already recorded in `fitSet`, by spectrum id.
    func existingFits(fitSet: Int64) throws(StoreError) -> [Int64: StoredFit] {
        try read { db in
            var out: [Int64: StoredFit] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT f.spectrum_id, f.status, f.reduced_chi_square, p.value FROM fit f
                LEFT JOIN fit_parameter p ON p.fit_id = f.id WHERE f.fit_set_id = ? ORDER BY f.id, p.position
                """, arguments: [fitSet])
            while let r = try rows.next() {
                let id: Int64 = r[0]
                var s = out[id] ?? StoredFit(status: FitStatus(rawValue: r[1]) ?? .failed, values: [], reducedChiSquare: r[2])
                if let v: Double = r[3] { s.values.append(v) }
                out[id] = s
            }
            return out
        }
    }

    /// The time and iterations of every fit in `fitSet` that started from `start` (``FitTiming``), in the order
    /// they were stored: what `nyquist bench --batch` reports as the local fit inside a batch.
    public func fitTimings(fitSet: Int64, start: StartKind) throws(StoreError) -> [FitTiming] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT fit_seconds, iterations FROM fit WHERE fit_set_id = ? AND start = ? AND fit_seconds IS NOT NULL
                ORDER BY id
                """, arguments: [fitSet, start.rawValue]).map { r in
                FitTiming(seconds: r[0], iterations: r[1] ?? 0)
            }
        }
    }

    /// Writes, in one transaction, the fits of `batch` (each with its parameters, removing its in-progress marker;
    /// with `replace`, an existing fit of the same (fit set, spectrum) is deleted first, otherwise an existing one is
    /// kept and nothing is written), its DRTs, and the in-progress markers of the spectra a worker works on next
    /// (``markStarted(fitSet:spectrumID:)``). A batch worker commits one such transaction per group of spectra.
    /// - Returns: for each fit of `batch`, whether it was written.
    func commit(_ batch: StoreBatch) throws(StoreError) -> [Bool] {
        // Built before the transaction: the writer is shared by every worker of the batch.
        let warnings = batch.fits.map { f in
            var list = f.record.result?.warnings ?? []
            if f.record.result == nil, let w = f.record.kk?.warning { list.append(w) }
            return FitWarning.storeText(list)
        }
        let startedAt = batch.markers.isEmpty ? "" : Self.timestamp()
        return try write { db in
            var written: [Bool] = []
            for (f, text) in zip(batch.fits, warnings) {
                written.append(try Self.insert(db, f.record, warnings: text, replace: f.replace))
            }
            for d in batch.drts { try Self.insert(db, d) }
            for id in batch.markers { try Self.markStarted(db, fitSet: batch.fitSet, spectrumID: id, at: startedAt) }
            for id in batch.released {
                try db.cachedStatement(sql: "UPDATE fit_attempt SET runs = runs - 1 WHERE fit_set_id = ? AND spectrum_id = ?")
                    .execute(arguments: [batch.fitSet, id])
                try db.cachedStatement(sql: "DELETE FROM fit_attempt WHERE fit_set_id = ? AND spectrum_id = ? AND runs <= 0")
                    .execute(arguments: [batch.fitSet, id])
            }
            return written
        }
    }

    /// Inserts one fit and its parameters and removes its in-progress marker (see ``commit(_:)``).
    private static func insert(_ db: Database, _ f: FitRecord, warnings: String, replace: Bool) throws -> Bool {
        let g = f.result?.goodness, c = f.result?.convergence
        if replace {
            try db.execute(sql: "DELETE FROM fit WHERE fit_set_id = ? AND spectrum_id = ?",
                           arguments: [f.fitSet, f.spectrumID])
        }
        try db.cachedStatement(sql: """
            INSERT INTO fit (fit_set_id, spectrum_id, series, position, status, start, fallback_reason, converged,
                reason, method, chi_square, reduced_chi_square, chi_square_over_modulus, pseudo_chi_square, aic, bic,
                point_count, degrees_of_freedom, iterations, function_evaluations, fit_seconds, total_seconds,
                warnings, created_at, kk_status, kk_noise_percent, kk_max_residual_percent, kk_elements, kk_reasons)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (fit_set_id, spectrum_id) DO NOTHING
            """).execute(arguments: [
                f.fitSet, f.spectrumID, f.series, f.position, f.status.rawValue, f.start.rawValue, f.fallbackReason,
                c?.converged, c?.reason ?? f.error, c?.method.rawValue, g?.chiSquare, finite(g?.reducedChiSquare),
                g?.chiSquareOverModulus, g?.pseudoChiSquare, finite(g?.aic), finite(g?.bic),
                f.result?.pointCount, g?.degreesOfFreedom, c?.iterations, c?.functionEvaluations, c?.seconds,
                f.totalSeconds, warnings, f.createdAt, f.kk?.status.rawValue, finite(f.kk?.noisePercent),
                finite(f.kk?.maximumResidualPercent), f.kk?.elementCount, f.kk?.reasons,
            ])
        let written = db.changesCount > 0
        if written {
            let fitID = db.lastInsertedRowID
            let add = try db.cachedStatement(sql: """
                INSERT INTO fit_parameter (fit_id, position, name, unit, value, standard_error, lower95, upper95, fixed,
                    at_bound) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (k, p) in (f.result?.parameters ?? []).enumerated() {
                try add.execute(arguments: [fitID, k, p.name, p.unit, p.value, p.standardError, p.lower95, p.upper95,
                                            p.fixed, p.atBound?.rawValue])
            }
        }
        try db.cachedStatement(sql: "DELETE FROM fit_attempt WHERE fit_set_id = ? AND spectrum_id = ?")
            .execute(arguments: [f.fitSet, f.spectrumID])
        return written
    }

    /// The in-progress markers of `fitSet` (schema v3, `fit_attempt`): for each spectrum whose fit a run started
    /// and never stored, the number of such runs.
    func unfinishedAttempts(fitSet: Int64) throws(StoreError) -> [Int64: Int] {
        try read { db in
            var out: [Int64: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT spectrum_id, runs FROM fit_attempt WHERE fit_set_id = ?",
                                           arguments: [fitSet])
            while let r = try rows.next() { out[r[0]] = r[1] }
            return out
        }
    }

    /// Marks the fit of (`fitSet`, `spectrumID`) as started by this run (one more run in `runs`), committed before
    /// the work begins, so that a run that dies during it leaves the marker behind.
    func markStarted(fitSet: Int64, spectrumID: Int64) throws(StoreError) {
        let now = Self.timestamp()
        try write { db in try Self.markStarted(db, fitSet: fitSet, spectrumID: spectrumID, at: now) }
    }

    private static func markStarted(_ db: Database, fitSet: Int64, spectrumID: Int64, at time: String) throws {
        try db.cachedStatement(sql: """
            INSERT INTO fit_attempt (fit_set_id, spectrum_id, runs, started_at) VALUES (?, ?, 1, ?)
            ON CONFLICT (fit_set_id, spectrum_id) DO UPDATE SET runs = runs + 1, started_at = excluded.started_at
            """).execute(arguments: [fitSet, spectrumID, time])
    }
}

extension FitWarning {
    /// The `fit.warnings` column: a JSON array of `{"code", "parameters", "message"}` objects.
    static func storeText(_ list: [FitWarning]) -> String {
        if list.isEmpty { return "[]" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(list)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// The warnings of a `fit.warnings` column; plain strings (stores written before the codes) read as code
    /// ``FitWarning/Code/other``. Unreadable text gives one `other` warning holding it.
    static func fromStore(_ text: String?) -> [FitWarning] {
        guard let text, !text.isEmpty else { return [] }
        return (try? JSONDecoder().decode([FitWarning].self, from: Data(text.utf8))) ?? [FitWarning(.other, text)]
    }

    /// `code` or `code:P1+P2`, joined by `;` — the `warnings` column of an export.
    static func exportText(_ list: [FitWarning]) -> String {
        list.map { $0.parameters.isEmpty ? $0.code.rawValue : $0.code.rawValue + ":" + $0.parameters.joined(separator: "+") }
            .joined(separator: ";")
    }
}

/// NaN and ±∞ are stored as NULL (SQLite has no NaN).
private func finite(_ v: Double?) -> Double? { v.flatMap { $0.isFinite ? $0 : nil } }

