import Foundation
import NyquistNumerics
import Testing
@testable import NyquistTracking

/// Synthetic bare/coated pairs generated from the void model with known parameters: the joint fit's log split must
/// contain the true shares (computed from the generating parameters on noiseless data) in its 95 % CIs, at the
/// coverage measured over 40 noise seeds.
@Suite struct AttributionTests {
    static let cycles: [Double] = [1, 2, 3, 5, 8, 12, 20, 30, 45, 60, 80, 100]

    /// Cumulative side charge Σ_{k≤n} q0/√k (passivating), mAh → µmol via 3.6/(5F).
    static func history(name: String, q0: Double, r3: [Double], cell: CellDescription) -> CellHistory {
        let perMAh = 3.6 / (5 * 96485.33212) * 1e6
        let nDec = cycles.map { n in (1...Int(n)).reduce(0.0) { $0 + q0 / Double($1).squareRoot() } * perMAh }
        let breathing = cycles.map { $0 * 0.014 * cell.camMassMg / 5.05 }  // Σ|ε|·u·V_CAM with u = 1
        return CellHistory(
            name: name, cell: cell, cycles: cycles, r3: r3, standardErrors: r3.map { 0.02 * $0 },
            decomposedMicromoles: nDec, breathingVolumeMm3: breathing)
    }

    @Test func recoversKnownSharesWithinCIs() throws {
        let cell = CellDescription()
        let truth = MechanismParameters(
            chargeTransferASR: [200, 150], interphaseConductivity: 1.8e-8, voidShare: 0.6, ratchet: 0.01)
        let placeholder = [Double](repeating: 1, count: Self.cycles.count)
        let templates = [
            Self.history(name: "bare", q0: 0.02, r3: placeholder, cell: cell),
            Self.history(name: "coated", q0: 0.004, r3: placeholder, cell: cell),
        ]
        let clean = templates.indices.map { c in Self.cycles.indices.map { truth.logR3(templates[c], cellIndex: c, point: $0) } }
        let trueShares = templates.indices.map { c in
            CellAttribution.compute(history: templates[c], cellIndex: c, parameters: truth, logR3: clean[c]).shares
        }
        // The generating split must be non-trivial for the test to mean anything.
        for shares in trueShares { #expect(shares[0].percent > 5 && shares[2].percent > 5) }
        #expect(trueShares[0][1].percent > 20)

        var covered = 0
        var total = 0
        for seed in UInt64(1)...40 {
            var gen = SeededRandom(seed: seed)
            var cells = templates
            for c in cells.indices {
                cells[c].r3 = clean[c].map { exp($0 + 0.02 * gen.normal()) }
                cells[c].standardErrors = cells[c].r3.map { 0.02 * $0 }
            }
            let analysis = try MechanismAnalysis.analyse(
                cells: cells, options: GrowthFitOptions(relativeErrorFloor: 0, bootstrapSamples: 200, seed: seed))
            #expect(analysis.refusal == nil)
            #expect(analysis.bootstrapReplicates >= 180)
            #expect(analysis.bestModel == .full || analysis.bestModel == .decompositionVoids)
            for c in 0..<2 {
                for j in 0..<3 {
                    let share = analysis.attributions[c].shares[j]
                    let lo = try #require(share.lower)
                    let hi = try #require(share.upper)
                    total += 1
                    if lo <= trueShares[c][j].percent && trueShares[c][j].percent <= hi { covered += 1 }
                    // Never far outside: a miss is at most one interval width away.
                    #expect(trueShares[c][j].percent >= lo - (hi - lo) && trueShares[c][j].percent <= hi + (hi - lo),
                            "seed \(seed) cell \(c) \(share.mechanism): true \(trueShares[c][j].percent) vs [\(lo), \(hi)]")
                }
            }
            // Difference-in-differences: the bare cell's Δln R3 exceeds the coated one's by more than 3σ.
            let did = try #require(analysis.differenceInDifferences)
            let se = try #require(analysis.differenceStandardError)
            #expect(did > 3 * se)
        }
        // 40 noise seeds × 2 cells × 3 shares; the shares of one analysis move together, so misses come in groups.
        // Measured with BCa intervals from replicates drawn around the data: 221 of 240 (92.1 %). Before (percentiles
        // of replicates drawn around the model): 223 of 240 intervals (92.9 %) contained the truth (60 seeds: 339/360 = 94.2 %), consistent with the
        // nominal 95 % given ≈ 40 independent analyses (binomial SE ≈ 3.4 %). With 80 replicates and 12 seeds it was
        // 63/72: too few replicates to place the 2.5 % and 97.5 % percentiles. The test guards 90 %.
        #expect(total == 240)
        #expect(Double(covered) / Double(total) >= 0.9, "coverage \(covered)/\(total)")
    }

    @Test func refusesMechanismComparisonWithTooFewPoints() throws {
        let cell = CellDescription()
        var h = Self.history(name: "one", q0: 0.02, r3: [Double](repeating: 1, count: Self.cycles.count), cell: cell)
        h.cycles = Array(h.cycles.prefix(5))
        h.r3 = [100, 120, 140, 170, 200]
        h.standardErrors = [2, 2, 2, 2, 2]
        h.decomposedMicromoles = Array(h.decomposedMicromoles.prefix(5))
        h.breathingVolumeMm3 = Array(h.breathingVolumeMm3.prefix(5))
        // Full model: k = 1 ASR + σ + β + η = 4 → needs 7 points.
        let analysis = try MechanismAnalysis.analyse(cells: [h])
        #expect(analysis.refusal?.contains("k + 3 = 7") == true)
        #expect(analysis.bestModel == nil)
        #expect(analysis.fits.allSatisfy { $0.akaikeWeight == nil })
    }
}
