#include "CKernels.h"
#include "kernels.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define NYQ_HAVE_AVX_PATH 1
#endif

/* One column, portable: the lane structure of the AVX path written out in scalars. */
static void apply_one(const double *v, double tau, double *y, long n) {
    double s0 = y[0], s1 = 0, s2 = 0, s3 = 0;
    long i = 1;
    for (; i + 3 < n; i += 4) {
        s0 += v[i] * y[i];
        s1 += v[i + 1] * y[i + 1];
        s2 += v[i + 2] * y[i + 2];
        s3 += v[i + 3] * y[i + 3];
    }
    for (; i < n; i++) s0 += v[i] * y[i];
    const double w = tau * ((s0 + s1) + (s2 + s3));
    y[0] -= w;
    for (long k = 1; k < n; k++) y[k] -= w * v[k];
}

void nyq_householder_apply_portable(const double *v, double tau, double *y, long ld, long count, long n) {
    if (n < 1) return;
    for (long c = 0; c < count; c++) apply_one(v, tau, y + c * ld, n);
}

#ifdef NYQ_HAVE_AVX_PATH
/* Four columns per pass, so each 4-wide load of v serves four products; a remainder of 1–3 columns one at a
 * time with the same lanes. target("avx") only: mul and add stay separate instructions (no contraction to FMA). */
#define NYQ_BLOCK 4
__attribute__((target("avx")))
static void apply_avx(const double *v, double tau, double *y, long ld, long count, long n) {
    long c = 0;
    for (; c + NYQ_BLOCK - 1 < count; c += NYQ_BLOCK) {
        double *ys[NYQ_BLOCK];
        __m256d s[NYQ_BLOCK];
        for (int q = 0; q < NYQ_BLOCK; q++) {
            ys[q] = y + (c + q) * ld;
            s[q] = _mm256_set_pd(0, 0, 0, ys[q][0]);
        }
        long i = 1;
        for (; i + 3 < n; i += 4) {
            const __m256d vv = _mm256_loadu_pd(v + i);
            for (int q = 0; q < NYQ_BLOCK; q++)
                s[q] = _mm256_add_pd(s[q], _mm256_mul_pd(vv, _mm256_loadu_pd(ys[q] + i)));
        }
        double w[NYQ_BLOCK];
        __m256d ww[NYQ_BLOCK];
        for (int q = 0; q < NYQ_BLOCK; q++) {
            double lane[4];
            _mm256_storeu_pd(lane, s[q]);
            for (long k = i; k < n; k++) lane[0] += v[k] * ys[q][k];
            w[q] = tau * ((lane[0] + lane[1]) + (lane[2] + lane[3]));
            ww[q] = _mm256_set1_pd(w[q]);
            ys[q][0] -= w[q];
        }
        long k = 1;
        for (; k + 3 < n; k += 4) {
            const __m256d vv = _mm256_loadu_pd(v + k);
            for (int q = 0; q < NYQ_BLOCK; q++)
                _mm256_storeu_pd(ys[q] + k, _mm256_sub_pd(_mm256_loadu_pd(ys[q] + k), _mm256_mul_pd(ww[q], vv)));
        }
        for (; k < n; k++)
            for (int q = 0; q < NYQ_BLOCK; q++) ys[q][k] -= w[q] * v[k];
    }
    for (; c < count; c++) {
        /* A remaining column alone: the same lanes as apply_one. */
        double *y0 = y + c * ld;
        __m256d s0 = _mm256_set_pd(0, 0, 0, y0[0]);
        long i = 1;
        for (; i + 3 < n; i += 4) s0 = _mm256_add_pd(s0, _mm256_mul_pd(_mm256_loadu_pd(v + i), _mm256_loadu_pd(y0 + i)));
        double lane[4];
        _mm256_storeu_pd(lane, s0);
        for (long k = i; k < n; k++) lane[0] += v[k] * y0[k];
        const double w = tau * ((lane[0] + lane[1]) + (lane[2] + lane[3]));
        const __m256d ww = _mm256_set1_pd(w);
        y0[0] -= w;
        long k = 1;
        for (; k + 3 < n; k += 4)
            _mm256_storeu_pd(y0 + k, _mm256_sub_pd(_mm256_loadu_pd(y0 + k), _mm256_mul_pd(ww, _mm256_loadu_pd(v + k))));
        for (; k < n; k++) y0[k] -= w * v[k];
    }
}
#endif

int nyq_uses_avx(void) {
#ifdef NYQ_HAVE_AVX_PATH
    /* Reads the CPU model libgcc/compiler-rt filled in at start-up (no __builtin_cpu_init needed outside
     * constructors); a load and a bit test. */
    return __builtin_cpu_supports("avx") ? 1 : 0;
#else
    return 0;
#endif
}

void nyq_householder_apply(const double *v, double tau, double *y, long ld, long count, long n) {
    if (n < 1) return;
#ifdef NYQ_HAVE_AVX_PATH
    if (nyq_uses_avx()) {
        apply_avx(v, tau, y, ld, count, n);
        return;
    }
#endif
    nyq_householder_apply_portable(v, tau, y, ld, count, n);
}

/* Two reflectors at once (see CKernels.h): V1, V2 are the full-length vectors (V1[0] = 1; V2[0] = 0, V2[1] = 1).
 * w₁, w₂ from the four lane sums of V1ᵀy (a) and V2ᵀy (b): one expression for every path, so the same bits. */
static inline void weights2(double tau1, double tau2, double c, const double a[4], const double b[4], double w[2]) {
    w[0] = tau1 * ((a[0] + a[1]) + (a[2] + a[3]));
    w[1] = tau2 * (((b[0] + b[1]) + (b[2] + b[3])) - w[0] * c);
}

/* One column, portable: the lane structure of the AVX path written out in scalars. */
static void apply2_one(const double *V1, const double *V2, double tau1, double tau2, double c, double *y, long n) {
    double a[4] = {0, 0, 0, 0}, b[4] = {0, 0, 0, 0}, w[2];
    long i = 0;
    for (; i + 3 < n; i += 4) {
        for (int l = 0; l < 4; l++) {
            a[l] += V1[i + l] * y[i + l];
            b[l] += V2[i + l] * y[i + l];
        }
    }
    for (; i < n; i++) { a[0] += V1[i] * y[i]; b[0] += V2[i] * y[i]; }
    weights2(tau1, tau2, c, a, b, w);
    for (long k = 0; k < n; k++) y[k] -= w[0] * V1[k] + w[1] * V2[k];
}

void nyq_householder_apply2_portable(const double *V1, const double *V2, double tau1, double tau2, double c,
                                     double *y, long ld, long count, long n) {
    if (n < 2) return;
    for (long col = 0; col < count; col++) apply2_one(V1, V2, tau1, tau2, c, y + col * ld, n);
}

#ifdef NYQ_HAVE_AVX_PATH
/* Two columns per pass (each 4-wide load of V1 and V2 serves four products), then a remaining column alone. The
 * same operations in the same order per lane as the portable path. */
__attribute__((target("avx")))
static void apply2_avx(const double *V1, const double *V2, double tau1, double tau2, double c,
                       double *y, long ld, long count, long n) {
    long col = 0;
    for (; col + 1 < count; col += 2) {
        double *y0 = y + col * ld, *y1 = y0 + ld;
        __m256d a0 = _mm256_setzero_pd(), b0 = _mm256_setzero_pd(), a1 = _mm256_setzero_pd(), b1 = _mm256_setzero_pd();
        long i = 0;
        for (; i + 3 < n; i += 4) {
            const __m256d v1 = _mm256_loadu_pd(V1 + i), v2 = _mm256_loadu_pd(V2 + i);
            const __m256d p = _mm256_loadu_pd(y0 + i), q = _mm256_loadu_pd(y1 + i);
            a0 = _mm256_add_pd(a0, _mm256_mul_pd(v1, p));
            b0 = _mm256_add_pd(b0, _mm256_mul_pd(v2, p));
            a1 = _mm256_add_pd(a1, _mm256_mul_pd(v1, q));
            b1 = _mm256_add_pd(b1, _mm256_mul_pd(v2, q));
        }
        double la0[4], lb0[4], la1[4], lb1[4];
        _mm256_storeu_pd(la0, a0); _mm256_storeu_pd(lb0, b0); _mm256_storeu_pd(la1, a1); _mm256_storeu_pd(lb1, b1);
        for (long k = i; k < n; k++) {
            la0[0] += V1[k] * y0[k]; lb0[0] += V2[k] * y0[k];
            la1[0] += V1[k] * y1[k]; lb1[0] += V2[k] * y1[k];
        }
        double w0[2], w1[2];
        weights2(tau1, tau2, c, la0, lb0, w0);
        weights2(tau1, tau2, c, la1, lb1, w1);
        const double w10 = w0[0], w20 = w0[1], w11 = w1[0], w21 = w1[1];
        const __m256d u10 = _mm256_set1_pd(w10), u20 = _mm256_set1_pd(w20);
        const __m256d u11 = _mm256_set1_pd(w11), u21 = _mm256_set1_pd(w21);
        long k = 0;
        for (; k + 3 < n; k += 4) {
            const __m256d v1 = _mm256_loadu_pd(V1 + k), v2 = _mm256_loadu_pd(V2 + k);
            const __m256d d0 = _mm256_add_pd(_mm256_mul_pd(u10, v1), _mm256_mul_pd(u20, v2));
            const __m256d d1 = _mm256_add_pd(_mm256_mul_pd(u11, v1), _mm256_mul_pd(u21, v2));
            _mm256_storeu_pd(y0 + k, _mm256_sub_pd(_mm256_loadu_pd(y0 + k), d0));
            _mm256_storeu_pd(y1 + k, _mm256_sub_pd(_mm256_loadu_pd(y1 + k), d1));
        }
        for (; k < n; k++) {
            y0[k] -= w10 * V1[k] + w20 * V2[k];
            y1[k] -= w11 * V1[k] + w21 * V2[k];
        }
    }
    if (col < count) {
        /* The last column alone: the same lanes, one column. */
        double *y0 = y + col * ld;
        __m256d a0 = _mm256_setzero_pd(), b0 = _mm256_setzero_pd();
        long i = 0;
        for (; i + 3 < n; i += 4) {
            const __m256d p = _mm256_loadu_pd(y0 + i);
            a0 = _mm256_add_pd(a0, _mm256_mul_pd(_mm256_loadu_pd(V1 + i), p));
            b0 = _mm256_add_pd(b0, _mm256_mul_pd(_mm256_loadu_pd(V2 + i), p));
        }
        double la[4], lb[4];
        _mm256_storeu_pd(la, a0); _mm256_storeu_pd(lb, b0);
        for (long k = i; k < n; k++) { la[0] += V1[k] * y0[k]; lb[0] += V2[k] * y0[k]; }
        double w[2];
        weights2(tau1, tau2, c, la, lb, w);
        const double w1 = w[0], w2 = w[1];
        const __m256d u1 = _mm256_set1_pd(w1), u2 = _mm256_set1_pd(w2);
        long k = 0;
        for (; k + 3 < n; k += 4) {
            const __m256d d = _mm256_add_pd(_mm256_mul_pd(u1, _mm256_loadu_pd(V1 + k)),
                                            _mm256_mul_pd(u2, _mm256_loadu_pd(V2 + k)));
            _mm256_storeu_pd(y0 + k, _mm256_sub_pd(_mm256_loadu_pd(y0 + k), d));
        }
        for (; k < n; k++) y0[k] -= w1 * V1[k] + w2 * V2[k];
    }
}
#endif

void nyq_householder_apply2(const double *V1, const double *V2, double tau1, double tau2, double c,
                            double *y, long ld, long count, long n) {
    if (n < 2) return;
#ifdef NYQ_HAVE_AVX_PATH
    if (nyq_uses_avx()) {
        apply2_avx(V1, V2, tau1, tau2, c, y, ld, count, n);
        return;
    }
#endif
    nyq_householder_apply2_portable(V1, V2, tau1, tau2, c, y, ld, count, n);
}
