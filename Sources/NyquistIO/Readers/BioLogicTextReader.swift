/// BioLogic EC-Lab ASCII export (`.mpt`, `.txt`, or header-less column exports).
///
/// Layout: line 1 `EC-Lab ASCII FILE`, line 2 `Nb header lines : N` where N counts every header line including the
/// column-name line, so names are on line N and data from line N+1. Columns are found by name (`freq/Hz`,
/// `Re(Z)/Ohm`, `-Im(Z)/Ohm`, or `|Z|/Ohm` + `Phase(Z)/deg`, `time/s`, `<Ewe>/V`/`Ewe/V`, `<I>/mA`/`I/mA`,
/// `cycle number`, `z cycle`), never by position. Bytes are Windows-1252; the decimal separator follows the
/// Windows locale (`,` in some files), tab is the only field separator, rows end with a tab. Z″ = −(−Im(Z)).
/// Rows with freq/Hz = 0 (GCPL/OCV steps in Modulo Bat, GEIS pre-measurement) separate sweeps.
/// The optional loop table (`Loop i from point number a to b`, 0-based inclusive) provides cycle labels.
enum BioLogicTextReader {
    static func read(_ bytes: [UInt8], file: String, options: ReadOptions) throws(ReaderError) -> [Spectrum] {
        let buffer = TextBuffer(bytes)
        guard buffer.count > 0 else { throw .emptyFile(file: file) }
        var provenance: [String] = []
        if let note = buffer.encodingNote { provenance.append(note) }
        var headerLine = 0  // 0-based index of the column-name line
        var technique: String? = nil
        var startDate: String? = nil
        var loops: [(label: Int, from: Int, to: Int)] = []
        if buffer.hasPrefix(0, "EC-Lab ASCII FILE") {
            guard buffer.count > 1 else { throw .truncated(file: file, at: .line(1), reason: "no 'Nb header lines' line") }
            let second = buffer.string(1)
            guard second.hasPrefix("Nb header lines"), let colon = second.firstIndex(of: ":"),
                  let n = Int(String(second[second.index(after: colon)...]).trimmingSpaces()) else {
                throw .malformed(file: file, at: .line(2), reason: "expected 'Nb header lines : N', found '\(second.trimmingSpaces())'")
            }
            guard n >= 2 else { throw .malformed(file: file, at: .line(2), reason: "header line count \(n) is too small") }
            guard n <= buffer.count else {
                throw .truncated(file: file, at: .line(buffer.count), reason: "header announces \(n) lines, file has \(buffer.count)")
            }
            headerLine = n - 1
            provenance.append("EC-Lab header: \(n) header lines, column names on line \(n)")
            if buffer.count > 3 {
                let t = buffer.string(3).trimmingSpaces()
                if !t.isEmpty && !t.contains("\t") { technique = t }
            }
            for li in 2..<headerLine {
                let line = buffer.string(li)
                if line.hasPrefix("Acquisition started on") || line.hasPrefix("Acquisition started on :") {
                    if let c = line.firstIndex(of: ":") { startDate = String(line[line.index(after: c)...]).trimmingSpaces() }
                } else if line.hasPrefix("Loop "), let loop = parseLoop(line) {
                    loops.append(loop)
                }
            }
        } else {
            // Header-less export: the first line holding `freq/Hz` is the column line.
            guard let li = (0..<min(buffer.count, 200)).first(where: { buffer.string($0).contains("freq/Hz") }) else {
                throw .missingColumn(file: file, at: .line(1), column: "freq/Hz")
            }
            headerLine = li
            provenance.append("no EC-Lab header: column names on line \(li + 1)")
        }
        let names = DelimitedTable.names(buffer, line: headerLine, sep: .tab)
        guard names.contains(where: { ColumnNames.role(of: $0) == .frequency }) || options.frequencyColumn != nil else {
            throw .missingColumn(file: file, at: .line(headerLine + 1), column: "freq/Hz")
        }
        guard let map = ColumnMap.fromHeader(names, options: options) else {
            throw .missingColumn(file: file, at: .line(headerLine + 1),
                                 column: "Re(Z)/Ohm and -Im(Z)/Ohm (or |Z|/Ohm and Phase(Z)/deg)")
        }
        provenance.append(contentsOf: map.notes)
        if let l = map.label { provenance.append("cycle label from column '\(names[l])' (label only, not the split rule)") }
        let dataLines = (headerLine + 1)..<buffer.count
        let comma = decimalComma(buffer, dataLines, options: options, provenance: &provenance)
        var rows = RowCollector(capacity: dataLines.count)
        try DelimitedTable.readRows(buffer, lines: dataLines, sep: .tab, decimalComma: comma, map: map, rows: &rows, file: file)
        if !loops.isEmpty {
            provenance.append("cycle labels from the header's loop table (\(loops.count) loops)")
            let sorted = loops.sorted { $0.from < $1.from }
            var j = 0
            for i in 0..<rows.count {
                let point = rows.position[i] - headerLine - 2
                while j < sorted.count && point > sorted[j].to { j += 1 }
                if j < sorted.count && point >= sorted[j].from { rows.label[i] = sorted[j].label }
            }
        }
        return SweepSplitter.split(rows, file: file, format: .biologicMPT, positions: .line, options: options,
                                   provenance: provenance, technique: technique, startDate: startDate)
    }

    /// `Loop 3 from point number 63 to 83` → (3, 63, 83).
    static func parseLoop(_ line: String) -> (label: Int, from: Int, to: Int)? {
        let words = line.split(separator: " ")
        guard words.count >= 8, words[0] == "Loop", let l = Int(words[1]), let a = Int(words[5]), let b = Int(words[7])
        else { return nil }
        return (l, a, b)
    }

    /// Decides the decimal separator: the option, else `,` when the first data row contains a comma.
    static func decimalComma(_ buffer: TextBuffer, _ lines: Range<Int>, options: ReadOptions,
                             provenance: inout [String]) -> Bool {
        switch options.decimalSeparator {
        case .comma: provenance.append("decimal separator ',' (option)"); return true
        case .dot: provenance.append("decimal separator '.' (option)"); return false
        case .auto:
            guard let li = lines.first(where: { !buffer.isBlank($0) }) else { return false }
            let hasComma = buffer.bytes[buffer.lines[li]].contains(0x2C)
            let hasDot = buffer.bytes[buffer.lines[li]].contains(0x2E)
            if hasComma && !hasDot {
                provenance.append("decimal separator ',' (data rows contain commas and no dots)")
                return true
            }
            return false
        }
    }
}
