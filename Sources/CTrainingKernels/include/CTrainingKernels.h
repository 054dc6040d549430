// The engine's float32 training kernels: matrix products summed in a fixed
// order (OrderedProducts.c) and the Adam update (AdamUpdate.c). Each gives
// the same bits on every processor; the fastest code the processor runs is
// chosen once, at the first call (CPUFeatures.c).
//
// Products.
// Every element of a result is the sum of its terms in increasing index order
// of the summed axis, starting from +0: each product rounded to float32, then
// added and rounded (never fused into one rounding). That is the order the
// engine has always used, so these kernels give the same bits as a plain loop,
// only faster: they vectorise across the result's columns, never across the
// sum. On x86-64 processors with AVX2 the same code runs with 256-bit vectors
// (chosen once, at the first call); elsewhere with the baseline vectors.
//
// Row-major matrices; any dimension may be 0 (the result is then empty, or
// zeros when the summed axis is empty). The pointers may be NULL only for
// empty matrices. `c` must not overlap `a` or `b`.
#ifndef RNGDIFF_TRAINING_KERNELS_H
#define RNGDIFF_TRAINING_KERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// c (m×n) = a (m×k) · b (k×n), each element summed over k in order.
void rngdiff_product_f32(const float *a, const float *b, float *c, ptrdiff_t m, ptrdiff_t k, ptrdiff_t n);

/// c (m×n) = aᵀ · b for a (r×m) and b (r×n), each element summed over the r rows in order.
void rngdiff_transposed_product_f32(const float *a, const float *b, float *c, ptrdiff_t r, ptrdiff_t m, ptrdiff_t n);

/// One Adam step over `count` float32 elements, in place, each element as
/// PyTorch's single-tensor Adam computes it:
///   m = weight < 0.5 ? m + weight·(g − m) : g − (g − m)·(1 − weight)   (lerp_)
///   v = fma(g·g, oneMinusBeta2, v·beta2)
///   w = fma(m / (√v / root + eps), negativeStepSize, w)
/// with every operation rounded to float32 once (the two fma's fused, as
/// PyTorch's addcmul_ and add_ with alpha are).
void rngdiff_adam_update_f32(
    float *w, float *m, float *v, const float *g, ptrdiff_t count, float weight, float beta2, float oneMinusBeta2,
    float root, float eps, float negativeStepSize);

/// Which code the calls above run: 1 for the baseline, 2 for AVX2 (with FMA for Adam).
int rngdiff_training_kernels_level(void);

/// 1 where the processor is at NumPy's X86_V4 level (AVX-512 F, CD, BW, DQ
/// and VL, with AVX2 and FMA, the operating system saving the 512-bit
/// registers), else 0: where NumPy 2.4 computes float64 exp and log with
/// Intel's SVML instead of the C library.
int rngdiff_cpu_x86_v4(void);

/// 1 where the processor has AVX2 and FMA (the operating system saving the
/// 256-bit registers), else 0: where NumPy 2.4 runs its own float64 tanh
/// kernel instead of the C library's.
int rngdiff_cpu_avx2_fma(void);

/// Makes the calls above run the baseline code (`baseline` nonzero) or the
/// best the processor has (0). Both give the same bits; this is for tests.
void rngdiff_training_kernels_force_baseline(int baseline);

#ifdef __cplusplus
}
#endif

#endif
