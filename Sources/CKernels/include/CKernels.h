#ifndef NYQUIST_CKERNELS_H
#define NYQUIST_CKERNELS_H

/* Dense kernels of NyquistNumerics that Swift cannot vectorise for this CPU at build time (the package is built for
 * baseline x86-64, SSE2). Reached through NyquistNumerics, and by GSL through `cblas_dnrm2`; no GSL types. */

/* Applies the Householder reflector H = I − τ·v·vᵀ (v₀ = 1 implied; v₁…v_{n−1} stored at v[1…n−1]) to `count`
 * columns of length n: column c starts at y + c·ld (column-major, leading dimension ld ≥ n). Per column:
 * w = τ·(y₀ + Σᵢ vᵢyᵢ) with the sum in four interleaved partial sums (lanes i ≡ 1, 2, 3, 0 mod 4, the remainder in
 * the first, combined as (s₀ + s₁) + (s₂ + s₃)), then y₀ −= w, yᵢ −= w·vᵢ. No fused multiply-add, so the 256-bit
 * AVX path (taken when the CPU has AVX) gives the same bits as the portable path. */
void nyq_householder_apply(const double *v, double tau, double *y, long ld, long count, long n);

/* The same, always by the portable path (for tests). */
void nyq_householder_apply_portable(const double *v, double tau, double *y, long ld, long count, long n);

/* 1 when nyq_householder_apply takes the AVX path on this CPU, else 0. */
int nyq_householder_uses_avx(void);

/* ‖x‖₂ of n elements x[0], x[inc], …: the sum of squares in four partial sums (elements i ≡ 0, 1, 2, 3 mod 4,
 * combined as (s₀ + s₁) + (s₂ + s₃)), then √; when that sum overflows, is below 2⁻⁹⁰⁰ (squares may have
 * underflowed) or is NaN, the scaled algorithm of the reference BLAS instead. 0 for n ≤ 0 or inc ≤ 0, |x₀| for
 * n = 1. Also exported as `cblas_dnrm2`, which GSL calls. */
double nyq_dnrm2(long n, const double *x, long inc);

#endif
