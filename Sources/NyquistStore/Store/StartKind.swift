/// How the fit of one spectrum was started.
public enum StartKind: String, Sendable, Codable, Hashable, CaseIterable {
    /// The global start (first spectrum of a sequential series, every spectrum in independent mode).
    case global
    /// Warm start from the previous spectrum's result, kept.
    case warm
    /// The warm start was rejected; the global start was tried and was better.
    case fallbackGlobal = "fallback-global"
    /// The warm start was rejected; the global start was tried but the warm-started result was still better.
    case fallbackWarm = "fallback-warm"
}
