// The processor's level, asked once: 2 where x86-64 has AVX2 and FMA and the
// operating system saves their 256-bit registers, else 1 (the baseline).
#include "CTrainingKernels.h"
#include "CPUFeatures.h"

#include <stdatomic.h>
#if RNGDIFF_X86_64
#include <cpuid.h>
#endif

static int detectedLevel(void) {
#if RNGDIFF_X86_64
  unsigned eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 1;
  if (!(ecx & (1u << 27)) || !(ecx & (1u << 12))) return 1;  // OSXSAVE, FMA
  unsigned lo, hi;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  (void)hi;
  if ((lo & 6u) != 6u) return 1;  // XMM and YMM state enabled
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 1;
  return (ebx & (1u << 5)) ? 2 : 1;  // AVX2
#else
  return 1;
#endif
}

// 0 until asked. Every level gives the same bits: two first calls at once may both detect, harmlessly.
static _Atomic int level = 0;

int rngdiff_training_kernels_level(void) {
  int known = atomic_load_explicit(&level, memory_order_relaxed);
  if (!known) {
    known = detectedLevel();
    atomic_store_explicit(&level, known, memory_order_relaxed);
  }
  return known;
}

void rngdiff_training_kernels_force_baseline(int baseline) {
  atomic_store_explicit(&level, baseline ? 1 : detectedLevel(), memory_order_relaxed);
}

// NumPy's X86_V4 level as its float64 exp/log dispatch needs it: AVX2 and FMA, AVX-512 F, CD,
// BW, DQ and VL, and the operating system saving the opmask and 512-bit register state.
int rngdiff_cpu_x86_v4(void) {
#if RNGDIFF_X86_64
  if (detectedLevel() < 2) return 0;  // AVX2, FMA, YMM state (not the level tests may force)
  unsigned eax, ebx, ecx, edx;
  unsigned lo, hi;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  (void)hi;
  if ((lo & 0xE6u) != 0xE6u) return 0;  // XMM, YMM, opmask, ZMM_Hi256, Hi16_ZMM
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
  const unsigned v4 = (1u << 16) | (1u << 17) | (1u << 28) | (1u << 30) | (1u << 31);  // F, DQ, CD, BW, VL
  return (ebx & v4) == v4;
#else
  return 0;
#endif
}

// AVX2 and FMA with the YMM state saved (as level 2, but not the level tests may force): where
// NumPy 2.4 runs its own float64 tanh kernel (its X86_V3 level and up).
int rngdiff_cpu_avx2_fma(void) {
  return detectedLevel() >= 2;
}
