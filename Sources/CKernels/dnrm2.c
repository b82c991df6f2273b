#include <math.h>
#include "CKernels.h"
#include "kernels.h"

/* The scaled sum of squares of the reference BLAS (scale·√ssq with every |xᵢ| ≤ scale): one division per element,
 * but no overflow or underflow whatever the magnitudes. */
static double nrm2_scaled(long n, const double *x, long inc) {
    double scale = 0, ssq = 1;
    for (long i = 0; i < n; i++) {
        const double v = x[i * inc];
        if (v != 0) {
            const double a = fabs(v);
            if (scale < a) {
                const double r = scale / a;
                ssq = 1 + ssq * r * r;
                scale = a;
            } else {
                const double r = a / scale;
                ssq += r * r;
            }
        }
    }
    return scale * sqrt(ssq);
}

double nyq_dnrm2(long n, const double *x, long inc) {
    if (n <= 0 || inc <= 0) return 0;
    if (n == 1) return fabs(x[0]);
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    long i = 0;
    for (; i + 3 < n; i += 4) {
        const double a = x[i * inc], b = x[(i + 1) * inc], c = x[(i + 2) * inc], d = x[(i + 3) * inc];
        s0 += a * a;
        s1 += b * b;
        s2 += c * c;
        s3 += d * d;
    }
    for (; i < n; i++) s0 += x[i * inc] * x[i * inc];
    const double s = (s0 + s1) + (s2 + s3);
    /* 2⁻⁹⁰⁰: every square that underflowed (|xᵢ| < 2⁻⁵¹¹) is then below s·2⁻¹²² — it cannot matter. */
    if (isfinite(s) && s >= 0x1p-900) return sqrt(s);
    return nrm2_scaled(n, x, inc);
}

/* GSL calls the CBLAS interface for every norm (the Moré scaling of each Jacobian column per iteration, ‖f‖ of each
 * trial step, the Householder vectors of its QR). Defined here, this symbol takes precedence over libgslcblas's
 * reference version — GSL is built to run on any CBLAS — wherever this target is linked. */
double cblas_dnrm2(const int N, const double *X, const int incX);
double cblas_dnrm2(const int N, const double *X, const int incX) { return nyq_dnrm2(N, X, incX); }
