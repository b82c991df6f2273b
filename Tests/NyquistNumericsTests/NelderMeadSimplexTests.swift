import Foundation
import NyquistNumerics
import Testing

@Suite("Nelder–Mead simplex")
struct NelderMeadSimplexTests {
    @Test("Rosenbrock function from (−1.2, 1) reaches (1, 1)")
    func rosenbrock() throws {
        var simplex = try NelderMeadSimplex(dimension: 2)
        let outcome = try simplex.minimize(
            start: [-1.2, 1], steps: [0.5, 0.5], maxIterations: 5000, sizeTolerance: 1e-10,
            objective: Rosenbrock.value)
        #expect(outcome.status == .converged)
        #expect(abs(outcome.x[0] - 1) < 1e-6)
        #expect(abs(outcome.x[1] - 1) < 1e-6)
        #expect(outcome.value < 1e-12)
        #expect(outcome.size <= 1e-10)
        #expect(outcome.evaluations > outcome.iterations)
    }

    @Test("Quadratic bowl Σ wᵢ(xᵢ − cᵢ)² reaches c, also when half of space is NaN")
    func quadraticBowl() throws {
        let centre = [1.0, -2.0, 3.0, 0.5]
        let weights = [1.0, 10.0, 0.1, 3.0]
        let bowl: (UnsafeBufferPointer<Double>) -> Double = { x in
            var sum = 0.0
            for i in centre.indices { sum += weights[i] * (x[i] - centre[i]) * (x[i] - centre[i]) }
            return sum
        }
        var simplex = try NelderMeadSimplex(dimension: 4)
        let plain = try simplex.minimize(
            start: [0, 0, 0, 0], steps: [1, 1, 1, 1], maxIterations: 10_000, sizeTolerance: 1e-9, objective: bowl)
        #expect(plain.status == .converged)
        for (found, expected) in zip(plain.x, centre) { #expect(abs(found - expected) < 1e-6) }
        #expect(plain.value < 1e-11)

        // NaN for x₁ < 0 (a model domain edge): treated as "very bad", the search still converges.
        let guarded = try simplex.minimize(
            start: [2, 0, 0, 0], steps: [1, 1, 1, 1], maxIterations: 10_000, sizeTolerance: 1e-9
        ) { x in x[0] < 0.5 ? .nan : bowl(x) }
        #expect(guarded.status == .converged)
        for (found, expected) in zip(guarded.x, centre) { #expect(abs(found - expected) < 1e-6) }
    }

    @Test("An objective that is never finite gives noFiniteValue, not a crash")
    func neverFinite() throws {
        var simplex = try NelderMeadSimplex(dimension: 2)
        let outcome = try simplex.minimize(start: [0, 0], steps: [1, 1], maxIterations: 50) { _ in .infinity }
        #expect(outcome.status == .noFiniteValue)
        #expect(outcome.x.allSatisfy { $0.isFinite })
    }

    @Test("maxIterations and bad arguments")
    func limitsAndErrors() throws {
        var simplex = try NelderMeadSimplex(dimension: 2)
        let short = try simplex.minimize(start: [-1.2, 1], steps: [0.5, 0.5], maxIterations: 3, objective: Rosenbrock.value)
        #expect(short.status == .maxIterations)
        #expect(short.iterations == 3)
        let none = try simplex.minimize(start: [-1.2, 1], steps: [0.5, 0.5], maxIterations: 0, objective: Rosenbrock.value)
        #expect(none.x == [-1.2, 1])
        #expect(isClose(none.value, 100 * 0.44 * 0.44 + 2.2 * 2.2, tolerance: 1e-12))

        #expect(throws: GSLError.badDimensions(rows: 1, columns: 0, reason: "the simplex needs at least one variable")) {
            _ = try NelderMeadSimplex(dimension: 0)
        }
        #expect(throws: GSLError.invalidArgument(argument: "steps[1]", reason: "a zero step makes the simplex degenerate")) {
            _ = try simplex.minimize(start: [0, 0], steps: [1, 0], objective: Rosenbrock.value)
        }
        #expect(throws: GSLError.lengthMismatch(argument: "steps", expected: 2, actual: 1)) {
            _ = try simplex.minimize(start: [0, 0], steps: [1], objective: Rosenbrock.value)
        }
    }
}
