#include "CKernels.h"
#include "kernels.h"
#include <math.h>

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

/* Rows i0…i0+B−1 of columns j and j + 1 before their pivots, the terms of the pivots k = 0…j−1 in order:
 * a(i, j) −= L(j, k)·L(i, k) and a(i, j+1) −= L(j+1, k)·L(i, k), the 2·B targets held in registers over all k (B is
 * a constant after inlining). Each load of L(i, k) serves both columns, and the 2·B subtraction chains are
 * independent, so the loop is bound by throughput rather than by the latency of one chain. With `pair` false only
 * column j. */
static inline __attribute__((always_inline)) void cholesky_update_block(double *a, long p, long j, long i0,
                                                                        const int B, const int pair) {
    double *c0 = a + j * p, *c1 = c0 + p;
    double t0[16], t1[16];
    for (int l = 0; l < B; l++) {
        t0[l] = c0[i0 + l];
        if (pair) t1[l] = c1[i0 + l];
    }
    for (long k = 0; k < j; k++) {
        const double *ck = a + k * p;
        const double u = ck[j], v = pair ? ck[j + 1] : 0;
        for (int l = 0; l < B; l++) {
            t0[l] -= u * ck[i0 + l];
            if (pair) t1[l] -= v * ck[i0 + l];
        }
    }
    for (int l = 0; l < B; l++) {
        c0[i0 + l] = t0[l];
        if (pair) c1[i0 + l] = t1[l];
    }
}

/* Rows j…p−1 of column j (and of j + 1 with `pair`) before their pivots: blocks of 16 rows, then the remaining
 * rows in one block, so that no row runs its chain of subtractions alone. Each element gets the subtractions of
 * the right-looking order (one per earlier pivot, in order), so the same bits as the textbook algorithm. Row j of
 * column j + 1 lies above the diagonal: it is computed and not used (Lᵀ overwrites it). */
static inline __attribute__((always_inline)) void cholesky_update_columns(double *a, long p, long j, const int pair) {
    long i0 = j;
    for (; i0 + 15 < p; i0 += 16) cholesky_update_block(a, p, j, i0, 16, pair);
    if (i0 + 7 < p) {
        cholesky_update_block(a, p, j, i0, 8, pair);
        i0 += 8;
    }
    if (i0 + 3 < p) {
        cholesky_update_block(a, p, j, i0, 4, pair);
        i0 += 4;
    }
    switch (p - i0) {
        case 3: cholesky_update_block(a, p, j, i0, 3, pair); break;
        case 2: cholesky_update_block(a, p, j, i0, 2, pair); break;
        case 1: cholesky_update_block(a, p, j, i0, 1, pair); break;
        default: break;
    }
}

/* The pivot of column j, whose rows j…p−1 have all their earlier terms: L(j, j) = √a(j, j), L(i, j) = a(i, j)/L(j, j).
 * Returns false when a(j, j) is not a positive finite number. */
static inline __attribute__((always_inline)) int cholesky_pivot(double *a, long p, long j, double *inverseDiagonal) {
    double *cj = a + j * p;
    const double d = cj[j];
    if (!(d > 0) || !isfinite(d)) return 0;
    const double l = sqrt(d), r = 1 / l;
    cj[j] = l;
    inverseDiagonal[j] = r;
    /* L(i, j) also into row j of the strict upper triangle, as Lᵀ: column i of it (a[i·p + 0…i−1]) is row i of
     * L, contiguous for the back substitution. */
    for (long i = j + 1; i < p; i++) {
        cj[i] *= r;
        a[i * p + j] = cj[i];
    }
    return 1;
}

NYQ_CLONES
long nyq_cholesky_lower(double *a, long p, double *inverseDiagonal) {
    long j = 0;
    /* Two columns per pass: both take the terms k < j together, then column j is pivoted and gives column j + 1
     * its last term (k = j), in the same order as one column at a time. */
    for (; j + 1 < p; j += 2) {
        cholesky_update_columns(a, p, j, 1);
        if (!cholesky_pivot(a, p, j, inverseDiagonal)) return j + 1;
        const double *cj = a + j * p;
        double *cn = a + (j + 1) * p;
        const double u = cj[j + 1];
        for (long i = j + 1; i < p; i++) cn[i] -= u * cj[i];
        if (!cholesky_pivot(a, p, j + 1, inverseDiagonal)) return j + 2;
    }
    if (j < p) {
        cholesky_update_columns(a, p, j, 0);
        if (!cholesky_pivot(a, p, j, inverseDiagonal)) return j + 1;
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

/* The model at points i…i+15: tr = constant + Σₖ Re φ·aₖ, ti = Σₖ Im φ·aₖ, the sixteen sums in registers over all k
 * (independent chains enough to hide the latency of the additions); per point the additions in order of k. */
static inline __attribute__((always_inline)) void rc_model_block(const double *restrict re, const double *restrict im,
                                                                 long n, long m, long i, double constant,
                                                                 const double *restrict coefficients, double *tr,
                                                                 double *ti) {
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
}

NYQ_CLONES
void nyq_rc_model(const double *restrict re, const double *restrict im, long n, long m, double constant,
                  const double *restrict coefficients, double *restrict outRe, double *restrict outIm) {
    long i = 0;
    for (; i + 15 < n; i += 16) {
        double tr[16], ti[16];
        rc_model_block(re, im, n, m, i, constant, coefficients, tr, ti);
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

/* The residual pass of the lin-KK refinement in one sweep over φ (see the header): per block of 16 points the model
 * (as nyq_rc_model), the ω terms, u and v, then the block's terms of every column's Σ(u·Re φ + v·Im φ) into four
 * lanes per column (point i in lane i mod 4, the points after the last multiple of 4 in lane 0, as nyq_dot2 and
 * nyq_dot2_columns add them), while φ of the block is still in the first-level cache. */
static inline __attribute__((always_inline)) void rc_gradient_point(long i, double tr, double ti, const double *omega,
                                                                    double omegaCoefficient,
                                                                    const double *negativeInverseOmega,
                                                                    double inverseCoefficient, const double *w,
                                                                    const double *wRe, const double *wIm,
                                                                    const double *targetRe, const double *targetIm,
                                                                    double *uRe, double *uIm, double *chi,
                                                                    double *total) {
    if (omega) ti += omegaCoefficient * omega[i];
    if (negativeInverseOmega) ti += inverseCoefficient * negativeInverseOmega[i];
    const double er = targetRe[i] - tr, ei = targetIm[i] - ti;
    *chi += w[i] * (er * er + ei * ei);
    uRe[i] = wRe[i] - w[i] * tr;
    uIm[i] = wIm[i] - w[i] * ti;
    *total += uRe[i];
}

NYQ_CLONES
double nyq_rc_gradient(const double *restrict re, const double *restrict im, long n, long m, double constant,
                       const double *restrict coefficients, const double *omega, double omegaCoefficient,
                       const double *negativeInverseOmega, double inverseCoefficient, const double *w,
                       const double *wRe, const double *wIm, const double *targetRe, const double *targetIm,
                       double *restrict uRe, double *restrict uIm, double *restrict lanes, double *restrict out) {
    double chi = 0, total = 0;
    for (long k = 0; k < 4 * m; k++) lanes[k] = 0;
    const long laned = n & ~3L;
    long i = 0;
    for (; i + 15 < n; i += 16) {
        double tr[16], ti[16];
        rc_model_block(re, im, n, m, i, constant, coefficients, tr, ti);
        for (int l = 0; l < 16; l++)
            rc_gradient_point(i + l, tr[l], ti[l], omega, omegaCoefficient, negativeInverseOmega, inverseCoefficient,
                              w, wRe, wIm, targetRe, targetIm, uRe, uIm, &chi, &total);
        const double *restrict u = uRe + i, *restrict v = uIm + i;
        for (long k = 0; k < m; k++) {
            const double *restrict r = re + k * n + i, *restrict q = im + k * n + i;
            double *restrict s = lanes + 4 * k;
            for (int g = 0; g < 16; g += 4)
                for (int l = 0; l < 4; l++) s[l] += u[g + l] * r[g + l] + v[g + l] * q[g + l];
        }
    }
    /* The last points (fewer than 16), one at a time in order. */
    for (long j = i; j < n; j++) {
        double tr = constant, ti = 0;
        for (long k = 0; k < m; k++) {
            tr += re[k * n + j] * coefficients[k];
            ti += im[k * n + j] * coefficients[k];
        }
        rc_gradient_point(j, tr, ti, omega, omegaCoefficient, negativeInverseOmega, inverseCoefficient, w, wRe, wIm,
                          targetRe, targetIm, uRe, uIm, &chi, &total);
        const long lane = j < laned ? (j & 3) : 0;
        for (long k = 0; k < m; k++) lanes[4 * k + lane] += uRe[j] * re[k * n + j] + uIm[j] * im[k * n + j];
    }
    out[0] = total;
    for (long k = 0; k < m; k++) {
        const double *s = lanes + 4 * k;
        out[1 + k] = (s[0] + s[1]) + (s[2] + s[3]);
    }
    return chi;
}

NYQ_CLONES
double nyq_scaled_max(const double *v, const double *scale, long n) {
    double m0 = 0, m1 = 0, m2 = 0, m3 = 0;
    int nan = 0;
    long i = 0;
    for (; i + 3 < n; i += 4) {
        const double a = fabs(v[i]) * scale[i], b = fabs(v[i + 1]) * scale[i + 1];
        const double c = fabs(v[i + 2]) * scale[i + 2], d = fabs(v[i + 3]) * scale[i + 3];
        nan |= (a != a) | (b != b) | (c != c) | (d != d);
        m0 = a > m0 ? a : m0;
        m1 = b > m1 ? b : m1;
        m2 = c > m2 ? c : m2;
        m3 = d > m3 ? d : m3;
    }
    for (; i < n; i++) {
        const double a = fabs(v[i]) * scale[i];
        nan |= a != a;
        m0 = a > m0 ? a : m0;
    }
    if (nan) return NAN;
    m0 = m1 > m0 ? m1 : m0;
    m2 = m3 > m2 ? m3 : m2;
    return m2 > m0 ? m2 : m0;
}
