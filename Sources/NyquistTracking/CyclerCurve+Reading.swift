import Foundation
import NyquistIO

/// Reading a curve file, the format detected from the content (then the extension).
extension CyclerCurve {
    /// The kind of a cycling file.
    enum FileKind {
        case bioLogicText, gamry, csv, bioLogicBinary
    }

    /// Reads a BioLogic `.mpt` or `.mpr`, a Gamry `.DTA` or a time-series CSV.
    /// - Throws: `.unreadable` (missing file; truncated, corrupt or unsupported `.mpr`, with the byte offset),
    ///   `.noData` (empty), `.missingColumn`, `.badValue`, `.badRow`.
    public static func read(path: String) throws(TrackingError) -> CyclerCurve {
        let (buffer, kind) = try load(path: path)
        switch kind {
        case .bioLogicText: return try readBioLogicText(buffer, source: path)
        case .gamry: return try readGamry(buffer, source: path)
        case .csv: return try readTimeSeriesCSV(buffer, source: path)
        case .bioLogicBinary: return try readBioLogicBinary(buffer.bytes, source: path)
        }
    }

    /// Parses curve text already in memory; `source` names it in errors and selects the format by extension when
    /// the content does not (`.mpt`, `.dta`, `.mpr`, else CSV).
    public static func parse(text: String, source: String = "<string>") throws(TrackingError) -> CyclerCurve {
        let buffer = TextBuffer(Array(text.utf8))
        switch try kind(of: buffer, source: source) {
        case .bioLogicText: return try readBioLogicText(buffer, source: source)
        case .gamry: return try readGamry(buffer, source: source)
        case .csv: return try readTimeSeriesCSV(buffer, source: source)
        case .bioLogicBinary: return try readBioLogicBinary(buffer.bytes, source: source)
        }
    }

    static func load(path: String) throws(TrackingError) -> (TextBuffer, FileKind) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(TrackingLocation(source: path), reason: error.localizedDescription)
        }
        // Binary: the buffer only carries the bytes (its line split is not used).
        if data.starts(with: Array("BIO-LOGIC MODULAR FILE".utf8)) { return (TextBuffer([UInt8](data)), .bioLogicBinary) }
        let buffer = TextBuffer([UInt8](data))
        return (buffer, try kind(of: buffer, source: path))
    }

    static func kind(of buffer: TextBuffer, source: String) throws(TrackingError) -> FileKind {
        guard buffer.lines.contains(where: { !$0.isEmpty }) else {
            throw .noData(TrackingLocation(source: source), reason: "the file is empty")
        }
        if buffer.hasPrefix(0, "EC-Lab ASCII FILE") { return .bioLogicText }
        if buffer.hasPrefix(0, "EXPLAIN") { return .gamry }
        if buffer.hasPrefix(0, "BIO-LOGIC MODULAR FILE") { return .bioLogicBinary }
        let ext = source.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if ext == "mpt" { return .bioLogicText }
        if ext == "dta" { return .gamry }
        if ext == "mpr" { return .bioLogicBinary }
        return .csv
    }
}
