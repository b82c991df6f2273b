/* The floor under a local fit with GSL's QR trust-region solver: how long GSL 2.7 takes to factor one Jacobian of
 * the benchmark's size (322 residuals x 7 parameters), as gsl_multifit_nlinear_solver_qr does once per iteration
 * (gsl_matrix_memcpy + gsl_linalg_QRPT_decomp), beside the unpivoted and blocked alternatives and the normal
 * equations of the Cholesky solver (gsl_blas_dsyrk).
 * Build and run (BENCHMARKS.md):
 *   cc -O2 scripts/gsl-qr-floor.c -o /tmp/gsl-qr-floor -lgsl -lgslcblas -lm && /tmp/gsl-qr-floor
 *   cc -O2 scripts/gsl-qr-floor.c -o /tmp/gsl-qr-floor-openblas -lgsl -lopenblas -lm && /tmp/gsl-qr-floor-openblas */
#include <stdio.h>
#include <time.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_rng.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

int main(void) {
    const size_t n = 322, p = 7;
    const int reps = 20000;
    gsl_matrix *J = gsl_matrix_alloc(n, p), *A = gsl_matrix_alloc(n, p), *T = gsl_matrix_alloc(p, p);
    gsl_matrix *S = gsl_matrix_alloc(p, p);
    gsl_vector *tau = gsl_vector_alloc(p), *norm = gsl_vector_alloc(p);
    gsl_permutation *perm = gsl_permutation_alloc(p);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    int signum;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < p; j++) gsl_matrix_set(J, i, j, gsl_rng_uniform(r) - 0.5);

    double t0 = now();
    for (int k = 0; k < reps; k++) { gsl_matrix_memcpy(A, J); gsl_linalg_QRPT_decomp(A, tau, perm, &signum, norm); }
    printf("memcpy + QRPT_decomp (the QR solver's init)  %6.2f us\n", (now() - t0) / reps * 1e6);
    t0 = now();
    for (int k = 0; k < reps; k++) { gsl_matrix_memcpy(A, J); gsl_linalg_QR_decomp(A, tau); }
    printf("memcpy + QR_decomp (unpivoted)               %6.2f us\n", (now() - t0) / reps * 1e6);
    t0 = now();
    for (int k = 0; k < reps; k++) { gsl_matrix_memcpy(A, J); gsl_linalg_QR_decomp_r(A, T); }
    printf("memcpy + QR_decomp_r (blocked, Level 3)      %6.2f us\n", (now() - t0) / reps * 1e6);
    t0 = now();
    for (int k = 0; k < reps; k++) gsl_blas_dsyrk(CblasLower, CblasTrans, 1.0, J, 0.0, S);
    printf("dsyrk J^T J (the Cholesky solver's init)     %6.2f us\n", (now() - t0) / reps * 1e6);
    return 0;
}
