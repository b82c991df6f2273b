import Foundation
import NyquistStore
import NyquistTracking

extension ParameterSeries {
    /// A parameter series from a results store written by `nyquist batch` (its newest fit set, through
    /// ``NyquistStore/ResultStore/parameterSeries(_:series:fitSet:)``, opened read-only) or from a CSV file
    /// (``read(path:parameter:)``): a file starting with the SQLite header is a store.
    /// - Parameter series: which series (cell) of a store holding several; ignored for a CSV file.
    /// - Throws: ``StoreError``, ``AnalysisError`` or ``TrackingError`` (see the two calls).
    public static func load(path: String, parameter: String, series: String? = nil) throws -> ParameterSeries {
        let head = FileManager.default.contents(atPath: path)?.prefix(16) ?? Data()
        guard head.starts(with: Data("SQLite format 3".utf8)) else {
            return try ParameterSeries.read(path: path, parameter: parameter)
        }
        return try ResultStore(path: path, access: .readOnly).parameterSeries(parameter, series: series)
    }
}
