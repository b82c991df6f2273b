import NyquistIO

/// Plain time-series CSV: one row per sample.
///
/// The header is the first line that is not blank and does not start with `#`; the separator is `,`, or `;` / tab
/// when the header holds no comma (then `,` may be the decimal separator). Names are matched case-insensitively with
/// spaces, `_`, `-`, `/`, brackets and parentheses ignored:
/// - time: `time_s`, `time/s`, `t_s`, `test_time_s`, `elapsed_time_s`, `total_time_s` (s), or `time_h`, `t_h` (h);
/// - potential: `voltage_V`, `Ewe/V`, `<Ewe>/V`, `potential_V`, `cell_voltage_V`, `Ecell/V`, `E_V`, `U_V` (V);
/// - current: `current_mA`, `I/mA`, `<I>/mA` (mA), or `current_A`, `I_A` (A);
/// - optional `cycle` (`cycle_number`, `cycle_index`), `half_cycle`, `freq/Hz` (rows with freq > 0 are skipped).
extension CyclerCurve {
    static let timeSecondNames = ["times", "ts", "testtimes", "elapsedtimes", "totaltimes", "timesec"]
    static let timeHourNames = ["timeh", "th", "testtimeh"]
    static let potentialNames = ["voltagev", "ewev", "<ewe>v", "potentialv", "cellvoltagev", "ecellv", "ev", "uv"]
    static let milliampNames = ["currentma", "ima", "<i>ma"]
    static let ampNames = ["currenta", "ia"]

    /// True when `header` names a time, a potential and a current column (a time series, not per-cycle data).
    static func isTimeSeries(header: [String]) -> Bool {
        let n = header.map(CSVTable.normalized)
        func has(_ names: [String]) -> Bool { n.contains { names.contains($0) } }
        return has(timeSecondNames + timeHourNames) && has(potentialNames) && has(milliampNames + ampNames)
    }

    static func readTimeSeriesCSV(_ buffer: TextBuffer, source: String) throws(TrackingError) -> CyclerCurve {
        guard let headerLine = (0..<buffer.count).first(where: {
            !buffer.isBlank($0) && !buffer.string($0).trimmingSpaces().hasPrefix("#")
        }) else { throw .noData(TrackingLocation(source: source), reason: "the file has no header row") }
        let text = buffer.string(headerLine)
        let separator: Separator = text.contains(",") ? .comma : text.contains(";") ? .semicolon : .tab
        let names = DelimitedTable.names(buffer, line: headerLine, sep: separator)
        let normalized = names.map(CSVTable.normalized)
        func find(_ candidates: [String]) -> Int? { normalized.firstIndex { candidates.contains($0) } }
        let at = TrackingLocation(source: source, line: headerLine + 1)
        var notes: [String] = []
        guard let time = find(timeSecondNames) ?? find(timeHourNames) else {
            throw .missingColumn(at, column: "time_s", available: names)
        }
        guard let potential = find(potentialNames) else { throw .missingColumn(at, column: "voltage_V", available: names) }
        guard let current = find(milliampNames) ?? find(ampNames) else {
            throw .missingColumn(at, column: "current_mA", available: names)
        }
        let hours = timeHourNames.contains(normalized[time])
        let amps = ampNames.contains(normalized[current])
        if hours { notes.append("time column '\(names[time])' in hours") }
        if amps { notes.append("current column '\(names[current])' in A") }
        let columns = CurveColumns(
            names: names, time: time, timeScale: hours ? 3600 : 1, potential: potential, current: current,
            currentScale: amps ? 1000 : 1, cycle: find(["cycle", "cyclenumber", "cycleindex", "cycleno"]),
            halfCycle: find(["halfcycle"]), frequency: find(["freqhz", "frequencyhz"]))
        let data = ((headerLine + 1)..<buffer.count).filter { !buffer.string($0).trimmingSpaces().hasPrefix("#") }
        let comma = decimalComma(buffer, data, separator: separator)
        if comma { notes.append("decimal separator ','") }
        return try readRows(
            buffer, lines: data, separator: separator, decimalComma: comma, columns: columns, source: source,
            format: .timeSeriesCSV, notes: notes)
    }
}
