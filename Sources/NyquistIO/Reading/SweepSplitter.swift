import Numerics

/// Impedance rows collected by a reader before they are split into sweeps.
///
/// Struct-of-arrays so that large files stay compact. A row with frequency ≤ 0 or non-finite values is not an
/// impedance row: it is recorded as a gap (GCPL/OCV rows in Modulo Bat files, the pre-measurement rows of GEIS).
struct RowCollector: Sendable {
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
    var skippedRows = 0

    init(capacity: Int = 0) {
        frequency.reserveCapacity(capacity)
        real.reserveCapacity(capacity)
        imaginary.reserveCapacity(capacity)
        position.reserveCapacity(capacity)
    }

    var count: Int { frequency.count }

    mutating func add(frequency f: Double, real re: Double, imaginary im: Double, position pos: Int, label: Int? = nil,
                      time: Double? = nil, potential: Double? = nil, current: Double? = nil) {
        guard f > 0, f.isFinite, re.isFinite, im.isFinite else {
            gap()
            skippedRows += 1
            return
        }
        frequency.append(f)
        real.append(re)
        imaginary.append(im)
        position.append(pos)
        self.label.append(label)
        self.time.append(time)
        self.potential.append(potential)
        self.current.append(current)
        afterGap.append(pendingGap)
        pendingGap = false
    }

    /// Marks a non-impedance row or section boundary.
    mutating func gap() {
        if !frequency.isEmpty { pendingGap = true }
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
    /// two points of each sweep. Cycle counters are kept as labels only: they reset mid-sweep in real files.
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
                if !newSweep {
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
        if options.splitSweeps {
            base.append("sweeps split at non-impedance rows and at frequency jumps against the sweep direction by more than ×\(k)")
        } else {
            base.append("sweep splitting disabled: all impedance rows form one spectrum")
        }
        if rows.skippedRows > 0 {
            base.append("\(rows.skippedRows) rows with frequency ≤ 0 or non-finite values treated as non-impedance rows")
        }
        return ranges.enumerated().map { index, r in
            makeSpectrum(rows, r, index: index, count: ranges.count, longest: longest, file: file, format: format,
                         positions: positions, provenance: base, fileWarnings: fileWarnings, technique: technique,
                         startDate: startDate)
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
