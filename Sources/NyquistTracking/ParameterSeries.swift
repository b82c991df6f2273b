/// One fitted parameter (typically the interfacial resistance R3, in Ω) over the cycles of one cell.
public struct ParameterSeries: Sendable, Hashable, Codable {
    /// One fit: the parameter value at a cycle, with the fit's 1σ standard error.
    public struct Point: Sendable, Hashable, Codable {
        /// Cycle number n (≥ 0; fractional allowed).
        public var cycle: Double
        /// The fitted value, in the parameter's unit (Ω for a resistance); > 0 (fits run in log space).
        public var value: Double
        /// 1σ standard error of `value` from the EIS fit (same unit), or nil when not reported.
        public var standardError: Double?
        /// Spectrum index and file from a batch export, when present.
        public var spectrum: Int?
        public var file: String?
        /// Line of the row in the input file.
        public var line: Int?

        public init(
            cycle: Double, value: Double, standardError: Double? = nil, spectrum: Int? = nil, file: String? = nil,
            line: Int? = nil
        ) {
            self.cycle = cycle
            self.value = value
            self.standardError = standardError
            self.spectrum = spectrum
            self.file = file
            self.line = line
        }
    }

    /// The parameter's name (column name), e.g. `"R3"`.
    public var parameter: String
    /// Points in input order.
    public var points: [Point]
    /// Where the series came from.
    public var source: String
    /// Rows that were skipped (status marked failed, empty value), as `file:line: reason`.
    public var skipped: [String]
    /// How the series was read where the user should know, one line each — e.g. that the position in the series
    /// stands in for missing cycle labels.
    public var notes: [String]

    public init(parameter: String, points: [Point], source: String = "<memory>", skipped: [String] = [],
                notes: [String] = []) {
        self.parameter = parameter
        self.points = points
        self.source = source
        self.skipped = skipped
        self.notes = notes
    }

    public var cycles: [Double] { points.map(\.cycle) }
    public var values: [Double] { points.map(\.value) }
    /// Standard errors, 0 where none was reported.
    public var standardErrors: [Double] { points.map { $0.standardError ?? 0 } }
}

extension ParameterSeries {
    /// Reads a series from a file. This is the single entry point for series sources (a batch-store reader can be
    /// added here): today it reads CSV, either a batch export (`cycle,spectrum,file,R1,R1_err,…,chi2,…,status`,
    /// one row per spectrum) or a minimal `cycle,R3[,R3_err]` table. See ``parse(csv:source:parameter:)``.
    public static func read(path: String, parameter: String) throws(TrackingError) -> ParameterSeries {
        try from(table: CSVTable.read(path: path), parameter: parameter)
    }

    /// Parses CSV text. Columns (case-insensitive, `_`/spaces ignored): `cycle` (required), the parameter column
    /// named exactly like `parameter` (required), `<parameter>_err` (1σ standard error, optional), `spectrum`,
    /// `file` and `status` (optional). A batch export of spectra without cycle labels (an empty `cycle` field in
    /// any row, and a `position` column) is read against the 0-based position in the series instead, for every
    /// row, with a line in ``notes`` saying so. Rows whose status contains "fail" or "error", or whose value is empty, are
    /// skipped and listed in ``skipped``; any other non-numeric, non-finite or non-positive value is an error
    /// naming the line.
    public static func parse(csv text: String, source: String = "<string>", parameter: String)
        throws(TrackingError) -> ParameterSeries
    {
        try from(table: CSVTable.parse(text: text, source: source), parameter: parameter)
    }

    static func from(table: CSVTable, parameter: String) throws(TrackingError) -> ParameterSeries {
        let key = CSVTable.normalized(parameter)
        var cycleColumn = try table.requireColumn(["cycle", "cyclenumber", "n"], display: "cycle")
        var notes: [String] = []
        let unlabelled = table.rows.filter { $0.fields[cycleColumn].isEmpty }.count
        if unlabelled > 0, let positionColumn = table.column(["position"]) {
            cycleColumn = positionColumn
            notes.append("\(table.source): \(unlabelled) of \(table.rows.count) spectra have no cycle label; "
                         + "using the position in the series (0-based) as the cycle")
        }
        let valueColumn = try table.requireColumn([key], display: parameter)
        let errorColumn = table.column([key + "err", key + "stderr", key + "se", key + "sigma"])
        let spectrumColumn = table.column(["spectrum"])
        let fileColumn = table.column(["file"])
        let statusColumn = table.column(["status"])
        var points: [Point] = []
        var skipped: [String] = []
        for row in table.rows {
            let at = TrackingLocation(source: table.source, line: row.line)
            if let statusColumn {
                let status = row.fields[statusColumn].lowercased()
                if status.contains("fail") || status.contains("error") {
                    skipped.append("\(at): status '\(row.fields[statusColumn])'")
                    continue
                }
            }
            guard let value = try table.number(row, valueColumn, optional: true) else {
                skipped.append("\(at): no \(parameter) value")
                continue
            }
            guard value > 0 else {
                throw .badValue(
                    at, column: table.header[valueColumn], text: row.fields[valueColumn],
                    reason: "is not positive (growth laws are fitted to ln \(parameter))")
            }
            guard let cycle = try table.number(row, cycleColumn), cycle >= 0 else {
                throw .badValue(
                    at, column: table.header[cycleColumn], text: row.fields[cycleColumn], reason: "is negative")
            }
            var error: Double? = nil
            if let errorColumn, let e = try table.number(row, errorColumn, optional: true) {
                guard e >= 0 else {
                    throw .badValue(
                        at, column: table.header[errorColumn], text: row.fields[errorColumn],
                        reason: "is a negative standard error")
                }
                error = e
            }
            let spectrum = spectrumColumn.flatMap { Int(row.fields[$0]) }
            let file = fileColumn.map { row.fields[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            points.append(
                Point(cycle: cycle, value: value, standardError: error, spectrum: spectrum, file: file, line: row.line))
        }
        guard !points.isEmpty else {
            throw .noData(TrackingLocation(source: table.source), reason: "no row with a usable \(parameter) value")
        }
        return ParameterSeries(parameter: parameter, points: points, source: table.source, skipped: skipped,
                               notes: notes)
    }
}
