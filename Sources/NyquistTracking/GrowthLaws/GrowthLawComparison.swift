import Foundation

/// Fits several growth laws to one series and ranks them by AICc with Akaike weights
/// wⱼ = e^(−Δⱼ/2)/Σₗ e^(−Δₗ/2), Δⱼ = AICcⱼ − min AICc.
///
/// A law with k parameters takes part only when N ≥ k + 3 (below that, AICc's correction 2k(k + 1)/(N − k − 1) is
/// undefined or dominates, and a 3-parameter law at N = 3 fits exactly); the others are fitted and listed with the
/// reason. When fewer than two laws can take part the comparison is refused (``refusal``), weights are nil and
/// only the descriptive AIC ranking remains.
public struct GrowthLawComparison: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public var law: GrowthLaw
        /// The fit, or nil when it failed (see `failure`).
        public var fit: GrowthLawFit?
        public var failure: String?
        /// Why the law is not compared (N < k + 3), or nil.
        public var exclusion: String?
        /// AICc − min AICc among compared laws.
        public var deltaAICc: Double?
        public var akaikeWeight: Double?
        /// "best", "indistinguishable" (Δ < 2), "less support" (2 ≤ Δ ≤ 10) or "decisively worse" (Δ > 10).
        public var verdict: String?
    }

    /// N.
    public var pointCount: Int
    /// Entries: compared laws by ascending AICc, then the excluded and failed ones by AIC.
    public var entries: [Entry]
    /// Why no comparison was made, or nil.
    public var refusal: String?
    /// All fitted laws by ascending AIC (descriptive even when the comparison is refused).
    public var aicRanking: [GrowthLaw]
    /// All fitted laws by ascending BIC.
    public var bicRanking: [GrowthLaw]

    /// The law with the largest Akaike weight, or nil when refused.
    public var best: GrowthLaw? { refusal == nil ? entries.first?.law : nil }

    /// The entry of `law`.
    public func entry(_ law: GrowthLaw) -> Entry? { entries.first { $0.law == law } }

    /// Throws `.comparisonRefused` when the comparison was refused.
    public func requireComparison() throws(TrackingError) {
        if let refusal { throw .comparisonRefused(reason: refusal) }
    }

    /// Fits `laws` to (x, y, σ) and compares them (see the type's documentation).
    ///
    /// `progress`, when given, is called with (bootstrap replicates done, laws.count × `options.bootstrapSamples`)
    /// after each replicate, and once per law whose fit failed (its replicates counted as done); never when
    /// `options.bootstrapSamples` is 0.
    public init(
        x: [Double], y: [Double], standardErrors: [Double], laws: [GrowthLaw] = GrowthLaw.standard,
        options: GrowthFitOptions = .init(), valueUnit: String = "Ω", clockUnit: String = "cycle",
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) {
        let n = x.count
        var compared: [Entry] = []
        var others: [Entry] = []
        var fitted: [GrowthLawFit] = []
        let samples = options.bootstrapSamples, total = laws.count * samples
        for (index, law) in laws.enumerated() {
            let k = law.parameterCount
            let before = index * samples
            let report = progress.map { p in { @Sendable (done: Int, _: Int) in p(before + done, total) } }
            do {
                let fit = try GrowthLawFit.fit(
                    law, x: x, y: y, standardErrors: standardErrors, options: options, valueUnit: valueUnit,
                    clockUnit: clockUnit, progress: report)
                fitted.append(fit)
                if n >= k + 3 {
                    compared.append(Entry(law: law, fit: fit))
                } else {
                    others.append(
                        Entry(law: law, fit: fit, exclusion: "N = \(n) < k + 3 = \(k + 3) (AICc needs N ≥ k + 3)"))
                }
            } catch {
                if samples > 0 { progress?(before + samples, total) }
                others.append(Entry(law: law, failure: error.description))
            }
        }
        self.pointCount = n
        self.aicRanking = fitted.sorted { $0.aic < $1.aic }.map(\.law)
        self.bicRanking = fitted.sorted { $0.bic < $1.bic }.map(\.law)
        if compared.count >= 2 {
            self.refusal = nil
            let scores = compared.map { $0.fit?.aicc ?? .infinity }
            let best = scores.min() ?? 0
            let raw = scores.map { Foundation.exp(-($0 - best) / 2) }
            let total = raw.reduce(0, +)
            for i in compared.indices {
                let delta = scores[i] - best
                compared[i].deltaAICc = delta
                compared[i].akaikeWeight = raw[i] / total
                compared[i].verdict =
                    delta == 0 ? "best" : delta < 2 ? "indistinguishable" : delta <= 10 ? "less support" : "decisively worse"
            }
            compared.sort { ($0.deltaAICc ?? .infinity) < ($1.deltaAICc ?? .infinity) }
        } else {
            let smallest = laws.map(\.parameterCount).min() ?? 0
            self.refusal =
                compared.isEmpty
                ? "N = \(n) points: every law needs N ≥ k + 3 (here at least \(smallest + 3)) for AICc; "
                    + "the AIC ranking below is descriptive only"
                : "only \(compared[0].law.identifier) has N ≥ k + 3; nothing to compare it with"
            compared = compared.map { var e = $0; e.exclusion = "comparison refused"; return e }
        }
        let aicOrder = Dictionary(aicRanking.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let byAIC: (Entry, Entry) -> Bool = { (aicOrder[$0.law] ?? Int.max) < (aicOrder[$1.law] ?? Int.max) }
        others.sort(by: byAIC)
        self.entries = refusal == nil ? compared + others : (compared + others).sorted(by: byAIC)
    }
}
