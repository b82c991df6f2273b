import Foundation
import NyquistFit
import NyquistStore
import NyquistTestSupport
import Testing

@Suite struct SeriesRecoveryTests {
    /// 200 cycles, sequential mode: every fit converges, R3(n) follows R3₀ + k√n within its 95 % intervals, and
    /// the two R‖Q arcs never swap.
    @Test func twoHundredCyclesRecoverTheGrowthOfR3() async throws {
        let (store, dir) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = 200
        let series = BatchSeries(name: "cell-A", spectra: try CycleSeries.spectra(0..<n))
        let clock = ContinuousClock(), t0 = clock.now
        let outcomes = try await CycleSeries.collect(BatchRunner(store: store, settings: CycleSeries.settings(), jobs: 2),
                                                     [series])
        print("200 sequential fits (debug):", clock.now - t0)
        #expect(outcomes.count == n)
        var inside = 0, starts: [StartKind: Int] = [:]
        var r3: [(x: Double, y: Double)] = []
        for o in outcomes.sorted(by: { $0.position < $1.position }) {
            guard case .fitted(let r, let start, _) = o.event else {
                Issue.record("spectrum \(o.position) was not fitted: \(o.event)")
                continue
            }
            starts[start, default: 0] += 1
            #expect(r.convergence.converged, "cycle \(o.position): \(r.convergence.reason)")
            let truth = CycleSeries.truth(o.position)
            let fitted = r.parameters.map(\.value)
            // No swap: each arc stays near its own truth (the arcs differ by a factor ≥ 3 in R and 10⁴ in τ).
            #expect(abs(fitted[1] / truth[1] - 1) < 0.1, "cycle \(o.position): R2 \(fitted[1]) vs \(truth[1])")
            #expect(abs(fitted[4] / truth[4] - 1) < 0.1, "cycle \(o.position): R3 \(fitted[4]) vs \(truth[4])")
            let p = try #require(r.parameter("R3"))
            let lo = try #require(p.lower95), hi = try #require(p.upper95), se = try #require(p.standardError)
            if lo <= truth[4] && truth[4] <= hi { inside += 1 }
            #expect(abs(p.value - truth[4]) < 5 * se, "cycle \(o.position): R3 off by \(abs(p.value - truth[4]) / se) SE")
            #expect(se / p.value < 0.05)
            r3.append((Double(o.position).squareRoot(), p.value))
        }
        // 95 % intervals: about 190 of 200 should hold the truth; 180 is 3.2 binomial SD below that.
        #expect(inside >= 180, "R3 truth inside its 95 % interval for \(inside) of \(n)")
        #expect(starts[.global] == 1, "only the first spectrum starts globally: \(starts)")
        // The growth law: least squares of R3 on √n gives R3₀ and k.
        let m = Double(r3.count)
        let sx = r3.reduce(0) { $0 + $1.x }, sy = r3.reduce(0) { $0 + $1.y }
        let sxx = r3.reduce(0) { $0 + $1.x * $1.x }, sxy = r3.reduce(0) { $0 + $1.x * $1.y }
        let slope = (m * sxy - sx * sy) / (m * sxx - sx * sx)
        let intercept = (sy - slope * sx) / m
        #expect(abs(slope - CycleSeries.k) < 0.02 * CycleSeries.k, "k = \(slope) Ω/√cycle")
        #expect(abs(intercept - CycleSeries.r30) < 0.02 * CycleSeries.r30, "R3₀ = \(intercept) Ω")
    }
}
