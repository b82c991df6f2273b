import Foundation
import NyquistNumerics
import Testing

@Suite("Bounded transforms")
struct BoundedTransformTests {
    static let cases: [(BoundedTransform, [Double])] = [
        (.identity, [-3e5, -1, 0, 2.5, 7e8]),
        (.log, [1e-12, 0.3, 1, 47, 1e9]),
        (.lowerBounded(2), [2.001, 2.5, 10, 1e6]),
        (.upperBounded(5), [1e-6, 0.1, 2.5, 4.99]),
        (.logBox(log(1e-6), log(1e3)), [2e-6, 1e-3, 1, 999]),
        (.box(0, 2), [0.01, 0.5, 1, 1.99]),
        (.box(-1, 1), [-0.9, 0, 0.7]),
        (.scaledAbove(40), [40.01, 41, 80, 4000]),
    ]

    @Test("p(θ(p)) = p inside the bounds (relative 10⁻¹²)")
    func roundTrip() {
        for (t, values) in Self.cases {
            for p in values {
                let back = t.physical(t.internalValue(p))
                #expect(abs(back - p) <= 1e-12 * max(abs(p), 1), "\(t): \(p) → \(back)")
            }
        }
    }

    @Test("dp/dθ equals a central finite difference (h = 10⁻⁵; relative 10⁻⁶ plus the rounding of p, 4 ulp(p)/h)")
    func derivativeMatchesFiniteDifference() {
        let h = 1e-5
        for (t, values) in Self.cases {
            for p in values {
                let theta = t.internalValue(p)
                let fd = (t.physical(theta + h) - t.physical(theta - h)) / (2 * h)
                let d = t.derivative(theta)
                #expect(abs(d - fd) <= 1e-6 * abs(d) + 4 * p.ulp / h, "\(t) at p = \(p): \(d) vs \(fd)")
            }
        }
    }

    @Test("Values on or beyond a bound are moved inside; far θ reports the bound hit")
    func boundsHold() {
        let box = BoundedTransform.box(0, 2)
        // On the bound: moved 10⁻⁹ of the range inside, so σ(θ) = 10⁻⁹ and p = 2·10⁻⁹.
        #expect(abs(box.physical(box.internalValue(0)) - 2e-9) < 1e-18)
        #expect(box.internalValue(5).isFinite && box.physical(box.internalValue(5)) < 2)
        #expect(box.boundHit(-30) == .lower && box.boundHit(30) == .upper && box.boundHit(0) == nil)
        #expect(BoundedTransform.log.boundHit(-800) == nil && BoundedTransform.identity.boundHit(-1e9) == nil)
        let above = BoundedTransform.scaledAbove(40)
        #expect(above.physical(-50) >= 40 && above.internalValue(30).isFinite)  // 30 < 40: clamped just above 40
        #expect(abs(above.physical(0) - 80) < 1e-12)  // m·(1 + e⁰) = 2m
        #expect(abs(BoundedTransform.logistic(0) - 0.5) < 1e-16 && abs(BoundedTransform.logit(0.5)) < 1e-16)
    }
}
