#include "CKernels.h"
#include "kernels.h"
#include <math.h>

/* Two circuit members in parallel, the fast form of NyquistCircuit's EvaluationPlan.parallelPair (see the header):
 * the same multiplications, additions and one IEEE division per point in the same order, so the same bits; four
 * points per block, in AVX registers when the CPU has them. */

/* z ← z·s for the complex values z[lo…hi−1] (interleaved re, im): (zr·sr − zi·si, zr·si + zi·sr). */
static inline __attribute__((always_inline)) void scale_range(double *z, long lo, long hi, double sr, double si) {
    for (long c = lo; c < hi; c++) {
        const double zr = z[2 * c], zi = z[2 * c + 1];
        z[2 * c] = zr * sr - zi * si;
        z[2 * c + 1] = zr * si + zi * sr;
    }
}

/* The fast form at up to four points i0…i0+count−1 (scalar), results into the lane arrays; fast[l] says whether
 * point l may use them. */
static inline __attribute__((always_inline)) void pair_points(const double *a, const double *b, long i0, long count,
                                                              double *zr, double *zi, double *far, double *fai,
                                                              double *fbr, double *fbi, int *fast) {
    for (long l = 0; l < count; l++) {
        const long i = i0 + l;
        const double ar = a[2 * i], ai = a[2 * i + 1], br = b[2 * i], bi = b[2 * i + 1];
        const double sr = ar + br, si = ai + bi;
        const double d = sr * sr + si * si;
        const double inverse = 1 / d;
        const double rr = sr * inverse, ri = -si * inverse;
        far[l] = br * rr - bi * ri;
        fai[l] = br * ri + bi * rr;
        fbr[l] = ar * rr - ai * ri;
        fbi[l] = ar * ri + ai * rr;
        zr[l] = ar * far[l] - ai * fai[l];
        zi[l] = ar * fai[l] + ai * far[l];
        fast[l] = isnormal(d) && d < 1e300 && isfinite(ar) && isfinite(ai) && isfinite(br) && isfinite(bi) &&
                  isfinite(zr[l]) && isfinite(zi[l]);
    }
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define NYQ_HAVE_AVX_PAIR 1
/* Four points in AVX registers: the interleaved (re, im) pairs are split into a real and an imaginary vector (lanes
 * in the order 0, 2, 1, 3, undone on the way out), then the same operations as pair_points lane by lane. Returns
 * the mask of the points that may use the fast form (bit l for point l). */
__attribute__((target("avx")))
static int pair_points_avx(const double *a, const double *b, long i0, double *zr, double *zi, double *far,
                           double *fai, double *fbr, double *fbi) {
    const __m256d a0 = _mm256_loadu_pd(a + 2 * i0), a1 = _mm256_loadu_pd(a + 2 * i0 + 4);
    const __m256d b0 = _mm256_loadu_pd(b + 2 * i0), b1 = _mm256_loadu_pd(b + 2 * i0 + 4);
    const __m256d ar = _mm256_unpacklo_pd(a0, a1), ai = _mm256_unpackhi_pd(a0, a1);
    const __m256d br = _mm256_unpacklo_pd(b0, b1), bi = _mm256_unpackhi_pd(b0, b1);
    const __m256d sr = _mm256_add_pd(ar, br), si = _mm256_add_pd(ai, bi);
    const __m256d d = _mm256_add_pd(_mm256_mul_pd(sr, sr), _mm256_mul_pd(si, si));
    const __m256d inverse = _mm256_div_pd(_mm256_set1_pd(1), d);
    const __m256d sign = _mm256_set1_pd(-0.0);
    const __m256d rr = _mm256_mul_pd(sr, inverse), ri = _mm256_mul_pd(_mm256_xor_pd(si, sign), inverse);
    const __m256d fr = _mm256_sub_pd(_mm256_mul_pd(br, rr), _mm256_mul_pd(bi, ri));
    const __m256d fi = _mm256_add_pd(_mm256_mul_pd(br, ri), _mm256_mul_pd(bi, rr));
    const __m256d gr = _mm256_sub_pd(_mm256_mul_pd(ar, rr), _mm256_mul_pd(ai, ri));
    const __m256d gi = _mm256_add_pd(_mm256_mul_pd(ar, ri), _mm256_mul_pd(ai, rr));
    const __m256d wr = _mm256_sub_pd(_mm256_mul_pd(ar, fr), _mm256_mul_pd(ai, fi));
    const __m256d wi = _mm256_add_pd(_mm256_mul_pd(ar, fi), _mm256_mul_pd(ai, fr));
    /* |x| < ∞ (false for NaN); DBL_MIN ≤ d < 1e300 is isnormal(d) && d < 1e300 for d ≥ 0 (false for NaN). */
    const __m256d infinity = _mm256_set1_pd(__builtin_inf());
#define NYQ_FINITE(x) _mm256_cmp_pd(_mm256_andnot_pd(sign, x), infinity, _CMP_LT_OQ)
    __m256d ok = _mm256_and_pd(_mm256_cmp_pd(d, _mm256_set1_pd(0x1p-1022), _CMP_GE_OQ),
                               _mm256_cmp_pd(d, _mm256_set1_pd(1e300), _CMP_LT_OQ));
    ok = _mm256_and_pd(ok, _mm256_and_pd(NYQ_FINITE(ar), NYQ_FINITE(ai)));
    ok = _mm256_and_pd(ok, _mm256_and_pd(NYQ_FINITE(br), NYQ_FINITE(bi)));
    ok = _mm256_and_pd(ok, _mm256_and_pd(NYQ_FINITE(wr), NYQ_FINITE(wi)));
#undef NYQ_FINITE
    /* Lane k holds point (0, 2, 1, 3)[k]: back to point order on the way out. */
    double t[4];
    const __m256d vs[6] = {wr, wi, fr, fi, gr, gi};
    double *outs[6] = {zr, zi, far, fai, fbr, fbi};
    for (int k = 0; k < 6; k++) {
        _mm256_storeu_pd(t, vs[k]);
        outs[k][0] = t[0];
        outs[k][1] = t[2];
        outs[k][2] = t[1];
        outs[k][3] = t[3];
    }
    const int m = _mm256_movemask_pd(ok);
    return (m & 1) | ((m >> 2) & 1) << 1 | ((m >> 1) & 1) << 2 | (m & 8);
}
#endif

static inline __attribute__((always_inline)) void pair_store(double *a, double *jacobian, long stride, long lo0,
                                                             long hi0, long lo1, long hi1, long i, double zr,
                                                             double zi, double far, double fai, double fbr,
                                                             double fbi) {
    a[2 * i] = zr;
    a[2 * i + 1] = zi;
    if (jacobian) {
        double *row = jacobian + 2 * i * stride;
        scale_range(row, lo0, hi0, far * far - fai * fai, far * fai + fai * far);
        scale_range(row, lo1, hi1, fbr * fbr - fbi * fbi, fbr * fbi + fbi * fbr);
    }
}

long nyq_parallel_pair(double *a, const double *b, long m, double *jacobian, long stride, long lo0, long hi0,
                       long lo1, long hi1, long *slow) {
    long slowCount = 0;
#ifdef NYQ_HAVE_AVX_PAIR
    const int avx = nyq_uses_avx();
#else
    const int avx = 0;
#endif
    for (long i0 = 0; i0 < m; i0 += 4) {
        const long count = m - i0 < 4 ? m - i0 : 4;
        double zr[4], zi[4], far[4], fai[4], fbr[4], fbi[4];
        int fast[4];
#ifdef NYQ_HAVE_AVX_PAIR
        if (avx && count == 4) {
            const int mask = pair_points_avx(a, b, i0, zr, zi, far, fai, fbr, fbi);
            for (int l = 0; l < 4; l++) fast[l] = (mask >> l) & 1;
        } else
#endif
            pair_points(a, b, i0, count, zr, zi, far, fai, fbr, fbi, fast);
        for (long l = 0; l < count; l++) {
            if (!fast[l]) {
                slow[slowCount++] = i0 + l;
                continue;
            }
            pair_store(a, jacobian, stride, lo0, hi0, lo1, hi1, i0 + l, zr[l], zi[l], far[l], fai[l], fbr[l],
                       fbi[l]);
        }
    }
    return slowCount;
}
