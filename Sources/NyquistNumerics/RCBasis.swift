import CKernels

/// The lin-KK RC basis on one time constant τ (s) for many angular frequencies ω (rad/s) at once:
/// φ(x) = 1/(1 + jx) (impedance) or jx/(1 + jx) (admittance), x = ωτ — with r = 1/(1 + x²), Re φ = r and
/// Im φ = (−x)·r, or Re φ = x²·r and Im φ = x·r (one division per point).
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

    /// ``evaluate(omega:tau:admittance:real:imaginary:)`` and ``columnSums(real:imaginary:weights:weightedReal:weightedImaginary:weightedOmega:weightedInverse:points:out:)``
    /// of the new column in one pass (`nyq_rc_basis_sums`; the same bits as the two calls). A nil `weightedOmega`
    /// or `weightedInverse` leaves that sum 0.
    public static func evaluateWithSums(omega: UnsafePointer<Double>, points n: Int, tau: Double, admittance: Bool,
                                        real: UnsafeMutablePointer<Double>, imaginary: UnsafeMutablePointer<Double>,
                                        weights: UnsafePointer<Double>, weightedReal: UnsafePointer<Double>,
                                        weightedImaginary: UnsafePointer<Double>,
                                        weightedOmega: UnsafePointer<Double>?,
                                        weightedInverse: UnsafePointer<Double>?, out: UnsafeMutablePointer<Double>) {
        nyq_rc_basis_sums(omega, tau, real, imaginary, n, admittance ? 1 : 0, weights, weightedReal,
                          weightedImaginary, weightedOmega, weightedInverse, out)
    }

    /// out[k] = Σᵢ (uᵢ·Re φᵢₖ + vᵢ·Im φᵢₖ) for the m columns (φ column-major, column k at k·n), four columns per
    /// pass over u and v (`nyq_dot2_columns`; each the same bits as ``DotProduct/dot(_:_:plus:_:count:)``).
    public static func columnDots(u: UnsafePointer<Double>, v: UnsafePointer<Double>, real: UnsafePointer<Double>,
                                  imaginary: UnsafePointer<Double>, points n: Int, columns m: Int,
                                  out: UnsafeMutablePointer<Double>) {
        nyq_dot2_columns(u, v, real, imaginary, n, m, out)
    }

    /// The same by the portable path of the kernel (tests compare the two).
    static func evaluatePortable(omega: UnsafeBufferPointer<Double>, tau: Double, admittance: Bool,
                                 real: UnsafeMutablePointer<Double>, imaginary: UnsafeMutablePointer<Double>) {
        guard let w = omega.baseAddress else { return }
        nyq_rc_basis_portable(w, tau, real, imaginary, omega.count, admittance ? 1 : 0)
    }
}
