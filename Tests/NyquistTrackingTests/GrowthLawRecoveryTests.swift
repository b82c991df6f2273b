import Foundation
import NyquistNumerics
import Testing
@testable import NyquistTracking

/// Synthetic series from each law with log-normal noise: the generating law must get the largest Akaike weight in
/// ≥ 90 % of 30 seeded trials at N = 12 (default comparison set G1–G8, default floor 0.03).
@Suite struct GrowthLawRecoveryTests {
    static let cycles: [Double] = [1, 2, 3, 5, 8, 12, 20, 30, 50, 80, 120, 200]

    static let cases: [(GrowthLaw, [Double])] = [
        (.linear, [20, 1.0]), (.squareRoot, [10, 15]), (.power, [30, 0.1, 1.5]), (.logarithmic, [20, 40, 5]),
        (.saturating, [20, 200, 40]), (.exponential, [30, 80]), (.composite, [20, 5, 100]),
    ]

    static func wins(_ law: GrowthLaw, _ theta: [Double], x: [Double], noise: Double, seed: UInt64) -> Int {
        var gen = SeededRandom(seed: seed)
        var wins = 0
        for _ in 0..<30 {
            let y = x.map { law.value(at: $0, parameters: theta) * exp(noise * gen.normal()) }
            let c = GrowthLawComparison(x: x, y: y, standardErrors: y.map { noise * $0 })
            if c.best == law { wins += 1 }
        }
        return wins
    }

    @Test(arguments: 0..<7)
    func generatingLawWinsAtTwelvePoints(index: Int) {
        let (law, theta) = Self.cases[index]
        let wins = Self.wins(law, theta, x: Self.cycles, noise: 0.03, seed: 42 + UInt64(index))
        #expect(wins >= 27, "\(law.identifier) won \(wins)/30")
    }

    /// Deal–Grove (G5) at N = 12 in 90 trials (three noise seeds). It reduces to G1 when s·x ≪ 1 and to G2 when
    /// s·x ≫ 1, so it is identifiable only through the bend between them, measured on the growth R − R_ct:
    /// - interface-dominated growth (R_ct = 5 Ω rising to ≈ 690 Ω, like the NCA cell's 61 → 501 Ω): recovered at
    ///   3 % noise;
    /// - R_ct-dominated growth (R_ct = 20 Ω rising to ≈ 290 Ω): recovered at 2 % noise; at 3 % it wins only
    ///   ≈ 79 % (71/90 with these seeds), losing to G3 and G4, which is documented in docs/tracking.md.
    @Test(arguments: [([5.0, 100, 0.3], 0.03), ([20.0, 50, 0.2], 0.02)])
    func dealGroveWinsAtTwelvePoints(theta: [Double], noise: Double) {
        let wins = (1...3).reduce(0) { $0 + Self.wins(.dealGrove, theta, x: Self.cycles, noise: noise, seed: UInt64($1)) }
        #expect(wins >= 81, "G5 \(theta) at \(noise): won \(wins)/90")
    }
}
