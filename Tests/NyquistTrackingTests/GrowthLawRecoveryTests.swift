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

    /// Deal–Grove sits between the power and logarithmic laws: at N = 12 and 3 % noise it wins only ~20/30 (see
    /// docs/tracking.md); with 16 points and 2 % noise it is recovered.
    @Test func dealGroveWinsWithSixteenPointsAtTwoPercent() {
        let x: [Double] = (0..<16).map { pow(200.0, Double($0) / 15).rounded() }
        let wins = Self.wins(.dealGrove, [20, 50, 0.2], x: x, noise: 0.02, seed: 42)
        #expect(wins >= 27, "G5 won \(wins)/30")
    }
}
