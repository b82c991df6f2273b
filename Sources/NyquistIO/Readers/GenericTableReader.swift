import NyquistText

/// Generic delimited tables: CSV, semicolon, tab or whitespace separated, with or without a header.
///
/// Detection, in order, each step recorded in provenance:
/// 1. Separator and decimal mark from the last data-like lines: the first of tab, `;`, `,`, whitespace that splits
///    a line into ≥ 3 fields that are all numbers; a `,` decimal mark is tried too (with a `,` separator only inside
///    RFC 4180 quotes, `"1000000,0","10,01"`). When no line is all numbers, rows with ≥ 3 numbers among text fields
///    (a comment or label column) are accepted: their columns must then be named by the header.
/// 2. The first data row is the first line with ≥ 3 fields, all numeric (or, for rows with text columns, ≥ 3
///    numbers and no more text fields than the sniffed row). The header is the nearest non-blank line above it
///    with ≥ 2 fields (a lone point-count line is skipped).
/// 3. Columns by header name (f/freq/Frequency, Z′/Zre/Re(Z)/real, Z″/Zim/-Im(Z)/imaginary, |Z|, phase …), the sign
///    convention from a leading `-`, the phase unit from `deg`/`rad` in the name. Without a recognisable header the
///    columns are f, Z′, Z″ (signed) — after a leading 0,1,2,… index column if there is one — unless options say otherwise.
/// Parstat and PowerSuite exports are tables of this kind (their Frequency = 0 DC rows become gaps).
enum GenericTableReader {
    static func read(_ bytes: [UInt8], file: String, options: ReadOptions) throws(ReaderError) -> [Spectrum] {
        let buffer = TextBuffer(bytes)
        var provenance: [String] = []
        let rows = try readTable(buffer, from: 0, file: file, options: options, provenance: &provenance)
        return SweepSplitter.split(rows, file: file, format: .csv, positions: .line, options: options,
                                   provenance: provenance, warnings: signWarnings(rows, provenance))
    }

    /// Chooses separator and decimal mark from data-like lines near the end of `lines`: the first separator and
    /// mark that split a line into ≥ 3 fields, all numbers — or, with `allNumeric` false, ≥ 3 numbers among text
    /// fields. Returns also the sniffed line's count of non-numeric fields.
    static func sniff(_ buffer: TextBuffer, _ lines: Range<Int>, options: ReadOptions,
                      allNumeric: Bool = true) -> (Separator, Bool, text: Int)? {
        var checked = 0
        for li in lines.reversed() where !buffer.isBlank(li) {
            for sep in [Separator.tab, .semicolon, .comma, .whitespace] {
                let decimals: [Bool]
                switch options.decimalSeparator {
                case .dot: decimals = [false]
                case .comma: decimals = [true]
                // With a comma separator a decimal comma can only sit inside quotes; dot is tried first.
                case .auto: decimals = [false, true]
                }
                for dc in decimals {
                    let prof = DelimitedTable.numericProfile(buffer, line: li, sep: sep, decimalComma: dc)
                    if allNumeric ? prof.fields >= 3 && prof.numeric == prof.fields : prof.numeric >= 3 {
                        return (sep, dc, prof.fields - prof.numeric)
                    }
                }
            }
            checked += 1
            if checked >= 20 { break }
        }
        return nil
    }

    /// Finds header and data in `buffer` from line `from` on and reads the rows.
    static func readTable(_ buffer: TextBuffer, from: Int, file: String, options: ReadOptions,
                          provenance: inout [String]) throws(ReaderError) -> RowCollector {
        if let note = buffer.encodingNote { provenance.append(note) }
        let all = from..<buffer.count
        guard !all.isEmpty, all.contains(where: { !buffer.isBlank($0) }) else { throw .emptyFile(file: file) }
        // Rows with text fields (a comment or label column) are accepted only when no row is all numbers.
        guard let (sep, comma, textFields) = sniff(buffer, all, options: options)
                ?? sniff(buffer, all, options: options, allNumeric: false) else {
            throw .noImpedanceData(file: file, reason: "no table rows with at least 3 numeric fields found")
        }
        provenance.append("field separator \(sep.rawValue), decimal mark '\(comma ? "," : ".")'")
        guard var firstData = all.first(where: {
            let p = DelimitedTable.numericProfile(buffer, line: $0, sep: sep, decimalComma: comma)
            return p.numeric >= 3 && p.fields - p.numeric <= textFields
        }) else {
            throw .noImpedanceData(file: file, reason: "no table rows with at least 3 numeric fields found")
        }
        // Rows right above it with as many numbers and a text field (a comment column filled there) are data too.
        let numbers = DelimitedTable.numericProfile(buffer, line: firstData, sep: sep, decimalComma: comma).numeric
        while firstData > from, !buffer.isBlank(firstData - 1),
              DelimitedTable.numericProfile(buffer, line: firstData - 1, sep: sep, decimalComma: comma).numeric >= numbers {
            firstData -= 1
        }
        if buffer.bytes[buffer.lines[firstData]].contains(0x22) {
            provenance.append("quoted fields (RFC 4180) in the data rows: separators inside quotes do not split")
        }
        // Header: nearest non-blank line above with ≥ 2 fields.
        var headerLine: Int? = nil
        var li = firstData - 1
        var skipped = 0
        while li >= from && skipped < 3 {
            if !buffer.isBlank(li) {
                let p = DelimitedTable.numericProfile(buffer, line: li, sep: sep, decimalComma: comma)
                if p.fields >= 2 { headerLine = li; break }
                skipped += 1
            }
            li -= 1
        }
        let textInFirst = textColumns(buffer, firstData, sep: sep, comma: comma)
        var map: ColumnMap
        if let h = headerLine, let m = ColumnMap.fromHeader(DelimitedTable.names(buffer, line: h, sep: sep), options: options) {
            map = m
            provenance.append("header on line \(h + 1), data from line \(firstData + 1)")
            if !textInFirst.isEmpty {
                let names = DelimitedTable.names(buffer, line: h, sep: sep)
                let text = textInFirst.filter { $0 < names.count }
                provenance.append("rows hold text fields: columns chosen by header name; text column\(text.count == 1 ? "" : "s") "
                                  + text.map { "'\(names[$0])'" }.joined(separator: ", ") + " ignored")
            }
        } else if textFields > 0 || !textInFirst.isEmpty, options.frequencyColumn == nil {
            throw .missingColumn(file: file, at: .line((headerLine ?? firstData) + 1),
                                 column: "frequency and impedance columns by header name (the rows hold text fields, so "
                                     + "columns cannot be taken by position; use --frequency-column and friends)")
        } else {
            let names = headerLine.map { DelimitedTable.names(buffer, line: $0, sep: sep) } ?? []
            if names.contains(where: { ColumnNames.role(of: $0) == .frequency }) {
                throw .missingColumn(file: file, at: .line(headerLine! + 1), column: "real and imaginary parts (or |Z| and phase)")
            }
            let width = DelimitedTable.numericProfile(buffer, line: firstData, sep: sep, decimalComma: comma).fields
            let index = width >= 4 && looksLikeIndex(buffer, firstData, sep: sep, comma: comma)
            map = ColumnMap.positional(columnCount: width, firstColumnIsIndex: index, options: options)
            if let h = headerLine { provenance.append("line \(h + 1) ignored: no recognised column names") }
            provenance.append("data from line \(firstData + 1)")
        }
        provenance.append(contentsOf: map.notes)
        var rows = RowCollector(capacity: buffer.count - firstData)
        try DelimitedTable.readRows(buffer, lines: firstData..<buffer.count, sep: sep, decimalComma: comma, map: map,
                                    rows: &rows, file: file)
        return rows
    }

    /// 0-based indices of the non-empty fields of `line` that are not numbers.
    static func textColumns(_ buffer: TextBuffer, _ line: Int, sep: Separator, comma: Bool) -> [Int] {
        var fields: [Int] = []
        return buffer.bytes.withUnsafeBufferPointer { p in
            let n = DelimitedTable.split(p, buffer.lines[line], sep, into: &fields)
            return (0..<n).filter { k in
                !DelimitedTable.isEmptyField(p, fields[2 * k], fields[2 * k + 1])
                    && NumberParser.parse(p, fields[2 * k], fields[2 * k + 1], decimalComma: comma) == nil
            }
        }
    }

    /// True when the first column of the first rows counts 0,1,2,… or 1,2,3,….
    static func looksLikeIndex(_ buffer: TextBuffer, _ first: Int, sep: Separator, comma: Bool) -> Bool {
        var fields: [Int] = []
        var values: [Double] = []
        buffer.bytes.withUnsafeBufferPointer { p in
            var li = first
            while li < buffer.count && values.count < 3 {
                if DelimitedTable.split(p, buffer.lines[li], sep, into: &fields, limit: 1) == 1,
                   let v = NumberParser.parse(p, fields[0], fields[1], decimalComma: comma) { values.append(v) }
                li += 1
            }
        }
        guard values.count == 3, values[0] == 0 || values[0] == 1 else { return false }
        return values[1] == values[0] + 1 && values[2] == values[0] + 2
    }

    /// A warning when a column read as signed Im(Z) is mostly positive (it may hold −Im(Z)).
    static func signWarnings(_ rows: RowCollector, _ provenance: [String]) -> [String] {
        guard rows.count > 0, provenance.contains(where: { $0.contains("no header line") }) else { return [] }
        let positive = rows.imaginary.filter { $0 > 0 }.count
        if positive * 2 > rows.count {
            return ["most imaginary values are positive; if the third column holds -Im(Z), use --imaginary-sign negated"]
        }
        return []
    }
}

extension GenericTableReader {
    /// Reads `dataLines` with columns named by `names` (header on `headerLine`, 0-based, for error messages).
    /// The separator and decimal mark are sniffed from the data unless `separator` is given.
    static func readNamedTable(_ buffer: TextBuffer, names: [String], headerLine: Int, dataLines: Range<Int>,
                               separator: Separator? = nil, file: String, options: ReadOptions,
                               provenance: inout [String]) throws(ReaderError) -> RowCollector {
        guard let map = ColumnMap.fromHeader(names, options: options) else {
            let hasFrequency = names.contains { ColumnNames.role(of: $0) == .frequency }
            throw .missingColumn(file: file, at: .line(headerLine + 1),
                                 column: hasFrequency ? "real and imaginary parts (or |Z| and phase)" : "frequency")
        }
        var sep = separator ?? .tab
        var comma = options.decimalSeparator == .comma
        if separator == nil || options.decimalSeparator == .auto,
           let sniffed = sniff(buffer, dataLines, options: options) ?? sniff(buffer, dataLines, options: options, allNumeric: false) {
            if separator == nil { sep = sniffed.0 }
            comma = sniffed.1
        }
        provenance.append("header on line \(headerLine + 1); field separator \(sep.rawValue), decimal mark '\(comma ? "," : ".")'")
        provenance.append(contentsOf: map.notes)
        var rows = RowCollector(capacity: dataLines.count)
        try DelimitedTable.readRows(buffer, lines: dataLines, sep: sep, decimalComma: comma, map: map, rows: &rows, file: file)
        return rows
    }
}
