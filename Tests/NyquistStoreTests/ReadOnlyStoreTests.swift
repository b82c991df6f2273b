import Foundation
import GRDB
@testable import NyquistStore
import Testing

/// Issue 12, point 6: export and report open the store read-only — an archived store reads, a file that is not a
/// store is left byte for byte as it was.
@Suite struct ReadOnlyStoreTests {
    /// A store with two fitted spectra in a fresh directory, closed (its write-ahead log checkpointed away).
    static func closedStore() async throws -> (path: String, dir: URL, rows: [ExportTable.Row]) {
        let (store, dir) = try CycleSeries.temporaryStore()
        var settings = CycleSeries.settings()
        settings.kramersKronig = nil
        _ = try await CycleSeries.collect(BatchRunner(store: store, settings: settings),
                                          [BatchSeries(name: "cell", spectra: try CycleSeries.spectra(0..<2))])
        let rows = try store.export().rows
        try store.close()
        return (store.path, dir, rows)
    }

    static func names(_ dir: URL) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() }

    /// Closing a store empties its write-ahead log; the archived copy (store 444, folder 555) is read without a new
    /// side file and without a byte of any file changing.
    @Test func anArchivedStoreInAReadOnlyFolderExportsWithoutSideFiles() async throws {
        let (path, dir, rows) = try await Self.closedStore()
        defer { chmod(dir.path, 0o755); try? FileManager.default.removeItem(at: dir) }
        let listing = try Self.names(dir)
        #expect(listing.first == "results.sqlite")
        #expect(try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int == 0)
        let before = try listing.map { try Data(contentsOf: dir.appendingPathComponent($0)) }
        for name in listing { #expect(chmod(dir.appendingPathComponent(name).path, 0o444) == 0) }
        #expect(chmod(dir.path, 0o555) == 0)
        let table = try ResultStore(path: path, access: .readOnly).export()
        #expect(table.rows.map(\.values) == rows.map(\.values))
        #expect(table.rows.map(\.status) == [.converged, .converged])
        #expect(try Self.names(dir) == listing)
        #expect(try listing.map { try Data(contentsOf: dir.appendingPathComponent($0)) } == before)
    }

    /// While a batch holds the store open its latest fits are in the write-ahead log, not yet in the main file:
    /// the read-only store must read them too (an `immutable` open would silently miss them).
    @Test func aStoreWithALiveWriteAheadLogIsReadWithIt() async throws {
        let (store, dir) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        var settings = CycleSeries.settings()
        settings.kramersKronig = nil
        _ = try await CycleSeries.collect(BatchRunner(store: store, settings: settings),
                                          [BatchSeries(name: "cell", spectra: try CycleSeries.spectra(0..<3))])
        #expect(try FileManager.default.attributesOfItem(atPath: store.path + "-wal")[.size] as? Int ?? 0 > 0)
        let reader = try ResultStore(path: store.path, access: .readOnly)
        #expect(try reader.export().rows.count == 3)
        #expect(try reader.export().rows.map(\.values) == store.export().rows.map(\.values))
    }

    /// Random bytes, a CSV, an empty file, another program's SQLite database, a directory: each is refused as
    /// "not a results store", and each file keeps its exact bytes.
    @Test func aFileThatIsNotAStoreIsRefusedAndLeftUntouched() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-notastore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var random = SystemRandomNumberGenerator()
        let files: [(String, Data)] = [
            ("random.bin", Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) })),
            ("cycle1.csv", Data("freq_Hz,Z_re_Ohm,Z_im_Ohm\n1000,10,-1\n".utf8)),
            ("empty.sqlite", Data()),
        ]
        for (name, bytes) in files { try bytes.write(to: dir.appendingPathComponent(name)) }
        let foreign = dir.appendingPathComponent("other.db").path
        try DatabaseQueue(path: foreign).write { try $0.execute(sql: "CREATE TABLE samples (id INTEGER, mass REAL)") }
        let foreignBytes = try Data(contentsOf: URL(fileURLWithPath: foreign))
        let expected: [(String, String)] = [
            ("random.bin", "not an SQLite database (no SQLite header)"),
            ("cycle1.csv", "not an SQLite database (no SQLite header)"),
            ("empty.sqlite", "is empty"),
            ("other.db", "an SQLite database without the tables source_file, spectrum, fit_set, fit, fit_parameter"),
        ]
        for (name, reason) in expected {
            let path = dir.appendingPathComponent(name).path
            #expect(throws: StoreError.notAStore(path: path, reason: reason)) {
                try ResultStore(path: path, access: .readOnly)
            }
        }
        for (name, bytes) in files { #expect(try Data(contentsOf: dir.appendingPathComponent(name)) == bytes, "\(name)") }
        #expect(try Data(contentsOf: URL(fileURLWithPath: foreign)) == foreignBytes)
        #expect(try Self.names(dir) == ["cycle1.csv", "empty.sqlite", "other.db", "random.bin"])
        #expect(throws: StoreError.notAStore(path: dir.path, reason: "is a directory")) {
            try ResultStore(path: dir.path, access: .readOnly)
        }
    }

    /// A store of schema v1 (before the Kramers–Kronig columns) is read as it is, not migrated: verdicts empty.
    @Test func aVersionOneStoreIsReadWithoutMigrating() async throws {
        let (path, dir, rows) = try await Self.closedStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await DatabaseQueue(path: path).write { db in
            for c in ["kk_status", "kk_noise_percent", "kk_max_residual_percent", "kk_elements", "kk_reasons"] {
                try db.execute(sql: "ALTER TABLE fit DROP COLUMN \(c)")
            }
            try db.execute(sql: "DROP TABLE fit_attempt")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier NOT LIKE 'v1:%'")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let table = try ResultStore(path: path, access: .readOnly).export()
        #expect(table.rows.map(\.values) == rows.map(\.values))
        #expect(table.rows.allSatisfy { $0.kramersKronig == nil })
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let migrations = try await DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations.count == 1)
    }
}
