import NyquistIO

/// BioLogic EC-Lab binary files (`.mpr`) of cycling techniques (GCPL, Modulo Bat, CP, OCV …).
///
/// The data module's raw columns come from NyquistIO's `BioLogicBinaryTable` (float32 fields widened exactly to
/// float64). Columns by name, as for `.mpt`: `time/s`; `Ewe/V` (else `<Ewe>/V`, `Ecell/V`); `I/mA` (else `<I>/mA`,
/// else `control/mA`, the set point — noted); optional `cycle number`, `half cycle`, `freq/Hz` (records with
/// freq/Hz > 0 are impedance records and are skipped). EC-Lab does not always store `cycle number` in the binary
/// file (its text export derives it): without it, cycle numbers are ⌊half cycle / 2⌋ — what the export writes, e.g.
/// yadg's mb.mpr/mb.mpt pair — and the derivation is noted. `lines` holds 1-based record numbers.
extension CyclerCurve {
    /// Decodes `.mpr` bytes into a curve: time in s, potential in V, current in mA (> 0 charge); `source` names the
    /// file in errors.
    /// - Throws: `.unreadable` (not an `.mpr`, truncated or corrupt, unsupported version or column ids: with the byte
    ///   offset and reason), `.noData` (empty file, no records, only impedance records), `.missingColumn` (no time,
    ///   potential or current column; lists the columns present), `.badValue` (a non-finite value, a cycle counter
    ///   that is not a whole number ≥ 0, time going backwards; the line is the 1-based record number).
    static func readBioLogicBinary(_ bytes: [UInt8], source: String) throws(TrackingError) -> CyclerCurve {
        let table: BioLogicBinaryTable
        do { table = try BioLogicBinaryTable.read(bytes: bytes, file: source) } catch {
            throw trackingError(error, source: source)
        }
        var notes = table.notes
        let file = TrackingLocation(source: source)
        func require(_ candidates: [String]) throws(TrackingError) -> (String, [Double]) {
            for c in candidates { if let v = table.column(c) { return (c, v) } }
            throw .missingColumn(file, column: candidates.joined(separator: " or "), available: table.names)
        }
        let (_, time) = try require(["time/s"])
        let (_, potential) = try require(["Ewe/V", "<Ewe>/V", "Ecell/V"])
        let (currentName, current) = try require(["I/mA", "<I>/mA", "control/mA"])
        if currentName == "control/mA" { notes.append("current from 'control/mA' (the set point)") }
        let frequency = table.column("freq/Hz")
        let half = table.column("half cycle")
        var cycle = table.column("cycle number")
        var cycleName = "cycle number"
        if cycle == nil, let half {
            cycleName = "half cycle"
            notes.append("no 'cycle number' column: cycle number = ⌊half cycle / 2⌋ (as EC-Lab's text export)")
            cycle = half.map { $0.isFinite ? ($0 / 2).rounded(.down) : $0 }
        }
        var t: [Double] = [], e: [Double] = [], i: [Double] = [], cycles: [Int] = [], halves: [Int] = []
        var records: [Int] = []
        var skipped = 0
        func whole(_ v: Double, _ name: String, _ record: Int) throws(TrackingError) -> Int {
            guard v.isFinite, v >= 0, v < 1e9, v == v.rounded() else {
                throw .badValue(
                    TrackingLocation(source: source, line: record), column: name, text: "\(v)",
                    reason: "is not a whole number ≥ 0 (record \(record))")
            }
            return Int(v)
        }
        for r in 0..<table.pointCount {
            if let frequency {
                guard frequency[r].isFinite else {
                    throw .badValue(
                        TrackingLocation(source: source, line: r + 1), column: "freq/Hz", text: "\(frequency[r])",
                        reason: "is not a finite number (record \(r + 1))")
                }
                if frequency[r] > 0 { skipped += 1; continue }
            }
            if let cycle { cycles.append(try whole(cycle[r], cycleName, r + 1)) }
            if let half { halves.append(try whole(half[r], "half cycle", r + 1)) }
            t.append(time[r])
            e.append(potential[r])
            i.append(current[r])
            records.append(r + 1)
        }
        guard !t.isEmpty else {
            let reason = skipped > 0 ? "only impedance records (freq/Hz > 0), no cycling samples" : "no data records"
            throw .noData(file, reason: reason)
        }
        if skipped > 0 { notes.append("\(skipped) impedance records (freq/Hz > 0) skipped") }
        notes.append("sample 'lines' are 1-based record numbers of the binary data module")
        return try CyclerCurve(
            timeSeconds: t, potentialVolts: e, currentMilliamps: i, cycleNumbers: cycle == nil ? nil : cycles,
            halfCycles: half == nil ? nil : halves, lines: records, source: source, format: .bioLogicBinary,
            skippedImpedanceRows: skipped, notes: notes)
    }

    /// A NyquistIO reader error as a tracking error: a missing file stays `.unreadable`, an empty one is `.noData`,
    /// a structural problem (truncated, malformed, unsupported version, unknown column ids) is `.unreadable` with
    /// the byte offset and the reader's reason.
    static func trackingError(_ error: ReaderError, source: String) -> TrackingError {
        let at = TrackingLocation(source: source)
        switch error {
        case .unreadable(_, let reason): return .unreadable(at, reason: reason)
        case .emptyFile: return .noData(at, reason: "the file is empty")
        default:
            switch error.location {
            case .byte(let n): return .unreadable(at, reason: "BioLogic binary file, byte \(n): \(error.reason)")
            case .line(let n): return .unreadable(at, reason: "line \(n): \(error.reason)")
            case .file: return .unreadable(at, reason: error.reason)
            }
        }
    }
}
