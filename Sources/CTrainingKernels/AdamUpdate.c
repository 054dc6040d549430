// rngdiff_adam_update_f32 (CTrainingKernels.h): eight elements at a time with
// explicit vector operations, so that the square root, the divisions and the
// fused multiply-adds run as vector instructions where the processor has them
// (AVX2 and FMA); the baseline code computes the same correctly rounded
// operations one lane at a time.
#include "CTrainingKernels.h"
#include "CPUFeatures.h"

#include <math.h>

#pragma clang fp contract(off)

typedef float Vector8 __attribute__((vector_size(32), aligned(4), may_alias));
#define AT(p) (*(Vector8 *)(p))

static inline __attribute__((always_inline)) float adamElement(
    float *w, float *m, float *v, float g, int lowWeight, float weight, float oneMinusWeight, float beta2,
    float oneMinusBeta2, float root, float eps, float negativeStepSize) {
  float mk = *m;
  float newM = lowWeight ? mk + weight * (g - mk) : g - (g - mk) * oneMinusWeight;
  float newV = fmaf(g * g, oneMinusBeta2, *v * beta2);
  *m = newM;
  *v = newV;
  float denominator = sqrtf(newV) / root + eps;
  return fmaf(newM / denominator, negativeStepSize, *w);
}

static inline __attribute__((always_inline)) void adamBody(
    float *w, float *m, float *v, const float *g, ptrdiff_t count, float weight, float beta2, float oneMinusBeta2,
    float root, float eps, float negativeStepSize) {
  const int lowWeight = weight < 0.5f;
  const float oneMinusWeight = 1 - weight;
  ptrdiff_t k = 0;
  for (; k + 8 <= count; k += 8) {
    Vector8 gk = AT((float *)g + k), mk = AT(m + k);
    Vector8 newM = lowWeight ? mk + weight * (gk - mk) : gk - (gk - mk) * oneMinusWeight;
    Vector8 newV = __builtin_elementwise_fma(gk * gk, (Vector8){0} + oneMinusBeta2, AT(v + k) * beta2);
    AT(m + k) = newM;
    AT(v + k) = newV;
    Vector8 denominator = __builtin_elementwise_sqrt(newV) / root + eps;
    AT(w + k) = __builtin_elementwise_fma(newM / denominator, (Vector8){0} + negativeStepSize, AT(w + k));
  }
  for (; k < count; k++) {
    w[k] = adamElement(w + k, m + k, v + k, g[k], lowWeight, weight, oneMinusWeight, beta2, oneMinusBeta2, root, eps,
                       negativeStepSize);
  }
}

static void adamBaseline(
    float *w, float *m, float *v, const float *g, ptrdiff_t count, float weight, float beta2, float oneMinusBeta2,
    float root, float eps, float negativeStepSize) {
  adamBody(w, m, v, g, count, weight, beta2, oneMinusBeta2, root, eps, negativeStepSize);
}

#if RNGDIFF_X86_64
__attribute__((target("avx2,fma"))) static void adamAVX2(
    float *w, float *m, float *v, const float *g, ptrdiff_t count, float weight, float beta2, float oneMinusBeta2,
    float root, float eps, float negativeStepSize) {
  adamBody(w, m, v, g, count, weight, beta2, oneMinusBeta2, root, eps, negativeStepSize);
}
#endif

void rngdiff_adam_update_f32(
    float *w, float *m, float *v, const float *g, ptrdiff_t count, float weight, float beta2, float oneMinusBeta2,
    float root, float eps, float negativeStepSize) {
  if (count <= 0) return;
#if RNGDIFF_X86_64
  if (rngdiff_training_kernels_level() >= 2) {
    adamAVX2(w, m, v, g, count, weight, beta2, oneMinusBeta2, root, eps, negativeStepSize);
    return;
  }
#endif
  adamBaseline(w, m, v, g, count, weight, beta2, oneMinusBeta2, root, eps, negativeStepSize);
}
