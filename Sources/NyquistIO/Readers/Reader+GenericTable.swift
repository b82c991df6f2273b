/// Generic delimited tables: CSV, semicolon, tab or whitespace separated, with or without a header.
///
/// Detection, in order, each step recorded in provenance:
/// 1. Separator and decimal mark from the last data-like lines: the first of tab, `;`, `,`, whitespace that splits
///    a line into ≥ 3 fields that are all numbers; with a non-comma separator a `,` decimal mark is tried too.
/// 2. The first data row is the first line with ≥ 3 fields, all numeric. The header is the nearest non-blank line
///    above it with ≥ 2 fields (a lone point-count line is skipped).
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

    /// Chooses separator and decimal mark from data-like lines near the end of `lines`.
    static func sniff(_ buffer: TextBuffer, _ lines: Range<Int>, options: ReadOptions) -> (Separator, Bool)? {
        var checked = 0
        for li in lines.reversed() where !buffer.isBlank(li) {
            for sep in [Separator.tab, .semicolon, .comma, .whitespace] {
                let decimals: [Bool]
                switch options.decimalSeparator {
                case .dot: decimals = [false]
                case .comma: decimals = sep == .comma ? [] : [true]
                case .auto: decimals = sep == .comma ? [false] : [false, true]
                }
                for dc in decimals {
                    let prof = DelimitedTable.numericProfile(buffer, line: li, sep: sep, decimalComma: dc)
                    if prof.fields >= 3 && prof.numeric == prof.fields { return (sep, dc) }
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
        guard let (sep, comma) = sniff(buffer, all, options: options) else {
            throw .noImpedanceData(file: file, reason: "no table rows with at least 3 numeric fields found")
        }
        provenance.append("field separator \(sep.rawValue), decimal mark '\(comma ? "," : ".")'")
        guard let firstData = all.first(where: {
            let p = DelimitedTable.numericProfile(buffer, line: $0, sep: sep, decimalComma: comma)
            return p.fields >= 3 && p.numeric == p.fields
        }) else {
            throw .noImpedanceData(file: file, reason: "no table rows with at least 3 numeric fields found")
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
        var map: ColumnMap
        if let h = headerLine, let m = ColumnMap.fromHeader(DelimitedTable.names(buffer, line: h, sep: sep), options: options) {
            map = m
            provenance.append("header on line \(h + 1), data from line \(firstData + 1)")
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
        if separator == nil || options.decimalSeparator == .auto, let sniffed = sniff(buffer, dataLines, options: options) {
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
