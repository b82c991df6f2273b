#include "CKernels.h"

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
/* Four columns per pass, so each 4-wide load of v serves four products; a remainder of 1–3 columns goes to
 * apply_one. target("avx") only: mul and add stay separate instructions (no contraction to FMA). */
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
    for (; c < count; c++) apply_one(v, tau, y + c * ld, n);
}
#endif

int nyq_householder_uses_avx(void) {
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
    if (nyq_householder_uses_avx()) {
        apply_avx(v, tau, y, ld, count, n);
        return;
    }
#endif
    nyq_householder_apply_portable(v, tau, y, ld, count, n);
}
