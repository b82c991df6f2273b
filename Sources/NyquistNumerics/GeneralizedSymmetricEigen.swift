import CGSL

/// Eigenvalues of the symmetric-definite generalised problem A·v = μ·B·v (A symmetric, B symmetric positive
/// definite), by GSL's `gsl_eigen_gensymm` (Cholesky B = LLᵀ, reduction to the standard symmetric problem
/// L⁻¹AL⁻ᵀ, then the implicit symmetric QR algorithm). Used where one decomposition replaces a factorisation per
/// parameter value, e.g. the traces of a Tikhonov influence matrix at every λ (``NyquistDRT``'s λ search).
public enum GeneralizedSymmetricEigen {
    /// The n eigenvalues μ (unordered) of A·v = μ·B·v.
    ///
    /// - Parameters:
    ///   - a: A, row-major n×n, symmetric (the lower triangle is used), finite.
    ///   - b: B, row-major n×n, symmetric positive definite (the lower triangle is used), finite.
    ///   - count: n ≥ 1.
    /// - Throws: ``GSLError/lengthMismatch(argument:expected:actual:)``,
    ///   ``GSLError/nonFiniteInput(argument:index:)``, ``GSLError/allocationFailed(what:)``, or
    ///   ``GSLError/status(code:routine:message:)`` when B is not numerically positive definite (`GSL_EDOM`).
    public static func eigenvalues(a: [Double], b: [Double], count n: Int) throws(GSLError) -> [Double] {
        guard n >= 1 else { throw .badDimensions(rows: n, columns: n, reason: "the matrices need n ≥ 1") }
        for (name, m) in [("a", a), ("b", b)] {
            guard m.count == n * n else { throw .lengthMismatch(argument: name, expected: n * n, actual: m.count) }
            if let i = m.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteInput(argument: name, index: i) }
        }
        ensureGSLErrorHandlerOff()
        guard let workspace = gsl_eigen_gensymm_alloc(n) else {
            throw .allocationFailed(what: "gsl_eigen_gensymm_workspace (\(n))")
        }
        defer { gsl_eigen_gensymm_free(workspace) }
        var aCopy = a, bCopy = b   // gsl_eigen_gensymm overwrites both
        var values = [Double](repeating: 0, count: n)
        let status: Int32 = aCopy.withUnsafeMutableBufferPointer { ap in
            bCopy.withUnsafeMutableBufferPointer { bp in
                values.withUnsafeMutableBufferPointer { vp in
                    withGSLMatrix(ap, rows: n, columns: n) { am in
                        withGSLMatrix(bp, rows: n, columns: n) { bm in
                            withGSLVector(vp) { v in gsl_eigen_gensymm(am, bm, v, workspace) }
                        }
                    }
                }
            }
        }
        guard status == NYQ_GSL_SUCCESS else { throw .gsl(status, in: "gsl_eigen_gensymm") }
        guard values.allSatisfy(\.isFinite) else { throw .gsl(NYQ_GSL_EDOM, in: "gsl_eigen_gensymm") }
        return values
    }
}
