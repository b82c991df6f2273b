import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An input path or directory entry that a batch run left out, and why. It is reported (one line each), not stored:
/// without readable bytes it has no content hash to be identified by on a rerun.
public struct SkippedInput: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    /// The cause in a few words: `is empty`, `is a FIFO (named pipe)`, `broken symbolic link`, `permission denied`,
    /// `is a directory (not searched; give it as an input of its own)`, …
    public var reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "\(path): skipped: \(reason)" }
}

/// What `stat` says about one path, decided before anything is opened (a FIFO is never opened).
enum InputEntry: Equatable {
    case regularFile
    case directory
    /// Anything that cannot be read as a file, with the reason.
    case problem(String)

    /// Classifies `path` with `lstat` (to tell a broken symbolic link from a missing file) and `stat`.
    static func classify(_ path: String) -> InputEntry {
        var link = stat()
        guard lstat(path, &link) == 0 else { return .problem(errnoText()) }
        var target = stat()
        guard stat(path, &target) == 0 else {
            let code = errno
            guard link.st_mode & S_IFMT == S_IFLNK else { return .problem(errnoText(code)) }
            switch code {
            case ENOENT: return .problem("broken symbolic link")
            case ELOOP: return .problem("symbolic link loop")
            default: return .problem("symbolic link: \(errnoText(code))")
            }
        }
        switch target.st_mode & S_IFMT {
        case S_IFREG: return target.st_size == 0 ? .problem("is empty") : .regularFile
        case S_IFDIR: return .directory
        case S_IFIFO: return .problem("is a FIFO (named pipe)")
        case S_IFSOCK: return .problem("is a socket")
        case S_IFCHR: return .problem("is a character device")
        case S_IFBLK: return .problem("is a block device")
        default: return .problem("is not a regular file")
        }
    }

    /// The bytes of the regular file at `path`, or why they cannot be read.
    ///
    /// Opened with `O_NONBLOCK` and checked with `fstat` after opening, so a file swapped for a FIFO between
    /// ``classify(_:)`` and the read cannot hang the run.
    static func readRegularFile(_ path: String) -> Result<[UInt8], SkippedInput> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(SkippedInput(path: path, reason: errnoText())) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(SkippedInput(path: path, reason: errnoText())) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return .failure(SkippedInput(path: path, reason: "is not a regular file"))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(clamping: info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(SkippedInput(path: path, reason: errnoText()))
            }
            bytes += chunk.prefix(n)
        }
        guard !bytes.isEmpty else { return .failure(SkippedInput(path: path, reason: "is empty")) }
        return .success(bytes)
    }

    /// `strerror` in lower case: `permission denied`, `no such file or directory`, …
    static func errnoText(_ code: Int32 = errno) -> String { String(cString: strerror(code)).lowercased() }
}
