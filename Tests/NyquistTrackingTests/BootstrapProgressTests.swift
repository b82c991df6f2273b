import Foundation
import Synchronization
import Testing
@testable import NyquistTracking

/// Issue 14: the bootstrap reports its progress through an optional callback (the library prints nothing).
@Suite struct BootstrapProgressTests {
    /// Every call of a progress callback, in order.
    final class Calls: Sendable {
        let list = Mutex<[[Int]]>([])
        func record(_ done: Int, _ total: Int) { list.withLock { $0.append([done, total]) } }
        var all: [[Int]] { list.withLock { $0 } }
    }

    /// Two laws × 15 replicates: called 30 times with (1, 30) … (30, 30), one replicate at a time.
    @Test func comparisonCountsEveryReplicateOfEveryLaw() {
        let x: [Double] = [1, 2, 5, 10, 20, 50, 100, 200]
        let y = x.map { 100 + 20 * $0.squareRoot() }
        let calls = Calls()
        let c = GrowthLawComparison(
            x: x, y: y, standardErrors: y.map { 0.02 * $0 }, laws: [.squareRoot, .linear],
            options: GrowthFitOptions(bootstrapSamples: 15), progress: { calls.record($0, $1) })
        #expect(c.entries.count == 2)
        #expect(calls.all == (1...30).map { [$0, 30] })
    }

    /// A law whose fit fails (x^p needs every clock > 0; here x starts at 0) still counts its replicates as done,
    /// at once, so the count reaches the total.
    @Test func aFailedLawCountsItsReplicatesAtOnce() {
        let x: [Double] = [0, 1, 2, 5, 10, 20, 50, 100]
        let y = x.map { 100 + 20 * $0.squareRoot() }
        let calls = Calls()
        let c = GrowthLawComparison(
            x: x, y: y, standardErrors: y.map { 0.02 * $0 }, laws: [.squareRoot, .purePower],
            options: GrowthFitOptions(bootstrapSamples: 5), progress: { calls.record($0, $1) })
        #expect(c.entry(.purePower)?.failure != nil)
        #expect(calls.all == [[1, 10], [2, 10], [3, 10], [4, 10], [5, 10], [10, 10]])
    }

    /// No bootstrap, no call.
    @Test func noBootstrapNoCall() {
        let x: [Double] = [1, 2, 5, 10, 20, 50]
        let calls = Calls()
        _ = GrowthLawComparison(x: x, y: x.map { 100 + 20 * $0.squareRoot() }, standardErrors: [0, 0, 0, 0, 0, 0],
                                laws: [.squareRoot, .linear], progress: { calls.record($0, $1) })
        #expect(calls.all.isEmpty)
    }

    /// The mechanism attribution: called after each of its 12 replicates with (n, 12).
    @Test func attributionCountsItsReplicates() throws {
        let cell = CellDescription()
        let truth = MechanismParameters(
            chargeTransferASR: [200], interphaseConductivity: 1.8e-8, voidShare: 0.6, ratchet: 0.01)
        var h = AttributionTests.history(
            name: "bare", q0: 0.02, r3: [Double](repeating: 1, count: AttributionTests.cycles.count), cell: cell)
        h.r3 = AttributionTests.cycles.indices.map { exp(truth.logR3(h, cellIndex: 0, point: $0)) }
        h.standardErrors = h.r3.map { 0.02 * $0 }
        let calls = Calls()
        _ = try MechanismAnalysis.analyse(
            cells: [h], options: GrowthFitOptions(bootstrapSamples: 12), progress: { calls.record($0, $1) })
        #expect(calls.all == (1...12).map { [$0, 12] })
    }
}
