import Numerics

/// Impedance rows collected by a reader before they are split into sweeps.
///
/// Struct-of-arrays so that large files stay compact. A row with frequency exactly 0 is not an impedance row: it is
/// recorded as a gap (GCPL/OCV rows in Modulo Bat files, the pre-measurement rows of GEIS) — except one such row
/// alone inside a sweep whose next row continues the sweep's direction, which is dropped instead (see ``add``).
/// A row with a non-finite or negative frequency, or non-finite Z, is bad data, never a separator: it is dropped and
/// recorded in ``dropped`` so that the spectrum's warnings name its line, and the sweep around it stays whole.
struct RowCollector: Sendable {
    /// A row the reader could not use, with its line (1-based) or record (0-based) and the reason.
    struct DroppedRow: Sendable {
        var position: Int
        var reason: String
        /// Number of rows collected before it (the sweep it interrupted holds row `beforeRow − 1`).
        var beforeRow: Int
    }

    var frequency: [Double] = []
    var real: [Double] = []
    var imaginary: [Double] = []
    /// Line (1-based) or record (0-based) of each row.
    var position: [Int] = []
    var label: [Int?] = []
    var time: [Double?] = []
    var potential: [Double?] = []
    var current: [Double?] = []
    /// True for a row that follows at least one non-impedance row.
    var afterGap: [Bool] = []
    var pendingGap = false
    /// The pending gap holds something other than frequency-0 rows (a blank line, a section title, a new scan).
    var pendingHardGap = false
    /// Frequency-0 rows in the pending gap, and the position of the last of them.
    var pendingZeroRows = 0
    var pendingZeroPosition = 0
    /// Frequency-0 rows treated as non-impedance rows.
    var skippedRows = 0
    var dropped: [DroppedRow] = []
    /// Channel named by a `channel` column, by row index (sparse: only tables with such a column fill it).
    var channel: [Int: String] = [:]
    /// True when a `spectrum` column delimits the spectra: gaps alone split, never a frequency jump.
    var splitByColumn = false

    init(capacity: Int = 0) {
        frequency.reserveCapacity(capacity)
        real.reserveCapacity(capacity)
        imaginary.reserveCapacity(capacity)
        position.reserveCapacity(capacity)
    }

    var count: Int { frequency.count }

    mutating func add(frequency f: Double, real re: Double, imaginary im: Double, position pos: Int, label: Int? = nil,
                      time: Double? = nil, potential: Double? = nil, current: Double? = nil) {
        if f == 0 {
            if !frequency.isEmpty { pendingGap = true; pendingZeroRows += 1; pendingZeroPosition = pos }
            skippedRows += 1
            return
        }
        guard f > 0, f.isFinite else {
            drop(position: pos, reason: "frequency \(f) is not a positive finite number: row dropped")
            return
        }
        guard re.isFinite, im.isFinite else {
            drop(position: pos, reason: "impedance (\(re), \(im)) is not finite: row dropped")
            return
        }
        var gapBefore = pendingGap
        if gapBefore && !pendingHardGap && pendingZeroRows == 1 && continuesSweep(f) {
            // One frequency-0 row between two points of the same sweep is a bad point, not a sweep boundary.
            skippedRows -= 1
            drop(position: pendingZeroPosition, reason: "frequency 0 inside a sweep: row dropped")
            gapBefore = false
        }
        frequency.append(f)
        real.append(re)
        imaginary.append(im)
        position.append(pos)
        self.label.append(label)
        self.time.append(time)
        self.potential.append(potential)
        self.current.append(current)
        afterGap.append(gapBefore)
        pendingGap = false
        pendingHardGap = false
        pendingZeroRows = 0
    }

    /// True when `f` continues the direction of the last two rows of the current sweep (f < f[−1] < f[−2] or
    /// f > f[−1] > f[−2]).
    func continuesSweep(_ f: Double) -> Bool {
        let n = frequency.count
        guard n >= 2, !afterGap[n - 1] else { return false }
        let a = frequency[n - 2], b = frequency[n - 1]
        return (a > b && f < b) || (a < b && f > b)
    }

    /// Marks a section boundary (a blank line, a line without numbers, the start of a new scan).
    mutating func gap() {
        if !frequency.isEmpty { pendingGap = true; pendingHardGap = true }
    }

    /// Records a row the reader could not use; it neither ends nor splits the sweep around it.
    mutating func drop(position: Int, reason: String) {
        dropped.append(DroppedRow(position: position, reason: reason, beforeRow: frequency.count))
    }
}

/// How positions in `rowRange` are counted.
enum PositionKind: Sendable {
    case line, record
}

enum SweepSplitter {
    /// Splits collected rows into spectra.
    ///
    /// Rule (the one MANIFEST.md's counts were made with): a new sweep starts after any non-impedance gap, and
    /// when the frequency jumps against the sweep's direction — f[i] > k·f[i−1] in a descending sweep,
    /// f[i] < f[i−1]/k in an ascending one, k = ``ReadOptions/jumpFactor`` (1.5). The direction is set by the first
    /// two points of each sweep. With ``RowCollector/splitByColumn`` (a `spectrum` column) only gaps split. Cycle counters are kept as labels only: they reset mid-sweep in real files.
    /// A sweep with fewer than half the points of the longest sweep in the file is marked ``SpectrumMetadata/isFragment``.
    static func split(_ rows: RowCollector, file: String, format: FileFormat, positions: PositionKind,
                      options: ReadOptions, provenance: [String], warnings fileWarnings: [String] = [],
                      technique: String? = nil, startDate: String? = nil) -> [Spectrum] {
        var ranges: [Range<Int>] = []
        let n = rows.count
        guard n > 0 else { return [] }
        var start = 0
        var direction = 0  // −1 descending, +1 ascending, 0 unknown
        let k = options.jumpFactor > 1 ? options.jumpFactor : 1.5
        if options.splitSweeps {
            for i in 1..<n {
                let prev = rows.frequency[i - 1], f = rows.frequency[i]
                var newSweep = rows.afterGap[i]
                if !newSweep && !rows.splitByColumn {
                    if direction < 0 && f > k * prev { newSweep = true }
                    else if direction > 0 && f * k < prev { newSweep = true }
                }
                if newSweep {
                    ranges.append(start..<i)
                    start = i
                    direction = 0
                } else if direction == 0 && f != prev {
                    direction = f < prev ? -1 : 1
                }
            }
        }
        ranges.append(start..<n)
        let longest = ranges.map(\.count).max() ?? 0
        var base = provenance
        base.append("format \(format.rawValue)")
        if options.splitSweeps && rows.splitByColumn {
            base.append("sweeps split where the spectrum column changes and at non-impedance rows")
        } else if options.splitSweeps {
            base.append("sweeps split at non-impedance rows and at frequency jumps against the sweep direction by more than ×\(k)")
        } else {
            base.append("sweep splitting disabled: all impedance rows form one spectrum")
        }
        if rows.skippedRows > 0 {
            base.append("\(rows.skippedRows) rows with frequency 0 treated as non-impedance rows")
        }
        let place = positions == .line ? "line" : "record"
        if !rows.dropped.isEmpty {
            base.append("\(rows.dropped.count) row\(rows.dropped.count == 1 ? "" : "s") dropped (\(place) "
                        + rows.dropped.map(\.position).sorted().map(String.init).joined(separator: ", ") + "); a dropped row never splits a sweep")
        }
        return ranges.enumerated().map { index, r in
            // A dropped row belongs to the sweep holding the row just before it (the first sweep when none).
            let own = rows.dropped.filter { d in index == 0 && d.beforeRow == 0 || r.contains(d.beforeRow - 1) }
            return makeSpectrum(rows, r, index: index, count: ranges.count, longest: longest, file: file, format: format,
                                positions: positions, provenance: base,
                                fileWarnings: fileWarnings + own.map { "\(place) \($0.position): \($0.reason)" },
                                technique: technique, startDate: startDate)
        }
    }

    static func makeSpectrum(_ rows: RowCollector, _ r: Range<Int>, index: Int, count: Int, longest: Int, file: String,
                             format: FileFormat, positions: PositionKind, provenance: [String], fileWarnings: [String],
                             technique: String?, startDate: String?) -> Spectrum {
        let freq = Array(rows.frequency[r])
        var z: [Complex<Double>] = []
        z.reserveCapacity(r.count)
        for i in r { z.append(Complex(rows.real[i], rows.imaginary[i])) }
        var meta = SpectrumMetadata(index: index, sourceFile: file, format: format.rawValue)
        meta.technique = technique
        meta.startDate = startDate
        meta.rowRange = rows.position[r.lowerBound]...rows.position[r.upperBound - 1]
        meta.startTime = rows.time[r.lowerBound]
        meta.channel = rows.channel[r.lowerBound]
        let labels = rows.label[r].compactMap { $0 }
        meta.cycleLabel = labels.first
        var prov = provenance
        prov.append(positions == .line ? "rowRange counts 1-based lines" : "rowRange counts 0-based data records")
        if let first = labels.first, let last = labels.last, Set(labels).count > 1 {
            prov.append("cycle label changes within the sweep (\(first) → \(last)); the first is reported")
        }
        let pots = rows.potential[r].compactMap { $0 }
        if !pots.isEmpty { meta.dcPotential = pots.reduce(0, +) / Double(pots.count) }
        let curs = rows.current[r].compactMap { $0 }
        if !curs.isEmpty { meta.dcCurrent = curs.reduce(0, +) / Double(curs.count) }
        if !pots.isEmpty || !curs.isEmpty { prov.append("DC potential (V) and current (A) are means over the sweep's rows") }
        var warnings = fileWarnings
        if count > 1 && r.count * 2 < longest {
            meta.isFragment = true
            warnings.append("fragment: \(r.count) points while the longest sweep in the file has \(longest)")
        }
        let inductive = z.filter { $0.imaginary > 0 }.count
        if inductive > 0 { warnings.append("\(inductive) inductive point\(inductive == 1 ? "" : "s") (Im(Z) > 0)") }
        let negativeReal = z.filter { $0.real < 0 }.count
        if negativeReal > 0 { warnings.append("\(negativeReal) point\(negativeReal == 1 ? "" : "s") with Re(Z) < 0") }
        if freq.count > 2 {
            var up = false, down = false
            for i in 1..<freq.count { if freq[i] > freq[i - 1] { up = true } else if freq[i] < freq[i - 1] { down = true } }
            if up && down { warnings.append("frequency is not monotonic within the sweep") }
        }
        if Set(freq).count < freq.count { warnings.append("\(freq.count - Set(freq).count) repeated frequencies") }
        meta.provenance = prov
        meta.warnings = warnings
        return Spectrum(frequencies: freq, impedances: z, metadata: meta)
    }
}
