import Testing
import NyquistNumerics

/// `GeneralizedSymmetricEigen` against eigenvalues worked out by hand, and its refusals.
@Suite struct GeneralizedSymmetricEigenTests {
    /// A = [[2, 1], [1, 2]], B = I: det(A − μI) = (2 − μ)² − 1 = 0 → μ = 1, 3.
    /// With B = diag(2, 2) every μ halves: 0.5, 1.5.
    @Test func twoByTwoByHand() throws {
        let a = [2.0, 1, 1, 2]
        let plain = try GeneralizedSymmetricEigen.eigenvalues(a: a, b: [1, 0, 0, 1], count: 2).sorted()
        #expect(abs(plain[0] - 1) <= 1e-14 && abs(plain[1] - 3) <= 1e-14)
        let scaled = try GeneralizedSymmetricEigen.eigenvalues(a: a, b: [2, 0, 0, 2], count: 2).sorted()
        #expect(abs(scaled[0] - 0.5) <= 1e-14 && abs(scaled[1] - 1.5) <= 1e-14)
    }

    /// A = diag(1, 4, 9), B = diag(1, 2, 3): μ = Aᵢᵢ/Bᵢᵢ = 1, 2, 3.
    @Test func diagonalPencil() throws {
        let mu = try GeneralizedSymmetricEigen.eigenvalues(
            a: [1, 0, 0, 0, 4, 0, 0, 0, 9], b: [1, 0, 0, 0, 2, 0, 0, 0, 3], count: 3).sorted()
        for (got, want) in zip(mu, [1.0, 2, 3]) { #expect(abs(got - want) <= 1e-14) }
    }

    @Test func refusesBadInput() {
        #expect(throws: GSLError.self) {  // B not positive definite
            try GeneralizedSymmetricEigen.eigenvalues(a: [1, 0, 0, 1], b: [1, 0, 0, -1], count: 2)
        }
        #expect(throws: GSLError.lengthMismatch(argument: "b", expected: 4, actual: 3)) {
            try GeneralizedSymmetricEigen.eigenvalues(a: [1, 0, 0, 1], b: [1, 0, 0], count: 2)
        }
        #expect(throws: GSLError.nonFiniteInput(argument: "a", index: 1)) {
            try GeneralizedSymmetricEigen.eigenvalues(a: [1, .nan, 0, 1], b: [1, 0, 0, 1], count: 2)
        }
        #expect(throws: GSLError.self) { try GeneralizedSymmetricEigen.eigenvalues(a: [], b: [], count: 0) }
    }
}
