import Foundation
import NyquistNumerics
import Testing
@testable import NyquistTracking

/// BCa intervals against closed forms, labelled growth-law intervals, and the few-point analysis on the [S4] NCA
/// numbers of tracking-models §6.2.
@Suite struct BCaIntervalTests {
    /// Jackknife acceleration of the mean of {1, 2, 3, 10}: θ_(i) = 5, 14/3, 13/3, 2, θ̄ = 4, d = −1, −2/3, −1/3, 2,
    /// Σd³ = 20/3, Σd² = 50/9 ⇒ a = (20/3)/(6·(50/9)^{3/2}) = 0.6/√50 (= skewness 1.01823/(6√4)).
    @Test func jackknifeAccelerationOfTheMean() {
        let x = [1.0, 2, 3, 10]
        let jackknife = x.indices.map { i in (x.reduce(0, +) - x[i]) / 3 }
        #expect(abs(BCaBootstrap.acceleration(jackknife) - 0.6 / 50.0.squareRoot()) < 1e-12)
    }

    /// Mean μ of n = 10 exponential observations (x̄ = 1): the exact 95 % interval is
    /// [2n·x̄/χ²₀.₉₇₅(2n), 2n·x̄/χ²₀.₀₂₅(2n)] = [20/34.16961, 20/9.590777] = [0.585315, 2.085337]. Parametric bootstrap
    /// x̄* = x̄·Gamma(n, 1)/n (B = 20000), a = skewness/(6√n) = 2/(6√10) for the exponential: BCa matches the exact
    /// interval (its second-order accuracy), plain percentiles [0.4795, 1.7085] miss it by 18 %.
    @Test func bcaOfASkewedMeanMatchesTheExactInterval() throws {
        var generator = SeededRandom(seed: 7)
        let n = 10
        let replicates = (0..<20_000).map { _ in
            (0..<n).reduce(0.0) { sum, _ in sum - log(Double.random(in: Double.ulpOfOne..<1, using: &generator)) }
                / Double(n)
        }
        let bca = try #require(
            BCaBootstrap.interval(estimate: 1, replicates: replicates, acceleration: 1 / (3 * Double(n).squareRoot())))
        #expect(abs(bca.low / 0.585315 - 1) < 0.015, "\(bca.low)")
        #expect(abs(bca.high / 2.085337 - 1) < 0.025, "\(bca.high)")
        let sorted = replicates.sorted()
        let percentileHigh = try #require(Quantile.of(sorted: sorted, 0.975))
        #expect(percentileHigh / 2.085337 < 0.85)
    }

    /// Every replicate above the estimate (|z₀| beyond z₀.₉₇₅): the interval misses it and says so; round-off at a
    /// degenerate bound (a share of 3·10⁻⁸ % against [0, 0]) does not.
    @Test func anEstimateOutsideItsIntervalCarriesANote() throws {
        let replicates = (1...50).map { 10 + Double($0) / 10 }
        let bca = try #require(BCaBootstrap.interval(estimate: 9, replicates: replicates, jackknife: nil))
        var interval = ConfidenceInterval(kind: .bcaBootstrapStatedErrors, low: bca.low, high: bca.high)
        interval.noteIfOutside(9)
        #expect(bca.low > 9)
        #expect(interval.note == "estimate lies below its own interval")
        var degenerate = ConfidenceInterval(kind: .bcaBootstrapStatedErrors, low: 0, high: 0)
        degenerate.noteIfOutside(2.8e-8)
        #expect(degenerate.note == nil)
    }

    /// NCA [S4] (61, 169, 501 Ω at n = 2, 10, 100; floor 0.03): G2 k = 54.0922 ± 4.89475 (scipy least_squares on
    /// ln R, covariance (JᵀJ)⁻¹·χ²/(N − k)), t₀.₉₇₅(1) = 12.7062 ⇒ t 95 % [−8.10149, 116.286]; the bootstrap interval
    /// is labelled "stated errors only" and holds the estimate.
    @Test func growthLawIntervalsNameTheirKind() throws {
        let fit = try GrowthLawFit.fit(
            .squareRoot, x: [2, 10, 100], y: [61, 169, 501], standardErrors: [0, 0, 0],
            options: GrowthFitOptions(bootstrapSamples: 200))
        let k = fit.parameters[1]
        #expect(k.intervals.map(\.kind) == [.t, .bcaBootstrapStatedErrors])
        let t = k.intervals[0]
        let (low, high) = (try #require(t.low), try #require(t.high))
        #expect(abs(low - -8.101485) < 1e-3 && abs(high - 116.285971) < 1e-3)
        #expect(t.label == "t 95 %")
        let boot = k.intervals[1]
        #expect(boot.label == "BCa bootstrap 95 % (stated errors only)")
        let (bootLow, bootHigh) = (try #require(boot.low), try #require(boot.high))
        #expect(bootLow < k.value && k.value < bootHigh)
        #expect(boot.note == nil)
    }

    /// tracking-models §6.2: bare NCA 61 → 501 Ω and LYC-coated 1.8 → 7.7 Ω over cycles 2 → 100. Two-point exponents
    /// ln(501/61)/ln 50 = 0.538272 and ln(7.7/1.8)/ln 50 = 0.371530 (document: 0.37); difference in differences
    /// ln(501/61) − ln(7.7/1.8) = 0.652299, 1σ √4·0.03 = 0.06 (floor only); breathing bound
    /// ln 4.278/ln 8.213 = 69.02 % (document: 69 %).
    @Test func fewPointAnalysisOfThePaperData() {
        let bare = ParameterSeries(
            parameter: "R3", points: [(2.0, 61.0), (10, 169), (100, 501)].map { .init(cycle: $0.0, value: $0.1) })
        let coated = ParameterSeries(
            parameter: "R3", points: [(2.0, 1.8), (100, 7.7)].map { .init(cycle: $0.0, value: $0.1) })
        let f = FewPointAnalysis.analyse(cells: [("bare", bare), ("LYC", coated)], relativeErrorFloor: 0.03)
        #expect(abs((f.cells[0].twoPointExponent ?? 0) - 0.5382719) < 1e-6)
        #expect(abs((f.cells[1].twoPointExponent ?? 0) - 0.3715299) < 1e-6)
        #expect(abs((f.cells[0].exponentStandardError ?? 0) - 0.06 / 2.squareRoot() / log(50.0)) < 1e-12)
        #expect(abs((f.differenceInDifferences ?? 0) - 0.6522986) < 1e-6)
        #expect(abs((f.differenceStandardError ?? 0) - 0.06) < 1e-12)
        #expect(abs((f.breathingBoundPercent ?? 0) - 69.02272) < 1e-4)
        #expect(f.notComputed.allSatisfy { $0.contains("needs ≥ 4 points") })
        #expect(f.notes.isEmpty)
    }
}
