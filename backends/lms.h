/*
 * backends/lms.h: HSS/LMS signature verification (RFC 8554), written once
 * over cmsfw_bk_hash_*() and used by every backend. Internal to backends/.
 *
 * Parameter sets: LMS_SHA256_M32_H5..H25 (types 5..9) with
 * LMOTS_SHA256_N32_W1..W8 (types 1..4), and the SHA-256/192 sets
 * LMS_SHA256_M24_H5..H25 (types 10..14) with LMOTS_SHA256_N24_W1..W8
 * (types 5..8) of RFC 9858 / NIST SP 800-208. The SHAKE256 sets (LMS types
 * 15..24, LM-OTS types 9..16) need a hash the backend interface does not
 * have: they are recognised and answered UNSUPPORTED. Any other type code
 * is malformed.
 *
 * Verification runs in constant memory: no allocation, two hash contexts,
 * a few n-octet values on the stack; the signature is read in place.
 */
#ifndef CMSFW_BACKENDS_LMS_H
#define CMSFW_BACKENDS_LMS_H

#include <stddef.h>
#include <stdint.h>

#include "backends/backend.h"

/** Levels of an HSS key (RFC 8554 6: 1..8). */
#define CMSFW_BK_HSS_MAX_LEVELS 8

/**
 * Check a raw HSS public key u32str(L) || u32str(lms type) ||
 * u32str(lmots type) || I[16] || T[1][m].
 * @param bits when not NULL, receives 8 * m of the top-level LMS set
 *             (256 or 192) whenever the LMS type is recognised.
 * @return OK; UNSUPPORTED for a SHAKE256 parameter set; BAD_KEY for L
 *         outside 1..8, an unknown type code, LMS and LM-OTS sets of
 *         different hash or width, or a length that is not exactly the one
 *         the types give.
 */
cmsfw_bk_status cmsfw_bk_hss_check_public(cmsfw_bytes pub, unsigned *bits);

/**
 * Verify the HSS signature @p sig of @p msg under the raw HSS public key
 * @p pub (RFC 8554 6.3, with the LMS and LM-OTS algorithms 6a and 4b).
 *
 * The signature is parsed strictly before any hash is computed: Nspk must
 * be L - 1, every level's LMS and LM-OTS types must be those of the key
 * that level is checked against, q < 2^h, and every field length follows
 * from the type codes, with nothing left over.
 *
 * @return OK; BAD_SIGNATURE when it does not verify or does not parse;
 *         UNSUPPORTED when a level of the signature uses a SHAKE256 set;
 *         the statuses of cmsfw_bk_hss_check_public() for the key;
 *         FAILURE when a hash call fails.
 */
cmsfw_bk_status cmsfw_bk_hss_verify(cmsfw_bytes pub, cmsfw_bytes msg, cmsfw_bytes sig);

#endif
