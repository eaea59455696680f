/*
 * backends/lms_priv.h: what the HSS/LMS files share. Internal to backends/.
 *
 *   lms.c         parameter sets, parsing, the hash steps of RFC 8554
 *                 below, LM-OTS and LMS verification of a level held in
 *                 memory, cmsfw_bk_hss_check_public(), cmsfw_bk_hss_verify()
 *   lms_stream.c  the incremental verifier (cmsfw_bk_hss_stream_*)
 *   lms_sign.c    the signer (host only)
 *
 * The hash steps live with the verifier, which every profile links; the
 * signer uses them too, so that both sides hash the same bytes by the same
 * code. Nothing here pulls signer code into a verifier-only image.
 */
#ifndef CMSFW_BACKENDS_LMS_PRIV_H
#define CMSFW_BACKENDS_LMS_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "backends/backend.h"
#include "backends/lms.h"

/** Length of the tree identifier I. */
#define CMSFW__LMS_I_LEN 16
/** SHA-256 output; the /192 sets use its first 24 octets. */
#define CMSFW__LMS_MAX_N 32

/* Domain separators (RFC 8554 3.1.4), as u16str() values. */
#define CMSFW__LMS_D_PBLC 0x8080u
#define CMSFW__LMS_D_MESG 0x8181u
#define CMSFW__LMS_D_LEAF 0x8282u
#define CMSFW__LMS_D_INTR 0x8383u

/** One level's signature, as views into the octets that carry it. */
typedef struct cmsfw__lms_sig {
    uint32_t q;
    const uint8_t *c;    /**< C, n octets */
    const uint8_t *y;    /**< y[0..p-1], n octets each */
    const uint8_t *path; /**< path[0..h-1], m octets each */
} cmsfw__lms_sig;

/** u32str() read back. */
static inline uint32_t
cmsfw__lms_get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/** u32str(v) at @p p. */
static inline void
cmsfw__lms_put_u32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/** u16str(v) at @p p. */
static inline void
cmsfw__lms_put_u16(uint8_t *p, unsigned v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

/**
 * Fill m, h, n, w, p and ls of @p k from its two type codes. The SHAKE256
 * sets are recognised (fields filled) and UNSUPPORTED; unknown codes, or
 * an LMS and an LM-OTS set of different hash or width, give @p bad.
 */
cmsfw_bk_status cmsfw__lms_key_types(cmsfw_bk_lms_key *k, cmsfw_bk_status bad);

/**
 * Parse a raw HSS public key into its level count and top-level LMS key
 * (views into @p pub). @p k is cleared first, so k->m is nonzero exactly
 * when the LMS type was recognised. BAD_KEY for a malformed key,
 * UNSUPPORTED for a SHAKE256 set.
 */
cmsfw_bk_status cmsfw__lms_read_public(cmsfw_bytes pub, uint32_t *levels, cmsfw_bk_lms_key *k);

/**
 * Parse one LMS signature made with @p k from the start of @p p, @p n
 * (views into it): types those of @p k, q < 2^h, every field there.
 * 1 when it parses, 0 otherwise; it is cmsfw_bk_lms_sig_len() octets long.
 */
int cmsfw__lms_read_sig(const uint8_t *p, size_t n, const cmsfw_bk_lms_key *k, cmsfw__lms_sig *s);

/** coef(S, i, w) of RFC 8554 3.1.3. */
unsigned cmsfw__lms_coef(const uint8_t *s, unsigned i, unsigned w);

/** Cksm(Q) of RFC 8554 4.4 over the @p n octets of Q, already shifted
 * left by @p ls (the value u16str() takes). */
unsigned cmsfw__lms_checksum(const uint8_t *q, unsigned n, unsigned w, unsigned ls);

/** SHA-256(a || b || c) into @p out (CMSFW__LMS_MAX_N octets); empty parts
 * may be NULL. FAILURE when a hash call fails. */
cmsfw_bk_status cmsfw__lms_hash3(const uint8_t *a, size_t al, const uint8_t *b, size_t bl,
                                 const uint8_t *c, size_t cl, uint8_t out[CMSFW__LMS_MAX_N]);

/**
 * SHA-256(I || u32str(r) || u16str(d) || a || b) into @p out: the message
 * hash (d = D_MESG, r = q), a leaf (D_LEAF) and an interior node (D_INTR).
 * @p out may alias @p a or @p b.
 */
cmsfw_bk_status cmsfw__lms_hash_tagged(const uint8_t *id, uint32_t r, unsigned d, const uint8_t *a,
                                       size_t al, const uint8_t *b, size_t bl,
                                       uint8_t out[CMSFW__LMS_MAX_N]);

/**
 * Steps @p from .. @p to - 1 of LM-OTS chain @p i of leaf @p q, in place
 * on the @p n octets of @p x (x = H(I || u32str(q) || u16str(i) ||
 * u8str(j) || x), RFC 8554 4.5 and 4.6). @p x holds CMSFW__LMS_MAX_N.
 */
cmsfw_bk_status cmsfw__lms_chain(const uint8_t *id, uint32_t q, unsigned i, unsigned from,
                                 unsigned to, uint8_t *x, size_t n);

/** Start the LM-OTS public key hash of leaf @p q: @p ctx takes
 * I || u32str(q) || u16str(D_PBLC), and is aborted on failure. */
cmsfw_bk_status cmsfw__lms_kc_start(cmsfw_bk_hash_ctx *ctx, const uint8_t *id, uint32_t q);

/**
 * Q || Cksm(Q) of RFC 8554 4.6 step 3 for the message @p msg, @p len
 * signed by leaf @p q of @p k with randomizer @p c (k->n octets):
 * n + 2 octets into @p qa.
 */
cmsfw_bk_status cmsfw__lms_ots_q(const cmsfw_bk_lms_key *k, uint32_t q, const uint8_t *c,
                                 const uint8_t *msg, size_t len,
                                 uint8_t qa[CMSFW__LMS_MAX_N + 2]);

/** RFC 8554 algorithm 6a: OK when @p s signs @p msg under @p k,
 * BAD_SIGNATURE when it does not, FAILURE when a hash call fails. */
cmsfw_bk_status cmsfw__lms_verify(const cmsfw_bk_lms_key *k, const cmsfw__lms_sig *s,
                                  cmsfw_bytes msg);

#endif
