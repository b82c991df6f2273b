import NyquistIO

/// BioLogic EC-Lab text exports (`.mpt`) of cycling techniques (GCPL, Modulo Bat, CP, OCV …).
///
/// Line 1 `EC-Lab ASCII FILE`, line 2 `Nb header lines : N`; the column names are on line N (tab separated) and
/// data follow. Exports without that header are accepted when one of the first 200 lines holds `time/s` and a tab:
/// that line is the column line. Columns by name: `time/s`; `Ewe/V` (else `<Ewe>/V`, `Ecell/V`); `I/mA` (else
/// `<I>/mA`, else `control/mA`, the set point — noted); optional `cycle number`, `half cycle`, `freq/Hz`
/// (rows with freq/Hz > 0 are impedance rows and are skipped). The decimal separator is `,` when the first data row
/// holds commas and no dots (European Windows locales).
extension CyclerCurve {
    static func readBioLogicText(_ buffer: TextBuffer, source: String) throws(TrackingError) -> CyclerCurve {
        var namesLine: Int
        var notes: [String] = []
        if buffer.hasPrefix(0, "EC-Lab ASCII FILE") {
            let second = buffer.count > 1 ? buffer.string(1) : ""
            guard second.hasPrefix("Nb header lines"), let colon = second.firstIndex(of: ":"),
                  let n = Int(String(second[second.index(after: colon)...]).trimmingSpaces()) else {
                throw .badRow(
                    TrackingLocation(source: source, line: 2),
                    reason: "expected 'Nb header lines : N', found '\(second.trimmingSpaces())'")
            }
            guard n >= 2, n <= buffer.count else {
                throw .badRow(
                    TrackingLocation(source: source, line: 2),
                    reason: "the header announces \(n) lines, the file has \(buffer.count)")
            }
            namesLine = n - 1
            notes.append("EC-Lab header: column names on line \(n)")
        } else {
            guard let li = (0..<min(buffer.count, 200)).first(where: {
                let s = buffer.string($0)
                return s.contains("time/s") && s.contains("\t")
            }) else {
                throw .missingColumn(
                    TrackingLocation(source: source, line: 1), column: "time/s",
                    available: buffer.count > 0 ? [buffer.string(0)] : [])
            }
            namesLine = li
            notes.append("no EC-Lab header: column names on line \(li + 1)")
        }
        let names = DelimitedTable.names(buffer, line: namesLine, sep: .tab)
        let at = TrackingLocation(source: source, line: namesLine + 1)
        func require(_ candidates: [String]) throws(TrackingError) -> Int {
            guard let i = firstColumn(names, candidates) else {
                throw .missingColumn(at, column: candidates.joined(separator: " or "), available: names)
            }
            return i
        }
        let time = try require(["time/s"])
        let potential = try require(["Ewe/V", "<Ewe>/V", "Ecell/V"])
        let current = try require(["I/mA", "<I>/mA", "control/mA"])
        if names[current] == "control/mA" { notes.append("current from 'control/mA' (the set point)") }
        let columns = CurveColumns(
            names: names, time: time, potential: potential, current: current,
            cycle: names.firstIndex(of: "cycle number"), halfCycle: names.firstIndex(of: "half cycle"),
            frequency: names.firstIndex(of: "freq/Hz"))
        let data = (namesLine + 1)..<buffer.count
        let comma = decimalComma(buffer, data, separator: .tab)
        if comma { notes.append("decimal separator ','") }
        return try readRows(
            buffer, lines: data, separator: .tab, decimalComma: comma, columns: columns, source: source,
            format: .bioLogicText, notes: notes)
    }
}
