import Numerics

/// One impedance sweep: frequencies in Hz and complex impedances in Ω.
///
/// `impedances[i].imaginary` is the signed imaginary part Z″ (negative for a capacitive response), whatever the
/// source file stored (−Im(Z), phase, …): readers convert and record what they did in ``SpectrumMetadata/provenance``.
public struct Spectrum: Sendable, Codable, Hashable {
    /// Measurement frequencies f in Hz, in file order (ascending or descending).
    public var frequencies: [Double]
    /// Complex impedance Z = Z′ + jZ″ in Ω, one per frequency.
    public var impedances: [Complex<Double>]
    /// Optional per-point standard deviation of Z′ and Z″ in Ω (used by `--weight sigma`).
    public var sigma: [Double]?
    public var metadata: SpectrumMetadata

    public init(frequencies: [Double], impedances: [Complex<Double>], sigma: [Double]? = nil,
                metadata: SpectrumMetadata = SpectrumMetadata()) {
        self.frequencies = frequencies
        self.impedances = impedances
        self.sigma = sigma
        self.metadata = metadata
    }

    /// Number of points.
    public var count: Int { frequencies.count }
}

/// Where a spectrum came from and what is known about it.
public struct SpectrumMetadata: Sendable, Codable, Hashable {
    /// 0-based index of the spectrum within its file.
    public var index: Int
    /// Cycle label from the file (`cycle number`, `z cycle`, loop index) — a label, never the split rule.
    public var cycleLabel: Int?
    /// Start time of the sweep in s, relative to the file's time origin.
    public var startTime: Double?
    /// DC potential in V and current in A during the sweep, where the file records them.
    public var dcPotential: Double?
    public var dcCurrent: Double?
    /// The source file path and the 1-based line (or 0-based record) range the spectrum occupied.
    public var sourceFile: String?
    public var rowRange: ClosedRange<Int>?
    /// Format name the reader used (`biologic-mpt`, `gamry-dta`, `csv`, …).
    public var format: String?
    /// True for a short fragment (an aborted sweep) that is kept but should not be trusted.
    public var isFragment: Bool
    /// Every assumption a reader made (sign convention, decimal separator, split rule), one line each.
    public var provenance: [String]
    /// Warnings for the user (inductive points, dropped rows, …).
    public var warnings: [String]
    /// Technique named by the file (`Potentio Electrochemical Impedance Spectroscopy`, `EISPOT`, …).
    public var technique: String?
    /// Acquisition date/time as written in the file (locale formats are kept verbatim, not reinterpreted).
    public var startDate: String?
    /// Free label distinguishing spectra that share one sweep (e.g. `drift-corrected` for Gamry DrCor columns).
    public var label: String?
    /// Instrument channel the spectrum was measured on, as the file names it (`CH 3` in a PalmSens multiplexer
    /// session); nil when the file holds one channel or does not say.
    public var channel: String?

    public init(index: Int = 0, cycleLabel: Int? = nil, startTime: Double? = nil, dcPotential: Double? = nil,
                dcCurrent: Double? = nil, sourceFile: String? = nil, rowRange: ClosedRange<Int>? = nil,
                format: String? = nil, isFragment: Bool = false, provenance: [String] = [], warnings: [String] = [],
                technique: String? = nil, startDate: String? = nil, label: String? = nil,
                channel: String? = nil) {
        self.index = index
        self.cycleLabel = cycleLabel
        self.startTime = startTime
        self.dcPotential = dcPotential
        self.dcCurrent = dcCurrent
        self.sourceFile = sourceFile
        self.rowRange = rowRange
        self.format = format
        self.isFragment = isFragment
        self.provenance = provenance
        self.warnings = warnings
        self.technique = technique
        self.startDate = startDate
        self.label = label
        self.channel = channel
    }
}
