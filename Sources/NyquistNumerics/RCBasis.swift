import CKernels

/// The lin-KK RC basis on one time constant τ (s) for many angular frequencies ω (rad/s) at once:
/// φ(x) = 1/(1 + jx) (impedance) or jx/(1 + jx) (admittance), x = ωτ — with q = 1 + x², Re φ = 1/q and
/// Im φ = −x/q, or Re φ = x²/q and Im φ = x/q.
///
/// CKernels' `nyq_rc_basis` computes it four points per pass with AVX when the CPU has it; every value is the same
/// IEEE operations on the same operands as the scalar formula above, so the bits equal it on any CPU.
public enum RCBasis {
    /// Writes Re φ(ωᵢτ) to `real[i]` and Im φ(ωᵢτ) to `imaginary[i]` for every i of `omega` (both outputs hold at
    /// least `omega.count` values).
    public static func evaluate(omega: UnsafeBufferPointer<Double>, tau: Double, admittance: Bool,
                                real: UnsafeMutablePointer<Double>, imaginary: UnsafeMutablePointer<Double>) {
        guard let w = omega.baseAddress else { return }
        nyq_rc_basis(w, tau, real, imaginary, omega.count, admittance ? 1 : 0)
    }

    /// The model on one grid of m columns (φ column-major in `real`/`imaginary`, column k at k·n):
    /// Re T̂ᵢ = a₀ + Σₖ aₖ·Re φᵢₖ and Im T̂ᵢ = Σₖ aₖ·Im φᵢₖ, accumulated k by k in order for each i (`nyq_rc_model`).
    public static func model(real: UnsafePointer<Double>, imaginary: UnsafePointer<Double>, points n: Int,
                             columns m: Int, constant: Double, coefficients: UnsafePointer<Double>,
                             outReal: UnsafeMutablePointer<Double>, outImaginary: UnsafeMutablePointer<Double>) {
        nyq_rc_model(real, imaginary, n, m, constant, coefficients, outReal, outImaginary)
    }

    /// The four sums of one column in one pass (`nyq_rc_column_sums`): Σ wᵢ·Re φᵢ, Σ (wReᵢ·Re φᵢ + wImᵢ·Im φᵢ),
    /// Σ wOmegaᵢ·Im φᵢ, Σ wInverseᵢ·Im φᵢ, written to `out[0…3]`.
    public static func columnSums(real: UnsafePointer<Double>, imaginary: UnsafePointer<Double>,
                                  weights: UnsafePointer<Double>, weightedReal: UnsafePointer<Double>,
                                  weightedImaginary: UnsafePointer<Double>, weightedOmega: UnsafePointer<Double>,
                                  weightedInverse: UnsafePointer<Double>, points n: Int,
                                  out: UnsafeMutablePointer<Double>) {
        nyq_rc_column_sums(real, imaginary, weights, weightedReal, weightedImaginary, weightedOmega, weightedInverse,
                           n, out)
    }

    /// The same by the portable path of the kernel (tests compare the two).
    static func evaluatePortable(omega: UnsafeBufferPointer<Double>, tau: Double, admittance: Bool,
                                 real: UnsafeMutablePointer<Double>, imaginary: UnsafeMutablePointer<Double>) {
        guard let w = omega.baseAddress else { return }
        nyq_rc_basis_portable(w, tau, real, imaginary, omega.count, admittance ? 1 : 0)
    }
}
