/*
 * test_lms_signer.h: a test-only HSS/LMS signer (RFC 8554), to make
 * signatures of parameter sets no published vector covers (H10/W8,
 * H20/W4, the SHA-256/192 sets, several levels) for tests and timings.
 *
 * NOT a signer for real use: it keeps no state, derives every secret
 * from a caller's seed, and instead of building whole Merkle trees it
 * takes the authentication path of the one leaf it signs with as
 * pseudorandom values and computes the root from them. The result is a
 * valid HSS key and signature for the verifier (which sees only the
 * path), made in milliseconds even for H25.
 */
#ifndef CMSFW_TESTS_TEST_LMS_SIGNER_H
#define CMSFW_TESTS_TEST_LMS_SIGNER_H

#include <stddef.h>
#include <stdint.h>

#include <cmsfw/types.h>

#include "test_backend_util.h"

/** One level of the key: LMS and LM-OTS type codes, and the leaf used. */
typedef struct tls_level {
    uint32_t lms_type;
    uint32_t ots_type;
    uint32_t q;
} tls_level;

/**
 * Make an HSS public key of @p n_levels levels (1..8) and its signature
 * of @p msg. Only the SHA-256 type codes (LMS 5..14, LM-OTS 1..8) are
 * handled. @p seed picks the key. Returns 0, or -1 on bad parameters or
 * allocation failure; *pub and *sig are owned by the caller (tb_free).
 */
int tls_hss_sign(const tls_level *levels, unsigned n_levels, uint32_t seed, cmsfw_bytes msg,
                 tb_buf *pub, tb_buf *sig);

#endif
