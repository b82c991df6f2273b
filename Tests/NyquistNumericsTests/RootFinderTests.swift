import Foundation
import NyquistNumerics
import Testing

@Suite("Root finder")
struct RootFinderTests {
    @Test("Brent (GSL) finds closed-form roots: √2, ln 3, the Dottie number, π")
    func brentClosedForm() throws {
        #expect(abs(try RootFinder.brent(lower: 0, upper: 2) { $0 * $0 - 2 } - 2.0.squareRoot()) < 1e-12)
        #expect(abs(try RootFinder.brent(lower: 0, upper: 5) { exp($0) - 3 } - log(3.0)) < 1e-12)
        // cos x = x: 0.739085133215160641655312087673873404013411758900757464965… (OEIS A003957).
        #expect(abs(try RootFinder.brent(lower: 0, upper: 1) { cos($0) - $0 } - 0.7390851332151607) < 1e-12)
        #expect(abs(try RootFinder.brent(lower: 3, upper: 4) { sin($0) } - Double.pi) < 1e-12)
        // An endpoint that is the root is returned as is.
        #expect(try RootFinder.brent(lower: 1, upper: 3) { $0 - 1 } == 1)
    }

    @Test("Brent refuses an interval without a sign change, an empty interval and a NaN end")
    func brentBracketFailure() {
        #expect(throws: RootFinderError.notBracketed(lower: -1, upper: 1, valueAtLower: 2, valueAtUpper: 2)) {
            try RootFinder.brent(lower: -1, upper: 1) { $0 * $0 + 1 }
        }
        #expect(throws: RootFinderError.invalidInterval(lower: 2, upper: 1)) {
            try RootFinder.brent(lower: 2, upper: 1) { $0 }
        }
        #expect(throws: RootFinderError.self) { try RootFinder.brent(lower: 0, upper: 1) { $0 == 0 ? .nan : $0 - 0.5 } }
    }

    @Test("Bracket then Illinois: x³ − 2x − 5 = 0 (Wallis's cubic) from x = 0 outward")
    func bracketAndRefineWallis() throws {
        // Root 2.0945514815423265914823865405793029638573061056282391803... (Newton's and Wallis's example).
        let root = 2.0945514815423265
        let f = { (x: Double) in x * x * x - 2 * x - 5 }
        var evaluations = 0
        let start = RootPoint(x: 0, value: f(0), state: 0)
        let bracket = RootFinder.bracket(from: start, direction: 1, initialStep: 0.25, limit: 100) { x, inside, _ in
            evaluations += 1
            return RootPoint(x: x, value: f(x), state: inside.state + 1)
        }
        guard case .bracketed(let inside, let outside) = bracket else {
            Issue.record("expected a bracket, got \(bracket)")
            return
        }
        // Steps 0.25, 0.5, 1, 2, 4: f(2) = −1 < 0, f(4) = 51 ≥ 0.
        #expect(inside.x == 2 && outside.x == 4 && evaluations == 5 && outside.state == 5)
        let refined = RootFinder.refine(inside: inside, outside: outside, valueTolerance: 1e-13) { x, _, _ in
            RootPoint(x: x, value: f(x), state: 0)
        }
        guard case .converged(let p) = refined else {
            Issue.record("expected convergence, got \(refined)")
            return
        }
        #expect(abs(p.x - root) < 1e-12)
    }

    @Test("Bracket going down, to the limit without a sign change, and an evaluation failure")
    func bracketOutcomes() {
        // f(x) = 1 − x² < 0 for |x| > 1; searching downward from x = 3 (f = −8): x = 2 (f = −3), then x = 1 (f = 0,
        // the root itself, counts as ≥ 0).
        let f = { (x: Double) in 1 - x * x }
        let down = RootFinder.bracket(from: RootPoint(x: 3, value: f(3), state: ()), direction: -1, initialStep: 1,
                                      limit: -50) { x, _, _ in RootPoint(x: x, value: f(x), state: ()) }
        if case .bracketed(let inside, let outside) = down {
            #expect(inside.x == 2 && outside.x == 1)
        } else { Issue.record("expected a bracket, got \(down)") }
        // e^x − 10 < 0 for x < ln 10: never crosses up to the limit 2, which is evaluated last.
        let none = RootFinder.bracket(from: RootPoint(x: 0, value: -9, state: ()), direction: 1, initialStep: 0.5,
                                      limit: 2) { x, _, _ in RootPoint(x: x, value: exp(x) - 10, state: ()) }
        if case .reachedLimit(let last) = none { #expect(last.x == 2) } else { Issue.record("got \(none)") }
        let failing = RootFinder.bracket(from: RootPoint(x: 0, value: -1, state: ()), direction: 1, initialStep: 1,
                                         limit: 10) { x, _, _ in x > 1.5 ? nil : RootPoint(x: x, value: -1, state: ()) }
        if case .failed(let at, let inside) = failing { #expect(at == 2 && inside.x == 1) } else { Issue.record("got \(failing)") }
    }

    @Test("Illinois keeps converging where plain regula falsi stalls: e^x − 1 on [−1, 20] within 60 evaluations")
    func illinoisOnAStiffBracket() {
        var evaluations = 0
        let f = { (x: Double) in exp(x) - 1 }
        let refined = RootFinder.refine(
            inside: RootPoint(x: -1, value: f(-1), state: ()), outside: RootPoint(x: 20, value: f(20), state: ()),
            valueTolerance: 1e-14, maxIterations: 60
        ) { x, _, _ in
            evaluations += 1
            return RootPoint(x: x, value: f(x), state: ())
        }
        if case .converged(let p) = refined { #expect(abs(p.x) < 1e-13) } else { Issue.record("got \(refined)") }
        #expect(evaluations < 60)
    }
}
