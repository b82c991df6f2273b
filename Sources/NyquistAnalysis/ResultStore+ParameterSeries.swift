import NyquistStore
import NyquistTracking

extension ResultStore {
    /// One fitted parameter over the cycles of one series (cell) of a fit set, read straight from the store (no
    /// CSV in between): the value and 1σ standard error of each fit, in the parameter's unit (Ω for a resistance).
    ///
    /// The same points as `nyquist export` followed by ``ParameterSeries/parse(csv:source:parameter:)`` on that
    /// series' rows: failed fits and fits without a value (missing or NaN) are listed in ``ParameterSeries/skipped``;
    /// when any spectrum of the series has no cycle label, every point's cycle is its 0-based position in the series,
    /// with a note. Each point's `line` is the line the row would have in that export (header = line 1), and
    /// `source` is the store's path.
    /// - Parameters:
    ///   - parameter: the parameter name, e.g. `"R3"`.
    ///   - series: which series; may be nil when the fit set holds only one.
    ///   - fitSet: the fit set id; the newest when nil.
    /// - Throws: ``StoreError`` (no fit set, unknown fit set or parameter, database), ``AnalysisError``
    ///   (`.unknownSeries`, `.ambiguousSeries`), ``TrackingError`` (`.badValue` for a non-positive or infinite value or
    ///   a negative standard error, `.noData` when no row has a usable value).
    public func parameterSeries(_ parameter: String, series: String? = nil, fitSet: Int64? = nil) throws
        -> ParameterSeries
    {
        let table = try export(fitSet: fitSet, parameters: [parameter])
        let names = table.rows.reduce(into: [String]()) { if !$0.contains($1.series) { $0.append($1.series) } }
        let name: String
        if let series {
            guard names.contains(series) else { throw AnalysisError.unknownSeries(series, known: names, store: path) }
            name = series
        } else if names.count > 1 {
            throw AnalysisError.ambiguousSeries(store: path, names: names)
        } else if let only = names.first {
            name = only
        } else {
            throw TrackingError.noData(SourceLocation(source: path), reason: "no row with a usable \(parameter) value")
        }
        let rows = table.rows.filter { $0.series == name }
        var notes: [String] = []
        let unlabelled = rows.filter { $0.cycleLabel == nil }.count
        if unlabelled > 0 {
            notes.append("\(path): \(unlabelled) of \(rows.count) spectra have no cycle label; "
                         + "using the position in the series (0-based) as the cycle")
        }
        var points: [ParameterSeries.Point] = []
        var skipped: [String] = []
        for (k, row) in rows.enumerated() {
            let at = SourceLocation(source: path, line: k + 2)
            if row.status == .failed {
                skipped.append("\(at): status '\(row.status.rawValue)'")
                continue
            }
            guard let value = row.values.first ?? nil, !value.isNaN else {
                skipped.append("\(at): no \(parameter) value")
                continue
            }
            guard value.isFinite else {
                throw TrackingError.badValue(at, column: parameter, text: "\(value)", reason: "is not a finite number")
            }
            guard value > 0 else {
                throw TrackingError.badValue(at, column: parameter, text: "\(value)",
                                             reason: "is not positive (growth laws are fitted to ln \(parameter))")
            }
            let cycle = unlabelled > 0 ? row.position : (row.cycleLabel ?? row.position)
            guard cycle >= 0 else {
                throw TrackingError.badValue(at, column: unlabelled > 0 ? "position" : "cycle", text: "\(cycle)",
                                             reason: "is negative")
            }
            var error: Double?
            if let e = row.standardErrors.first ?? nil, !e.isNaN {
                guard e.isFinite else {
                    throw TrackingError.badValue(at, column: parameter + "_se", text: "\(e)", reason: "is not a finite number")
                }
                guard e >= 0 else {
                    throw TrackingError.badValue(at, column: parameter + "_se", text: "\(e)",
                                                 reason: "is a negative standard error")
                }
                error = e
            }
            points.append(ParameterSeries.Point(cycle: Double(cycle), value: value, standardError: error,
                                                spectrum: row.spectrumIndex, file: row.file.isEmpty ? nil : row.file,
                                                line: k + 2))
        }
        guard !points.isEmpty else {
            throw TrackingError.noData(SourceLocation(source: path), reason: "no row with a usable \(parameter) value")
        }
        return ParameterSeries(parameter: parameter, points: points, source: path, skipped: skipped, notes: notes)
    }
}
