import CKernels
extension ParameterCovariance {
    /// Largest κ₁(D⁻¹JᵀJD⁻¹) for which ``estimate(jacobian:n:p:relativeTolerance:normalEquations:)`` uses the
    /// normal equations.
    public static let normalEquationsConditionLimit = 1e6

    /// κ₁(A) = ‖A‖₁‖A⁻¹‖₁ of the equilibrated normal matrix A = D⁻¹JᵀJD⁻¹ (Dⱼⱼ = ‖J₍:,ⱼ₎‖₂) of a row-major n×p J:
    /// the squared condition of J·D⁻¹ up to a factor ≤ p. +∞ when the sizes do not match, J has a non-finite entry
    /// or A is not numerically positive definite (Cholesky pivot ≤ 0). Costs p(p+1)/2·n multiply–adds and O(p³).
    public static func normalCondition(jacobian: [Double], n: Int, p: Int) -> Double {
        guard n > 0, p > 0, n >= p, !n.multipliedReportingOverflow(by: p).overflow, jacobian.count == n * p,
            jacobian.allSatisfy(\.isFinite)
        else { return .infinity }
        return equilibratedInverse(jacobian: jacobian, n: n, p: p)?.condition ?? .infinity
    }

    /// Dⱼⱼ = ‖J₍:,ⱼ₎‖₂ computed without overflow (scaled by the column's largest entry); 1 for an all-zero column.
    static func columnScales(_ jacobian: [Double], n: Int, p: Int) -> [Double] {
        var columnScale = [Double](repeating: 0, count: p)
        for j in 0..<p {
            var largest = 0.0
            for i in 0..<n { largest = max(largest, abs(jacobian[i * p + j])) }
            var sum = 0.0
            if largest > 0 {
                for i in 0..<n {
                    let scaled = jacobian[i * p + j] / largest
                    sum += scaled * scaled
                }
            }
            columnScale[j] = largest > 0 ? largest * sum.squareRoot() : 1
        }
        return columnScale
    }

    /// C = D⁻¹A⁻¹D⁻¹ from the Cholesky factor of A = D⁻¹JᵀJD⁻¹ = LLᵀ, or nil when A is not numerically positive
    /// definite or κ₁(A) > ``normalEquationsConditionLimit`` (the caller then runs the pivoted QR).
    static func normalEquations(jacobian: [Double], n: Int, p: Int) -> ParameterCovariance? {
        guard let (inverse, condition, columnScale) = equilibratedInverse(jacobian: jacobian, n: n, p: p),
            condition <= normalEquationsConditionLimit
        else { return nil }
        var covariance = inverse
        for i in 0..<p {
            for j in 0..<p { covariance[i * p + j] /= columnScale[i] * columnScale[j] }
        }
        return ParameterCovariance(parameterCount: p, matrix: covariance, rank: p, unidentifiedParameters: [])
    }

    /// A⁻¹ (row-major p×p), κ₁(A) and D for A = D⁻¹JᵀJD⁻¹, Dⱼⱼ = √(JᵀJ)ⱼⱼ = ‖J₍:,ⱼ₎‖₂: JᵀJ in one pass over J's rows,
    /// then Cholesky A = LLᵀ and A⁻¹ = L⁻ᵀL⁻¹. Nil when a column is zero or its norm overflows, a pivot is not
    /// positive or κ₁ is not finite.
    static func equilibratedInverse(jacobian: [Double], n: Int, p: Int)
        -> (inverse: [Double], condition: Double, columnScale: [Double])?
    {
        var A = [Double](repeating: 0, count: p * p)
        var L = [Double](repeating: 0, count: p * p)
        var inverse = [Double](repeating: 0, count: p * p)
        // JᵀJ, each entry summed over the rows in order (CKernels' nyq_gram: the sums of four rows of A in registers).
        jacobian.withUnsafeBufferPointer { J in
            A.withUnsafeMutableBufferPointer { A in nyq_gram(J.baseAddress!, n, p, A.baseAddress!) }
        }
        var columnScale = [Double](repeating: 1, count: p)
        for j in 0..<p {
            let d = A[j * p + j].squareRoot()
            guard d > 0, d.isFinite else { return nil }
            columnScale[j] = d
        }
        for a in 0..<p {
            for b in 0...a {
                let value = A[a * p + b] / (columnScale[a] * columnScale[b])
                A[a * p + b] = value
                A[b * p + a] = value
            }
        }
        // A = LLᵀ.
        for j in 0..<p {
            for i in j..<p {
                var value = A[i * p + j]
                for k in 0..<j { value -= L[i * p + k] * L[j * p + k] }
                if i == j {
                    guard value > 0, value.isFinite else { return nil }
                    L[j * p + j] = value.squareRoot()
                } else {
                    L[i * p + j] = value / L[j * p + j]
                }
            }
        }
        // L⁻¹ (lower triangular) by forward substitution, then A⁻¹ = L⁻ᵀL⁻¹.
        var lInverse = [Double](repeating: 0, count: p * p)
        for column in 0..<p {
            for i in column..<p {
                var value = i == column ? 1.0 : 0.0
                for k in column..<i { value -= L[i * p + k] * lInverse[k * p + column] }
                lInverse[i * p + column] = value / L[i * p + i]
            }
        }
        for a in 0..<p {
            for b in a..<p {
                var sum = 0.0
                for k in b..<p { sum += lInverse[k * p + a] * lInverse[k * p + b] }
                inverse[a * p + b] = sum
                inverse[b * p + a] = sum
            }
        }
        var normA = 0.0, normInverse = 0.0
        for j in 0..<p {
            var sumA = 0.0, sumInverse = 0.0
            for i in 0..<p {
                sumA += abs(A[i * p + j])
                sumInverse += abs(inverse[i * p + j])
            }
            normA = max(normA, sumA)
            normInverse = max(normInverse, sumInverse)
        }
        let condition = normA * normInverse
        guard condition.isFinite else { return nil }
        return (inverse, condition, columnScale)
    }
}
