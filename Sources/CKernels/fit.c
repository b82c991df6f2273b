#include "CKernels.h"
#include "kernels.h"

/* Small dense products of the fits: the matrix–vector product GSL's driver calls, JᵀJ, the weighted Jacobian. */

/* y := α·op(A)·x + β·y for the small, tall matrices of the Levenberg–Marquardt driver (GSL calls it with the n×p
 * Jacobian for the gradient Jᵀf and for the predicted reduction J·δ, several times per iteration). Every element
 * gets the operations of the reference CBLAS in the same order — β first (y = 0 for β = 0, y·β unless β = 1), then
 * for y = α·A·x: a sum over the row started at 0 and added as α·sum; for y = α·Aᵀx: α·xⱼ·A(j, i) added row j after
 * row j − 1, rows with α·xⱼ = 0 skipped — so the bits are the reference's; only the loops are arranged so that
 * independent sums run side by side (four rows of A·x at once; Aᵀx with y held in registers for up to 16
 * columns). Strides other than 1 take the plain loops. */

static inline long start(long length, long inc) { return inc > 0 ? 0 : (length - 1) * -inc; }

/* y += α·A·x, row-major A (rows × columns, leading dimension lda), unit strides: four rows per pass. */
static inline __attribute__((always_inline)) void gemv_rows(long rows, long columns, double alpha, const double *a,
                                                            long lda, const double *x, double *y) {
    long i = 0;
    for (; i + 3 < rows; i += 4) {
        const double *r0 = a + i * lda, *r1 = r0 + lda, *r2 = r1 + lda, *r3 = r2 + lda;
        double t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        for (long j = 0; j < columns; j++) {
            const double v = x[j];
            t0 += v * r0[j];
            t1 += v * r1[j];
            t2 += v * r2[j];
            t3 += v * r3[j];
        }
        y[i] += alpha * t0;
        y[i + 1] += alpha * t1;
        y[i + 2] += alpha * t2;
        y[i + 3] += alpha * t3;
    }
    for (; i < rows; i++) {
        const double *r = a + i * lda;
        double t = 0;
        for (long j = 0; j < columns; j++) t += x[j] * r[j];
        y[i] += alpha * t;
    }
}

/* y += α·Aᵀx, row-major A, unit strides, C columns (a constant after inlining): y in registers over all rows. */
static inline __attribute__((always_inline)) void gemv_columns_fixed(long rows, double alpha, const double *a,
                                                                     long lda, const double *x, double *y,
                                                                     const int C) {
    double t[16];
    for (int i = 0; i < C; i++) t[i] = y[i];
    for (long j = 0; j < rows; j++) {
        const double s = alpha * x[j];
        if (s != 0.0) {
            const double *r = a + j * lda;
            for (int i = 0; i < C; i++) t[i] += s * r[i];
        }
    }
    for (int i = 0; i < C; i++) y[i] = t[i];
}

static inline __attribute__((always_inline)) void gemv_columns(long rows, long columns, double alpha,
                                                               const double *a, long lda, const double *x, double *y) {
    switch (columns) {
#define NYQ_FIXED(C) case C: gemv_columns_fixed(rows, alpha, a, lda, x, y, C); return;
        NYQ_FIXED(1) NYQ_FIXED(2) NYQ_FIXED(3) NYQ_FIXED(4) NYQ_FIXED(5) NYQ_FIXED(6) NYQ_FIXED(7) NYQ_FIXED(8)
        NYQ_FIXED(9) NYQ_FIXED(10) NYQ_FIXED(11) NYQ_FIXED(12) NYQ_FIXED(13) NYQ_FIXED(14) NYQ_FIXED(15)
        NYQ_FIXED(16)
#undef NYQ_FIXED
        default: break;
    }
    for (long j = 0; j < rows; j++) {
        const double s = alpha * x[j];
        if (s != 0.0) {
            const double *r = a + j * lda;
            for (long i = 0; i < columns; i++) y[i] += s * r[i];
        }
    }
}

NYQ_CLONES
void nyq_dgemv(int rowMajor, int transpose, long m, long n, double alpha, const double *a, long lda,
               const double *x, long incX, double beta, double *y, long incY) {
    if (m <= 0 || n <= 0) return;
    if (alpha == 0.0 && beta == 1.0) return;
    /* In row-major terms: y = α·B·x with B the rows × columns matrix below (no transpose of a row-major A or a
     * transposed column-major A), else y = α·Bᵀx. */
    const int product = rowMajor ? !transpose : transpose;
    const long lenX = transpose ? m : n, lenY = transpose ? n : m;
    const long rows = rowMajor ? m : n, columns = rowMajor ? n : m;
    if (beta == 0.0) {
        for (long i = 0, iy = start(lenY, incY); i < lenY; i++, iy += incY) y[iy] = 0.0;
    } else if (beta != 1.0) {
        for (long i = 0, iy = start(lenY, incY); i < lenY; i++, iy += incY) y[iy] *= beta;
    }
    if (alpha == 0.0) return;
    if (incX == 1 && incY == 1) {
        if (product) gemv_rows(rows, columns, alpha, a, lda, x, y);
        else gemv_columns(rows, columns, alpha, a, lda, x, y);
        return;
    }
    if (product) {
        for (long i = 0, iy = start(lenY, incY); i < lenY; i++, iy += incY) {
            double t = 0.0;
            for (long j = 0, ix = start(lenX, incX); j < lenX; j++, ix += incX) t += x[ix] * a[lda * i + j];
            y[iy] += alpha * t;
        }
    } else {
        for (long j = 0, ix = start(lenX, incX); j < lenX; j++, ix += incX) {
            const double s = alpha * x[ix];
            if (s != 0.0) {
                for (long i = 0, iy = start(lenY, incY); i < lenY; i++, iy += incY) y[iy] += s * a[lda * j + i];
            }
        }
    }
}

/* GSL's Levenberg–Marquardt driver calls the CBLAS interface for Jᵀf and J·δ; defined here, this symbol takes
 * precedence over libgslcblas's reference version wherever this target is linked (as `cblas_dnrm2` does). The
 * enumerations are CBLAS's: CblasRowMajor = 101, CblasNoTrans = 111. Arguments the reference would report through
 * cblas_xerbla (an unknown order or transpose, a zero stride, lda below the row length; GSL never passes them) leave
 * y unchanged here. */
void cblas_dgemv(const int order, const int transA, const int M, const int N, const double alpha, const double *A,
                 const int lda, const double *X, const int incX, const double beta, double *Y, const int incY);
void cblas_dgemv(const int order, const int transA, const int M, const int N, const double alpha, const double *A,
                 const int lda, const double *X, const int incX, const double beta, double *Y, const int incY) {
    if ((order != 101 && order != 102) || transA < 111 || transA > 113 || M < 0 || N < 0 || incX == 0 || incY == 0)
        return;
    const int rowMajor = order == 101;
    if (lda < 1 || lda < (rowMajor ? N : M)) return;
    nyq_dgemv(rowMajor, transA != 111, M, N, alpha, A, lda, X, incX, beta, Y, incY);
}

/* Rows a0…a0+R−1 of G = JᵀJ over all C columns: G(a, b) = Σᵢ J(i, a)·J(i, b), each sum taken over i = 0, 1, … from 0,
 * the R·C sums held in registers (R, C constants after inlining). */
static inline __attribute__((always_inline)) void gram_rows_fixed(const double *j, long n, long a0, double *g,
                                                                  const int R, const int C) {
    double t[4][16];
    for (int r = 0; r < R; r++)
        for (int b = 0; b < C; b++) t[r][b] = 0;
    for (long i = 0; i < n; i++) {
        const double *row = j + i * C;
        for (int r = 0; r < R; r++) {
            const double v = row[a0 + r];
            for (int b = 0; b < C; b++) t[r][b] += v * row[b];
        }
    }
    for (int r = 0; r < R; r++)
        for (int b = 0; b < C; b++) g[(a0 + r) * C + b] = t[r][b];
}

static inline __attribute__((always_inline)) void gram_fixed(const double *j, long n, double *g, const int C) {
    long a0 = 0;
    for (; a0 + 3 < C; a0 += 4) gram_rows_fixed(j, n, a0, g, 4, C);
    for (; a0 < C; a0++) gram_rows_fixed(j, n, a0, g, 1, C);
}

NYQ_CLONES
void nyq_gram(const double *j, long n, long p, double *g) {
    if (p <= 0) return;
    switch (p) {
#define NYQ_FIXED(C) case C: gram_fixed(j, n, g, C); return;
        NYQ_FIXED(1) NYQ_FIXED(2) NYQ_FIXED(3) NYQ_FIXED(4) NYQ_FIXED(5) NYQ_FIXED(6) NYQ_FIXED(7) NYQ_FIXED(8)
        NYQ_FIXED(9) NYQ_FIXED(10) NYQ_FIXED(11) NYQ_FIXED(12) NYQ_FIXED(13) NYQ_FIXED(14) NYQ_FIXED(15)
        NYQ_FIXED(16)
#undef NYQ_FIXED
        default: break;
    }
    for (long a = 0; a < p; a++)
        for (long b = 0; b < p; b++) {
            double t = 0;
            for (long i = 0; i < n; i++) t += j[i * p + a] * j[i * p + b];
            g[a * p + b] = t;
        }
}

/* The weighted residual Jacobian of a complex fit from ∂Z/∂p (see the header): row i = −wRe[i]·Re(∂Z/∂p)·scale,
 * row m + i = −wIm[i]·Im(∂Z/∂p)·scale, each value (−w·x)·s as NyquistFit's loop wrote it; then 0·J summed over every
 * entry, which is 0 exactly when all entries are finite. */
NYQ_CLONES
int nyq_weighted_jacobian(const double *jz, long m, long P, long F, const long *free, const double *scale,
                          const double *wRe, const double *wIm, double *J) {
    for (long i = 0; i < m; i++) {
        const double wr = -wRe[i], wi = -wIm[i];
        const double *row = jz + 2 * i * P;
        double *re = J + i * F, *im = J + (m + i) * F;
        for (long k = 0; k < F; k++) {
            const double *dz = row + 2 * free[k];
            re[k] = wr * dz[0] * scale[k];
            im[k] = wi * dz[1] * scale[k];
        }
    }
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    const long total = 2 * m * F;
    long t = 0;
    for (; t + 3 < total; t += 4) {
        s0 += 0 * J[t];
        s1 += 0 * J[t + 1];
        s2 += 0 * J[t + 2];
        s3 += 0 * J[t + 3];
    }
    for (; t < total; t++) s0 += 0 * J[t];
    return (s0 + s1) + (s2 + s3) == 0;
}
