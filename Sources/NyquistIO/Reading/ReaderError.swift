/// Where in a file a problem was found.
public enum SourceLocation: Sendable, Hashable, Codable {
    /// 1-based line number in a text file.
    case line(Int)
    /// 0-based byte offset in a binary file.
    case byte(Int)
    /// The file as a whole.
    case file
}

/// A reader failure: always names the file, the place and the reason.
///
/// `description` renders as one line, `FILE:LINE: reason` for text files or `FILE: byte N: reason` for binary ones,
/// so that editors and CI logs can jump to the spot.
public enum ReaderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be opened or read (missing, a directory, permissions).
    case unreadable(file: String, reason: String)
    /// The file has zero bytes.
    case emptyFile(file: String)
    /// No reader recognises the content (and no `--format` was given).
    case unknownFormat(file: String, reason: String)
    /// A column the format requires was not found (e.g. `freq/Hz` in an EC-Lab file).
    case missingColumn(file: String, at: SourceLocation, column: String)
    /// A field that must be a number is not one.
    case invalidNumber(file: String, at: SourceLocation, text: String)
    /// The file ends before a structure it announced is complete.
    case truncated(file: String, at: SourceLocation, reason: String)
    /// The content contradicts the format (bad magic, impossible count, inconsistent sizes …).
    case malformed(file: String, at: SourceLocation, reason: String)
    /// The file is well formed but holds no impedance data (e.g. a galvanostatic cycling .mpr).
    case noImpedanceData(file: String, reason: String)
    /// The file uses a variant this reader does not support.
    case unsupported(file: String, at: SourceLocation, reason: String)

    /// The file the error refers to.
    public var file: String {
        switch self {
        case .unreadable(let f, _), .emptyFile(let f), .unknownFormat(let f, _), .noImpedanceData(let f, _): f
        case .missingColumn(let f, _, _), .invalidNumber(let f, _, _), .truncated(let f, _, _),
             .malformed(let f, _, _), .unsupported(let f, _, _): f
        }
    }

    /// The location inside the file, `.file` when the error concerns the whole file.
    public var location: SourceLocation {
        switch self {
        case .unreadable, .emptyFile, .unknownFormat, .noImpedanceData: .file
        case .missingColumn(_, let at, _), .invalidNumber(_, let at, _), .truncated(_, let at, _),
             .malformed(_, let at, _), .unsupported(_, let at, _): at
        }
    }

    /// The reason without file and location.
    public var reason: String {
        switch self {
        case .unreadable(_, let r): "cannot read file: \(r)"
        case .emptyFile: "file is empty (0 bytes)"
        case .unknownFormat(_, let r): "unknown file format: \(r)"
        case .missingColumn(_, _, let c): "required column \(c) not found"
        case .invalidNumber(_, _, let t): "not a number: '\(t)'"
        case .truncated(_, _, let r): "file is truncated: \(r)"
        case .malformed(_, _, let r): r
        case .noImpedanceData(_, let r): "no impedance data: \(r)"
        case .unsupported(_, _, let r): "unsupported: \(r)"
        }
    }

    public var description: String {
        switch location {
        case .line(let n): "\(file):\(n): \(reason)"
        case .byte(let n): "\(file): byte \(n): \(reason)"
        case .file: "\(file): \(reason)"
        }
    }
}
