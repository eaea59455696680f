/*
 * sha256.h: SHA-256 (FIPS 180-4) for the tool's report of the image it
 * wrote. The library keeps its hashes behind the crypto backend, which is
 * not public API; this small copy lets the tool hash the image as it
 * streams to the output.
 */
#ifndef CMSFW_TOOLS_SHA256_H
#define CMSFW_TOOLS_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct tool_sha256 {
    uint32_t h[8];
    uint64_t total;   /* octets hashed */
    uint8_t block[64];
    size_t used;      /* octets waiting in block */
} tool_sha256;

void tool_sha256_init(tool_sha256 *c);
void tool_sha256_update(tool_sha256 *c, const uint8_t *p, size_t n);
void tool_sha256_final(tool_sha256 *c, uint8_t out[32]);

#endif
