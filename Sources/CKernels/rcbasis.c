#include "CKernels.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define NYQ_HAVE_AVX_PATH 1
#endif

void nyq_rc_basis_portable(const double *omega, double tau, double *re, double *im, long n, int admittance) {
    for (long i = 0; i < n; i++) {
        const double x = omega[i] * tau, q = 1 + x * x;
        re[i] = admittance ? x * x / q : 1 / q;
        im[i] = admittance ? x / q : -x / q;
    }
}

#ifdef NYQ_HAVE_AVX_PATH
/* Four points per pass: the same multiplications, additions and IEEE divisions per element as the portable path
 * (target("avx") only, no contraction to FMA), so the same bits. */
__attribute__((target("avx")))
static void rc_basis_avx(const double *omega, double tau, double *re, double *im, long n, int admittance) {
    const __m256d t = _mm256_set1_pd(tau), one = _mm256_set1_pd(1), sign = _mm256_set1_pd(-0.0);
    long i = 0;
    for (; i + 3 < n; i += 4) {
        const __m256d x = _mm256_mul_pd(_mm256_loadu_pd(omega + i), t);
        const __m256d xx = _mm256_mul_pd(x, x);
        const __m256d q = _mm256_add_pd(one, xx);
        if (admittance) {
            _mm256_storeu_pd(re + i, _mm256_div_pd(xx, q));
            _mm256_storeu_pd(im + i, _mm256_div_pd(x, q));
        } else {
            _mm256_storeu_pd(re + i, _mm256_div_pd(one, q));
            _mm256_storeu_pd(im + i, _mm256_div_pd(_mm256_xor_pd(x, sign), q));
        }
    }
    nyq_rc_basis_portable(omega + i, tau, re + i, im + i, n - i, admittance);
}
#endif

void nyq_rc_basis(const double *omega, double tau, double *re, double *im, long n, int admittance) {
    if (n < 1) return;
#ifdef NYQ_HAVE_AVX_PATH
    if (nyq_householder_uses_avx()) {
        rc_basis_avx(omega, tau, re, im, n, admittance);
        return;
    }
#endif
    nyq_rc_basis_portable(omega, tau, re, im, n, admittance);
}
