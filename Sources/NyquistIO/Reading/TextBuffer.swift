/// A text file held as bytes, split into lines without decoding.
///
/// Lines end at LF; any CR before the LF is dropped (so LF, CRLF and PowerSuite's CR CR LF all work). A file with
/// CRs but no LF is split at CR. A UTF-8 BOM is skipped; UTF-16 (LE or BE, with BOM) is transcoded to UTF-8 first.
/// Legacy 8-bit bytes (Windows-1252/Latin-1 `µ` = 0xB5, `°` = 0xB0) stay as they are: ``string(_:)`` decodes a line
/// as UTF-8 when valid and as Latin-1 otherwise.
package struct TextBuffer: Sendable {
    package let bytes: [UInt8]
    /// Byte ranges of the lines, terminators excluded.
    package let lines: [Range<Int>]
    /// How the bytes were decoded before splitting (recorded in provenance).
    package let encodingNote: String?

    package init(_ raw: [UInt8]) {
        var data = raw
        var note: String? = nil
        if data.count >= 2, (data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF) {
            data = TextBuffer.utf16ToUTF8(data, littleEndian: data[0] == 0xFF)
            note = "decoded UTF-16\(raw[0] == 0xFF ? "LE" : "BE") text"
        } else if data.count >= 3, data[0] == 0xEF, data[1] == 0xBB, data[2] == 0xBF {
            data.removeFirst(3)
            note = "skipped UTF-8 byte-order mark"
        }
        bytes = data
        lines = TextBuffer.splitLines(data)
        encodingNote = note
    }

    static func splitLines(_ data: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        result.reserveCapacity(data.count / 40 + 1)
        let separator: UInt8 = data.contains(0x0A) ? 0x0A : 0x0D
        data.withUnsafeBufferPointer { p in
            var start = 0
            let n = p.count
            var i = 0
            while i < n {
                if p[i] == separator {
                    var end = i
                    while end > start, p[end - 1] == 0x0D { end -= 1 }
                    result.append(start..<end)
                    start = i + 1
                }
                i += 1
            }
            if start < n {
                var end = n
                while end > start, p[end - 1] == 0x0D { end -= 1 }
                result.append(start..<end)
            }
        }
        return result
    }

    /// UTF-16 → UTF-8, dropping every U+FEFF (PalmSens writes a second one after the JSON) and NULs.
    static func utf16ToUTF8(_ data: [UInt8], littleEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(data.count / 2)
        var i = 0
        while i + 1 < data.count {
            let u = littleEndian ? UInt16(data[i]) | UInt16(data[i + 1]) << 8 : UInt16(data[i]) << 8 | UInt16(data[i + 1])
            if u != 0xFEFF && u != 0 { units.append(u) }
            i += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// Number of lines.
    package var count: Int { lines.count }

    /// The line as text (UTF-8 if valid, otherwise Latin-1), without terminators.
    package func string(_ line: Int) -> String {
        TextBuffer.decode(bytes[lines[line]])
    }

    /// UTF-8 when the bytes are valid UTF-8, otherwise Latin-1 (each byte one code point).
    package static func decode(_ slice: ArraySlice<UInt8>) -> String {
        if let s = String(validating: slice, as: UTF8.self) { return s }
        return String(String.UnicodeScalarView(slice.map { Unicode.Scalar($0) }))
    }

    /// True if the line (trimmed of spaces and tabs) is empty.
    package func isBlank(_ line: Int) -> Bool {
        for i in lines[line] where bytes[i] != 0x20 && bytes[i] != 0x09 { return false }
        return true
    }

    /// True if the line starts with the ASCII prefix (case-sensitive).
    package func hasPrefix(_ line: Int, _ prefix: String) -> Bool {
        let r = lines[line]
        let p = Array(prefix.utf8)
        guard r.count >= p.count else { return false }
        for (k, b) in p.enumerated() where bytes[r.lowerBound + k] != b { return false }
        return true
    }

    /// 0-based index of the first line whose text (trimmed) starts with `prefix`, searching from `start`.
    func firstLine(startingWith prefix: String, from start: Int = 0, trimmed: Bool = true) -> Int? {
        var i = start
        while i < count {
            if trimmed ? string(i).trimmingSpaces().hasPrefix(prefix) : hasPrefix(i, prefix) { return i }
            i += 1
        }
        return nil
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs, CR, LF and quotes-free (quotes are kept).
    package func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" || c == "\n" || c == "\u{FEFF}" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" || c == "\n" { s.removeLast() }
        return String(s)
    }

    /// The string trimmed and with one pair of surrounding double quotes removed.
    func unquoted() -> String {
        let t = trimmingSpaces()
        if t.count >= 2, t.hasPrefix("\""), t.hasSuffix("\"") { return String(t.dropFirst().dropLast()).trimmingSpaces() }
        return t
    }
}
