import CGSL

/// The solution of a (weighted) linear least-squares problem y ≈ X·c.
public struct LinearLeastSquaresSolution: Sendable, Hashable, Codable {
    /// c, length p, in units of [y]/[Xⱼ].
    public var coefficients: [Double]
    /// (XᵀWX)⁻¹ over the retained singular directions, row-major p×p (element (i, j) at `i * columns + j`). With
    /// weights wᵢ = 1/σᵢ² this is the covariance of c; for an unweighted fit multiply by ``residualVariance``.
    public var covariance: [Double]
    /// χ² = Σᵢ wᵢ (yᵢ − (X·c)ᵢ)² (wᵢ = 1 when unweighted), in units of w·[y]².
    public var chiSquared: Double
    /// Number of singular values kept by the truncated SVD (≤ p); < p means X is (numerically) rank-deficient and
    /// c is the minimum-norm solution within the retained subspace.
    public var rank: Int
    /// m, the number of observations.
    public var rows: Int
    /// p, the number of coefficients.
    public var columns: Int

    /// s² = χ²/(m − rank), the residual variance estimate; `nil` when m ≤ rank (no degrees of freedom).
    public var residualVariance: Double? {
        rows > rank ? chiSquared / Double(rows - rank) : nil
    }

    public init(coefficients: [Double], covariance: [Double], chiSquared: Double, rank: Int, rows: Int, columns: Int) {
        self.coefficients = coefficients
        self.covariance = covariance
        self.chiSquared = chiSquared
        self.rank = rank
        self.rows = rows
        self.columns = columns
    }
}

/// Weighted linear least squares: minimise χ²(c) = Σᵢ wᵢ (yᵢ − Σⱼ Xᵢⱼ cⱼ)² through GSL's column-balanced truncated
/// SVD (`gsl_multifit_wlinear_tsvd`), which reports the effective rank. Used by lin-KK validation (≈300 × 100,
/// badly conditioned) and by growth-law fits (small problems).
public enum LinearLeastSquares {
    /// Relative singular-value cut-off used when none is given: ε·max(m, p), as LAPACK/NumPy `lstsq`.
    public static func defaultRelativeTolerance(rows: Int, columns: Int) -> Double {
        Double.ulpOfOne * Double(max(rows, columns))
    }

    /// Solves y ≈ X·c.
    ///
    /// - Parameters:
    ///   - design: X, row-major m×p (element (i, j) at `i * columns + j`), finite.
    ///   - rows: m ≥ p.
    ///   - columns: p ≥ 1.
    ///   - rhs: y, length m, finite.
    ///   - weights: wᵢ ≥ 0, length m, finite (typically 1/σᵢ²); `nil` means all 1.
    ///   - relativeTolerance: singular values sᵢ ≤ tolerance·s₀ of the balanced X are discarded (> 0); default
    ///     ``defaultRelativeTolerance(rows:columns:)``.
    /// - Throws: `.badDimensions`, `.lengthMismatch`, `.nonFiniteInput`, `.invalidArgument` (negative weight,
    ///   bad tolerance), `.allocationFailed`, `.status` (GSL failure).
    public static func solve(
        design: [Double], rows: Int, columns: Int, rhs: [Double], weights: [Double]? = nil,
        relativeTolerance: Double? = nil
    ) throws(GSLError) -> LinearLeastSquaresSolution {
        ensureGSLErrorHandlerOff()
        let m = rows
        let p = columns
        guard m > 0, p > 0 else {
            throw .badDimensions(rows: m, columns: p, reason: "row and column counts must be positive")
        }
        guard m >= p else { throw .badDimensions(rows: m, columns: p, reason: "fewer observations than coefficients") }
        guard !m.multipliedReportingOverflow(by: p).overflow else {
            throw .badDimensions(rows: m, columns: p, reason: "m·p overflows")
        }
        try requireLength(design, m * p, argument: "design")
        try requireFinite(design, argument: "design")
        try requireLength(rhs, m, argument: "rhs")
        try requireFinite(rhs, argument: "rhs")
        var weightCopy = weights ?? [Double](repeating: 1, count: m)
        if weights != nil {
            try requireLength(weightCopy, m, argument: "weights")
            try requireFinite(weightCopy, argument: "weights")
            if let negative = weightCopy.firstIndex(where: { $0 < 0 }) {
                throw .invalidArgument(argument: "weights[\(negative)]", reason: "\(weightCopy[negative]) is negative")
            }
        }
        let tolerance = relativeTolerance ?? defaultRelativeTolerance(rows: m, columns: p)
        try requireTolerance(tolerance, argument: "relativeTolerance", strictlyPositive: true)

        guard let workspace = gsl_multifit_linear_alloc(m, p) else {
            throw .allocationFailed(what: "gsl_multifit_linear_workspace (\(m)×\(p))")
        }
        defer { gsl_multifit_linear_free(workspace) }

        var designCopy = design
        var rhsCopy = rhs
        var coefficients = [Double](repeating: 0, count: p)
        var covariance = [Double](repeating: 0, count: p * p)
        var chiSquared = 0.0
        var rank = 0
        let status = designCopy.withUnsafeMutableBufferPointer { x in
            weightCopy.withUnsafeMutableBufferPointer { w in
                rhsCopy.withUnsafeMutableBufferPointer { y in
                    coefficients.withUnsafeMutableBufferPointer { c in
                        covariance.withUnsafeMutableBufferPointer { cov in
                            withGSLMatrix(x, rows: m, columns: p) { xMatrix in
                                withGSLVector(w) { wVector in
                                    withGSLVector(y) { yVector in
                                        withGSLVector(c) { cVector in
                                            withGSLMatrix(cov, rows: p, columns: p) { covMatrix in
                                                gsl_multifit_wlinear_tsvd(
                                                    xMatrix, wVector, yVector, tolerance, cVector, covMatrix,
                                                    &chiSquared, &rank, workspace)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        guard status == NYQ_GSL_SUCCESS else { throw .gsl(status, in: "gsl_multifit_wlinear_tsvd") }
        return LinearLeastSquaresSolution(
            coefficients: coefficients, covariance: covariance, chiSquared: chiSquared, rank: rank, rows: m,
            columns: p)
    }
}
