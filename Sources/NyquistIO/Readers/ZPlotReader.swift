/// Scribner ZPlot/ZView text files in four dialects, all with the columns
/// `Freq(Hz) Ampl Bias Time(Sec) Z'(a) Z''(b) GD Err Range` (Z″ signed) or, for ZView calculated data,
/// `Freq(Hz),DCcurr(A),DCpot(V),Time(S),Zprime(Ohm),Zbis(Ohm),GD,X,Y`:
/// - `ZPLOT2 ASCII`: indented `Key: value` header, an indented tab-separated column line, `End Comments`, tab rows;
/// - `"ZPlotW Data File"` and `"Z60W Data File"` (Autolab FRA export, UTF-8 BOM): quoted header lines, a parameter
///   line, a point-count line, one quoted column line with names separated by runs of spaces, comma rows;
/// - `ZView Calculated Data File`: a comma-separated column line, comma rows.
/// The announced point count is compared with the rows present (ZPlotW files announce 79 and hold 31): a mismatch is
/// a warning, the rows win.
enum ZPlotReader {
    static func read(_ bytes: [UInt8], file: String, options: ReadOptions) throws(ReaderError) -> [Spectrum] {
        let buffer = TextBuffer(bytes)
        var provenance: [String] = []
        if let note = buffer.encodingNote { provenance.append(note) }
        let dialect = buffer.count > 0 ? buffer.string(0).unquoted() : ""
        provenance.append("dialect: \(dialect)")
        guard let columnLine = (0..<min(buffer.count, 400)).first(where: {
            let t = buffer.string($0).unquoted().lowercased()
            return t.hasPrefix("freq") && (t.contains("z'") || t.contains("zprime"))
        }) else {
            throw .missingColumn(file: file, at: .line(1), column: "Freq(Hz) … Z'(a) Z''(b)")
        }
        let text = buffer.string(columnLine).trimmingSpaces()
        let names: [String]
        if text.contains("\t") {
            names = DelimitedTable.names(buffer, line: columnLine, sep: .tab)
        } else if text.hasPrefix("\"") && !text.dropFirst().dropLast().contains("\"") {
            names = splitOnSpaceRuns(text.unquoted())
        } else {
            names = DelimitedTable.names(buffer, line: columnLine, sep: .comma)
        }
        var dataStart = columnLine + 1
        if dataStart < buffer.count, buffer.string(dataStart).trimmingSpaces() == "End Comments" { dataStart += 1 }
        let dataLines = dataStart..<buffer.count
        var rows = try GenericTableReader.readNamedTable(buffer, names: names, headerLine: columnLine, dataLines: dataLines,
                                                         file: file, options: options, provenance: &provenance)
        var warnings: [String] = []
        if let announced = announcedCount(buffer, before: columnLine), announced != rows.count + rows.skippedRows {
            warnings.append("header announces \(announced) points, the file holds \(rows.count + rows.skippedRows)")
        }
        var date: String? = nil
        for li in 0..<columnLine {
            let t = buffer.string(li).trimmingSpaces()
            if t.hasPrefix("Date:") { date = String(t.dropFirst(5)).trimmingSpaces(); break }
        }
        rows.pendingGap = false
        return SweepSplitter.split(rows, file: file, format: .zplot, positions: .line, options: options,
                                   provenance: provenance, warnings: warnings, technique: dialect, startDate: date)
    }

    /// `"  Freq (Hz)    Ampl     Bias"` → ["Freq (Hz)", "Ampl", "Bias"]: names are separated by two or more spaces.
    static func splitOnSpaceRuns(_ s: String) -> [String] {
        var names: [String] = []
        var current = ""
        var spaces = 0
        for c in s {
            if c == " " {
                spaces += 1
            } else {
                if spaces >= 2 && !current.isEmpty { names.append(current); current = "" } else if spaces == 1 && !current.isEmpty { current += " " }
                spaces = 0
                current.append(c)
            }
        }
        if !current.isEmpty { names.append(current) }
        return names
    }

    /// `Data Points: 56` (ZPLOT2) or a bare integer line just above the column line (ZPlotW, Z60W).
    static func announcedCount(_ buffer: TextBuffer, before columnLine: Int) -> Int? {
        for li in 0..<columnLine {
            let t = buffer.string(li).trimmingSpaces()
            if t.hasPrefix("Data Points:") { return Int(String(t.dropFirst(12)).trimmingSpaces()) }
        }
        if columnLine >= 1 { return Int(buffer.string(columnLine - 1).unquoted()) }
        return nil
    }
}
