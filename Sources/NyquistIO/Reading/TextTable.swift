import Foundation
import NyquistText

/// A small delimited table with a header row — parameter series, per-cycle cycling data, pressure traces, cycler
/// time series — read by the same text layer as the spectrum readers: ``TextBuffer`` (encodings, line ends, BOM),
/// ``DelimitedTable/split(_:_:_:into:limit:)`` (RFC 4180 quoting) and NyquistText's `NumberParser`.
///
/// The header is the first line that is not blank and does not start with `#`; later blank and `#` lines are
/// skipped. The separator is `,`, or `;` / tab when the header has no comma (tab when it has both). Fields are
/// trimmed; a quoted field may hold separators (`"1,5"`) and doubled quotes (`""`). With `;` or tab separators the
/// decimal separator is `,` when the data use commas between digits and never a dot (``decimalComma``).
package struct TextTable: Sendable {
    package struct Row: Sendable {
        /// 1-based line number in the file.
        package var line: Int
        package var fields: [String]
    }

    /// Why a table could not be read; the caller adds the file name.
    package enum Failure: Error, Sendable, Hashable {
        /// The file could not be read, or is not text (e.g. an SQLite store; ``FileSignature``).
        case unreadable(reason: String)
        /// No header row.
        case noHeader
        /// A row (1-based `line`) whose field count differs from the header's.
        case fieldCount(line: Int, found: Int, expected: Int)
    }

    package var source: String
    package var header: [String]
    /// 1-based line of the header.
    package var headerLine: Int
    package var rows: [Row]
    package var separator: Separator
    /// `,` is the decimal separator (never with a comma field separator).
    package var decimalComma: Bool

    /// Reads `path`; an SQLite batch store is refused with a hint to export it first.
    package static func read(path: String) throws(Failure) -> TextTable {
        let bytes: [UInt8]
        do { bytes = try SpectrumFile.loadBytes(path: path) } catch { throw .unreadable(reason: error.reason) }
        if FileSignature.isSQLite(bytes) {
            throw .unreadable(
                reason: "this is an SQLite batch store; export it to CSV first (header cycle,spectrum,file,R1,R1_err,…)")
        }
        return try parse(TextBuffer(bytes), source: path)
    }

    /// Parses text already in memory.
    package static func parse(text: String, source: String) throws(Failure) -> TextTable {
        try parse(TextBuffer(Array(text.utf8)), source: source)
    }

    package static func parse(_ buffer: TextBuffer, source: String) throws(Failure) -> TextTable {
        let lines = (0..<buffer.count).filter { !buffer.isBlank($0) && !isComment(buffer, $0) }
        guard let headerIndex = lines.first else { throw .noHeader }
        let separator = separator(of: buffer.string(headerIndex))
        let header = DelimitedTable.names(buffer, line: headerIndex, sep: separator)
        var rows: [Row] = []
        for li in lines.dropFirst() {
            let fields = DelimitedTable.names(buffer, line: li, sep: separator)
            guard fields.count == header.count else {
                throw .fieldCount(line: li + 1, found: fields.count, expected: header.count)
            }
            rows.append(Row(line: li + 1, fields: fields))
        }
        let comma = decimalComma(buffer, lines.dropFirst(), separator: separator)
        return TextTable(
            source: source, header: header, headerLine: headerIndex + 1, rows: rows, separator: separator,
            decimalComma: comma)
    }

    /// True when the line, trimmed, starts with `#`.
    package static func isComment(_ buffer: TextBuffer, _ line: Int) -> Bool {
        buffer.bytes[buffer.lines[line]].first { $0 != 0x20 && $0 != 0x09 } == 0x23
    }

    /// `,` unless the header has none: then tab if it has a tab, else `;` if it has one, else `,`.
    package static func separator(of header: String) -> Separator {
        if header.contains(",") { return .comma }
        if header.contains("\t") { return .tab }
        if header.contains(";") { return .semicolon }
        return .comma
    }

    /// `,` is the decimal separator when, among the first 50 non-blank data lines, some field holds a comma between
    /// two digits and none a dot between two digits (Gamry's `...........` overload flags do not count). With a
    /// comma field separator only a quoted field (`"3,75"`, RFC 4180) can hold a decimal comma, as in the spectrum
    /// readers' table sniffing.
    package static func decimalComma(_ buffer: TextBuffer, _ lines: some Sequence<Int>, separator: Separator) -> Bool {
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        var comma = false
        var fields: [Int] = []
        for li in lines.lazy.filter({ !buffer.isBlank($0) }).prefix(50) {
            let ranges: [Range<Int>]
            if separator == .comma {
                let n = buffer.bytes.withUnsafeBufferPointer { DelimitedTable.split($0, buffer.lines[li], .comma, into: &fields) }
                ranges = (0..<n).map { fields[2 * $0]..<fields[2 * $0 + 1] }
            } else {
                ranges = [buffer.lines[li]]
            }
            for r in ranges where r.count >= 3 {
                for i in (r.lowerBound + 1)..<(r.upperBound - 1) where isDigit(buffer.bytes[i - 1]) && isDigit(buffer.bytes[i + 1]) {
                    if buffer.bytes[i] == 0x2E { return false }
                    if buffer.bytes[i] == 0x2C { comma = true }
                }
            }
        }
        return comma
    }

    /// The fields of one line of text split by `separator` with the table rules (RFC 4180 quotes, trimmed); [] for
    /// an empty line.
    package static func fields(of text: String, separator: Separator) -> [String] {
        let buffer = TextBuffer(Array(text.utf8))
        guard buffer.count > 0 else { return [] }
        return DelimitedTable.names(buffer, line: 0, sep: separator)
    }

    /// A header name reduced for matching: lower case, without spaces, `_`, `-`, `(`, `)`, `[`, `]`, `/`.
    package static func normalized(_ name: String) -> String {
        String(name.lowercased().filter { !" _-()[]/".contains($0) })
    }

    /// The index of the first column whose normalized name is one of `names` (already normalized).
    package func column(_ names: [String]) -> Int? {
        header.firstIndex { names.contains(TextTable.normalized($0)) }
    }

    /// The number in a field (NyquistText's `NumberParser`, `,` decimals when ``decimalComma``); nil when the
    /// field is not a number.
    package func number(_ text: String) -> Double? {
        TextTable.number(text, decimalComma: decimalComma)
    }

    /// A field's text as a number by `NumberParser` (surrounding spaces and quotes ignored; `inf`/`nan` read as
    /// such); nil when it is not one.
    package static func number(_ text: String, decimalComma: Bool = false) -> Double? {
        NumberParser.parse(text, decimalComma: decimalComma)
    }
}

/// The content signatures shared by every reader (spectra and cycler curves): magic bytes and first-line tags.
package enum FileSignature {
    /// SQLite database files start with `SQLite format 3\0`.
    package static func isSQLite(_ bytes: [UInt8]) -> Bool { bytes.starts(with: Array("SQLite format 3".utf8)) }

    /// The format a file's first bytes or first line declares, or nil when it declares none (tables, header-less
    /// exports): BioLogic `.mpr` magic, Zahner `.ism` magic, `EC-Lab ASCII FILE`, Gamry `EXPLAIN`, ZPlot/ZView tags,
    /// `RelaxIS`, CH Instruments `A.C. Impedance`, VersaStudio `<Application>`.
    package static func declaredFormat(_ bytes: [UInt8], firstLines lines: [String]) -> FileFormat? {
        if bytes.starts(with: Array("BIO-LOGIC MODULAR FILE".utf8)) { return .biologicMPR }
        if bytes.count >= 12, bytes.starts(with: [0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFE]) { return .zahnerISM }
        let first = lines.first ?? ""
        if first.hasPrefix("EC-Lab ASCII FILE") { return .biologicMPT }
        if first == "EXPLAIN" { return .gamryDTA }
        for tag in ["ZPLOT2 ASCII", "ZPlotW Data File", "Z60W Data File", "ZView Calculated Data File"] where first.contains(tag) {
            return .zplot
        }
        if first.hasPrefix("RelaxIS") { return .relaxis }
        if lines.count > 1, lines[1] == "A.C. Impedance" { return .chi }
        if first == "<Application>" { return .versastudio }
        return nil
    }
}
