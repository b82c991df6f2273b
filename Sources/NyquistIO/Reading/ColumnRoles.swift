/// What a table column holds, recognised from its header name.
enum ColumnRole: Sendable, Hashable {
    case frequency
    /// Re(Z); `negated` for a `-Z'` header.
    case real(negated: Bool)
    /// Im(Z); `negated` for `-Im(Z)`, `-Z''`, `-Zim` headers.
    case imaginary(negated: Bool)
    case modulus
    /// arg(Z); `negated` for `-phase`; `radians` when the header says so, `nil` when it gives no unit.
    case phase(negated: Bool, radians: Bool?)
    case time
    case potential
    /// A current; `scale` converts the file's unit to A (1e-3 for mA).
    case current(scale: Double)
    case cycleLabel
    /// A spectrum identifier (`spectrum`, as `nyquist convert --to csv` writes): a new spectrum starts where it changes.
    case spectrum
    /// The instrument channel as text (`channel`, as `nyquist convert --to csv` writes).
    case channel
    case index
}

enum ColumnNames {
    /// Lower-cased, whitespace removed, `Data:` prefix removed.
    static func normalise(_ name: String) -> String {
        var s = name.lowercased().filter { !$0.isWhitespace && $0 != "\u{FEFF}" }
        if s.hasPrefix("data:") { s.removeFirst(5) }
        return s
    }

    private static let unitSuffixes: [(String, Bool?)] = [
        ("/ohm", nil), ("(ohm)", nil), ("(ohms)", nil), ("_ohm", nil), ("/ω", nil), ("(ω)", nil), ("/hz", nil),
        ("(hz)", nil), ("_hz", nil), ("/deg", false), ("(deg)", false), ("(deg.)", false), ("(°)", false), ("/°", false),
        ("_deg", false), ("/rad", true), ("(rad)", true), ("_rad", true), ("(a)", nil), ("(b)", nil),
    ]
    private static let frequency: Set<String> = ["f", "freq", "frequency"]
    private static let real: Set<String> = ["z'", "zre", "zreal", "z_re", "re(z)", "real", "re", "zprime", "zr"]
    private static let imaginary: Set<String> = [
        "z''", "z\"", "zim", "zimag", "zimg", "z_im", "im(z)", "imag", "imaginary", "im", "zbis", "zi", "z′′", "z″",
    ]
    private static let modulus: Set<String> = ["|z|", "z", "zmod", "mod(z)", "modulus", "impedance", "z_mod", "abs(z)"]
    private static let phase: Set<String> = ["phase(z)", "phase", "zphz", "phz", "theta", "theta(z)", "arg(z)", "phi"]

    /// The role of a column from its header, or nil when the name is not one the readers use.
    static func role(of name: String) -> ColumnRole? {
        var s = normalise(name)
        if s.isEmpty || s == "index" || s == "unnamed:0" || s == "#" || s == "pt" || s == "no." { return .index }
        if s == "spectrum" { return .spectrum }
        if s == "channel" { return .channel }
        switch s {
        case "time/s", "time(s)", "time", "t/s", "time(sec)", "elapsedtime(s)", "start_time_s": return .time
        case "<ewe>/v", "ewe/v", "e/v", "potential(v)", "vdc", "e(v)", "edc/v", "dcpot(v)", "bias": return .potential
        case "<i>/ma", "i/ma": return .current(scale: 1e-3)
        case "idc", "i/a", "current(a)", "idc/a", "i(a)", "dccurr(a)": return .current(scale: 1)
        case "cyclenumber", "zcycle", "loop_index", "loop", "cycle": return .cycleLabel
        default: break
        }
        var negated = false
        if s.hasPrefix("-") { negated = true; s.removeFirst() }
        var radians: Bool? = nil
        for (suffix, rad) in unitSuffixes where s.hasSuffix(suffix) && s.count > suffix.count {
            s.removeLast(suffix.count)
            radians = rad
            break
        }
        if frequency.contains(s) && !negated { return .frequency }
        if real.contains(s) { return .real(negated: negated) }
        if imaginary.contains(s) { return .imaginary(negated: negated) }
        if modulus.contains(s) && !negated { return .modulus }
        if phase.contains(s) { return .phase(negated: negated, radians: radians) }
        return nil
    }
}

/// The columns of one table the readers need, with their conventions.
struct ColumnMap: Sendable {
    var frequency: Int
    var real: Int?
    var imaginary: Int?
    var modulus: Int?
    var phase: Int?
    var realNegated = false
    var imaginaryNegated = false
    var phaseNegated = false
    var phaseRadians = false
    var time: Int?
    var potential: Int?
    var current: Int?
    var currentScale = 1.0
    var label: Int?
    /// Column whose value names the spectrum of each row (see ``ColumnRole/spectrum``).
    var spectrum: Int?
    /// Column naming the channel of each row (see ``ColumnRole/channel``).
    var channel: Int?
    /// One line per assumption, for provenance.
    var notes: [String] = []

    /// True when Z is given as (|Z|, phase) instead of (Re, Im).
    var isPolar: Bool { real == nil || imaginary == nil }

    /// Largest column index the reader must reach on each row.
    var maxIndex: Int {
        [frequency, real, imaginary, modulus, phase, time, potential, current, label, spectrum, channel].compactMap { $0 }.max() ?? frequency
    }

    /// Builds the map from header names. Returns nil when no frequency column or no impedance pair is recognised.
    /// `options` may name columns explicitly and fix sign conventions and units.
    static func fromHeader(_ names: [String], options: ReadOptions) -> ColumnMap? {
        var freq: Int?, re: Int?, im: Int?, mod: Int?, ph: Int?
        var map = ColumnMap(frequency: 0)
        var phaseUnitFromHeader: Bool? = nil
        for (k, name) in names.enumerated() {
            guard let role = ColumnNames.role(of: name) else { continue }
            switch role {
            case .frequency: if freq == nil { freq = k }
            case .real(let neg): if re == nil { re = k; map.realNegated = neg }
            case .imaginary(let neg): if im == nil { im = k; map.imaginaryNegated = neg }
            case .modulus: if mod == nil { mod = k }
            case .phase(let neg, let rad): if ph == nil { ph = k; map.phaseNegated = neg; phaseUnitFromHeader = rad }
            case .time: if map.time == nil { map.time = k }
            case .potential: if map.potential == nil { map.potential = k }
            case .current(let scale): if map.current == nil { map.current = k; map.currentScale = scale }
            case .cycleLabel:
                // `z cycle` counts EIS sweeps, so it is the better label when both are present.
                if map.label == nil || ColumnNames.normalise(name) == "zcycle" { map.label = k }
            case .spectrum: if map.spectrum == nil { map.spectrum = k }
            case .channel: if map.channel == nil { map.channel = k }
            case .index: break
            }
        }
        func resolve(_ c: ReadOptions.Column?) -> Int? {
            switch c {
            case .index(let i)?: return i
            case .name(let n)?: return names.firstIndex { $0.trimmingSpaces() == n || $0.unquoted() == n }
            case nil: return nil
            }
        }
        if let c = options.frequencyColumn { freq = resolve(c) }
        if let c = options.realColumn { re = resolve(c); map.realNegated = false }
        if let c = options.imaginaryColumn { im = resolve(c) }
        if let c = options.modulusColumn { mod = resolve(c) }
        if let c = options.phaseColumn { ph = resolve(c) }
        guard let f = freq else { return nil }
        map.frequency = f
        map.real = re
        map.imaginary = im
        map.modulus = mod
        map.phase = ph
        if re == nil || im == nil {
            guard mod != nil, ph != nil else { return nil }
            map.real = nil
            map.imaginary = nil
        }
        map.applyConventions(names: names, options: options, phaseUnitFromHeader: phaseUnitFromHeader)
        return map
    }

    /// Applies sign and unit options and records every convention in `notes`.
    mutating func applyConventions(names: [String], options: ReadOptions, phaseUnitFromHeader: Bool?) {
        func name(_ i: Int?) -> String { i.flatMap { $0 < names.count ? "'\(names[$0].trimmingSpaces())'" : nil } ?? "#\(i ?? -1)" }
        notes.append("frequency from column \(name(frequency)) (Hz)")
        if let c = spectrum {
            notes.append("spectra split by column \(name(c)): a new spectrum starts where its value changes (no frequency-jump rule)")
        }
        if !isPolar {
            switch options.imaginarySign {
            case .signed: imaginaryNegated = false; notes.append("imaginary column \(name(imaginary)) read as Im(Z) (--imaginary-sign signed)")
            case .negated: imaginaryNegated = true; notes.append("imaginary column \(name(imaginary)) read as -Im(Z) (--imaginary-sign negated)")
            case .auto: notes.append("imaginary column \(name(imaginary)) read as \(imaginaryNegated ? "-Im(Z) (header has '-')" : "signed Im(Z) (header has no '-')")")
            }
            notes.append("real column \(name(real))\(realNegated ? " read as -Re(Z) (header has '-')" : "") in Ω")
        } else {
            if let n = options.phaseNegated { phaseNegated = n }
            switch options.phaseUnit {
            case .degrees: phaseRadians = false; notes.append("phase in degrees (option)")
            case .radians: phaseRadians = true; notes.append("phase in radians (option)")
            case .auto:
                if let r = phaseUnitFromHeader {
                    phaseRadians = r; notes.append("phase in \(r ? "radians" : "degrees") (unit in header)")
                } else {
                    phaseRadians = false; notes.append("phase assumed in degrees (no unit in header)")
                }
            }
            notes.append("Z rebuilt as |Z|·exp(j·phase) from \(name(modulus)) and \(name(phase))\(phaseNegated ? " (phase column holds -arg(Z))" : "")")
        }
    }

    /// Headerless table: columns f, Z', Z'' (signed) unless options say otherwise.
    static func positional(columnCount: Int, firstColumnIsIndex: Bool, options: ReadOptions) -> ColumnMap {
        let o = firstColumnIsIndex ? 1 : 0
        let names = (0..<columnCount).map { "#\($0)" }
        var map = ColumnMap(frequency: o, real: o + 1, imaginary: o + 2)
        func idx(_ c: ReadOptions.Column?) -> Int? { if case .index(let i)? = c { return i }; return nil }
        map.frequency = idx(options.frequencyColumn) ?? map.frequency
        map.real = idx(options.realColumn) ?? map.real
        map.imaginary = idx(options.imaginaryColumn) ?? map.imaginary
        if let m = idx(options.modulusColumn), let p = idx(options.phaseColumn) {
            map.modulus = m; map.phase = p; map.real = nil; map.imaginary = nil
        }
        map.notes.append("no header line: columns taken by position\(firstColumnIsIndex ? " after a leading index column" : "")")
        map.applyConventions(names: names, options: options, phaseUnitFromHeader: nil)
        return map
    }
}
