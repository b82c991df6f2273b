/// Why an analysis of ``NyquistAnalysis`` could not start: a choice the caller has to make or correct (the CLI
/// exits 2). Errors of the layers below (``NyquistStore/StoreError``, ``NyquistTracking/TrackingError``, …) pass
/// through unchanged.
public enum AnalysisError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A series name the store does not hold; `known` lists its series in store order.
    case unknownSeries(String, known: [String], store: String)
    /// A store holding several series, and none chosen.
    case ambiguousSeries(store: String, names: [String])
    /// An analysis setting outside its domain, e.g. a clock or growth-law name that does not exist; `setting`
    /// names it as the CLI option, `reason` says what is allowed.
    case invalidSetting(setting: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownSeries(name, known, _):
            return "--series '\(name)': the store's series are \(known.joined(separator: ", "))"
        case let .ambiguousSeries(store, names):
            return "\(store) holds \(names.count) series; choose one with --series (\(names.joined(separator: ", ")))"
        case let .invalidSetting(setting, reason): return "\(setting): \(reason)"
        }
    }
}
