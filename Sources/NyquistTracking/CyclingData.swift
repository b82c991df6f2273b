import Foundation

/// Per-cycle cycler data of one cell.
public struct CyclingData: Sendable, Hashable, Codable {
    public struct Cycle: Sendable, Hashable, Codable {
        /// Cycle number (whole, ≥ 1, increasing).
        public var cycle: Int
        /// Q_ch and Q_dis, mAh.
        public var chargeMAh: Double
        public var dischargeMAh: Double
        /// t_HV, hours above the oxidation threshold in this cycle, when given.
        public var timeAboveHours: Double?
        /// Side charge of this cycle, mAh, when given directly (overrides χ·(Q_ch − Q_dis)).
        public var sideChargeMAh: Double?
        public var line: Int?

        public init(
            cycle: Int, chargeMAh: Double, dischargeMAh: Double, timeAboveHours: Double? = nil,
            sideChargeMAh: Double? = nil, line: Int? = nil
        ) {
            self.cycle = cycle
            self.chargeMAh = chargeMAh
            self.dischargeMAh = dischargeMAh
            self.timeAboveHours = timeAboveHours
            self.sideChargeMAh = sideChargeMAh
            self.line = line
        }
    }

    public var cycles: [Cycle]
    public var source: String
    /// The raw curve the cycles were computed from (nil for per-cycle CSV); the time-above clock recomputes t_HV
    /// from it for its own threshold.
    public var curve: CyclerCurve?
    /// The threshold (V) of the cycles' `timeAboveHours` when computed from ``curve``; nil for a user's column.
    public var timeAboveVolts: Double?

    public init(cycles: [Cycle], source: String = "<memory>") {
        self.cycles = cycles
        self.source = source
    }

    /// Per-cycle data of a raw curve (see ``CyclerCurve/cycles(timeAboveVolts:)``), t_HV at `timeAboveVolts` (V).
    public init(curve: CyclerCurve, timeAboveVolts: Double = 3.9) {
        self.cycles = curve.cycles(timeAboveVolts: timeAboveVolts)
        self.source = curve.source
        self.curve = curve
        self.timeAboveVolts = timeAboveVolts
    }

    /// Reads cycling data, the format detected from the content, then the extension: a BioLogic EC-Lab text export
    /// (`EC-Lab ASCII FILE`, `.mpt`), a BioLogic EC-Lab binary file (`BIO-LOGIC MODULAR FILE`, `.mpr`), a Gamry
    /// `.DTA` (`EXPLAIN`), a time-series CSV (time, voltage and current columns, see ``CyclerCurve``), or else a
    /// per-cycle CSV (see ``parse(csv:source:)``). Curves give cycles by ``CyclerCurve/cycles(timeAboveVolts:)``
    /// with t_HV at `timeAboveVolts` (V).
    public static func read(path: String, timeAboveVolts: Double = 3.9) throws(TrackingError) -> CyclingData {
        let (buffer, kind) = try CyclerCurve.load(path: path)
        switch kind {
        case .bioLogicText:
            return CyclingData(curve: try CyclerCurve.readBioLogicText(buffer, source: path), timeAboveVolts: timeAboveVolts)
        case .gamry:
            return CyclingData(curve: try CyclerCurve.readGamry(buffer, source: path), timeAboveVolts: timeAboveVolts)
        case .bioLogicBinary:
            return CyclingData(
                curve: try CyclerCurve.readBioLogicBinary(buffer.bytes, source: path), timeAboveVolts: timeAboveVolts)
        case .csv:
            if let header = (0..<buffer.count).lazy.map({ buffer.string($0).trimmingCharacters(in: .whitespaces) })
                .first(where: { !$0.isEmpty && !$0.hasPrefix("#") }),
               CyclerCurve.isTimeSeries(header: csvHeader(header)) {
                return CyclingData(
                    curve: try CyclerCurve.readTimeSeriesCSV(buffer, source: path), timeAboveVolts: timeAboveVolts)
            }
            return try from(table: CSVTable.read(path: path))
        }
    }

    /// Header names of a CSV header line (split as ``CSVTable`` does, quotes ignored).
    private static func csvHeader(_ line: String) -> [String] {
        let separator: Character = line.contains(",") ? "," : line.contains(";") ? ";" : "\t"
        return line.split(separator: separator, omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"\u{FEFF}"))
        }
    }

    /// t_HV per cycle, h, for the threshold `volts`: recomputed from ``curve`` when there is one; otherwise the
    /// per-cycle CSV's `time_above_h` column as given (its threshold is whatever the user computed it for).
    /// - Throws: `.inconsistentInputs` naming the line of a cycle without a value.
    public func timeAboveHours(volts: Double) throws(TrackingError) -> [Double] {
        if let curve {
            if timeAboveVolts == volts { return cycles.map { $0.timeAboveHours ?? 0 } }
            return curve.timeAboveHours(volts: volts)
        }
        var hours: [Double] = []
        for c in cycles {
            guard let t = c.timeAboveHours else {
                throw .inconsistentInputs(
                    reason: "\(source):\(c.line ?? 0): no time_above_h value (needed by the time-above clock)")
            }
            hours.append(t)
        }
        return hours
    }

    /// Columns (case-insensitive; `_`, spaces, brackets ignored): `cycle`; `charge_mAh` (also `Q_ch_mAh`,
    /// `charge_capacity_mAh`); `discharge_mAh` (also `Q_dis_mAh`, `discharge_capacity_mAh`); optional
    /// `time_above_h` (any header starting `time_above` or `t_HV`, in hours); optional `side_charge_mAh`
    /// (also `q_side_mAh`). Cycles must be whole, ≥ 1 and strictly increasing; capacities ≥ 0.
    public static func parse(csv text: String, source: String = "<string>") throws(TrackingError) -> CyclingData {
        try from(table: CSVTable.parse(text: text, source: source))
    }

    static func from(table: CSVTable) throws(TrackingError) -> CyclingData {
        let c = try table.requireColumn(["cycle", "cyclenumber", "n"], display: "cycle")
        let ch = try table.requireColumn(
            ["chargemah", "qchmah", "chargecapacitymah", "qch"], display: "charge_mAh")
        let dis = try table.requireColumn(
            ["dischargemah", "qdismah", "dischargecapacitymah", "qdis"], display: "discharge_mAh")
        let above = table.header.firstIndex {
            let n = CSVTable.normalized($0)
            return n.hasPrefix("timeabove") || n.hasPrefix("thv")
        }
        let side = table.column(["sidechargemah", "qsidemah", "sidecharge", "qside"])
        var cycles: [Cycle] = []
        for row in table.rows {
            let at = TrackingLocation(source: table.source, line: row.line)
            guard let n = try table.number(row, c), n >= 1, n == n.rounded(), n < 1e9 else {
                throw .badValue(at, column: table.header[c], text: row.fields[c], reason: "is not a whole cycle ≥ 1")
            }
            if let last = cycles.last, Int(n) <= last.cycle {
                throw .badValue(at, column: table.header[c], text: row.fields[c], reason: "does not increase")
            }
            func nonNegative(_ column: Int, optional: Bool) throws(TrackingError) -> Double? {
                guard let v = try table.number(row, column, optional: optional) else { return nil }
                guard v >= 0 else {
                    throw .badValue(at, column: table.header[column], text: row.fields[column], reason: "is negative")
                }
                return v
            }
            let qch = try nonNegative(ch, optional: false) ?? 0
            let qdis = try nonNegative(dis, optional: false) ?? 0
            let tHV = try above.flatMap { (i: Int) throws(TrackingError) -> Double? in try nonNegative(i, optional: true) }
            let qSide = try side.flatMap { (i: Int) throws(TrackingError) -> Double? in try table.number(row, i, optional: true) }
            cycles.append(
                Cycle(cycle: Int(n), chargeMAh: qch, dischargeMAh: qdis, timeAboveHours: tHV, sideChargeMAh: qSide,
                      line: row.line))
        }
        guard !cycles.isEmpty else { throw .noData(TrackingLocation(source: table.source), reason: "no cycles") }
        return CyclingData(cycles: cycles, source: table.source)
    }

    /// q_side,k per cycle, mAh: the `side_charge_mAh` column when given, else χ·(Q_ch − Q_dis) − q_CAM (q_CAM in
    /// the first cycle only); minus the reference cell's q_side of the same cycle when `reference` is given
    /// (the differential estimate of §4(b)).
    public func sideCharges(cell: CellDescription, reference: CyclingData? = nil) throws(TrackingError) -> [Double] {
        var own = cycles.enumerated().map { index, c in
            c.sideChargeMAh ?? cell.chi * (c.chargeMAh - c.dischargeMAh) - (index == 0 ? cell.firstCycleCAMLossMAh : 0)
        }
        if let reference {
            let ref = try reference.sideCharges(cell: cell)
            let byCycle = Dictionary(zip(reference.cycles.map(\.cycle), ref), uniquingKeysWith: { a, _ in a })
            for i in own.indices {
                guard let r = byCycle[cycles[i].cycle] else {
                    throw .inconsistentInputs(
                        reason: "cycle \(cycles[i].cycle) of \(source) is missing from the reference \(reference.source)")
                }
                own[i] -= r
            }
        }
        return own
    }

    /// The cumulative sum of `perCycle` up to and including `cycle` (⌊cycle⌋; 0 before the first cycle).
    func cumulative(_ perCycle: [Double], through cycle: Double) throws(TrackingError) -> Double {
        if cycle < Double(cycles.first?.cycle ?? 1) { return 0 }
        guard let n = Int(exactly: cycle.rounded(.down)) else {
            throw .inconsistentInputs(reason: "cycle \(cycle) is beyond the cycling data \(source)")
        }
        guard n <= (cycles.last?.cycle ?? 0) else {
            throw .inconsistentInputs(reason: "cycle \(n) is beyond the cycling data \(source)")
        }
        var total = 0.0
        for (c, q) in zip(cycles, perCycle) where c.cycle <= n { total += q }
        return total
    }
}
