import CGSL

/// The unscaled parameter covariance C = (JᵀJ)⁻¹ of a least-squares fit, with its numerical rank.
///
/// Defined by a column-pivoted QR factorisation (`gsl_linalg_QRPT_decomp`) of the column-equilibrated Jacobian
/// J·D⁻¹, Dⱼⱼ = ‖J₍:,ⱼ₎‖₂, so that parameters of very different magnitudes (Ω next to F·s^(n−1)) do not look
/// rank-deficient merely through units. With J·D⁻¹·P = Q·R, the rank r is the number of leading diagonal entries
/// with |Rₖₖ| > `relativeTolerance`·|R₀₀| (as `gsl_multifit_nlinear_covar`'s `epsrel`). The r identified
/// parameters get C = D⁻¹·P·(R₁₁ᵀR₁₁)⁻¹·Pᵀ·D⁻¹; the rows and columns of the p − r parameters that are linear
/// combinations of the others (or have an all-zero Jacobian column) are set to 0 and listed in
/// ``unidentifiedParameters`` — never Inf or NaN.
///
/// Fast path: when the equilibrated normal matrix A = D⁻¹JᵀJD⁻¹ has a Cholesky factor and a 1-norm condition
/// number κ₁(A) = ‖A‖₁‖A⁻¹‖₁ ≤ ``normalEquationsConditionLimit`` (10⁶), C = D⁻¹A⁻¹D⁻¹ is computed from that
/// factor instead (p(p+1)/2·n multiply–adds for A, O(p³) for the inverse; no copy of J, no QR). Its relative error,
/// about κ₁(A)·ε ≈ 2·10⁻¹⁰ at the limit, is far inside the 10⁻⁸ to which it matches the QR route, and such a J has
/// full rank by the QR rule too (that needs κ(JD⁻¹) ≥ 10¹⁰). Otherwise (ill-conditioned or rank-deficient J) the
/// pivoted QR runs.
///
/// For an unweighted fit, multiply by s² = χ²/(n − p) to get the usual covariance estimate; for residuals
/// already divided by their standard deviations, C is the covariance itself. Units: [x]ᵢ·[x]ⱼ.
public struct ParameterCovariance: Sendable, Hashable, Codable {
    /// Default `relativeTolerance` of ``estimate(jacobian:n:p:relativeTolerance:normalEquations:)``: 1e-10, i.e. directions whose
    /// equilibrated singular value is ten orders below the largest count as unidentified.
    public static let defaultRelativeTolerance = 1e-10

    /// p.
    public var parameterCount: Int
    /// C, row-major p×p: element (i, j) at `i * parameterCount + j`.
    public var matrix: [Double]
    /// Numerical rank r of J (≤ p).
    public var rank: Int
    /// Indices (ascending) of the p − r parameters that the data cannot determine independently.
    public var unidentifiedParameters: [Int]

    /// `rank == parameterCount`.
    public var isFullRank: Bool { rank == parameterCount }

    /// Cᵢⱼ.
    public subscript(row: Int, column: Int) -> Double {
        matrix[row * parameterCount + column]
    }

    /// √(scale·Cᵢᵢ), or `nil` when parameter i is unidentified. Pass scale = χ²/(n − p) for an unweighted fit.
    public func standardError(ofParameter index: Int, scale: Double = 1) -> Double? {
        guard !unidentifiedParameters.contains(index) else { return nil }
        return (scale * self[index, index]).squareRoot()
    }

    public init(parameterCount: Int, matrix: [Double], rank: Int, unidentifiedParameters: [Int]) {
        self.parameterCount = parameterCount
        self.matrix = matrix
        self.rank = rank
        self.unidentifiedParameters = unidentifiedParameters
    }

    /// Estimates (JᵀJ)⁻¹ from a row-major n×p Jacobian (see the type's documentation).
    /// - Throws: `.badDimensions` (n or p ≤ 0, n < p), `.lengthMismatch` (jacobian.count ≠ n·p),
    ///   `.nonFiniteInput` (NaN/±∞ in J), `.invalidArgument` (tolerance negative or not finite),
    ///   `.allocationFailed`, `.status` (GSL failure in the factorisation).
    /// - Parameter normalEquations: `false` forces the pivoted QR even where the normal equations would do.
    public static func estimate(
        jacobian: [Double], n: Int, p: Int, relativeTolerance: Double = defaultRelativeTolerance,
        normalEquations: Bool = true
    ) throws(GSLError) -> ParameterCovariance {
        ensureGSLErrorHandlerOff()
        guard n > 0, p > 0 else {
            throw .badDimensions(rows: n, columns: p, reason: "residual and parameter counts must be positive")
        }
        guard n >= p else { throw .badDimensions(rows: n, columns: p, reason: "fewer residuals than parameters") }
        guard !n.multipliedReportingOverflow(by: p).overflow else {
            throw .badDimensions(rows: n, columns: p, reason: "n·p overflows")
        }
        try requireLength(jacobian, n * p, argument: "jacobian")
        try requireFinite(jacobian, argument: "jacobian")
        try requireTolerance(relativeTolerance, argument: "relativeTolerance")

        if normalEquations, let fast = Self.normalEquations(jacobian: jacobian, n: n, p: p) { return fast }
        // Column equilibration D; an all-zero column keeps scale 1 and pivots to the end with Rₖₖ = 0.
        let columnScale = columnScales(jacobian, n: n, p: p)

        let factor = UnsafeMutableBufferPointer<Double>.allocate(capacity: n * p)
        defer { factor.deallocate() }
        for i in 0..<n {
            for j in 0..<p { factor[i * p + j] = jacobian[i * p + j] / columnScale[j] }
        }
        let tau = UnsafeMutableBufferPointer<Double>.allocate(capacity: p)
        defer { tau.deallocate() }
        let norms = UnsafeMutableBufferPointer<Double>.allocate(capacity: p)
        defer { norms.deallocate() }
        guard let permutation = gsl_permutation_alloc(p) else {
            throw .allocationFailed(what: "gsl_permutation (\(p))")
        }
        defer { gsl_permutation_free(permutation) }

        var signum: Int32 = 0
        let status = withGSLMatrix(factor, rows: n, columns: p) { matrix in
            withGSLVector(tau) { tauVector in
                withGSLVector(norms) { normVector in
                    gsl_linalg_QRPT_decomp(matrix, tauVector, permutation, &signum, normVector)
                }
            }
        }
        guard status == NYQ_GSL_SUCCESS else { throw .gsl(status, in: "gsl_linalg_QRPT_decomp") }
        guard let permutationData = permutation.pointee.data else {
            throw .allocationFailed(what: "gsl_permutation data")
        }
        let order = (0..<p).map { Int(permutationData[$0]) }

        // Rank: leading |Rₖₖ| above the tolerance relative to |R₀₀|.
        let leading = abs(factor[0])
        var rank = 0
        while rank < p, leading > 0, abs(factor[rank * p + rank]) > relativeTolerance * leading {
            rank += 1
        }

        // R₁₁⁻¹ (upper triangular, r×r) by back substitution, then (R₁₁ᵀR₁₁)⁻¹ = R₁₁⁻¹R₁₁⁻ᵀ.
        var inverse = [Double](repeating: 0, count: rank * rank)
        for column in 0..<rank {
            for row in stride(from: column, through: 0, by: -1) {
                var sum = row == column ? 1.0 : 0.0
                for k in (row + 1)..<(column + 1) { sum -= factor[row * p + k] * inverse[k * rank + column] }
                inverse[row * rank + column] = sum / factor[row * p + row]
            }
        }
        var covariance = [Double](repeating: 0, count: p * p)
        for a in 0..<rank {
            for b in a..<rank {
                var sum = 0.0
                for k in b..<rank { sum += inverse[a * rank + k] * inverse[b * rank + k] }
                let i = order[a]
                let j = order[b]
                let value = sum / (columnScale[i] * columnScale[j])
                covariance[i * p + j] = value
                covariance[j * p + i] = value
            }
        }
        let unidentified = order[rank...].sorted()
        return ParameterCovariance(
            parameterCount: p, matrix: covariance, rank: rank, unidentifiedParameters: Array(unidentified))
    }
}

extension LevenbergMarquardt {
    /// (JᵀJ)⁻¹ with rank for a row-major n×p Jacobian; the same as
    /// ``ParameterCovariance/estimate(jacobian:n:p:relativeTolerance:normalEquations:)``.
    public static func covariance(
        jacobian: [Double], n: Int, p: Int,
        relativeTolerance: Double = ParameterCovariance.defaultRelativeTolerance
    ) throws(GSLError) -> ParameterCovariance {
        try ParameterCovariance.estimate(jacobian: jacobian, n: n, p: p, relativeTolerance: relativeTolerance)
    }
}
