import Foundation
import NyquistText

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
    ///
    /// RFC 4180 quoting: a field whose first non-space byte is `"` runs to the matching closing `"` (a doubled `""`
    /// inside stands for one quote), so separators inside quotes (`"1000000,0","10,01"`) do not split; the
    /// recorded range is the text between the quotes. A `"` with no closing partner is an ordinary character.
    /// Quoted fields cannot span lines.
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
                if p[i] == 0x22, let close = closingQuote(p, i, end) {
                    fields.append(i + 1); fields.append(close); count += 1
                    i = close + 1
                    while i < end, p[i] != 0x20, p[i] != 0x09 { i += 1 }
                    continue
                }
                let s = i
                while i < end, p[i] != 0x20, p[i] != 0x09 { i += 1 }
                fields.append(s); fields.append(i); count += 1
            }
            return count
        }
        let b = sep.byte
        var s = i
        while true {
            var j = s
            while j < end, p[j] == 0x20 { j += 1 }
            var k: Int
            if j < end, p[j] == 0x22, let close = closingQuote(p, j, end) {
                fields.append(j + 1); fields.append(close)
                k = close + 1
                while k < end, p[k] != b { k += 1 }
            } else {
                k = s
                while k < end, p[k] != b { k += 1 }
                fields.append(s); fields.append(k)
            }
            count += 1
            if k >= end || count >= limit { return count }
            s = k + 1
        }
    }

    /// Index of the `"` closing the quoted field that opens at `open`, skipping doubled `""`; nil when unclosed.
    @inline(__always)
    static func closingQuote(_ p: UnsafeBufferPointer<UInt8>, _ open: Int, _ end: Int) -> Int? {
        var x = open + 1
        while x < end {
            if p[x] == 0x22 {
                if x + 1 < end, p[x + 1] == 0x22 { x += 2; continue }
                return x
            }
            x += 1
        }
        return nil
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
    /// Blank lines and lines with no number at all (repeated headers, section titles) become gaps. The table's usual
    /// width W is the most common field count of the rows whose frequency is a number (ties: the wider). A file cut
    /// off mid-row would otherwise give a partial number as a value, so the file's last line is dropped, and recorded
    /// with its line (``RowCollector/drop(position:reason:)``), when it has fewer than W fields or ends in a number cut
    /// short (`1.23e`, `-`). A row with fewer than W fields anywhere else, and any other row whose required fields
    /// are missing or not numbers, is an error naming the line. With a `spectrum` column (``ColumnMap/spectrum``) a
    /// change of its text between impedance rows is a gap, and ``RowCollector/splitByColumn`` is set. Z is converted to the signed convention: Re = ±x,
    /// Im = ±y per `map`, or Re = |Z|·cos φ, Im = |Z|·sin φ with φ in radians.
    static func readRows(_ buffer: TextBuffer, lines: Range<Int>, sep: Separator, decimalComma: Bool, map: ColumnMap,
                         rows: inout RowCollector, file: String) throws(ReaderError) {
        let limit = map.maxIndex + 1
        let degree = Double.pi / 180
        var fields: [Int] = []
        fields.reserveCapacity(2 * (limit + 1))
        var failure: ReaderError? = nil
        let lastLine = (0..<buffer.count).last { !buffer.isBlank($0) } ?? -1
        buffer.bytes.withUnsafeBufferPointer { p in
            // Pass 1: every line's field count, and the usual width W of the rows whose frequency is a number.
            var width: [Int] = []
            width.reserveCapacity(lines.count)
            var histogram: [Int: Int] = [:]
            for li in lines {
                let w = split(p, buffer.lines[li], sep, into: &fields)
                width.append(w)
                if map.frequency < w,
                   NumberParser.parse(p, fields[2 * map.frequency], fields[2 * map.frequency + 1], decimalComma: decimalComma) != nil {
                    histogram[w, default: 0] += 1
                }
            }
            // The `spectrum` column's text on the last impedance row (a change starts a new spectrum).
            var lastSpectrum: String? = nil
            rows.splitByColumn = map.spectrum != nil
            let usual = histogram.max { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }?.key ?? 0
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
                /// Drops the file's last line when the bad field `c` is its last field and a number cut short
                /// (`1.23e`, `-`); any other bad row is an error. True when the row was dropped.
                func reject(_ error: ReaderError, _ c: Int) -> Bool {
                    let text = fieldText(c)
                    guard li == lastLine, c == width[li - lines.lowerBound] - 1,
                          NumberParser.isCutOffNumber(text, decimalComma: decimalComma) else { failure = error; return false }
                    rows.drop(position: li + 1, reason: "the file ends in '\(text)', a number cut short: last row dropped")
                    return true
                }
                let f = value(map.frequency)
                if f == nil {
                    // A line without any number is a section boundary.
                    var anyNumber = false
                    for k in 0..<n where NumberParser.parse(p, fields[2 * k], fields[2 * k + 1], decimalComma: decimalComma) != nil {
                        anyNumber = true; break
                    }
                    if !anyNumber {
                        // The file's last line cut inside its first number (`1.0000000E`) is a dropped row, not a gap.
                        let first = fieldText(0)
                        if li == lastLine, width[li - lines.lowerBound] < usual, !first.isEmpty,
                           NumberParser.isCutOffNumber(first, decimalComma: decimalComma) {
                            rows.drop(position: li + 1, reason: "the file ends in '\(first)', a number cut short: last row dropped")
                        } else {
                            rows.gap()
                        }
                        continue
                    }
                }
                let w = width[li - lines.lowerBound]
                if w < usual {
                    let reason = "\(w) field\(w == 1 ? "" : "s") where the table's rows have \(usual)"
                    guard li == lastLine else { failure = .malformed(file: file, at: .line(li + 1), reason: "row has " + reason); return }
                    rows.drop(position: li + 1, reason: "the file ends in a row with \(reason) (cut off): last row dropped")
                    continue
                }
                guard let f else {
                    let error: ReaderError = map.frequency < n
                        ? .invalidNumber(file: file, at: .line(li + 1), text: fieldText(map.frequency))
                        : .malformed(file: file, at: .line(li + 1), reason: "row has \(n) fields, the frequency is column \(map.frequency + 1)")
                    if reject(error, map.frequency) { continue } else { return }
                }
                var re: Double, im: Double
                if let rc = map.real, let ic = map.imaginary {
                    guard let x = value(rc) else { if reject(bad(rc, n, li, fieldText(rc), file), rc) { continue } else { return } }
                    guard let y = value(ic) else { if reject(bad(ic, n, li, fieldText(ic), file), ic) { continue } else { return } }
                    re = map.realNegated ? -x : x
                    im = map.imaginaryNegated ? -y : y
                } else if let mc = map.modulus, let pc = map.phase {
                    guard let m = value(mc) else { if reject(bad(mc, n, li, fieldText(mc), file), mc) { continue } else { return } }
                    guard let ph = value(pc) else { if reject(bad(pc, n, li, fieldText(pc), file), pc) { continue } else { return } }
                    var phi = map.phaseNegated ? -ph : ph
                    if !map.phaseRadians { phi *= degree }
                    re = m * Foundation.cos(phi)
                    im = m * Foundation.sin(phi)
                } else {
                    return
                }
                if map.spectrum != nil {
                    let id = fieldText(map.spectrum ?? 0)
                    if let last = lastSpectrum, last != id { rows.gap() }
                    lastSpectrum = id
                }
                var label: Int? = nil
                if let l = value(map.label), l.isFinite, abs(l) < 1e15 { label = Int(l.rounded()) }
                let before = rows.count
                rows.add(frequency: f, real: re, imaginary: im, position: li + 1, label: label, time: value(map.time),
                         potential: value(map.potential), current: value(map.current).map { $0 * map.currentScale })
                if let c = map.channel, rows.count > before {
                    let name = fieldText(c).replacingOccurrences(of: "\"\"", with: "\"")
                    if !name.isEmpty { rows.channel[before] = name }
                }
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
            return (0..<n).map { k in
                let s = fields[2 * k], e = fields[2 * k + 1]
                let text = TextBuffer.decode(buffer.bytes[s..<e])
                // A quoted field's range excludes its quotes; `""` inside stands for one quote.
                return s > 0 && p[s - 1] == 0x22 && e < p.count && p[e] == 0x22
                    ? text.replacingOccurrences(of: "\"\"", with: "\"").trimmingSpaces() : text.unquoted()
            }
        }
    }
}
