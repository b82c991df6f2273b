import Foundation
import NyquistFit
import NyquistIO
import NyquistStore
import NyquistTestSupport
import Testing

/// Warm-start acceptance judges the fit (χ²), not a parameter on a bound the physics allows, and the batch summary
/// counts the fallbacks (issue 12, point 4).
@Suite struct WarmStartTests {
    /// R1-p(R2,CPE2)-p(R3,CPE3) with R3 = 100 + 20√n Ω, n3 = `n3`, 0.2 % noise; `jump` multiplies R3 from that
    /// cycle on.
    static func series(count: Int, n3: Double, jump: (cycle: Int, factors: [Double])? = nil) throws -> BatchSeries {
        let spectra = try (0..<count).map { n -> Spectrum in
            let x = Double(n)
            var truth = [20 * (1 + 0.0005 * x), 30 * (1 + 0.001 * x), 1e-8, 0.9, 100 + 20 * x.squareRoot(), 1e-5, n3]
            if let jump, n >= jump.cycle { for k in truth.indices { truth[k] *= jump.factors[k] } }
            var s = try Synthetic.spectrum(Synthetic.assbCathode, parameters: truth, noise: 0.002, seed: 500 + UInt64(n))
            s.metadata.index = n
            s.metadata.cycleLabel = n
            return s
        }
        return BatchSeries(name: "cell", spectra: spectra)
    }

    static func run(_ series: BatchSeries) async throws -> (BatchSummary, [BatchOutcome]) {
        let (store, dir) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcomes = try await CycleSeries.collect(
            BatchRunner(store: store, settings: CycleSeries.settings(circuit: Synthetic.assbCathode), jobs: 1), [series])
        var summary = BatchSummary()
        for o in outcomes { summary.add(o) }
        return (summary, outcomes.sorted { $0.position < $1.position })
    }

    /// True n3 = 1: the warm fits pin n3 on its upper bound, which is allowed; none falls back (the old rule threw
    /// most of them away for a global fit) and every R3 is within 2 % of its truth.
    @Test func exponentOnItsAllowedBoundDoesNotFallBack() async throws {
        let (summary, outcomes) = try await Self.run(try Self.series(count: 12, n3: 1))
        #expect(summary.fitted == 12 && summary.global == 1)
        #expect(summary.fallbacks == 0, "\(summary)")
        #expect(summary.notConverged == 0)
        for o in outcomes {
            guard case .fitted(let r, _, _) = o.event else { Issue.record("\(o.event)"); continue }
            let r3 = 100 + 20 * Double(o.position).squareRoot()
            #expect(abs((r.value("R3") ?? 0) / r3 - 1) < 0.02, "cycle \(o.position): R3 \(r.value("R3") ?? 0)")
            #expect(abs((r.value("n3") ?? 0) - 1) < 1e-3)
        }
    }

    /// At cycle 6 the fast arc jumps (R2 and Q2 ×100: τ₂ grows 10⁴-fold, past τ₃, so the arcs trade places). (R3
    /// tripling is not such a jump: the warm fit follows it and is kept.) The warm fit from the old values does not
    /// reach a minimum, so it falls back to the global start, and the summary counts it.
    @Test func aJumpStillFallsBackAndIsCounted() async throws {
        let factors = [1.0, 100, 100, 1, 1, 1, 1]
        let (summary, outcomes) = try await Self.run(try Self.series(count: 8, n3: 0.8, jump: (6, factors)))
        var fallbacks = 0
        for o in outcomes {
            guard case .fitted(_, let start, let reason) = o.event else { Issue.record("\(o.event)"); continue }
            if start == .fallbackGlobal || start == .fallbackWarm { fallbacks += 1; #expect(reason != nil) }
            if o.position < 6 && o.position > 0 { #expect(start == .warm, "cycle \(o.position): \(start)") }
        }
        guard case .fitted(_, let start, _) = outcomes[6].event else { return }
        #expect(start == .fallbackGlobal || start == .fallbackWarm, "\(start)")
        #expect(summary.fallbacks == fallbacks && fallbacks >= 1, "\(summary)")
        #expect(summary.fallbacks + summary.warm + summary.global == 8)
    }

    /// The store gives back each warm fit's time and iterations (what `nyquist bench --batch` reports as the local
    /// LM inside a batch): one per warm start, none for the global start; each time positive and below the batch's
    /// wall time, each count of iterations the one the outcome reports.
    @Test func warmFitTimingsComeBackFromTheStore() async throws {
        let (store, dir) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clock = ContinuousClock(), began = clock.now
        let outcomes = try await CycleSeries.collect(
            BatchRunner(store: store, settings: CycleSeries.settings(circuit: Synthetic.assbCathode), jobs: 1),
            [try Self.series(count: 6, n3: 0.8)])
        let elapsed = clock.now - began
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let set = try #require(try store.fitSets().last)
        let warm = try store.fitTimings(fitSet: set.id, start: .warm)
        var expected: [Int] = []
        for o in outcomes.sorted(by: { $0.position < $1.position }) {
            guard case .fitted(let r, let start, _) = o.event else { Issue.record("\(o.event)"); continue }
            if start == .warm { expected.append(r.convergence.iterations) }
        }
        #expect(warm.count == 5 && expected.count == 5)
        #expect(warm.map(\.iterations) == expected)
        for t in warm { #expect(t.seconds > 0 && t.seconds < wall, "\(t.seconds) s against a wall time of \(wall) s") }
        #expect(try store.fitTimings(fitSet: set.id, start: .global).count == 1)
    }
}
