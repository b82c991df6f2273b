import Foundation
import NyquistNumerics
import Testing
@testable import NyquistTracking

/// Growth laws and model selection. Reference numbers are independent of this code: the NCA values are those of
/// the models document §6.2 (reproduced once with scipy.optimize.least_squares on ln R, see docs/tracking.md).
@Suite struct GrowthLawTests {
    /// [S4] bare NCA: R3 = 61, 169, 501 Ω at cycles 2, 10, 100.
    let ncaCycles: [Double] = [2, 10, 100]
    let ncaR3: [Double] = [61, 169, 501]
    let twoParameterLaws: [GrowthLaw] = [.squareRoot, .purePower, .pureLogarithmic, .linear]

    @Test func ncaRankingAtThreePointsMatchesTheDocument() throws {
        // Unweighted log-space LSQ with estimated scale: −2lnL = N ln(RSS/N), k = 2 (document §6.2, 2nd set).
        let options = GrowthFitOptions(relativeErrorFloor: 1, variance: .estimated)
        let c = GrowthLawComparison(
            x: ncaCycles, y: ncaR3, standardErrors: [0, 0, 0], laws: twoParameterLaws, options: options)
        #expect(c.aicRanking == [.squareRoot, .purePower, .pureLogarithmic, .linear])
        let expected: [GrowthLaw: (aic: Double, params: [Double], rms: Double)] = [
            .squareRoot: (-13.597, [-14.058, 54.092], 0.0532),
            .purePower: (-11.819, [44.712, 0.53371], 0.0716),
            .pureLogarithmic: (-7.0928, [-5.2932, 92.645], 0.1574),
            .linear: (-4.0633, [65.555, 5.1568], 0.2608),
        ]
        for (law, e) in expected {
            let fit = try #require(c.entry(law)?.fit)
            #expect(abs(fit.aic - e.aic) < 2e-3, "\(law) AIC \(fit.aic)")
            #expect(abs(fit.relativeRMS - e.rms) < 1e-3, "\(law) RMS \(fit.relativeRMS)")
            for (a, b) in zip(fit.values, e.params) { #expect(abs(a - b) < 1e-3 * max(1, abs(b)), "\(law) \(a) vs \(b)") }
        }
        // The document's first AIC column is the full Gaussian likelihood with σ counted as a parameter:
        // AIC + N(1 + ln 2π) + 2 = −3.1, −1.3, 3.4, 6.5.
        let shifted = c.aicRanking.compactMap { c.entry($0)?.fit?.aic }.map { $0 + 3 * (1 + log(2 * Double.pi)) + 2 }
        for (a, b) in zip(shifted, [-3.1, -1.3, 3.4, 6.5]) { #expect(abs(a - b) < 0.06) }
    }

    @Test func comparisonIsRefusedBelowKPlusThree() throws {
        let c = GrowthLawComparison(x: ncaCycles, y: ncaR3, standardErrors: [0, 0, 0], laws: twoParameterLaws)
        #expect(c.refusal != nil)
        #expect(c.best == nil)
        #expect(c.refusal?.contains("N ≥ k + 3") == true)
        for entry in c.entries {
            #expect(entry.akaikeWeight == nil)
            #expect(entry.fit?.aicc == nil)
        }
        #expect(throws: TrackingError.self) { try c.requireComparison() }
        // At N = 5 the 2-parameter laws are compared, the 3-parameter power law is listed as excluded.
        let x: [Double] = [1, 2, 5, 10, 20]
        let y = x.map { 20 + 10 * $0.squareRoot() }
        let five = GrowthLawComparison(x: x, y: y, standardErrors: y.map { 0.02 * $0 }, laws: [.linear, .squareRoot, .power])
        #expect(five.refusal == nil)
        #expect(five.best == .squareRoot)
        #expect(five.entry(.power)?.exclusion?.contains("N = 5 < k + 3 = 6") == true)
        #expect(five.entry(.power)?.akaikeWeight == nil)
    }

    @Test func aiccAndBicFollowTheirDefinitions() throws {
        let x: [Double] = [1, 2, 4, 8, 16, 32, 64, 128]
        var gen = SeededRandom(seed: 3)
        let y = x.map { (30 + 2 * $0) * exp(0.03 * gen.normal()) }
        let fit = try GrowthLawFit.fit(.linear, x: x, y: y, standardErrors: y.map { 0.03 * $0 })
        let sigma = (0.03 * 0.03 * 2).squareRoot()
        let chi2 = zip(x, y).map { pow((log($1) - log(fit.values[0] + fit.values[1] * $0)) / sigma, 2) }.reduce(0, +)
        #expect(abs(fit.chiSquared - chi2) < 1e-9)
        #expect(abs(fit.aic - (chi2 + 4)) < 1e-9)
        #expect(abs((fit.aicc ?? 0) - (chi2 + 4 + 12.0 / 5)) < 1e-9)
        #expect(abs(fit.bic - (chi2 + 2 * log(8))) < 1e-9)
        // Standard errors against a finite-difference-free closed form: the weighted linear fit in log space is
        // nonlinear, so compare with the linearised covariance computed here from the analytic Jacobian.
        var jtj = [0.0, 0.0, 0.0]
        for xi in x {
            let f = fit.values[0] + fit.values[1] * xi
            let d0 = 1 / (f * sigma)
            let d1 = xi / (f * sigma)
            jtj[0] += d0 * d0
            jtj[1] += d0 * d1
            jtj[2] += d1 * d1
        }
        let det = jtj[0] * jtj[2] - jtj[1] * jtj[1]
        let scale = max(1, chi2 / 6)
        #expect(abs((fit.parameters[0].standardError ?? 0) - (scale * jtj[2] / det).squareRoot()) < 1e-4 * (fit.parameters[0].standardError ?? 1))
        #expect(abs((fit.parameters[1].standardError ?? 0) - (scale * jtj[0] / det).squareRoot()) < 1e-4 * (fit.parameters[1].standardError ?? 1))
    }

    @Test func correlatedParametersAreFlagged() throws {
        // Saturating law far from saturation: R∞ and τ trade off (only their ratio, the initial slope, is seen).
        let x: [Double] = (1...12).map(Double.init)
        let y = x.map { 10000 - (10000 - 20) * exp(-$0 / 5000) }
        let fit = try GrowthLawFit.fit(.saturating, x: x, y: y, standardErrors: y.map { 0.01 * $0 })
        #expect(fit.correlatedPairs.contains { $0.first == "Rinf" && $0.second == "tau" && abs($0.correlation) > 0.95 } || fit.unidentified.count > 0)
    }

    @Test func bootstrapIntervalsBracketTheEstimate() throws {
        let x: [Double] = [1, 2, 3, 5, 8, 12, 20, 30, 50, 80, 120, 200]
        var gen = SeededRandom(seed: 11)
        let y = x.map { (10 + 15 * $0.squareRoot()) * exp(0.03 * gen.normal()) }
        let fit = try GrowthLawFit.fit(
            .squareRoot, x: x, y: y, standardErrors: y.map { 0.03 * $0 }, options: GrowthFitOptions(bootstrapSamples: 60))
        for p in fit.parameters {
            let lo = try #require(p.bootstrapLower)
            let hi = try #require(p.bootstrapUpper)
            #expect(lo < p.value && p.value < hi)
            // Bootstrap and covariance widths agree within a factor 2 for this nearly linear problem.
            let width = (hi - lo) / 2
            let se = try #require(p.standardError)
            #expect(width > 0.9 * se && width < 2 * 2.3 * se)
        }
        // The true k = 15 is inside the covariance interval.
        let k = fit.parameters[1]
        #expect(try #require(k.lower) < 15 && 15 < (try #require(k.upper)))
    }

    /// G8 fitted to √x-like growth (samples/tracking/r3-bare.csv) drives τ → ∞ (e^(x/τ) → 1). A replicate refit
    /// that fails must not count as a draw at the fitted values: the percentile interval of R0 and k then has about
    /// the width of their covariance interval, never zero (before the fix: [18.4521, 18.4521] for R0 = 18.45 ± 1.4).
    @Test func bootstrapOfADegenerateCompositeHasNoZeroWidthInterval() throws {
        let x: [Double] = [1, 2, 3, 5, 8, 12, 20, 30, 45, 60, 80, 100]
        let y = [32.82, 38.45, 45.15, 47.89, 59.34, 64.01, 85.38, 97.27, 118.65, 126.52, 146.96, 158.63]
        let se = [0.66, 0.77, 0.90, 0.96, 1.19, 1.28, 1.71, 1.95, 2.37, 2.53, 2.94, 3.17]
        let fit = try GrowthLawFit.fit(.composite, x: x, y: y, standardErrors: se,
                                       options: GrowthFitOptions(bootstrapSamples: 200))
        for p in fit.parameters where p.name != "tau" {
            let lo = try #require(p.bootstrapLower), hi = try #require(p.bootstrapUpper)
            let error = try #require(p.standardError)
            #expect(lo < p.value && p.value < hi && hi - lo > 0.5 * error, "\(p.name): [\(lo), \(hi)] with SE \(error)")
        }
    }
}
