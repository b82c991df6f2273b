#include "CKernels.h"
#include "kernels.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define NYQ_HAVE_AVX_PATH 1
#endif

void nyq_rc_basis_portable(const double *omega, double tau, double *re, double *im, long n, int admittance) {
    for (long i = 0; i < n; i++) {
        const double x = omega[i] * tau, xx = x * x, r = 1 / (1 + xx);
        re[i] = admittance ? xx * r : r;
        im[i] = admittance ? x * r : -x * r;
    }
}

#ifdef NYQ_HAVE_AVX_PATH
/* Four points per pass: the same multiplications, additions and one IEEE division per element as the portable path
 * (target("avx") only, no contraction to FMA), so the same bits. */
__attribute__((target("avx")))
static inline void rc_basis4(const double *omega, __m256d t, long i, int admittance, __m256d *re, __m256d *im) {
    const __m256d one = _mm256_set1_pd(1), sign = _mm256_set1_pd(-0.0);
    const __m256d x = _mm256_mul_pd(_mm256_loadu_pd(omega + i), t);
    const __m256d xx = _mm256_mul_pd(x, x);
    const __m256d r = _mm256_div_pd(one, _mm256_add_pd(one, xx));
    if (admittance) {
        *re = _mm256_mul_pd(xx, r);
        *im = _mm256_mul_pd(x, r);
    } else {
        *re = r;
        *im = _mm256_mul_pd(_mm256_xor_pd(x, sign), r);
    }
}

__attribute__((target("avx")))
static void rc_basis_avx(const double *omega, double tau, double *re, double *im, long n, int admittance) {
    const __m256d t = _mm256_set1_pd(tau);
    long i = 0;
    for (; i + 3 < n; i += 4) {
        __m256d a, b;
        rc_basis4(omega, t, i, admittance, &a, &b);
        _mm256_storeu_pd(re + i, a);
        _mm256_storeu_pd(im + i, b);
    }
    nyq_rc_basis_portable(omega + i, tau, re + i, im + i, n - i, admittance);
}

/* The basis and the column sums in one pass: lanes as in nyq_rc_column_sums, so the same bits. */
__attribute__((target("avx")))
static void rc_basis_sums_avx(const double *omega, double tau, double *re, double *im, long n, int admittance,
                              const double *w, const double *wRe, const double *wIm, const double *wOmega,
                              const double *wInverse, double *out) {
    const __m256d t = _mm256_set1_pd(tau);
    __m256d s0 = _mm256_setzero_pd(), s1 = s0, s2 = s0, s3 = s0;
    long i = 0;
    for (; i + 3 < n; i += 4) {
        __m256d a, b;
        rc_basis4(omega, t, i, admittance, &a, &b);
        _mm256_storeu_pd(re + i, a);
        _mm256_storeu_pd(im + i, b);
        s0 = _mm256_add_pd(s0, _mm256_mul_pd(_mm256_loadu_pd(w + i), a));
        s1 = _mm256_add_pd(s1, _mm256_add_pd(_mm256_mul_pd(_mm256_loadu_pd(wRe + i), a),
                                             _mm256_mul_pd(_mm256_loadu_pd(wIm + i), b)));
        if (wOmega) s2 = _mm256_add_pd(s2, _mm256_mul_pd(_mm256_loadu_pd(wOmega + i), b));
        if (wInverse) s3 = _mm256_add_pd(s3, _mm256_mul_pd(_mm256_loadu_pd(wInverse + i), b));
    }
    double s[4][4];
    _mm256_storeu_pd(s[0], s0);
    _mm256_storeu_pd(s[1], s1);
    _mm256_storeu_pd(s[2], s2);
    _mm256_storeu_pd(s[3], s3);
    nyq_rc_basis_portable(omega + i, tau, re + i, im + i, n - i, admittance);
    for (; i < n; i++) {
        s[0][0] += w[i] * re[i];
        s[1][0] += wRe[i] * re[i] + wIm[i] * im[i];
        if (wOmega) s[2][0] += wOmega[i] * im[i];
        if (wInverse) s[3][0] += wInverse[i] * im[i];
    }
    for (int k = 0; k < 4; k++) out[k] = (s[k][0] + s[k][1]) + (s[k][2] + s[k][3]);
}

/* Four dot products Σ (u·re + v·im) over columns c…c+3 in one pass over u, v: lanes as in nyq_dot2. */
__attribute__((target("avx")))
static void dot2_columns_avx(const double *u, const double *v, const double *re, const double *im, long n, long m,
                             double *out) {
    long c = 0;
    for (; c + 3 < m; c += 4) {
        const double *r0 = re + c * n, *r1 = r0 + n, *r2 = r1 + n, *r3 = r2 + n;
        const double *q0 = im + c * n, *q1 = q0 + n, *q2 = q1 + n, *q3 = q2 + n;
        __m256d s0 = _mm256_setzero_pd(), s1 = s0, s2 = s0, s3 = s0;
        long i = 0;
        for (; i + 3 < n; i += 4) {
            const __m256d a = _mm256_loadu_pd(u + i), b = _mm256_loadu_pd(v + i);
            s0 = _mm256_add_pd(s0, _mm256_add_pd(_mm256_mul_pd(a, _mm256_loadu_pd(r0 + i)),
                                                 _mm256_mul_pd(b, _mm256_loadu_pd(q0 + i))));
            s1 = _mm256_add_pd(s1, _mm256_add_pd(_mm256_mul_pd(a, _mm256_loadu_pd(r1 + i)),
                                                 _mm256_mul_pd(b, _mm256_loadu_pd(q1 + i))));
            s2 = _mm256_add_pd(s2, _mm256_add_pd(_mm256_mul_pd(a, _mm256_loadu_pd(r2 + i)),
                                                 _mm256_mul_pd(b, _mm256_loadu_pd(q2 + i))));
            s3 = _mm256_add_pd(s3, _mm256_add_pd(_mm256_mul_pd(a, _mm256_loadu_pd(r3 + i)),
                                                 _mm256_mul_pd(b, _mm256_loadu_pd(q3 + i))));
        }
        double s[4][4];
        _mm256_storeu_pd(s[0], s0);
        _mm256_storeu_pd(s[1], s1);
        _mm256_storeu_pd(s[2], s2);
        _mm256_storeu_pd(s[3], s3);
        const double *rs[4] = {r0, r1, r2, r3}, *qs[4] = {q0, q1, q2, q3};
        for (int k = 0; k < 4; k++) {
            for (long j = i; j < n; j++) s[k][0] += u[j] * rs[k][j] + v[j] * qs[k][j];
            out[c + k] = (s[k][0] + s[k][1]) + (s[k][2] + s[k][3]);
        }
    }
    for (; c < m; c++) out[c] = nyq_dot2(u, re + c * n, v, im + c * n, n);
}
#endif

void nyq_rc_basis(const double *omega, double tau, double *re, double *im, long n, int admittance) {
    if (n < 1) return;
#ifdef NYQ_HAVE_AVX_PATH
    if (nyq_uses_avx()) {
        rc_basis_avx(omega, tau, re, im, n, admittance);
        return;
    }
#endif
    nyq_rc_basis_portable(omega, tau, re, im, n, admittance);
}

void nyq_rc_basis_sums(const double *omega, double tau, double *re, double *im, long n, int admittance,
                       const double *w, const double *wRe, const double *wIm, const double *wOmega,
                       const double *wInverse, double *out) {
    if (n < 1) {
        for (int k = 0; k < 4; k++) out[k] = 0;
        return;
    }
#ifdef NYQ_HAVE_AVX_PATH
    if (nyq_uses_avx()) {
        rc_basis_sums_avx(omega, tau, re, im, n, admittance, w, wRe, wIm, wOmega, wInverse, out);
        return;
    }
#endif
    nyq_rc_basis_portable(omega, tau, re, im, n, admittance);
    nyq_rc_column_sums(re, im, w, wRe, wIm, wOmega, wInverse, n, out);
}

void nyq_dot2_columns(const double *u, const double *v, const double *re, const double *im, long n, long m,
                      double *out) {
    if (m < 1) return;
#ifdef NYQ_HAVE_AVX_PATH
    if (nyq_uses_avx()) {
        dot2_columns_avx(u, v, re, im, n, m, out);
        return;
    }
#endif
    for (long c = 0; c < m; c++) out[c] = nyq_dot2(u, re + c * n, v, im + c * n, n);
}
