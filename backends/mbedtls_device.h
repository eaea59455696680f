/*
 * backends/mbedtls_device.h: what the device backend (mbedtls_device.c)
 * adds to backends/backend.h for the firmware that links it.
 *
 * The bignum code of Mbed TLS allocates; in the device build every
 * allocation comes from one static arena owned by the backend and reset
 * at the start of each signature verification, so nothing is carried from
 * one package to the next and the rest of the image never sees a heap.
 */
#ifndef CMSFW_BACKENDS_MBEDTLS_DEVICE_H
#define CMSFW_BACKENDS_MBEDTLS_DEVICE_H

#include <stddef.h>

/** Size of the static arena, in bytes (override with -D). */
#ifndef CMSFW_BK_ARENA_SIZE
#define CMSFW_BK_ARENA_SIZE 2048
#endif

/** 1 (the default): the AES block, CBC, GCM and key wrap are built in;
 *  0: a device without decryption, whose backend offers SHA-256 and
 *  ECDSA P-256 only (and whose Mbed TLS needs no AES_C). */
#ifndef CMSFW_BK_DEVICE_AES
#define CMSFW_BK_DEVICE_AES 1
#endif

/** 1 (the default): ECDSA P-256 verification on Mbed TLS bignum + ECP and
 *  the arena; 0: HSS/LMS (backends/lms.c) is the only signature, and
 *  Mbed TLS needs SHA-256 alone. */
#ifndef CMSFW_BK_DEVICE_ECDSA
#define CMSFW_BK_DEVICE_ECDSA 1
#endif

/** The arena, for a test program that measures how much of it the
 *  allocations reach (its high-water mark); *size receives its size. */
const unsigned char *cmsfw_bk_arena(size_t *size);

/** Allocations the arena refused so far (0 unless it is too small). */
size_t cmsfw_bk_arena_failures(void);

#endif
