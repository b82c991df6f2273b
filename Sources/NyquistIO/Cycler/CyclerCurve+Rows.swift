import NyquistText

/// The shared row reader of the curve formats: columns by index, numbers parsed from bytes by NyquistText's
/// `NumberParser` (`.` or `,` decimal separator), every failure a `CyclerError` naming file, line and column.
struct CurveColumns {
    var names: [String]
    var time: Int
    var timeScale = 1.0
    var potential: Int
    var current: Int
    /// Multiplies the current column into mA (1000 for A).
    var currentScale = 1.0
    var cycle: Int?
    var halfCycle: Int?
    var frequency: Int?
}

extension CyclerCurve {
    /// Reads `lines` of `buffer`. Blank lines are skipped; rows with freq > 0 are counted and dropped.
    static func readRows(
        _ buffer: TextBuffer, lines: some Sequence<Int>, separator: Separator, decimalComma: Bool,
        columns: CurveColumns, source: String, format: Format, notes: [String]
    ) throws(CyclerError) -> CyclerCurve {
        var time: [Double] = [], potential: [Double] = [], current: [Double] = []
        var cycles: [Int] = [], halves: [Int] = [], lineNumbers: [Int] = []
        var skipped = 0
        var failure: CyclerError? = nil
        var fields: [Int] = []
        buffer.bytes.withUnsafeBufferPointer { p in
            for li in lines where !buffer.isBlank(li) {
                let n = DelimitedTable.split(p, buffer.lines[li], separator, into: &fields)
                let at = TextPosition(source: source, line: li + 1)
                func text(_ c: Int) -> String {
                    c < n ? TextBuffer.decode(buffer.bytes[fields[2 * c]..<fields[2 * c + 1]]).trimmingSpaces() : ""
                }
                func number(_ c: Int) -> Double? {
                    guard c < n else {
                        failure = .badRow(at, reason: "\(n) fields, column '\(columns.names[c])' is field \(c + 1)")
                        return nil
                    }
                    guard let v = NumberParser.parse(p, fields[2 * c], fields[2 * c + 1], decimalComma: decimalComma),
                          v.isFinite else {
                        failure = .badValue(at, column: columns.names[c], text: text(c), reason: "is not a finite number")
                        return nil
                    }
                    return v
                }
                func whole(_ c: Int) -> Int? {
                    guard let v = number(c) else { return nil }
                    guard v >= 0, v < 1e9, v == v.rounded() else {
                        failure = .badValue(at, column: columns.names[c], text: text(c), reason: "is not a whole number ≥ 0")
                        return nil
                    }
                    return Int(v)
                }
                if let f = columns.frequency {
                    guard let hz = number(f) else { return }
                    if hz > 0 { skipped += 1; continue }
                }
                guard let t = number(columns.time), let e = number(columns.potential), let i = number(columns.current)
                else { return }
                if let c = columns.cycle {
                    guard let v = whole(c) else { return }
                    cycles.append(v)
                }
                if let h = columns.halfCycle {
                    guard let v = whole(h) else { return }
                    halves.append(v)
                }
                time.append(t * columns.timeScale)
                potential.append(e)
                current.append(i * columns.currentScale)
                lineNumbers.append(li + 1)
            }
        }
        if let failure { throw failure }
        guard !time.isEmpty else {
            let reason = skipped > 0 ? "only impedance rows (freq/Hz > 0), no cycling samples" : "no data rows"
            throw .noData(TextPosition(source: source), reason: reason)
        }
        var allNotes = notes
        if skipped > 0 { allNotes.append("\(skipped) impedance rows (freq/Hz > 0) skipped") }
        return try CyclerCurve(
            timeSeconds: time, potentialVolts: potential, currentMilliamps: current,
            cycleNumbers: columns.cycle == nil ? nil : cycles, halfCycles: columns.halfCycle == nil ? nil : halves,
            lines: lineNumbers, source: source, format: format, skippedImpedanceRows: skipped, notes: allNotes)
    }

    /// The index of the first name in `names` (exact, trimmed) that is in `candidates`, in the candidates' order.
    static func firstColumn(_ names: [String], _ candidates: [String]) -> Int? {
        for c in candidates { if let i = names.firstIndex(of: c) { return i } }
        return nil
    }
}
