#include "CKernels.h"
#include <math.h>

/* Each kernel is compiled twice, for AVX and for baseline x86-64, and the loader picks one per CPU (ifunc). The
 * vectoriser may not reorder floating-point operations and neither target has fused multiply-add, so both versions
 * give the same bits. */
#if defined(__x86_64__) && defined(__clang__) && defined(__linux__)
#define NYQ_CLONES __attribute__((target_clones("avx", "default")))
#else
#define NYQ_CLONES
#endif

/* Small dense kernels for the normal equations of lin-KK: every loop is a contiguous axpy or a dot product in four
 * interleaved partial sums, so the compiler vectorises them without reordering any operation. */

NYQ_CLONES
double nyq_dot2(const double *a, const double *x, const double *b, const double *y, long n) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    long i = 0;
    for (; i + 3 < n; i += 4) {
        s0 += a[i] * x[i] + b[i] * y[i];
        s1 += a[i + 1] * x[i + 1] + b[i + 1] * y[i + 1];
        s2 += a[i + 2] * x[i + 2] + b[i + 2] * y[i + 2];
        s3 += a[i + 3] * x[i + 3] + b[i + 3] * y[i + 3];
    }
    for (; i < n; i++) s0 += a[i] * x[i] + b[i] * y[i];
    return (s0 + s1) + (s2 + s3);
}

NYQ_CLONES
double nyq_dot(const double *a, const double *x, long n) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    long i = 0;
    for (; i + 3 < n; i += 4) {
        s0 += a[i] * x[i];
        s1 += a[i + 1] * x[i + 1];
        s2 += a[i + 2] * x[i + 2];
        s3 += a[i + 3] * x[i + 3];
    }
    for (; i < n; i++) s0 += a[i] * x[i];
    return (s0 + s1) + (s2 + s3);
}

/* Rows i0…i0+B−1 of column j before its pivot: a(i, j) −= L(j, k)·L(i, k) for k = 0…j−1 in order, the B targets
 * held in registers over all k (B is a constant after inlining). */
static inline __attribute__((always_inline)) void cholesky_update_block(double *a, long p, long j, long i0,
                                                                        const int B) {
    double *cj = a + j * p;
    double t[16];
    for (int l = 0; l < B; l++) t[l] = cj[i0 + l];
    for (long k = 0; k < j; k++) {
        const double ljk = a[k * p + j];
        const double *ck = a + k * p + i0;
        for (int l = 0; l < B; l++) t[l] -= ljk * ck[l];
    }
    for (int l = 0; l < B; l++) cj[i0 + l] = t[l];
}

/* Column j of L before its pivot, left-looking, in register blocks of 16, 8, 4 and 1 rows. Each element gets the
 * subtractions of the right-looking order (one per earlier pivot, in order), so the same bits; the target is
 * loaded and stored once instead of once per k. */
static inline __attribute__((always_inline)) void cholesky_update_column(double *a, long p, long j) {
    long i0 = j;
    for (; i0 + 15 < p; i0 += 16) cholesky_update_block(a, p, j, i0, 16);
    if (i0 + 7 < p) {
        cholesky_update_block(a, p, j, i0, 8);
        i0 += 8;
    }
    if (i0 + 3 < p) {
        cholesky_update_block(a, p, j, i0, 4);
        i0 += 4;
    }
    for (; i0 < p; i0++) cholesky_update_block(a, p, j, i0, 1);
}

NYQ_CLONES
long nyq_cholesky_lower(double *a, long p, double *inverseDiagonal) {
    for (long j = 0; j < p; j++) {
        cholesky_update_column(a, p, j);
        double *cj = a + j * p;
        const double d = cj[j];
        if (!(d > 0) || !isfinite(d)) return j + 1;
        const double l = sqrt(d), r = 1 / l;
        cj[j] = l;
        inverseDiagonal[j] = r;
        for (long i = j + 1; i < p; i++) cj[i] *= r;
    }
    /* Lᵀ into the strict upper triangle: column j of it (a[j·p + 0…j−1]) is row j of L, contiguous for the
     * back substitution. */
    for (long j = 0; j < p; j++) {
        for (long i = j + 1; i < p; i++) a[i * p + j] = a[j * p + i];
    }
    return 0;
}

NYQ_CLONES
void nyq_cholesky_solve(const double *l, const double *inverseDiagonal, long p, double *b) {
    /* L·y = b, two columns per pass over b (the same operations in the same order as one column at a time; the
     * dependency chain from one pivot to the next is half as long). */
    long j = 0;
    for (; j + 1 < p; j += 2) {
        const double *c0 = l + j * p, *c1 = c0 + p;
        const double y0 = b[j] * inverseDiagonal[j];
        const double y1 = (b[j + 1] - y0 * c0[j + 1]) * inverseDiagonal[j + 1];
        b[j] = y0;
        b[j + 1] = y1;
        for (long i = j + 2; i < p; i++) b[i] = (b[i] - y0 * c0[i]) - y1 * c1[i];
    }
    if (j < p) b[j] *= inverseDiagonal[j];
    /* Lᵀ·x = y, two columns of Lᵀ (above the diagonal) per pass, in decreasing j. */
    j = p - 1;
    for (; j >= 1; j -= 2) {
        const double *u0 = l + j * p, *u1 = u0 - p;
        const double x0 = b[j] * inverseDiagonal[j];
        const double x1 = (b[j - 1] - x0 * u0[j - 1]) * inverseDiagonal[j - 1];
        b[j] = x0;
        b[j - 1] = x1;
        for (long i = 0; i < j - 1; i++) b[i] = (b[i] - x0 * u0[i]) - x1 * u1[i];
    }
    if (j == 0) b[0] *= inverseDiagonal[0];
}

NYQ_CLONES
void nyq_rc_model(const double *restrict re, const double *restrict im, long n, long m, double constant,
                  const double *restrict coefficients, double *restrict outRe, double *restrict outIm) {
    long i = 0;
    /* Sixteen points at a time with their sums in registers over all k (independent chains enough to hide the
     * latency of the additions); per point the same additions in order. */
    for (; i + 15 < n; i += 16) {
        double tr[16], ti[16];
        for (int l = 0; l < 16; l++) {
            tr[l] = constant;
            ti[l] = 0;
        }
        for (long k = 0; k < m; k++) {
            const double a = coefficients[k];
            const double *restrict r = re + k * n + i, *restrict q = im + k * n + i;
            for (int l = 0; l < 16; l++) {
                tr[l] += r[l] * a;
                ti[l] += q[l] * a;
            }
        }
        for (int l = 0; l < 16; l++) {
            outRe[i + l] = tr[l];
            outIm[i + l] = ti[l];
        }
    }
    for (; i < n; i++) {
        double tr = constant, ti = 0;
        for (long k = 0; k < m; k++) {
            tr += re[k * n + i] * coefficients[k];
            ti += im[k * n + i] * coefficients[k];
        }
        outRe[i] = tr;
        outIm[i] = ti;
    }
}

NYQ_CLONES
void nyq_rc_column_sums(const double *re, const double *im, const double *w, const double *wRe, const double *wIm,
                        const double *wOmega, const double *wInverse, long n, double *out) {
    double s[4][4] = {{0}};
    long i = 0;
    for (; i + 3 < n; i += 4) {
        for (int l = 0; l < 4; l++) {
            const long j = i + l;
            s[0][l] += w[j] * re[j];
            s[1][l] += wRe[j] * re[j] + wIm[j] * im[j];
            if (wOmega) s[2][l] += wOmega[j] * im[j];
            if (wInverse) s[3][l] += wInverse[j] * im[j];
        }
    }
    for (; i < n; i++) {
        s[0][0] += w[i] * re[i];
        s[1][0] += wRe[i] * re[i] + wIm[i] * im[i];
        if (wOmega) s[2][0] += wOmega[i] * im[i];
        if (wInverse) s[3][0] += wInverse[i] * im[i];
    }
    for (int t = 0; t < 4; t++) out[t] = (s[t][0] + s[t][1]) + (s[t][2] + s[t][3]);
}
