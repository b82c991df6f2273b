import Foundation
import GRDB
import NyquistFit
import Synchronization

/// A results store: one SQLite file, opened through GRDB in WAL mode.
///
/// Every fit is written in its own transaction (``record(_:)``), so a run killed at any moment leaves only whole
/// fits behind, and a unique (fit set, spectrum) key keeps a resumed run from duplicating any. WAL mode with
/// `synchronous = NORMAL` makes a committed fit survive a killed process (power loss may drop the last few).
///
/// A class rather than a `~Copyable` owner: the batch runner's worker threads share one store, and GRDB's
/// `DatabasePool` (itself a thread-safe class) serialises their writes; the pool closes when the store is released.
/// A store opened ``Access/readOnly`` (export, report) uses a read-only `DatabaseQueue` instead and never writes.
public final class ResultStore: Sendable {
    /// How a store is opened.
    public enum Access: Sendable, Hashable {
        /// Created if missing, schema brought up to date (batch runs).
        case readWrite
        /// Never created, migrated or written, not even a WAL side file (see ``openReadOnly(_:)``); for export and
        /// report, so an archived read-only store can be read and a file that is not a store is left untouched.
        case readOnly
    }

    /// The database file.
    public let path: String
    public let access: Access
    let database: any DatabaseWriter
    private let closed = Mutex(false)

    /// Opens the store at `path`: read-write (created if needed, schema brought up to date) or read-only.
    /// - Throws: ``StoreError/notAStore(path:reason:)`` (read-only: not SQLite, or without the store's tables),
    ///   ``StoreError/database(path:message:)``.
    public init(path: String, access: Access = .readWrite) throws(StoreError) {
        self.path = path
        self.access = access
        if access == .readOnly {
            database = try Self.openReadOnly(path)
            return
        }
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        config.busyMode = .timeout(30)
        do {
            let pool = try DatabasePool(path: path, configuration: config)
            try Schema.migrator.migrate(pool)
            database = pool
        } catch { throw Self.wrap(error, path) }
    }

    deinit { try? close() }

    /// Closes the database now (once; again does nothing); later reads and writes fail with
    /// ``StoreError/database(path:message:)``.
    ///
    /// A read-write store first moves its write-ahead log into the main file and truncates it to 0 bytes
    /// (`PRAGMA wal_checkpoint(TRUNCATE)`): GRDB closes the pool's read-only connections last, which cannot do that,
    /// so the log would otherwise stay full beside the store, and a read-only open (``Access/readOnly``) in a
    /// read-only folder would need its `-shm` file.
    func close() throws(StoreError) {
        guard !closed.withLock({ c in defer { c = true }; return c }) else { return }
        if let pool = database as? DatabasePool {
            // Waits (busy timeout) for a reader of the log to finish; if it cannot, the log just stays.
            try? pool.writeWithoutTransaction { _ = try $0.checkpoint(.truncate) }
        }
        do { try database.close() } catch { throw Self.wrap(error, path) }
    }

    static func wrap(_ error: any Error, _ path: String) -> StoreError {
        if let e = error as? StoreError { return e }
        if let e = error as? DatabaseError { return .database(path: path, message: e.message ?? e.description) }
        return .database(path: path, message: "\(error)")
    }

    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try database.write(body) } catch { throw Self.wrap(error, path) }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try database.read(body) } catch { throw Self.wrap(error, path) }
    }

    static func timestamp() -> String { Timestamp.now() }

    static func json<T: Encodable>(_ value: T) -> String {
        String(decoding: BatchSettings.canonicalJSON(value), as: UTF8.self)
    }

    /// `value` as JSON through a reused encoder (metadata has only finite numbers; `{}` if encoding fails).
    static func json<T: Encodable>(_ value: T, _ encoder: JSONEncoder) -> String {
        (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    // MARK: Fit sets

    /// One fit set: the settings every fit in it shares.
    public struct FitSetInfo: Sendable, Hashable {
        public var id: Int64
        public var settingsHash: String
        public var circuit: String
        public var parameterNames: [String]
        public var mode: BatchMode?
        public var identityRule: String
        public var programVersion: String
        public var createdAt: String
        /// Number of fits recorded (any status).
        public var fitCount: Int
        /// Weighting and global-start method (their raw names), fit window in Hz (nil: open) and seed.
        public var weighting: String = ""
        public var method: String = ""
        public var minimumFrequency: Double?
        public var maximumFrequency: Double?
        public var seed: String = ""
    }

    /// All fit sets, oldest first.
    public func fitSets() throws(StoreError) -> [FitSetInfo] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.*, (SELECT COUNT(*) FROM fit f WHERE f.fit_set_id = s.id) AS n FROM fit_set s ORDER BY s.id
                """).map { r in
                FitSetInfo(id: r["id"], settingsHash: r["settings_hash"], circuit: r["circuit"],
                           parameterNames: (r["parameter_names"] as String).split(separator: ",").map(String.init),
                           mode: BatchMode(rawValue: r["mode"]), identityRule: r["identity_rule"],
                           programVersion: r["program_version"], createdAt: r["created_at"], fitCount: r["n"],
                           weighting: r["weighting"], method: r["method"], minimumFrequency: r["min_frequency"],
                           maximumFrequency: r["max_frequency"], seed: r["seed"])
            }
        }
    }

    /// The fit set for `settings`, created if it does not exist yet.
    public func fitSet(for settings: BatchSettings) throws(StoreError) -> Int64 {
        let hash = settings.settingsHash
        return try write { db in
            if let id = try Int64.fetchOne(db, sql: "SELECT id FROM fit_set WHERE settings_hash = ?", arguments: [hash]) {
                return id
            }
            let f = settings.fit
            try db.execute(sql: """
                INSERT INTO fit_set (settings_hash, circuit, parameter_names, parameter_table, fit_settings, weighting,
                    method, min_frequency, max_frequency, seed, mode, fallback_ratio, identity_rule, program_version,
                    created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [hash, settings.circuitText, settings.parameters.names.joined(separator: ","),
                                 Self.json(settings.parameters), Self.json(f), f.weighting.rawValue, f.method.rawValue,
                                 f.window.minimumFrequency, f.window.maximumFrequency, String(f.seed),
                                 settings.mode.rawValue, settings.fallbackChiSquareRatio, settings.identityRule,
                                 BatchSettings.programVersion, Self.timestamp()])
            return db.lastInsertedRowID
        }
    }

    // MARK: Spectra

    /// Registers the source files and spectra of `series` (existing rows are reused; one stored without a cycle
    /// label takes the label the input now gives, e.g. from its file name, with its metadata) and returns the
    /// spectrum ids, in the same nesting as `series`. The metadata JSON is encoded before the transaction, on up to
    /// `jobs` threads (inside the single writer it was 2 % of a `--no-kk` batch, with nothing else running).
    func register(_ series: [BatchSeries], jobs: Int = 1) throws(StoreError) -> [[Int64]] {
        let metadata = concurrentMap(series.flatMap { $0.spectra.map(\.spectrum.metadata) }, jobs: jobs) { m in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return Self.json(m, encoder)
        }
        return try write { db in
            var files: [SourceFile: Int64] = [:]
            let findFile = try db.cachedStatement(sql: "SELECT id FROM source_file WHERE path = ? AND content_hash = ?")
            let addFile = try db.cachedStatement(sql: "INSERT INTO source_file (path, size, content_hash) VALUES (?, ?, ?)")
            let findSpectrum = try db.cachedStatement(sql: "SELECT id FROM spectrum WHERE source_file_id = ? AND file_index = ?")
            let addLabel = try db.cachedStatement(
                sql: "UPDATE spectrum SET cycle_label = ?, metadata = ? WHERE id = ? AND cycle_label IS NULL")
            let addSpectrum = try db.cachedStatement(sql: """
                INSERT INTO spectrum (source_file_id, file_index, cycle_label, start_time, dc_potential, dc_current,
                    point_count, min_frequency, max_frequency, is_fragment, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            var next = 0
            return try series.map { s in
                try s.spectra.map { item in
                    let json = metadata[next]
                    next += 1
                    let fileID: Int64
                    if let id = files[item.source] { fileID = id } else if let id = try Int64.fetchOne(
                        findFile, arguments: [item.source.path, item.source.contentHash]) {
                        fileID = id
                    } else {
                        try addFile.execute(arguments: [item.source.path, item.source.size, item.source.contentHash])
                        fileID = db.lastInsertedRowID
                    }
                    files[item.source] = fileID
                    let m = item.spectrum.metadata
                    if let id = try Int64.fetchOne(findSpectrum, arguments: [fileID, m.index]) {
                        if let label = m.cycleLabel { try addLabel.execute(arguments: [label, json, id]) }
                        return id
                    }
                    let f = item.spectrum.frequencies
                    try addSpectrum.execute(arguments: [fileID, m.index, m.cycleLabel, m.startTime, m.dcPotential,
                                                        m.dcCurrent, item.spectrum.count, f.min(), f.max(),
                                                        m.isFragment, json])
                    return db.lastInsertedRowID
                }
            }
        }
    }
}
