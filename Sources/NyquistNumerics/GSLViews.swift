import CGSL

// Non-owning GSL views over Swift-managed memory. GSL routines that take `gsl_vector *` / `gsl_matrix *` read
// `size`, `stride`/`tda` and `data` only; `block == NULL, owner == 0` marks the view as not owning its data.

/// Calls `body` with a contiguous `gsl_vector` view of `buffer`.
func withGSLVector<Result>(
    _ buffer: UnsafeMutableBufferPointer<Double>, _ body: (UnsafeMutablePointer<gsl_vector>) -> Result
) -> Result {
    var vector = gsl_vector(size: buffer.count, stride: 1, data: buffer.baseAddress, block: nil, owner: 0)
    return body(&vector)
}

/// Calls `body` with a row-major `gsl_matrix` view (rows × columns, `tda == columns`) of `buffer`.
func withGSLMatrix<Result>(
    _ buffer: UnsafeMutableBufferPointer<Double>, rows: Int, columns: Int,
    _ body: (UnsafeMutablePointer<gsl_matrix>) -> Result
) -> Result {
    precondition(buffer.count >= rows * columns, "internal: matrix view larger than its buffer")
    var matrix = gsl_matrix(size1: rows, size2: columns, tda: columns, data: buffer.baseAddress, block: nil, owner: 0)
    return body(&matrix)
}

/// ‖x‖₂ as GSL computes it (`gsl_blas_dnrm2`, which calls the CBLAS `cblas_dnrm2` — CKernels' `nyq_dnrm2` when that
/// symbol takes precedence over libgslcblas's, as it does wherever NyquistNumerics is linked). For tests.
func gslNorm(_ x: [Double]) -> Double {
    var copy = x
    return copy.withUnsafeMutableBufferPointer { b in withGSLVector(b) { gsl_blas_dnrm2($0) } }
}
