/// One stored fit's cost: `seconds` is the fit itself (start and Levenberg–Marquardt, without the result's
/// statistics; `fit_seconds` in the store), `iterations` the LM iterations.
public struct FitTiming: Sendable, Hashable, Codable {
    public var seconds: Double
    public var iterations: Int
}
