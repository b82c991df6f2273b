/// The instrument file formats NyquistIO reads, each with a stable raw name (used by `--format` and in metadata).
public enum FileFormat: String, Sendable, Codable, CaseIterable, Hashable {
    /// Generic delimited table (comma, semicolon, tab or whitespace), with or without a header.
    /// Also covers Parstat and PowerSuite text exports and headerless DRTtools/ImpedanceAnalyzer files.
    case csv
    /// BioLogic EC-Lab ASCII export (`.mpt`, also `.txt`), with or without the `EC-Lab ASCII FILE` header.
    case biologicMPT = "biologic-mpt"
    /// BioLogic EC-Lab binary (`.mpr`).
    case biologicMPR = "biologic-mpr"
    /// Gamry Framework EXPLAIN file (`.DTA`).
    case gamryDTA = "gamry-dta"
    /// Scribner ZPlot/ZView text: `ZPLOT2 ASCII`, `ZPlotW`, `Z60W` (Autolab FRA export), `ZView Calculated Data`.
    case zplot
    /// RelaxIS 3 spectrum export.
    case relaxis
    /// CH Instruments "A.C. Impedance" text export.
    case chi
    /// Princeton Applied Research VersaStudio `.par`.
    case versastudio = "versastudio-par"
    /// PalmSens PSTrace session (`.pssession`, UTF-16LE JSON).
    case palmsens = "palmsens-pssession"
    /// Zahner Thales binary (`.ism`).
    case zahnerISM = "zahner-ism"

    /// The names accepted by `--format`, in declaration order.
    public static var names: [String] { allCases.map(\.rawValue) }
}

/// Options that override what readers would otherwise infer from the file.
public struct ReadOptions: Sendable, Hashable, Codable {
    /// How the imaginary column of a table is to be read.
    public enum ImaginarySign: String, Sendable, Hashable, Codable {
        /// Decide from the header (`-Im(Z)`, `-Z''` → negated; `Z''`, `Zimag` → signed).
        case auto
        /// The column holds Im(Z) (negative for a capacitor).
        case signed
        /// The column holds −Im(Z) (positive for a capacitor).
        case negated
    }
    /// Unit of a phase column.
    public enum PhaseUnit: String, Sendable, Hashable, Codable {
        case auto, degrees, radians
    }
    /// Decimal separator of numbers in text files.
    public enum DecimalSeparator: String, Sendable, Hashable, Codable {
        case auto
        case dot
        case comma
    }
    /// A column given by 0-based index or by exact (trimmed) header name.
    public enum Column: Sendable, Hashable, Codable {
        case index(Int)
        case name(String)
    }

    /// Explicit frequency column (tables only).
    public var frequencyColumn: Column?
    /// Explicit real-part column (tables only).
    public var realColumn: Column?
    /// Explicit imaginary-part column (tables only).
    public var imaginaryColumn: Column?
    /// Explicit |Z| column (tables only; used with `phaseColumn` when no real/imaginary pair is given).
    public var modulusColumn: Column?
    /// Explicit phase column (tables only).
    public var phaseColumn: Column?
    /// Sign convention of the imaginary column.
    public var imaginarySign: ImaginarySign
    /// Sign of the phase column: `true` when it holds −arg(Z) (positive for a capacitor).
    public var phaseNegated: Bool?
    /// Unit of the phase column.
    public var phaseUnit: PhaseUnit
    /// Decimal separator.
    public var decimalSeparator: DecimalSeparator
    /// Split a file into sweeps where the frequency jumps against the sweep direction by more than
    /// ``jumpFactor`` or where non-EIS rows intervene. `false` keeps all impedance rows as one spectrum.
    public var splitSweeps: Bool
    /// A jump f[i] > jumpFactor · f[i−1] (descending sweep) or f[i] < f[i−1] / jumpFactor (ascending) starts a new sweep.
    public var jumpFactor: Double

    public init(frequencyColumn: Column? = nil, realColumn: Column? = nil, imaginaryColumn: Column? = nil,
                modulusColumn: Column? = nil, phaseColumn: Column? = nil, imaginarySign: ImaginarySign = .auto,
                phaseNegated: Bool? = nil, phaseUnit: PhaseUnit = .auto, decimalSeparator: DecimalSeparator = .auto,
                splitSweeps: Bool = true, jumpFactor: Double = 1.5) {
        self.frequencyColumn = frequencyColumn
        self.realColumn = realColumn
        self.imaginaryColumn = imaginaryColumn
        self.modulusColumn = modulusColumn
        self.phaseColumn = phaseColumn
        self.imaginarySign = imaginarySign
        self.phaseNegated = phaseNegated
        self.phaseUnit = phaseUnit
        self.decimalSeparator = decimalSeparator
        self.splitSweeps = splitSweeps
        self.jumpFactor = jumpFactor
    }
}
