/// Gamry Framework EXPLAIN files (`.DTA`).
///
/// Line 1 `EXPLAIN`, line 2 `TAG\t<technique>` (EISPOT, GALVEIS), parameter lines `KEY\tTYPE\tVALUE…`, then tables:
/// `ZCURVE\tTABLE[\t<rows>]`, a tab-prefixed column-name line, a units line, and rows starting with whitespace until
/// the first line that does not. Columns by name: `Freq` (Hz), `Zreal`, `Zimag` (signed, Ω), `Time` (s), `Vdc` (V),
/// `Idc` (A). Drift-corrected files add `ZrealDrCor`/`ZimagDrCor`: they give a second spectrum labelled
/// `drift-corrected`. Fields are split at any run of tabs and spaces (hand-edited files mix both).
/// `EXPERIMENTABORTED\tTOGGLE\tT` adds an "aborted" warning. `DATE`/`TIME` are kept verbatim (locale formats vary).
enum GamryReader {
    static func read(_ bytes: [UInt8], file: String, options: ReadOptions) throws(ReaderError) -> [Spectrum] {
        let buffer = TextBuffer(bytes)
        var provenance: [String] = []
        if let note = buffer.encodingNote { provenance.append(note) }
        var technique: String? = nil
        var date: String? = nil, time: String? = nil
        var aborted = false
        var tables: [Int] = []
        for li in 0..<buffer.count {
            guard let first = buffer.bytes[buffer.lines[li]].first, first != 0x09, first != 0x20 else { continue }
            let fields = DelimitedTable.names(buffer, line: li, sep: .tab)
            guard fields.count >= 2 else { continue }
            switch fields[0] {
            case "TAG": technique = fields[1]
            case "DATE" where fields.count >= 3: date = fields[2]
            case "TIME" where fields.count >= 3: time = fields[2]
            case "EXPERIMENTABORTED" where fields.count >= 3: aborted = fields[2] == "T"
            case "ZCURVE" where fields[1] == "TABLE": tables.append(li)
            default: break
            }
        }
        guard !tables.isEmpty else {
            throw .noImpedanceData(file: file, reason: "no 'ZCURVE TABLE' section")
        }
        var warnings: [String] = []
        if aborted { warnings.append("experiment aborted (EXPERIMENTABORTED T)") }
        var result: [Spectrum] = []
        for table in tables {
            let namesLine = table + 1
            guard namesLine < buffer.count else {
                throw .truncated(file: file, at: .line(table + 1), reason: "ZCURVE table has no column line")
            }
            let names = DelimitedTable.names(buffer, line: namesLine, sep: .whitespace)
            guard let map = ColumnMap.fromHeader(names, options: options) else {
                let column = names.contains("Freq") ? "Zreal and Zimag" : "Freq"
                throw .missingColumn(file: file, at: .line(namesLine + 1), column: column)
            }
            // Data: after the units line, while lines start with whitespace.
            let dataStart = min(namesLine + 2, buffer.count)
            var end = dataStart
            while end < buffer.count, let b = buffer.bytes[buffer.lines[end]].first, b == 0x09 || b == 0x20 { end += 1 }
            var variants: [(ColumnMap, String?)] = [(map, nil)]
            if let r = names.firstIndex(of: "ZrealDrCor"), let i = names.firstIndex(of: "ZimagDrCor") {
                var drift = map
                drift.real = r
                drift.imaginary = i
                drift.notes = ["drift-corrected spectrum from columns 'ZrealDrCor' and 'ZimagDrCor' (signed Im)"]
                variants.append((drift, "drift-corrected"))
            }
            var tableNotes: [String] = []
            let comma = BioLogicTextReader.decimalComma(buffer, dataStart..<end, options: options, provenance: &tableNotes)
            for (m, label) in variants {
                var rows = RowCollector(capacity: end - dataStart)
                try DelimitedTable.readRows(buffer, lines: dataStart..<end, sep: .whitespace, decimalComma: comma, map: m,
                                            rows: &rows, file: file)
                var prov = provenance
                prov.append("ZCURVE table at line \(table + 1), data lines \(dataStart + 1)–\(end)")
                prov.append(contentsOf: tableNotes)
                prov.append(contentsOf: label == nil ? map.notes : map.notes.filter { !$0.contains("imaginary") && !$0.contains("real column") } + m.notes)
                var spectra = SweepSplitter.split(rows, file: file, format: .gamryDTA, positions: .line, options: options,
                                                  provenance: prov, warnings: warnings, technique: technique,
                                                  startDate: [date, time].compactMap { $0 }.joined(separator: " ").nilIfEmpty)
                for k in spectra.indices {
                    spectra[k].metadata.label = label
                    spectra[k].metadata.index = result.count + k
                }
                result.append(contentsOf: spectra)
            }
        }
        return result
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
