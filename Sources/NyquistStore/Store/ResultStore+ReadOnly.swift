import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ResultStore {
    /// Tables every results store has had since schema v1; a database without them is not a store.
    static let requiredTables = ["source_file", "spectrum", "fit_set", "fit", "fit_parameter"]

    /// Opens the store at `path` without ever writing to it or beside it.
    ///
    /// - The path must be a non-empty regular file starting with the SQLite header (`SQLite format 3\0`); it is
    ///   checked with `lstat`/`stat` (``InputEntry/classify(_:)``) and a 16-byte read (opened non-blocking, so a FIFO
    ///   can never hang the call).
    /// - SQLite opens it with `SQLITE_OPEN_READONLY`, so no migration runs and no byte of it changes.
    /// - When no write-ahead log with content lies beside it (the last writer closed cleanly: ``close()``), it is
    ///   opened as `immutable`: no locks and no `-wal`/`-shm` side files, so a `chmod 444` store in a `chmod 555`
    ///   folder reads. With a non-empty `-wal` (a batch is running, or one was killed) the log is read as well,
    ///   which needs the `-shm` file: in a read-only folder without one, the open fails with a message saying so.
    /// - It must hold the store's tables (``requiredTables``); an older schema is read as it is (a v1 store has no
    ///   Kramers–Kronig columns: its verdicts are exported empty).
    static func openReadOnly(_ path: String) throws(StoreError) -> DatabaseQueue {
        switch InputEntry.classify(path) {
        case .regularFile: break
        case .directory: throw .notAStore(path: path, reason: "is a directory")
        case .problem(let reason) where reason == "no such file or directory":
            throw .database(path: path, message: reason)
        case .problem(let reason): throw .notAStore(path: path, reason: reason)
        }
        let header = try readHeader(path)
        guard header == Array("SQLite format 3\0".utf8) else {
            throw .notAStore(path: path, reason: "not an SQLite database (no SQLite header)")
        }
        var wal = stat()
        let walHasContent = stat(path + "-wal", &wal) == 0 && wal.st_size > 0
        var config = Configuration()
        config.readonly = true
        let target = walHasContent ? path : URL(fileURLWithPath: path).absoluteString + "?immutable=1"
        let queue: DatabaseQueue
        do { queue = try DatabaseQueue(path: target, configuration: config) } catch {
            if walHasContent, case .database(_, let message) = wrap(error, path) {
                throw .database(path: path, message: "\(message): its write-ahead log (\(path)-wal) holds fits not "
                                + "yet in the main file, and SQLite needs the -shm file beside it to read them; copy "
                                + "the store with its -wal and -shm files to a writable folder")
            }
            throw wrap(error, path)
        }
        let missing: [String]
        do {
            missing = try queue.read { db in try requiredTables.filter { try !db.tableExists($0) } }
        } catch {
            throw .notAStore(path: path, reason: wrap(error, path).description)
        }
        guard missing.isEmpty else {
            throw .notAStore(path: path, reason: "an SQLite database without the tables \(missing.joined(separator: ", "))")
        }
        return queue
    }

    /// The first 16 bytes of the regular file at `path` (fewer when it is shorter).
    private static func readHeader(_ path: String) throws(StoreError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw .database(path: path, message: InputEntry.errnoText()) }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do { return [UInt8](try handle.read(upToCount: 16) ?? Data()) } catch {
            throw .database(path: path, message: error.localizedDescription)
        }
    }
}
