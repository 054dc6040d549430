// The kernels of COrderedProducts.h. One body serves both products: the left
// operand is read through strides, (i, p) at a[i * rowStride + p * sumStride],
// so a plain product and a transposed one differ only in their strides.
#include "CTrainingKernels.h"
#include "CPUFeatures.h"

#include <string.h>

// Keep every multiply and add rounded on its own: a fused multiply-add
// would change the last bit of the sums.
#pragma clang fp contract(off)

// Eight floats at any float's alignment; loads and stores through it are
// unaligned and may alias the float arrays. A scalar in an expression with a
// vector stands for eight copies of itself.
typedef float Vector8 __attribute__((vector_size(32), aligned(4), may_alias));
#define AT(p) (*(const Vector8 *)(p))
#define STORE(p, v) (*(Vector8 *)(p) = (v))

/// c (m×n) = A · b, with A (m×k) read at a[i * rowStride + p * sumStride].
static inline __attribute__((always_inline)) void productBody(
    const float *a, ptrdiff_t rowStride, ptrdiff_t sumStride, const float *b, float *c, ptrdiff_t m, ptrdiff_t k,
    ptrdiff_t n) {
  ptrdiff_t j = 0;
  // Blocks of 16 columns and 4 rows: each b row segment is loaded once per 4 rows.
  for (; j + 16 <= n; j += 16) {
    ptrdiff_t i = 0;
    for (; i + 4 <= m; i += 4) {
      const Vector8 zero = {0};
      Vector8 s00 = zero, s01 = zero, s10 = zero, s11 = zero;
      Vector8 s20 = zero, s21 = zero, s30 = zero, s31 = zero;
      const float *a0 = a + i * rowStride;
      for (ptrdiff_t p = 0; p < k; p++) {
        const float *bp = b + p * n + j;
        Vector8 b0 = AT(bp), b1 = AT(bp + 8);
        const float *ap = a0 + p * sumStride;
        float x0 = ap[0], x1 = ap[rowStride], x2 = ap[2 * rowStride], x3 = ap[3 * rowStride];
        s00 = s00 + x0 * b0;
        s01 = s01 + x0 * b1;
        s10 = s10 + x1 * b0;
        s11 = s11 + x1 * b1;
        s20 = s20 + x2 * b0;
        s21 = s21 + x2 * b1;
        s30 = s30 + x3 * b0;
        s31 = s31 + x3 * b1;
      }
      float *ci = c + i * n + j;
      STORE(ci, s00);
      STORE(ci + 8, s01);
      STORE(ci + n, s10);
      STORE(ci + n + 8, s11);
      STORE(ci + 2 * n, s20);
      STORE(ci + 2 * n + 8, s21);
      STORE(ci + 3 * n, s30);
      STORE(ci + 3 * n + 8, s31);
    }
    for (; i < m; i++) {
      const Vector8 zero = {0};
      Vector8 s0 = zero, s1 = zero;
      const float *ai = a + i * rowStride;
      for (ptrdiff_t p = 0; p < k; p++) {
        const float *bp = b + p * n + j;
        float x = ai[p * sumStride];
        s0 = s0 + x * AT(bp);
        s1 = s1 + x * AT(bp + 8);
      }
      STORE(c + i * n + j, s0);
      STORE(c + i * n + j + 8, s1);
    }
  }
  for (; j + 8 <= n; j += 8) {
    for (ptrdiff_t i = 0; i < m; i++) {
      Vector8 s = {0};
      const float *ai = a + i * rowStride;
      for (ptrdiff_t p = 0; p < k; p++) s = s + ai[p * sumStride] * AT(b + p * n + j);
      STORE(c + i * n + j, s);
    }
  }
  for (; j < n; j++) {
    for (ptrdiff_t i = 0; i < m; i++) {
      float s = 0;
      const float *ai = a + i * rowStride;
      for (ptrdiff_t p = 0; p < k; p++) s = s + ai[p * sumStride] * b[p * n + j];
      c[i * n + j] = s;
    }
  }
}

static void productBaseline(
    const float *a, ptrdiff_t rowStride, ptrdiff_t sumStride, const float *b, float *c, ptrdiff_t m, ptrdiff_t k,
    ptrdiff_t n) {
  productBody(a, rowStride, sumStride, b, c, m, k, n);
}

#if RNGDIFF_X86_64
__attribute__((target("avx2"))) static void productAVX2(
    const float *a, ptrdiff_t rowStride, ptrdiff_t sumStride, const float *b, float *c, ptrdiff_t m, ptrdiff_t k,
    ptrdiff_t n) {
  productBody(a, rowStride, sumStride, b, c, m, k, n);
}
#endif

static void product(
    const float *a, ptrdiff_t rowStride, ptrdiff_t sumStride, const float *b, float *c, ptrdiff_t m, ptrdiff_t k,
    ptrdiff_t n) {
#if RNGDIFF_X86_64
  if (rngdiff_training_kernels_level() >= 2) {
    productAVX2(a, rowStride, sumStride, b, c, m, k, n);
    return;
  }
#endif
  productBaseline(a, rowStride, sumStride, b, c, m, k, n);
}

void rngdiff_product_f32(const float *a, const float *b, float *c, ptrdiff_t m, ptrdiff_t k, ptrdiff_t n) {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    memset(c, 0, (size_t)(m * n) * sizeof(float));
    return;
  }
  product(a, k, 1, b, c, m, k, n);
}

void rngdiff_transposed_product_f32(const float *a, const float *b, float *c, ptrdiff_t r, ptrdiff_t m, ptrdiff_t n) {
  if (m <= 0 || n <= 0) return;
  if (r <= 0) {
    memset(c, 0, (size_t)(m * n) * sizeof(float));
    return;
  }
  product(a, 1, m, b, c, m, r, n);
}
