import Foundation

/// Field separator of a text table.
package enum Separator: String, Sendable {
    case tab, comma, semicolon, whitespace

    package var byte: UInt8 {
        switch self {
        case .tab: 0x09
        case .comma: 0x2C
        case .semicolon: 0x3B
        case .whitespace: 0x20
        }
    }
}

package enum DelimitedTable {
    /// Splits `range` of `p` into fields, writing (start, end) pairs into `fields`; stops after `limit` fields.
    /// Returns the number of fields. Tab/comma/semicolon fields may be empty; whitespace fields never are.
    @inline(__always)
    package static func split(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ sep: Separator, into fields: inout [Int],
                      limit: Int = Int.max) -> Int {
        fields.removeAll(keepingCapacity: true)
        var count = 0
        var i = range.lowerBound
        let end = range.upperBound
        if sep == .whitespace {
            while i < end && count < limit {
                while i < end, p[i] == 0x20 || p[i] == 0x09 { i += 1 }
                if i >= end { break }
                let s = i
                while i < end, p[i] != 0x20, p[i] != 0x09 { i += 1 }
                fields.append(s); fields.append(i); count += 1
            }
            return count
        }
        let b = sep.byte
        var s = i
        while i < end {
            if p[i] == b {
                fields.append(s); fields.append(i); count += 1
                if count >= limit { return count }
                s = i + 1
            }
            i += 1
        }
        fields.append(s); fields.append(end); count += 1
        return count
    }

    /// True when the field is only spaces/quotes.
    @inline(__always)
    static func isEmptyField(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        var i = s
        while i < e { if p[i] != 0x20 && p[i] != 0x22 && p[i] != 0x09 { return false }; i += 1 }
        return true
    }

    /// Number of non-empty fields of a line, and how many of them parse as numbers.
    static func numericProfile(_ buffer: TextBuffer, line: Int, sep: Separator, decimalComma: Bool) -> (fields: Int, numeric: Int) {
        var fields: [Int] = []
        return buffer.bytes.withUnsafeBufferPointer { p in
            let n = split(p, buffer.lines[line], sep, into: &fields)
            var nonEmpty = 0, numeric = 0
            for k in 0..<n {
                let s = fields[2 * k], e = fields[2 * k + 1]
                if isEmptyField(p, s, e) { continue }
                nonEmpty += 1
                if NumberParser.parse(p, s, e, decimalComma: decimalComma) != nil { numeric += 1 }
            }
            return (nonEmpty, numeric)
        }
    }

    /// Reads impedance rows from `lines` using `map`, appending to `rows`.
    ///
    /// Blank lines and lines with no number at all (repeated headers, section titles) become gaps. A row whose
    /// required fields are missing or not numbers is an error naming the line. Z is converted to the signed
    /// convention: Re = ±x, Im = ±y per `map`, or Re = |Z|·cos φ, Im = |Z|·sin φ with φ in radians.
    static func readRows(_ buffer: TextBuffer, lines: Range<Int>, sep: Separator, decimalComma: Bool, map: ColumnMap,
                         rows: inout RowCollector, file: String) throws(ReaderError) {
        let limit = map.maxIndex + 1
        let degree = Double.pi / 180
        var fields: [Int] = []
        fields.reserveCapacity(2 * (limit + 1))
        var failure: ReaderError? = nil
        buffer.bytes.withUnsafeBufferPointer { p in
            for li in lines {
                let range = buffer.lines[li]
                let n = split(p, range, sep, into: &fields, limit: limit)
                @inline(__always) func value(_ c: Int?) -> Double? {
                    guard let c, c < n else { return nil }
                    return NumberParser.parse(p, fields[2 * c], fields[2 * c + 1], decimalComma: decimalComma)
                }
                func fieldText(_ c: Int) -> String {
                    c < n ? TextBuffer.decode(buffer.bytes[fields[2 * c]..<fields[2 * c + 1]]).trimmingSpaces() : ""
                }
                guard let f = value(map.frequency) else {
                    // A line without any number is a section boundary; a partly numeric one is an error.
                    var anyNumber = false
                    for k in 0..<n where NumberParser.parse(p, fields[2 * k], fields[2 * k + 1], decimalComma: decimalComma) != nil {
                        anyNumber = true; break
                    }
                    if !anyNumber { rows.gap(); continue }
                    failure = map.frequency < n
                        ? .invalidNumber(file: file, at: .line(li + 1), text: fieldText(map.frequency))
                        : .malformed(file: file, at: .line(li + 1), reason: "row has \(n) fields, the frequency is column \(map.frequency + 1)")
                    return
                }
                var re: Double, im: Double
                if let rc = map.real, let ic = map.imaginary {
                    guard let x = value(rc) else { failure = bad(rc, n, li, fieldText(rc), file); return }
                    guard let y = value(ic) else { failure = bad(ic, n, li, fieldText(ic), file); return }
                    re = map.realNegated ? -x : x
                    im = map.imaginaryNegated ? -y : y
                } else if let mc = map.modulus, let pc = map.phase {
                    guard let m = value(mc) else { failure = bad(mc, n, li, fieldText(mc), file); return }
                    guard let ph = value(pc) else { failure = bad(pc, n, li, fieldText(pc), file); return }
                    var phi = map.phaseNegated ? -ph : ph
                    if !map.phaseRadians { phi *= degree }
                    re = m * Foundation.cos(phi)
                    im = m * Foundation.sin(phi)
                } else {
                    return
                }
                var label: Int? = nil
                if let l = value(map.label), l.isFinite, abs(l) < 1e15 { label = Int(l.rounded()) }
                rows.add(frequency: f, real: re, imaginary: im, position: li + 1, label: label, time: value(map.time),
                         potential: value(map.potential), current: value(map.current).map { $0 * map.currentScale })
            }
        }
        if let failure { throw failure }
    }

    private static func bad(_ column: Int, _ n: Int, _ line: Int, _ text: String, _ file: String) -> ReaderError {
        column < n
            ? .invalidNumber(file: file, at: .line(line + 1), text: text)
            : .malformed(file: file, at: .line(line + 1), reason: "row has \(n) fields, expected at least \(column + 1)")
    }

    /// Splits a header line into names with the given separator.
    package static func names(_ buffer: TextBuffer, line: Int, sep: Separator) -> [String] {
        var fields: [Int] = []
        return buffer.bytes.withUnsafeBufferPointer { p in
            let n = split(p, buffer.lines[line], sep, into: &fields)
            return (0..<n).map { TextBuffer.decode(buffer.bytes[fields[2 * $0]..<fields[2 * $0 + 1]]).unquoted() }
        }
    }
}
