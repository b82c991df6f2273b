import Foundation
import Testing
@testable import NyquistTracking

/// Profile-likelihood intervals against (a) the exact interval of laws that are linear in log space (G3a:
/// ln R = ln k + p·ln x; G7: ln R = ln R0 + x/τ), where the profile rise is exactly (v − v̂)²/V_vv with
/// V = (XᵀWX)⁻¹, so the interval is v̂ ± z₀.₉₇₅·√V (trusted) or v̂ ± t₀.₉₇₅(N − k)·s·√V (estimated, F criterion),
/// mapped through 1/τ for G7; and (b) brute-force profiles computed here by an independent method (golden-section
/// and Gauss–Newton re-optimisation of the other parameters, bisection for the crossings) for G1 and G6.
///
/// G1 (R0 + k·x) is *not* linear in log space (ln(R0 + k·x)), so it has no closed-form interval; it is checked
/// against the brute-force profile instead.
@Suite struct ProfileIntervalTests {
    static let z975 = 1.959963984540054
    static let noise = [0.02, -0.03, 0.01, 0.025, -0.015, -0.02, 0.03, -0.01, 0.005, -0.025, 0.012, -0.004]

    /// Weighted linear least squares on ln y = c0 + c1·g(x), σᵢ = σ: (ĉ, V = (XᵀWX)⁻¹ as [V00, V01, V11], RSS).
    static func linear(_ g: [Double], _ logY: [Double], sigma: Double) -> (c: [Double], v: [Double], rss: Double) {
        let w = 1 / (sigma * sigma)
        var s0 = 0.0, s1 = 0.0, s11 = 0.0, t0 = 0.0, t1 = 0.0
        for (gi, yi) in zip(g, logY) {
            s0 += w; s1 += w * gi; s11 += w * gi * gi; t0 += w * yi; t1 += w * gi * yi
        }
        let det = s0 * s11 - s1 * s1
        let c1 = (s0 * t1 - s1 * t0) / det
        let c0 = (t0 - s1 * c1) / s0
        let rss = zip(g, logY).reduce(0.0) { $0 + w * pow($1.1 - c0 - c1 * $1.0, 2) }
        return ([c0, c1], [s11 / det, -s1 / det, s0 / det], rss)
    }

    static func relative(_ a: Double?, _ b: Double) -> Double { a.map { abs($0 - b) / abs(b) } ?? .infinity }

    @Test func purePowerMatchesTheExactInterval() throws {
        let x: [Double] = [1, 2, 3, 5, 8, 12, 20, 30, 50, 80]
        let y = x.indices.map { 40 * pow(x[$0], 0.45) * exp(Self.noise[$0]) }
        let exact = Self.linear(x.map { log($0) }, y.map { log($0) }, sigma: 0.03)
        let zeros = [Double](repeating: 0, count: x.count)
        // Trusted: v̂ ± z·√V.
        let trusted = try GrowthLawFit.fit(
            .purePower, x: x, y: y, standardErrors: zeros, options: GrowthFitOptions(profileIntervals: true))
        let p = try #require(trusted.parameters[1].profile)
        #expect(p.criterion == .likelihoodRatio)
        let hp = Self.z975 * exact.v[2].squareRoot()
        #expect(Self.relative(p.lower, exact.c[1] - hp) < 1e-6, "\(String(describing: p.lower)) vs \(exact.c[1] - hp)")
        #expect(Self.relative(p.upper, exact.c[1] + hp) < 1e-6)
        let k = try #require(trusted.parameters[0].profile)
        let hk = Self.z975 * exact.v[0].squareRoot()
        #expect(Self.relative(k.lower, exp(exact.c[0] - hk)) < 1e-6)
        #expect(Self.relative(k.upper, exp(exact.c[0] + hk)) < 1e-6)
        // Estimated scale: v̂ ± t₀.₉₇₅(8)·√(V·RSS/8), t₀.₉₇₅(8) = 2.306004135033371.
        let estimated = try GrowthLawFit.fit(
            .purePower, x: x, y: y, standardErrors: zeros,
            options: GrowthFitOptions(variance: .estimated, profileIntervals: true))
        let pe = try #require(estimated.parameters[1].profile)
        #expect(pe.criterion == .fTest)
        #expect(abs(pe.threshold - 2.306004135033371 * 2.306004135033371) < 1e-9)
        let he = 2.306004135033371 * (exact.v[2] * exact.rss / 8).squareRoot()
        #expect(Self.relative(pe.lower, exact.c[1] - he) < 1e-6)
        #expect(Self.relative(pe.upper, exact.c[1] + he) < 1e-6)
        // …which is the covariance t-interval of the same fit.
        #expect(Self.relative(pe.lower, try #require(estimated.parameters[1].lower)) < 1e-4)
        // Off by default.
        let plain = try GrowthLawFit.fit(.purePower, x: x, y: y, standardErrors: zeros)
        #expect(plain.parameters.allSatisfy { $0.profile == nil })
    }

    @Test func exponentialTauMatchesTheExactIntervalAndReportsUnbounded() throws {
        let x = (0..<12).map { 5 * Double($0) }
        let zeros = [Double](repeating: 0, count: x.count)
        for (tau, bounded) in [(40.0, true), (1500.0, false)] {
            let y = x.indices.map { 30 * exp(x[$0] / tau) * exp(Self.noise[$0]) }
            let exact = Self.linear(x, y.map { log($0) }, sigma: 0.03)
            let b = exact.c[1]
            let h = Self.z975 * exact.v[2].squareRoot()
            try #require(b > 0, "the exact solution must be inside τ > 0")
            #expect((b - h > 0) == bounded)
            let fit = try GrowthLawFit.fit(
                .exponential, x: x, y: y, standardErrors: zeros, options: GrowthFitOptions(profileIntervals: true))
            #expect(abs(fit.parameters[1].value * b - 1) < 1e-6)
            let profile = try #require(fit.parameters[1].profile)
            #expect(Self.relative(profile.lower, 1 / (b + h)) < 1e-6)
            if bounded {
                #expect(Self.relative(profile.upper, 1 / (b - h)) < 1e-6)
                #expect(profile.upperLimit == nil)
            } else {
                // τ → ∞ (1/τ → 0) stays inside the interval: honest "unbounded", with the search limit.
                #expect(profile.upper == nil)
                #expect(try #require(profile.upperLimit) > 1e10 * fit.parameters[1].value)
                #expect(profile.notes.contains { $0.contains("unbounded") })
            }
        }
    }

    /// Golden-section minimum of f on [a, b].
    static func golden(_ a0: Double, _ b0: Double, _ f: (Double) -> Double) -> (x: Double, f: Double) {
        var a = a0, b = b0
        let r = (5.0.squareRoot() - 1) / 2
        var c = b - r * (b - a), d = a + r * (b - a)
        var fc = f(c), fd = f(d)
        for _ in 0..<200 where b - a > 1e-13 * max(1, abs(a)) {
            if fc < fd { b = d; d = c; fd = fc; c = b - r * (b - a); fc = f(c) } else {
                a = c; c = d; fc = fd; d = a + r * (b - a); fd = f(d)
            }
        }
        return fc < fd ? (c, fc) : (d, fd)
    }

    /// The root of g on [a, b] (g(a)·g(b) < 0) by bisection.
    static func bisect(_ a0: Double, _ b0: Double, _ g: (Double) -> Double) -> Double {
        var a = a0, b = b0
        let ga = g(a)
        for _ in 0..<200 {
            let m = 0.5 * (a + b)
            if (g(m) < 0) == (ga < 0) { a = m } else { b = m }
        }
        return 0.5 * (a + b)
    }

    @Test func linearSlopeMatchesABruteForceProfile() throws {
        let x = (1...12).map(Double.init)
        let y = x.indices.map { (20 + 3 * x[$0]) * exp(Self.noise[$0]) }
        let chi2 = { (r0: Double, k: Double) -> Double in
            var s = 0.0
            for i in x.indices {
                let f = r0 + k * x[i]
                if f <= 0 { return .infinity }
                s += pow((log(y[i]) - log(f)) / 0.03, 2)
            }
            return s
        }
        let profile = { (k: Double) in Self.golden(-2, 60) { chi2($0, k) }.f }
        let best = Self.golden(1, 5, profile)
        let lower = Self.bisect(1, best.x) { profile($0) - best.f - Self.z975 * Self.z975 }
        let upper = Self.bisect(best.x, 5) { profile($0) - best.f - Self.z975 * Self.z975 }
        let fit = try GrowthLawFit.fit(
            .linear, x: x, y: y, standardErrors: x.map { _ in 0 }, options: GrowthFitOptions(profileIntervals: true))
        let p = try #require(fit.parameters[1].profile)
        #expect(Self.relative(p.lower, lower) < 1e-5, "\(String(describing: p.lower)) vs \(lower)")
        #expect(Self.relative(p.upper, upper) < 1e-5, "\(String(describing: p.upper)) vs \(upper)")
        #expect(upper - lower > 0.1)
    }

    @Test func saturatingTauMatchesABruteForceProfileWithEstimatedScale() throws {
        let x: [Double] = [0, 2, 4, 7, 10, 15, 20, 30, 40, 55, 70, 90]
        let y = x.indices.map { (160 - 130 * exp(-x[$0] / 25)) * exp(Self.noise[$0]) }
        let logY = y.map { log($0) }
        /// min over (R∞, R0 − R∞) of Σ(ln y − ln(a + c·e^(−x/τ)))², by Gauss–Newton from the linear-space solution.
        func profileRSS(_ tau: Double) -> Double {
            let e = x.map { exp(-$0 / tau) }
            func rss(_ a: Double, _ c: Double) -> Double {
                var s = 0.0
                for i in x.indices {
                    let f = a + c * e[i]
                    if f <= 0 { return .infinity }
                    s += pow(logY[i] - log(f), 2)
                }
                return s
            }
            // Start: weighted linear least squares of y on [1, e] with weights 1/y².
            var s0 = 0.0, s1 = 0.0, s11 = 0.0, t0 = 0.0, t1 = 0.0
            for i in x.indices {
                let w = 1 / (y[i] * y[i])
                s0 += w; s1 += w * e[i]; s11 += w * e[i] * e[i]; t0 += w * y[i]; t1 += w * e[i] * y[i]
            }
            var c = (s0 * t1 - s1 * t0) / (s0 * s11 - s1 * s1)
            var a = (t0 - s1 * c) / s0
            var current = rss(a, c)
            for _ in 0..<200 {
                var jj = [0.0, 0.0, 0.0], jr = [0.0, 0.0]
                for i in x.indices {
                    let f = a + c * e[i]
                    let r = logY[i] - log(f)
                    let j0 = -1 / f, j1 = -e[i] / f
                    jj[0] += j0 * j0; jj[1] += j0 * j1; jj[2] += j1 * j1; jr[0] += j0 * r; jr[1] += j1 * r
                }
                let det = jj[0] * jj[2] - jj[1] * jj[1]
                let da = -(jj[2] * jr[0] - jj[1] * jr[1]) / det
                let dc = -(jj[0] * jr[1] - jj[1] * jr[0]) / det
                var step = 1.0
                while step > 1e-12, !(rss(a + step * da, c + step * dc) <= current) { step /= 2 }
                if step <= 1e-12 { break }
                a += step * da
                c += step * dc
                let next = rss(a, c)
                let done = current - next <= 1e-16 * current
                current = next
                if done { break }
            }
            return current
        }
        let best = Self.golden(log(5), log(200)) { profileRSS(exp($0)) }
        let n = Double(x.count)
        let t = 2.262157162740992  // t₀.₉₇₅(9), N − k = 12 − 3
        let scale = best.f / (n - 3)
        let g = { (s: Double) in (profileRSS(exp(s)) - best.f) / scale - t * t }
        let lower = exp(Self.bisect(log(5), best.x, g))
        let upper = exp(Self.bisect(best.x, log(200), g))
        // σᵢ = floor = 0.03 for all points, so RSS here = 0.03²·χ² of the fit; the F rule is scale-free.
        let fit = try GrowthLawFit.fit(
            .saturating, x: x, y: y, standardErrors: x.map { _ in 0 },
            options: GrowthFitOptions(variance: .estimated, profileIntervals: true))
        #expect(Self.relative(fit.parameters[2].value, exp(best.x)) < 1e-5)
        let p = try #require(fit.parameters[2].profile)
        #expect(p.criterion == .fTest)
        #expect(Self.relative(p.lower, lower) < 1e-4, "\(String(describing: p.lower)) vs \(lower)")
        #expect(Self.relative(p.upper, upper) < 1e-4, "\(String(describing: p.upper)) vs \(upper)")
        #expect(upper / lower > 1.2)
    }
}
