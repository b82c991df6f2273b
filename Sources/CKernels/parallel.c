#include "CKernels.h"
#include <math.h>

/* Two circuit members in parallel, the fast form of NyquistCircuit's EvaluationPlan.parallelPair (see the header):
 * the same multiplications, additions and one IEEE division per point in the same order (no contraction to fused
 * multiply-add), so the same bits; four points per block so that the compiler can run them side by side. */
#pragma STDC FP_CONTRACT OFF
#if defined(__x86_64__) && defined(__clang__) && defined(__linux__)
#define NYQ_CLONES __attribute__((target_clones("avx", "default")))
#else
#define NYQ_CLONES
#endif

/* z ← z·s for the complex values z[lo…hi−1] (interleaved re, im): (zr·sr − zi·si, zr·si + zi·sr). */
static inline __attribute__((always_inline)) void scale_range(double *z, long lo, long hi, double sr, double si) {
    for (long c = lo; c < hi; c++) {
        const double zr = z[2 * c], zi = z[2 * c + 1];
        z[2 * c] = zr * sr - zi * si;
        z[2 * c + 1] = zr * si + zi * sr;
    }
}

NYQ_CLONES
long nyq_parallel_pair(double *a, const double *b, long m, double *jacobian, long stride, long lo0, long hi0,
                       long lo1, long hi1, long *slow) {
    long slowCount = 0;
    for (long i0 = 0; i0 < m; i0 += 4) {
        const long count = m - i0 < 4 ? m - i0 : 4;
        double zr[4], zi[4], far[4], fai[4], fbr[4], fbi[4];
        int fast[4];
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
        for (long l = 0; l < count; l++) {
            const long i = i0 + l;
            if (!fast[l]) {
                slow[slowCount++] = i;
                continue;
            }
            a[2 * i] = zr[l];
            a[2 * i + 1] = zi[l];
            if (jacobian) {
                double *row = jacobian + 2 * i * stride;
                scale_range(row, lo0, hi0, far[l] * far[l] - fai[l] * fai[l], far[l] * fai[l] + fai[l] * far[l]);
                scale_range(row, lo1, hi1, fbr[l] * fbr[l] - fbi[l] * fbi[l], fbr[l] * fbi[l] + fbi[l] * fbr[l]);
            }
        }
    }
    return slowCount;
}
