#ifndef CFUZZERDRIVER_H
#define CFUZZERDRIVER_H

#include <stddef.h>
#include <stdint.h>

// libFuzzer's driver, for a program that keeps its own `main` (SwiftPM names an executable's
// entry point itself, so libFuzzer's `main` cannot be used). Linked only with
// `-sanitize=fuzzer`; the normal build declares it and never calls it.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
