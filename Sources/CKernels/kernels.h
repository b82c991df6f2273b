/* Private to CKernels: how every kernel file is compiled. */
#ifndef NYQ_KERNELS_H
#define NYQ_KERNELS_H

/* No contraction to fused multiply-add (clang contracts within an expression by default where the target has FMA):
 * every kernel keeps the bits of its documented order of operations on every CPU. */
#pragma STDC FP_CONTRACT OFF

/* NYQ_CLONES: the function is compiled for AVX and for baseline x86-64, and the loader picks one per CPU (ifunc).
 * The vectoriser may not reorder floating-point operations and contraction is off, so both give the same bits. */
#if defined(__x86_64__) && defined(__clang__) && defined(__linux__)
#define NYQ_CLONES __attribute__((target_clones("avx", "default")))
#else
#define NYQ_CLONES
#endif

#endif
