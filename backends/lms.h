/*
 * backends/lms.h: HSS/LMS signature verification (RFC 8554), written once
 * over cmsfw_bk_hash_*() and used by every backend, and the signer. Beside
 * backend.h, cms/ may use one part of it: the incremental verifier
 * (cmsfw_bk_hss_stream_*), through which the minimal profile verifies an
 * HSS/LMS signature as it arrives (cms/min_algs.c); the rest is internal
 * to backends/.
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
 * a few n-octet values on the stack. cmsfw_bk_hss_verify() reads the
 * signature in place; the incremental verifier (cmsfw_bk_hss_stream_*)
 * takes it in pieces of any size and holds at most one upper level's
 * LMS signature, in a buffer its caller lends.
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

/* -------------------------------------------------- incremental verification
 *
 * The same verification as cmsfw_bk_hss_verify(), with the signature
 * given in pieces: init(pub, msg), update() with any split, final(). For
 * every key, message and signature, final() returns the status
 * cmsfw_bk_hss_verify() returns for them, with one addition: BAD_INPUT
 * when an upper level's LMS signature did not fit the lent buffer (only
 * when nothing else was wrong before it, and no malformation follows).
 *
 * What is held, and why. The bottom level signs @p msg, known from the
 * start: its LM-OTS chains are computed per y[i] as the octets arrive,
 * then the authentication path node by node, and nothing of it is kept.
 * An upper level i signs the public key of level i + 1, which FOLLOWS its
 * signature in the stream, while LM-OTS needs Q = H(I || q || D_MESG || C
 * || message) before any chain: so that level's LMS signature is copied
 * into the lent buffer until the key has arrived, then verified, then
 * dropped. At most one level's signature is held at a time, so the buffer
 * needs the longest LMS signature of levels 0 to L - 2, 12 + n * (p + 1) +
 * m * h octets (cmsfw_bk_lms_sig_len()): 1452 for H10/W8, 2348 for H5/W4,
 * CMSFW_BK_LMS_SIG_MAX at worst. A one-level key needs no buffer. With a
 * buffer, every upper level is copied, however the signature is split, so
 * that the memory used does not depend on the split. Without one, an
 * upper level must arrive in one piece together with the key after it,
 * and is verified where it lies (cmsfw_bk_hss_verify() gives the whole
 * signature in one piece, and needs no buffer).
 *
 * The signature is parsed as strictly as by cmsfw_bk_hss_verify(), and a
 * malformation anywhere wins over a verification failure before it, as
 * there: shape errors and verification results are latched apart and
 * final() decides.
 */

/** Longest LMS signature: LMOTS W1 with LMS H25, n = m = 32. */
#define CMSFW_BK_LMS_SIG_MAX (12 + 32 * (1 + 265) + 32 * 25)

/** Longest LMS public key: u32 types (2) || I[16] || T[1][32]. */
#define CMSFW_BK_LMS_PUB_MAX (8 + 16 + 32)

/** One LMS key's parameters, as the verifier reads them (internal). */
typedef struct cmsfw_bk_lms_key {
    uint32_t lms_type, ots_type;
    unsigned m, h;        /* LMS: node width, tree height */
    unsigned n, w, p, ls; /* LM-OTS: width, Winternitz w, chains, checksum shift */
    const uint8_t *id;    /* I */
    const uint8_t *root;  /* T[1], m octets */
} cmsfw_bk_lms_key;

/**
 * State of one incremental verification: caller storage of a size fixed
 * at compile time (about 0.5 KiB plus one hash context); no allocation.
 * Its fields are read and written by the functions below only, and it
 * must not be copied while in use (it points into itself).
 */
typedef struct cmsfw_bk_hss_stream {
    cmsfw_bk_hash_ctx pub;      /* Kc of the bottom level, while its y[] arrive */
    cmsfw_bk_lms_key key;       /* what the current level is checked against */
    cmsfw_bk_lms_key next;      /* the next level's key, while it arrives */
    const uint8_t *msg;         /* the message the bottom level signs */
    size_t msg_len;
    uint8_t *hold;              /* lent buffer: one upper level's LMS signature */
    size_t hold_size, hold_len, hold_high;
    uint32_t levels, level, q, r, item;
    cmsfw_bk_status shape;      /* first malformation (or bad key, bad input) */
    cmsfw_bk_status check;      /* first verification failure */
    uint16_t got, need;         /* octets gathered of the current field, its length */
    uint8_t field;
    uint8_t pub_live;           /* @pub was started and not finished */
    uint8_t verified;           /* the bottom level reached its root */
    uint8_t id[16];             /* I of the current level */
    uint8_t root[32];           /* T[1] of the current level */
    uint8_t acc[32];            /* the field being gathered */
    uint8_t keybuf[CMSFW_BK_LMS_PUB_MAX]; /* the next level's key: a message */
    uint8_t qa[32 + 2];         /* Q || Cksm(Q) */
    uint8_t node[32];           /* current tree node */
} cmsfw_bk_hss_stream;

/**
 * Length of an LMS signature of the given LMS and LM-OTS types,
 * 12 + n * (p + 1) + m * h; 0 for types that are not a SHA-256 pair of one
 * width (RFC 8554 5.4).
 */
size_t cmsfw_bk_lms_sig_len(uint32_t lms_type, uint32_t ots_type);

/**
 * Start verifying a signature of @p msg under the raw HSS public key
 * @p pub. @p pub is read here only; @p msg must stay valid and unchanged
 * until final(). @p hold / @p hold_size: the buffer lent for an upper
 * level's LMS signature (NULL, 0 for none; see above for the size), valid
 * until final(). Never fails: a bad key or argument is reported by
 * final(), and update() then ignores its input.
 */
void cmsfw_bk_hss_stream_init(cmsfw_bk_hss_stream *s, cmsfw_bytes pub, cmsfw_bytes msg,
                              uint8_t *hold, size_t hold_size);

/**
 * cmsfw_bk_hss_stream_init() with the key of the SubjectPublicKeyInfo
 * @p spki, read as cmsfw_bk_verify() reads it (backends/keyparse.c: the
 * raw key or the RFC 8708 OCTET STRING form; sig.c's capability rules).
 * @return OK when the stream was started; else the status
 *         cmsfw_bk_verify() would give for that key (BAD_KEY for a key that
 *         is not an HSS/LMS key), and @p s is left unstarted.
 */
cmsfw_bk_status cmsfw_bk_hss_stream_spki(cmsfw_bk_hss_stream *s, cmsfw_bytes spki,
                                         cmsfw_bytes msg, uint8_t *hold, size_t hold_size);

/**
 * The next @p len octets of the signature, any split. Hashes as far as
 * the octets allow; nothing of @p data is kept after the call.
 */
void cmsfw_bk_hss_stream_update(cmsfw_bk_hss_stream *s, const uint8_t *data, size_t len);

/**
 * No more octets: the verdict, as cmsfw_bk_hss_verify() gives it (plus
 * BAD_INPUT when the lent buffer was short, see above). Wipes @p s.
 */
cmsfw_bk_status cmsfw_bk_hss_stream_final(cmsfw_bk_hss_stream *s);

/** Abandon a verification that will not be finished; wipes @p s. Safe on
 * a wiped or finished state. */
void cmsfw_bk_hss_stream_abort(cmsfw_bk_hss_stream *s);

/** Octets of the lent buffer used so far (its high-water mark). */
size_t cmsfw_bk_hss_stream_held(const cmsfw_bk_hss_stream *s);

/* ------------------------------------------------------------- signing
 * backends/lms_sign.c: HSS key generation and signing for
 * LMS_SHA256_M32_H5..H15 with LMOTS_SHA256_N32_W1..W8, L = 1..8.
 *
 * The private key is a seed, the top-level I and a counter; every
 * one-time key follows RFC 8554 Appendix A, x_q[i] = H(I || u32str(q) ||
 * u16str(i) || u8str(0xff) || SEED). The tree of a lower level is derived
 * from its parent's SEED, I and the parent leaf q that signs it:
 * SEED' = H(I || u32str(q) || u16str(0xfffe) || u8str(0xff) || SEED) and
 * I' = the first 16 octets of the same with 0xffff. The randomizer C of an
 * upper level is derived likewise (0xfffd), so that a leaf which signs the
 * same child key again produces the identical signature; the bottom level
 * draws C from cmsfw_bk_random().
 *
 * Nothing is cached: a signature rebuilds each level's tree in constant
 * memory (one pass over its 2^h leaves, h + 1 stacked nodes), i.e. about
 * 2^h * p * (2^w - 1) hashes per level.
 */

/** Largest tree height the signer builds (H20 and H25 are refused). */
#define CMSFW_BK_HSS_SIGN_MAX_H 15
/** Largest sum of the levels' heights: the counter is 64-bit. */
#define CMSFW_BK_HSS_SIGN_MAX_TOTAL_H 63

/** An HSS private key: parameters, top-level seed and I, and the state. */
typedef struct cmsfw_bk_hss_priv {
    unsigned levels;                            /**< L, 1..8 */
    uint32_t lms_type[CMSFW_BK_HSS_MAX_LEVELS]; /**< 5..7 (H5..H15) */
    uint32_t ots_type[CMSFW_BK_HSS_MAX_LEVELS]; /**< 1..4 (W1..W8) */
    uint8_t seed[32];                           /**< SEED of the top tree */
    uint8_t id[16];                             /**< I of the top tree */
    uint64_t next;                              /**< next unused global leaf index */
} cmsfw_bk_hss_priv;

/** Check the parameters of @p k (types, levels, total height).
 * @return OK or BAD_KEY (UNSUPPORTED for H20/H25 or the M24 sets). */
cmsfw_bk_status cmsfw_bk_hss_priv_check(const cmsfw_bk_hss_priv *k);

/** Number of signatures the key can make in all (2^sum(h)). */
uint64_t cmsfw_bk_hss_priv_total(const cmsfw_bk_hss_priv *k);

/** Length of every signature the key makes. */
size_t cmsfw_bk_hss_sig_len(const cmsfw_bk_hss_priv *k);

/** Length of the raw HSS public key (u32 L || LMS public key). */
size_t cmsfw_bk_hss_pub_len(const cmsfw_bk_hss_priv *k);

/**
 * Fill the seed and I of @p k (levels and types already set) from
 * cmsfw_bk_random(), set next = 0, and write the raw HSS public key to
 * @p pub (@p pub_size at least cmsfw_bk_hss_pub_len()).
 */
cmsfw_bk_status cmsfw_bk_hss_keygen(cmsfw_bk_hss_priv *k, uint8_t *pub, size_t pub_size,
                                    size_t *pub_len);

/** Recompute the raw HSS public key of @p k. */
cmsfw_bk_status cmsfw_bk_hss_public(const cmsfw_bk_hss_priv *k, uint8_t *pub, size_t pub_size,
                                    size_t *pub_len);

/**
 * Sign @p msg with the one-time keys of counter @p k->next and advance
 * k->next by one. The caller must record the advanced state durably
 * before the signature is used. BAD_INPUT when the key is exhausted or
 * @p sig_size is short; the counter is not advanced on failure.
 */
cmsfw_bk_status cmsfw_bk_hss_sign(cmsfw_bk_hss_priv *k, cmsfw_bytes msg, uint8_t *sig,
                                  size_t sig_size, size_t *sig_len);

#endif
