// Which code the training kernels run (CPUFeatures.c); internal to the target.
#ifndef RNGDIFF_CPU_FEATURES_H
#define RNGDIFF_CPU_FEATURES_H

#if defined(__x86_64__) || defined(_M_X64)
#define RNGDIFF_X86_64 1
#else
#define RNGDIFF_X86_64 0
#endif

#endif
