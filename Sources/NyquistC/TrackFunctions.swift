import Foundation
import Nyquist

/// The options JSON of `nyq_track` (every key optional), the CLI's `track` options by their long names:
/// `{"param": "R3", "clock": "cycle", "laws": "G1,G2", "floor": 0.03, "estimateScale": false, "bootstrap": 200,
/// "profile": false, "seed": 1, "seriesName": "cell-a", "cell": "cell.toml", "cycling": "cycling.csv",
/// "reference": …, "pressure": "pressure.csv", "compare": …, "compareSeries": …, "compareCycling": …,
/// "compareCell": …}` (docs/tracking.md).
struct TrackOptions: Decodable, Sendable {
    var param: String?, clock: String?, laws: String?, floor: Double?, estimateScale: Bool?, bootstrap: Int?
    var profile: Bool?, seed: UInt64?, seriesName: String?, cell: String?, cycling: String?, reference: String?
    var pressure: String?, compare: String?, compareSeries: String?, compareCycling: String?, compareCell: String?

    static let keys: Set<String> = ["param", "clock", "laws", "floor", "estimateScale", "bootstrap", "profile", "seed",
                                    "seriesName", "cell", "cycling", "reference", "pressure", "compare", "compareSeries",
                                    "compareCycling", "compareCell"]

    /// The library's ``TrackingAnalysis`` of `series` (a results store or a parameter-series CSV) with these options.
    func analysis(series: String) throws -> TrackingAnalysis {
        var a = TrackingAnalysis(series: series, parameter: param ?? "R3")
        if let clock { a.clock = try TrackingAnalysis.clock(parsing: clock) }
        if let laws { a.laws = try TrackingAnalysis.laws(parsing: laws) }
        let floor = floor ?? 0.03, bootstrap = bootstrap ?? 200
        guard floor >= 0, floor.isFinite else { throw CAPIError.usage("floor must be ≥ 0, got \(floor)") }
        guard bootstrap >= 0 else { throw CAPIError.usage("bootstrap must be ≥ 0, got \(bootstrap)") }
        a.options = GrowthFitOptions(relativeErrorFloor: floor, variance: (estimateScale ?? false) ? .estimated : .trusted,
                                     bootstrapSamples: bootstrap, seed: seed ?? 1, profileIntervals: profile ?? false)
        a.seriesName = seriesName
        a.cell = cell
        a.cycling = cycling
        a.reference = reference
        a.pressure = pressure
        a.compare = compare
        a.compareSeries = compareSeries
        a.compareCycling = compareCycling
        a.compareCell = compareCell
        return a
    }
}

/// `nyq_track`: growth laws for a fitted parameter over cycling (``TrackingAnalysis``, issue 13's library call behind
/// `nyquist track`): `series` is a results store (`.sqlite`) or a parameter-series CSV. `*result_json` is the text
/// of `nyquist track --format json` (docs/outputs.md: ranked growth laws with AICc weights and intervals, few-point
/// analysis, decomposition, attribution). `progress` (may be NULL) is called after every bootstrap replicate
/// (failures always 0). Status 2 on a bad option, 3 on unreadable input, 4 when a growth-law fit fails.
@_cdecl("nyq_track")
public func nyqTrack(_ series: UnsafePointer<CChar>?, _ options: UnsafePointer<CChar>?, _ progress: NyqProgress?,
                     _ context: UnsafeMutableRawPointer?, _ resultJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                     _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
{
    callC(out: resultJSON, error: error) {
        let o = try decodeOptions(try string(options, "options", allowNull: true), as: TrackOptions.self, known: TrackOptions.keys)
        let analysis = try o.analysis(series: try string(series, "series") ?? "")
        nonisolated(unsafe) let callerContext = context
        let result = try analysis.run(progress: progress.map { callback in
            { @Sendable done, total in callback(done, total, 0, callerContext) }
        })
        return (try ResultJSON.string(result, escapingSlashes: true), .ok)
    }
}
