#ifndef NYQUIST_CKERNELS_H
#define NYQUIST_CKERNELS_H

/* Dense kernels of NyquistNumerics that Swift cannot vectorise for this CPU at build time (the package is built for
 * baseline x86-64, SSE2). Reached through NyquistNumerics, by GSL through `cblas_dnrm2`, and by NyquistStore for its
 * SHA-256 (`nyq_sha256_blocks`); no GSL types. */

/* Applies the Householder reflector H = I − τ·v·vᵀ (v₀ = 1 implied; v₁…v_{n−1} stored at v[1…n−1]) to `count`
 * columns of length n: column c starts at y + c·ld (column-major, leading dimension ld ≥ n). Per column:
 * w = τ·(y₀ + Σᵢ vᵢyᵢ) with the sum in four interleaved partial sums (lanes i ≡ 1, 2, 3, 0 mod 4, the remainder in
 * the first, combined as (s₀ + s₁) + (s₂ + s₃)), then y₀ −= w, yᵢ −= w·vᵢ. No fused multiply-add, so the 256-bit
 * AVX path (taken when the CPU has AVX) gives the same bits as the portable path. */
void nyq_householder_apply(const double *v, double tau, double *y, long ld, long count, long n);

/* The same, always by the portable path (for tests). */
void nyq_householder_apply_portable(const double *v, double tau, double *y, long ld, long count, long n);

/* Applies two successive reflectors, y ← H₂·H₁·y with Hₖ = I − τₖ·Vₖ·Vₖᵀ, to `count` columns of length n (column c at
 * y + c·ld), in one pass over each column instead of two. V1 and V2 are given in full length n (V1[0] = 1; V2[0] = 0,
 * V2[1] = 1) and c = V2ᵀ·V1. Per column: d₁ = Σ V1ᵢyᵢ and d₂ = Σ V2ᵢyᵢ (each in four interleaved partial sums,
 * lanes i ≡ 0…3 mod 4, remainder in the first, combined as (s₀ + s₁) + (s₂ + s₃)); w₁ = τ₁·d₁, w₂ = τ₂·(d₂ − w₁·c)
 * (= τ₂·V2ᵀ·H₁y); then yᵢ −= w₁·V1ᵢ + w₂·V2ᵢ. No fused multiply-add, so the AVX path (two columns per pass) gives
 * the same bits as the portable path. */
void nyq_householder_apply2(const double *V1, const double *V2, double tau1, double tau2, double c,
                            double *y, long ld, long count, long n);

/* The same, always by the portable path (for tests). */
void nyq_householder_apply2_portable(const double *V1, const double *V2, double tau1, double tau2, double c,
                                     double *y, long ld, long count, long n);

/* 1 when the kernels with a hand-written AVX path (the Householder reflections, the RC basis, two members in
 * parallel) take it on this CPU, else 0. */
int nyq_uses_avx(void);

/* ‖x‖₂ of n elements x[0], x[inc], …: the sum of squares in four partial sums (elements i ≡ 0, 1, 2, 3 mod 4,
 * combined as (s₀ + s₁) + (s₂ + s₃)), then √; when that sum overflows, is below 2⁻⁹⁰⁰ (squares may have
 * underflowed) or is NaN, the scaled algorithm of the reference BLAS instead. 0 for n ≤ 0 or inc ≤ 0, |x₀| for
 * n = 1. Also exported as `cblas_dnrm2`, which GSL calls. */
double nyq_dnrm2(long n, const double *x, long inc);

/* y := α·op(A)·x + β·y with the operations of the reference CBLAS dgemv in the same order for every element (so the
 * same bits), arranged for small tall matrices: rowMajor 1 for CblasRowMajor, transpose 1 for CblasTrans or
 * CblasConjTrans; A is m×n with leading dimension lda. Also exported as `cblas_dgemv`, which GSL calls. */
void nyq_dgemv(int rowMajor, int transpose, long m, long n, double alpha, const double *a, long lda,
               const double *x, long incX, double beta, double *y, long incY);

/* G = JᵀJ for a row-major n×p J, into the row-major p×p g (both triangles): G(a, b) = Σᵢ J(i, a)·J(i, b), each sum
 * taken over i = 0, 1, … in order from 0 — the order of a loop over J's rows — with the sums of up to 4 rows of G
 * in registers at once (p ≤ 16). */
void nyq_gram(const double *j, long n, long p, double *g);

/* The weighted residual Jacobian J (row-major 2m × F) of a complex fit from ∂Z/∂p (jz: m rows of P complex values,
 * interleaved re, im): J[i][k] = (−wRe[i]·Re ∂Z(ωᵢ)/∂p_c)·scale[k] and J[m + i][k] = (−wIm[i]·Im ∂Z(ωᵢ)/∂p_c)·scale[k]
 * with c = free[k]. Returns 1 when every entry is finite, else 0. */
int nyq_weighted_jacobian(const double *jz, long m, long P, long F, const long *free, const double *scale,
                          const double *wRe, const double *wIm, double *J);

/* Two members A and B of a circuit in parallel at m frequencies (complex values interleaved re, im): with
 * r = 1/(A + B) = (Re s, −Im s)·(1/|s|²), s = A + B, fa = B·r, fb = A·r, Z = A·fa replaces A, and row i of the
 * complex Jacobian (`stride` complex values per row; may be NULL) has columns lo0…hi0−1 multiplied by fa² and
 * lo1…hi1−1 by fb² (complex products (x·u − y·v, x·v + y·u)). A point where |s|² is not a normal number below
 * 1e300, A or B is not finite, or Z overflows is left untouched and its index written to `slow`; returns how many. */
long nyq_parallel_pair(double *a, const double *b, long m, double *jacobian, long stride, long lo0, long hi0,
                       long lo1, long hi1, long *slow);

/* The lin-KK RC basis φ(ωᵢτ) on one time constant τ (s), i < n: x = ωᵢ·τ, r = 1/(1 + x·x), then for the impedance
 * (admittance = 0) re[i] = r, im[i] = (−x)·r (φ = 1/(1 + jx)), for the admittance re[i] = (x·x)·r, im[i] = x·r
 * (φ = jx/(1 + jx)): one division per point. Each value is the same IEEE operations on the same operands in the AVX path (four points per
 * pass, taken when the CPU has AVX) and the portable one, so the bits do not depend on the path. */
void nyq_rc_basis(const double *omega, double tau, double *re, double *im, long n, int admittance);

/* The same, always by the portable path (for tests). */
void nyq_rc_basis_portable(const double *omega, double tau, double *re, double *im, long n, int admittance);

/* Σᵢ aᵢ·xᵢ (nyq_dot) and Σᵢ (aᵢ·xᵢ + bᵢ·yᵢ) (nyq_dot2) for i < n, in four interleaved partial sums (lanes
 * i ≡ 0…3 mod 4, the remainder in the first, combined as (s₀ + s₁) + (s₂ + s₃)). */
double nyq_dot(const double *a, const double *x, long n);
double nyq_dot2(const double *a, const double *x, const double *b, const double *y, long n);

/* Cholesky factorisation A = L·Lᵀ in place of the lower triangle of the symmetric p×p matrix a, column-major
 * (element (i, j), i ≥ j, at a[j·p + i]; the upper triangle is not read), right-looking (column updates are
 * contiguous axpys), then Lᵀ copied into the strict upper triangle (a[i·p + j] = L(i, j), i > j) for the back
 * substitution, and 1/L(j, j) written to inverseDiagonal[j] (p values). Returns 0, or j + 1 when pivot j is not positive and finite (then a is partly overwritten). */
long nyq_cholesky_lower(double *a, long p, double *inverseDiagonal);

/* Solves L·Lᵀ·x = b in place (b ← x) with L (and its copy Lᵀ) and 1/L(j, j) from nyq_cholesky_lower: both
 * substitutions column by column (yⱼ = bⱼ·(1/L(j, j)), then bᵢ −= yⱼ·L(i, j) for i > j, in order of j; then
 * xⱼ = yⱼ·(1/L(j, j)), yᵢ −= xⱼ·L(j, i) for i < j, in decreasing j): multiplications on the dependency chain. */
void nyq_cholesky_solve(const double *l, const double *inverseDiagonal, long p, double *b);

/* The lin-KK model on one grid: outRe[i] = constant + Σₖ coefficients[k]·re[k·n + i], outIm[i] = Σₖ
 * coefficients[k]·im[k·n + i] (k < m, i < n; φ column-major), accumulated k by k in order for each i. */
void nyq_rc_model(const double *re, const double *im, long n, long m, double constant, const double *coefficients,
                  double *outRe, double *outIm);

/* maxᵢ |vᵢ|·scaleᵢ over i < n (0 for n ≤ 0), NaN when any product is NaN. */
double nyq_scaled_max(const double *v, const double *scale, long n);

/* One refinement pass of the lin-KK normal equations over φ (re/im column-major, column k at k·n, n points, m
 * columns): the model T̂ᵢ = constant + Σₖ φᵢₖ·coefficients[k] (nyq_rc_model's additions), Im T̂ᵢ += omegaCoefficient·ωᵢ
 * and += inverseCoefficient·(−1/ωᵢ) where those arrays are given (else NULL), then uᵢ = wReᵢ − wᵢ·Re T̂ᵢ,
 * vᵢ = wImᵢ − wᵢ·Im T̂ᵢ into uRe/uIm; out[0] = Σ uᵢ and out[1 + k] = Σᵢ (uᵢ·Re φᵢₖ + vᵢ·Im φᵢₖ) with the lanes of
 * nyq_dot2 (scratch `lanes`: 4·m values). Returns χ² = Σ wᵢ·((targetReᵢ − Re T̂ᵢ)² + (targetImᵢ − Im T̂ᵢ)²), summed
 * in point order. The same bits as nyq_rc_model, the per-point loop of the caller and nyq_dot2_columns in turn. */
double nyq_rc_gradient(const double *re, const double *im, long n, long m, double constant, const double *coefficients,
                       const double *omega, double omegaCoefficient, const double *negativeInverseOmega,
                       double inverseCoefficient, const double *w, const double *wRe, const double *wIm,
                       const double *targetRe, const double *targetIm, double *uRe, double *uIm, double *lanes,
                       double *out);

/* The four one-pass sums of one RC column (i < n), in four interleaved partial sums each: out[0] = Σ wᵢ·reᵢ,
 * out[1] = Σ (wReᵢ·reᵢ + wImᵢ·imᵢ), out[2] = Σ wOmegaᵢ·imᵢ, out[3] = Σ wInverseᵢ·imᵢ. */
void nyq_rc_column_sums(const double *re, const double *im, const double *w, const double *wRe, const double *wIm,
                        const double *wOmega, const double *wInverse, long n, double *out);
/* wOmega or wInverse may be NULL: that sum is then 0 and its terms are not computed. */

/* nyq_rc_basis and nyq_rc_column_sums of the new column (re, im) in one pass: the same bits as the two calls. */
void nyq_rc_basis_sums(const double *omega, double tau, double *re, double *im, long n, int admittance,
                       const double *w, const double *wRe, const double *wIm, const double *wOmega,
                       const double *wInverse, double *out);

/* out[c] = nyq_dot2(u, re + c·n, v, im + c·n, n) for the m columns c < m (φ column-major), four columns per pass
 * over u and v: the same bits as m calls. */
void nyq_dot2_columns(const double *u, const double *v, const double *re, const double *im, long n, long m,
                      double *out);

/* SHA-256 compression of `blocks` whole 64-byte blocks of `data` into `state` (FIPS 180-4 §6.2.2, big-endian
 * words) with the x86 SHA extensions, when the CPU has them: returns 1, else 0 and leaves `state` alone (the caller
 * then compresses the blocks itself). */
int nyq_sha256_blocks(unsigned int state[8], const unsigned char *data, long blocks);

/* The 64 SHA-256 round constants K₀…K₆₃ (FIPS 180-4 §4.2.2). */
const unsigned int *nyq_sha256_constants(void);

#endif
