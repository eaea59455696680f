/*
 * fuzz_util.h: what every fuzz target shares: the libFuzzer entry points,
 * the check that turns a broken property into a crash libFuzzer records,
 * and small helpers over byte strings.
 *
 * A failed FUZZ_CHECK aborts: libFuzzer then saves the input as a crash
 * artifact, exactly as for a sanitizer report.
 */
#ifndef CMSFW_FUZZ_UTIL_H
#define CMSFW_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/types.h>

/* libFuzzer calls these; declared here for -Wmissing-prototypes. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_CHECK(cond) ((cond) ? (void)0 : fuzz_fail(#cond, __FILE__, __LINE__))

static inline void fuzz_fail(const char *what, const char *file, int line)
    __attribute__((noreturn));

static inline void
fuzz_fail(const char *what, const char *file, int line)
{
    fprintf(stderr, "%s:%d: property broken: %s\n", file, line, what);
    abort();
}

/* 1 when [p, p+n) lies inside [base, base+len) (an empty view at its end
 * included). */
static inline int
fuzz_within(const uint8_t *p, size_t n, const uint8_t *base, size_t len)
{
    if (p == NULL)
        return n == 0;
    if (base == NULL || p < base || p > base + len)
        return 0;
    return n <= (size_t)(base + len - p);
}

/* A view of a decoded value is absent (ptr NULL), or inside the input. */
static inline int
fuzz_view_ok(cmsfw_bytes v, const uint8_t *base, size_t len)
{
    return v.ptr == NULL || fuzz_within(v.ptr, v.len, base, len);
}

/* Same presence and same octets. */
static inline int
fuzz_bytes_eq(cmsfw_bytes a, cmsfw_bytes b)
{
    if ((a.ptr == NULL) != (b.ptr == NULL) || a.len != b.len)
        return 0;
    return a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0;
}

/* FNV-1a, to compare long byte streams without keeping them. */
#define FUZZ_FNV_INIT 0xcbf29ce484222325u

static inline uint64_t
fuzz_fnv(uint64_t h, const uint8_t *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3u;
    }
    return h;
}

/* Read every octet of a view, so that AddressSanitizer sees a view that
 * points outside live memory. */
static inline uint8_t
fuzz_touch(cmsfw_bytes v)
{
    uint8_t x = 0;
    size_t i;

    for (i = 0; v.ptr != NULL && i < v.len; i++)
        x ^= v.ptr[i];
    return x;
}

/* A diagnostic is a NUL-terminated line within its buffer. */
static inline int
fuzz_diag_ok(const cmsfw_diag *d)
{
    return memchr(d->msg, 0, sizeof d->msg) != NULL;
}

#endif
