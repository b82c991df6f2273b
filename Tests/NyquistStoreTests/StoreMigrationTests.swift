import Foundation
import GRDB
@testable import NyquistStore
import NyquistTestSupport
import Testing

/// Issue 16 (series): schema v3 → v4. The fixture `Fixtures/v3-store.sqlite` was written by the schema-v3 program
/// (commit a442ac1, `Fixtures/make-v3-store.sh`): 4 fits of the synthetic series R3 = 100 + 20√n Ω.
@Suite struct StoreMigrationTests {
    /// A copy of the v3 fixture in a fresh directory.
    static func v3Copy() throws -> (path: String, dir: URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-v3-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("results.sqlite").path
        try FileManager.default.copyItem(atPath: RepositoryPaths.fixtures("NyquistStoreTests")
            .appendingPathComponent("v3-store.sqlite").path, toPath: path)
        return (path, dir)
    }

    /// Every row of the v3 tables, as text, straight from SQLite (not through the store's code).
    static func dump(_ path: String) throws -> [String: [String]] {
        let q = try DatabaseQueue(path: path)
        defer { try? q.close() }
        return try q.read { db in
            var out: [String: [String]] = [:]
            for t in ["source_file", "spectrum", "fit_set", "fit", "fit_parameter", "fit_attempt"] {
                out[t] = try Row.fetchAll(db, sql: "SELECT * FROM \(t) ORDER BY rowid").map { $0.description }
            }
            return out
        }
    }

    static func migrations(_ path: String) throws -> [String] {
        let q = try DatabaseQueue(path: path)
        defer { try? q.close() }
        return try q.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
    }

    @Test func aV3StoreWithFitsMigratesToV4WithItsRowsIntactAndNoDRT() throws {
        let (path, dir) = try Self.v3Copy()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Self.migrations(path) == Array(Schema.versions.prefix(3)))
        let before = try Self.dump(path)
        #expect(before["fit"]?.count == 4)
        #expect(before["fit_parameter"]?.count == 32)

        let store = try ResultStore(path: path)
        #expect(try Self.migrations(path) == Schema.versions)
        #expect(try Self.dump(path) == before)
        // The fixture's fits through the store's export: R3 of the synthetic truth 100 + 20√n Ω (0.5 % noise),
        // each within 5 %.
        let rows = try store.export(parameters: ["R3"]).rows
        #expect(rows.map(\.cycleLabel) == [0, 1, 2, 3])
        for r in rows {
            let truth = 100 + 20 * Double(r.cycleLabel ?? 0).squareRoot()
            #expect(abs((r.values[0] ?? 0) / truth - 1) < 0.05)
        }
        #expect(try store.drtSets().isEmpty)
        #expect(throws: StoreError.noDRT(path: path)) { try store.drts() }
        let empty = try DatabaseQueue(path: path).read { db in
            try ["drt_set", "drt", "drt_peak"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") }
        }
        #expect(empty == [0, 0, 0])
        try store.close()

        // Idempotent: opening the v4 store again runs no migration and changes no row.
        let again = try ResultStore(path: path)
        #expect(try Self.migrations(path) == Schema.versions)
        #expect(try Self.dump(path) == before)
        #expect(try again.export(parameters: ["R3"]).rows == rows)
        try again.close()
    }

    /// Export and report open a store read-only: a v3 store is read as it is (never migrated, not a byte
    /// changed) and simply has no DRT.
    @Test func aV3StoreOpenedReadOnlyStaysV3AndHasNoDRT() throws {
        let (path, dir) = try Self.v3Copy()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let store = try ResultStore(path: path, access: .readOnly)
        #expect(try store.export().rows.count == 4)
        #expect(try store.drtSets().isEmpty)
        #expect(throws: StoreError.noDRT(path: path)) { try store.drts() }
        try store.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        #expect(try Self.migrations(path) == Array(Schema.versions.prefix(3)))
    }
}
