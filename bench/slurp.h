/*
 * bench/slurp.h: read a whole file into memory, for the wolfSSL peers
 * (its PKCS#7 API takes a package or an image as one buffer).
 */
#ifndef CMSFW_BENCH_SLURP_H
#define CMSFW_BENCH_SLURP_H

#include <stddef.h>
#include <stdint.h>

/**
 * Read all of @p path into a new buffer (free() it) and set *len. Prints
 * the reason on stderr and returns NULL on failure. A file larger than
 * @p max octets is a failure too.
 */
uint8_t *slurp(const char *path, size_t max, size_t *len);

#endif
