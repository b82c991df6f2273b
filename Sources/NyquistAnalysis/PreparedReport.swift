import NyquistReport
import NyquistStore

/// The options of an HTML report of a results store with its growth-law overlays computed (``GrowthBands``), and
/// the notes the user should see: spectra without cycle labels (plotted against position), or a growth parameter the
/// fit set does not have. Pass ``options`` to ``NyquistReport/BatchReport/html(store:options:progress:)``.
public struct PreparedReport: Sendable {
    public var options: BatchReportOptions
    public var notes: [String]

    /// - Parameters:
    ///   - fitSet: the fit set; the newest when nil.
    ///   - parameters: parameters plotted against cycle; all of the circuit's when nil.
    ///   - maximumOverlays: at most this many per-spectrum Nyquist plots.
    ///   - growth: the parameter whose best growth law and 95 % band is drawn per series; nil for none.
    public init(store: ResultStore, fitSet: Int64? = nil, parameters: [String]? = nil, maximumOverlays: Int = 200,
                growth: String? = "R3") {
        options = BatchReportOptions(fitSet: fitSet, parameters: parameters, maximumOverlays: maximumOverlays)
        notes = []
        if let rows = try? store.export(fitSet: fitSet, parameters: []).rows {
            let unlabelled = rows.filter { $0.cycleLabel == nil }.count
            if unlabelled > 0 {
                notes.append("\(unlabelled) of \(rows.count) spectra of the fit set have no cycle label; parameters and "
                             + "growth laws are plotted against the position in the series (0-based)")
            }
        }
        if let growth {
            let models = GrowthBands.models(store: store, fitSet: fitSet, parameter: growth)
            if !models.isEmpty { options.models[growth] = models }
            if (try? store.export(fitSet: fitSet, parameters: [growth])) == nil {
                notes.append("no growth-law curve: the fit set has no parameter '\(growth)' (--growth NAME or none)")
            }
        }
    }
}
