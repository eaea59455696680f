/*
 * ports/cortex-m/mbedtls_config.h: the Mbed TLS 2.28 configuration of the
 * Cortex-M device build (MBEDTLS_CONFIG_FILE), chosen for size: what
 * backends/mbedtls_device.c needs and nothing more.
 *
 * - SHA-256 (the only digest the device accepts), with the smaller,
 *   slower compression function;
 * - bignum + ECP on P-256 only + ECDSA, used for verification only (no
 *   deterministic signing, hence no HMAC_DRBG; no RNG at all). ECDSA_C
 *   requires ASN1_PARSE_C and ASN1_WRITE_C to be defined, but the backend
 *   reads the signature itself and calls mbedtls_ecdsa_verify(), so the
 *   linker drops their code;
 * - AES with its tables in flash (ROM_TABLES: 8 KiB of RAM otherwise) and
 *   one table per direction (FEWER_TABLES); the modes (CBC, GCM, key wrap)
 *   are cmsfw's own code over the block function;
 * - every allocation of the bignum code served from a static arena
 *   (MEMORY_BUFFER_ALLOC_C); the default allocator is a function of the
 *   port that aborts, so no path reaches the C library's malloc.
 * No PK, X.509, MD, cipher layer, entropy or DRBG.
 *
 * The images with HSS/LMS as their only signature algorithm ("lms",
 * CMSFW_BK_DEVICE_ECDSA=0 and CMSFW_BK_DEVICE_AES=0 on the command line)
 * take SHA-256 alone: no bignum, ECP, ECDSA, AES, platform layer or arena.
 */
#ifndef CMSFW_PORT_MBEDTLS_CONFIG_H
#define CMSFW_PORT_MBEDTLS_CONFIG_H

#if !defined(CMSFW_BK_DEVICE_ECDSA) || CMSFW_BK_DEVICE_ECDSA
#define CMSFW_PORT_MBEDTLS_ECDSA 1
#else
#define CMSFW_PORT_MBEDTLS_ECDSA 0
#endif

/* system: the platform layer and the arena serve the bignum code only */
#define MBEDTLS_HAVE_ASM
#if CMSFW_PORT_MBEDTLS_ECDSA
#define MBEDTLS_NO_UDBL_DIVISION   /* no 64-bit division helper from libgcc */
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
#define MBEDTLS_PLATFORM_STD_CALLOC cmsfw_port_calloc_unset
#define MBEDTLS_PLATFORM_STD_FREE cmsfw_port_free_unset
#define MBEDTLS_PLATFORM_EXIT_MACRO cmsfw_port_exit
#define MBEDTLS_MEMORY_BUFFER_ALLOC_C
#define MBEDTLS_MEMORY_ALIGN_MULTIPLE 4
#define MBEDTLS_PLATFORM_NO_STD_FUNCTIONS
#endif

/* hash */
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA256_SMALLER

/* AES block: not in the images without decryption ("plain",
 * CMSFW_BK_DEVICE_AES=0 on the command line) */
#if !defined(CMSFW_BK_DEVICE_AES) || CMSFW_BK_DEVICE_AES
#define MBEDTLS_AES_C
#define MBEDTLS_AES_ROM_TABLES
#define MBEDTLS_AES_FEWER_TABLES
#endif

/* ECDSA P-256 verification */
#if CMSFW_PORT_MBEDTLS_ECDSA
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECDSA_C
/* verification handles public values only: no blinding, so no DRBG */
#define MBEDTLS_ECP_NO_INTERNAL_RNG
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#endif

/* sizes: P-256 needs 32-octet numbers; a window of 2 keeps the table of
 * points in the arena small; no fixed-point comb table for G. The knobs
 * can be overridden from the command line (the Makefile's MBEDTLS_KNOBS)
 * to measure their trade-offs; README.md records what each one gave. */
#ifndef MBEDTLS_MPI_WINDOW_SIZE
#define MBEDTLS_MPI_WINDOW_SIZE 1
#endif
#define MBEDTLS_MPI_MAX_SIZE 64
#define MBEDTLS_ECP_MAX_BITS 256
#ifndef MBEDTLS_ECP_WINDOW_SIZE
#define MBEDTLS_ECP_WINDOW_SIZE 2
#endif
#ifndef MBEDTLS_ECP_FIXED_POINT_OPTIM
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 0
#endif
/* the fast P-256 reduction: 800 octets of flash, 5 times faster, and
 * 80 octets less arena than the generic modular reduction (README.md);
 * off with CMSFW_PORT_ECP_NIST_OPTIM=0 */
#if !defined(CMSFW_PORT_ECP_NIST_OPTIM) || CMSFW_PORT_ECP_NIST_OPTIM
#define MBEDTLS_ECP_NIST_OPTIM
#endif

#include <stddef.h>
void *cmsfw_port_calloc_unset(size_t n, size_t size);
void cmsfw_port_free_unset(void *p);
void cmsfw_port_exit(int status);

#include "mbedtls/check_config.h"

#endif
