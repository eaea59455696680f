/*
 * min_stream.c: the push side of the minimal profile (cms/min_priv.h), the
 * counterpart of the full profile's cms/proc_stream.c. A BER tokenizer
 * that accepts any split of the input checks that the whole input is one
 * BER value (step 1), streams the eContent octets into the hash and the
 * stage, and copies the few TLVs finish() judges (contentType, version,
 * digestAlgorithms, eContentType, the first SignerInfo) into the work
 * buffer. Certificates, CRLs and further SignerInfos are tokenized (step 1
 * applies to them) but never stored, and an HSS/LMS signature goes to its
 * verifier as it arrives (min_algs.c). The framing's four TLVs and the
 * SignerInfo are stored one after the other from the start of buf.
 *
 * Every structure fault is judged where the full profile judges it: the
 * same MIN_BAD_* flags are latched at the same places, and finish() turns
 * them into the same codes at the same steps. Only the profile's limits
 * differ (nesting, the work buffer, 32-bit offsets), each reported with
 * its CMSFW_MIN_LIMIT_* bit.
 */
#include <string.h>

#include "cms/min_oid.h"
#include "cms/min_priv.h"

/* Where a TLV sits in the package. R_SKIP is tokenized only (the inside
 * of captured values too: capture_level decides what is copied). */
enum min_role {
    R_SKIP = 0,
    R_CI,         /* ContentInfo SEQUENCE */
    R_CI_CONTENT, /* [0] EXPLICIT */
    R_SD,         /* SignedData SEQUENCE */
    R_ECI,        /* EncapsulatedContentInfo SEQUENCE */
    R_ECI_WRAP,   /* eContent [0] EXPLICIT */
    R_ECONTENT,   /* OCTET STRING: primitive streamed, constructed entered */
    R_CERTS,      /* certificates [0]: counted */
    R_CRLS,       /* crls [1] */
    R_SIGNERS,    /* signerInfos SET: counted */
    /* captured, in the order of the MIN_SEEN_* bits */
    R_CI_TYPE,
    R_SD_VERSION,
    R_SD_DIGESTS,
    R_ECI_TYPE,
    R_SIGNER
};

#define ROLE_INDEF 0x80u /* in roles[]: the value has an indefinite length */
#define ROLE_MASK 0x7Fu
#define KIDS_LEVELS ((uint8_t)sizeof(((cmsfw_min *)0)->kids))

static const uint8_t oid_signed_data[] = {MIN_OID_ID_SIGNEDDATA};
static const uint8_t oid_fw_pkg[] = {MIN_OID_ID_CT_FIRMWAREPACKAGE};
static const uint8_t oid_sha256[] = {MIN_OID_ID_SHA256};
static const uint8_t oid_sha384[] = {MIN_OID_ID_SHA384};
static const uint8_t oid_sha512[] = {MIN_OID_ID_SHA512};

/* see cms/min_priv.h */
void
cmsfw__min_stream_init(cmsfw_min *m)
{
    m->capture_level = -1;
}

static int
contents_are(const cmsfw_der_tlv *t, const uint8_t *oid, size_t n)
{
    return t->len == n && memcmp(t->val, oid, n) == 0;
}

static uint8_t
capture_bit(uint8_t role)
{
    return (uint8_t)(1u << (role - R_CI_TYPE));
}

/* Octets of the value being captured. One that does not fit is dropped
 * and reported lost: finish() fails with CMSFW_MIN_LIMIT_WORK when, and
 * only when, a step needs it, so that an earlier step's verdict (a
 * SignedData version 1 with a large ML-DSA SignerInfo, say) stays the
 * full profile's. The buffer counts as filled. */
static void
buf_append(cmsfw_min *m, const uint8_t *data, size_t n)
{
    uint8_t bit = capture_bit(m->capture_role);

    if (m->lost & bit)
        return;
    if (n > m->buf_len - m->buf_used) {
        m->lost |= bit;
        m->buf_used = m->capture_start;
        m->buf_high = m->buf_len;
        return;
    }
    memcpy(m->buf + m->buf_used, data, n);
    m->buf_used += n;
    if (m->buf_used > m->buf_high)
        m->buf_high = m->buf_used;
}

/* digestAlgorithms arrived: start hashing the eContent with its first
 * entry. An unsupported one is step 12's business at finish. */
static void
start_hash(cmsfw_min *m, const uint8_t *set, size_t len)
{
    cmsfw_der_cur c, in, alg;
    cmsfw_der_tlv t, seq, oid;

    cmsfw_der_init(&c, set, len, 1);
    if (cmsfw_der_read(&c, &t) != CMSFW_DER_OK)
        return;
    cmsfw_der_enter(&in, &t, 1);
    if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &seq) != CMSFW_DER_OK)
        return;
    cmsfw_der_enter(&alg, &seq, 1);
    if (cmsfw_der_expect(&alg, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, &oid) != CMSFW_DER_OK)
        return;
    if (contents_are(&oid, oid_sha256, sizeof oid_sha256))
        m->hash_alg = CMSFW_BK_SHA256;
    else if (contents_are(&oid, oid_sha384, sizeof oid_sha384))
        m->hash_alg = CMSFW_BK_SHA384;
    else if (contents_are(&oid, oid_sha512, sizeof oid_sha512))
        m->hash_alg = CMSFW_BK_SHA512;
    else
        return;
    m->hashing = cmsfw_bk_hash_init(&m->hash, m->hash_alg) == CMSFW_BK_OK;
}

/* The first eContent header: when the eContent is the image itself, the
 * stage may decline it, and SHA-256 runs beside a signer digest of
 * another hash (as in the full profile). */
static void
begin_econtent(cmsfw_min *m)
{
    m->flags |= MIN_F_ECONTENT;
    if (!(m->flags & MIN_F_PLAIN_TYPE))
        return;
    m->flags |= MIN_F_PLAIN;
    if (m->stage != NULL && m->stage->image != NULL &&
        m->stage->image(m->stage->io) == CMSFW_STAGE_SKIP)
        m->flags |= MIN_F_SKIP;
    if (!(m->hashing && m->hash_alg == CMSFW_BK_SHA256))
        m->sha_on = cmsfw_bk_hash_init(&m->sha, CMSFW_BK_SHA256) == CMSFW_BK_OK;
}

/* A captured TLV is complete: what the tokenizer needs to know of it now. */
static void
finish_capture(cmsfw_min *m)
{
    const uint8_t *tlv = m->buf + m->capture_start;
    size_t len = m->buf_used - m->capture_start, hl = 0;
    cmsfw_der_tlv t;
    int is_oid;

    m->capture_level = -1;
    if (m->lost & capture_bit(m->capture_role))
        return;
    m->seen |= capture_bit(m->capture_role);
    is_oid = cmsfw_der_read_header(tlv, len, 1, &t, &hl) == CMSFW_DER_OK;
    t.len = len - hl; /* the contents as captured */
    if (m->capture_role == R_CI_TYPE && is_oid &&
        contents_are(&t, oid_signed_data, sizeof oid_signed_data))
        m->flags |= MIN_F_SIGNED;
    else if (m->capture_role == R_ECI_TYPE && is_oid && contents_are(&t, oid_fw_pkg, sizeof oid_fw_pkg))
        m->flags |= MIN_F_PLAIN_TYPE;
    else if (m->capture_role == R_SD_DIGESTS)
        start_hash(m, tlv, len);
}

/* A constructed value closed: judge its shape, end a capture it started. */
static void
pop_frame(cmsfw_min *m)
{
    uint8_t d = --m->depth;
    uint8_t kids = d < KIDS_LEVELS ? m->kids[d] : 0;

    switch (m->roles[d] & ROLE_MASK) {
    case R_CI:
        if (kids != 2)
            m->flags |= MIN_BAD_CI;
        break;
    case R_CI_CONTENT:
        if (kids != 1)
            m->flags |= MIN_BAD_CI;
        break;
    case R_SD:
        if (m->sd_field != 6)
            m->flags |= MIN_BAD_SD;
        break;
    case R_ECI:
        if (kids == 0)
            m->flags |= MIN_BAD_ECI;
        break;
    case R_ECI_WRAP:
        if (kids != 1)
            m->flags |= MIN_BAD_ECI;
        break;
    default:
        break;
    }
    if (m->capture_level == (int)d)
        finish_capture(m);
    if (d == 0)
        m->top_done = 1;
}

/* Close every definite-length value that ends at the current offset. */
static void
close_frames(cmsfw_min *m)
{
    while (m->depth > 0 && !(m->roles[m->depth - 1] & ROLE_INDEF) &&
           m->ends[m->depth - 1] == m->off)
        pop_frame(m);
}

/* End of the innermost definite-length value (nothing may pass it);
 * 0 when every open value is indefinite. */
static int
current_limit(const cmsfw_min *m, uint32_t *end)
{
    int i;

    for (i = (int)m->depth - 1; i >= 0; i--)
        if (!(m->roles[i] & ROLE_INDEF)) {
            *end = m->ends[i];
            return 1;
        }
    return 0;
}

static int
is_universal(const cmsfw_der_tlv *t, uint32_t tag)
{
    return t->cls == CMSFW_DER_UNIVERSAL && t->tag == tag;
}

static int
is_context(const cmsfw_der_tlv *t, uint32_t tag)
{
    return t->cls == CMSFW_DER_CONTEXT && t->tag == tag && t->constructed;
}

/* SignedData ::= SEQUENCE { version, digestAlgorithms SET, encapContentInfo,
 *   certificates [0] OPTIONAL, crls [1] OPTIONAL, signerInfos SET } */
static uint8_t
classify_sd(cmsfw_min *m, const cmsfw_der_tlv *t)
{
    static const struct {
        uint8_t from, to; /* sd_field range that may hold it */
        uint8_t cls, tag, role;
    } fields[] = {
        {0, 0, CMSFW_DER_UNIVERSAL, CMSFW_DER_TAG_INTEGER, R_SD_VERSION},
        {1, 1, CMSFW_DER_UNIVERSAL, CMSFW_DER_TAG_SET, R_SD_DIGESTS},
        {2, 2, CMSFW_DER_UNIVERSAL, CMSFW_DER_TAG_SEQUENCE, R_ECI},
        {3, 3, CMSFW_DER_CONTEXT, 0, R_CERTS},
        {3, 4, CMSFW_DER_CONTEXT, 1, R_CRLS},
        {3, 5, CMSFW_DER_UNIVERSAL, CMSFW_DER_TAG_SET, R_SIGNERS},
    };
    uint8_t i, f = m->sd_field;

    for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (f < fields[i].from || f > fields[i].to || t->cls != fields[i].cls ||
            t->tag != fields[i].tag || (t->cls == CMSFW_DER_CONTEXT && !t->constructed))
            continue;
        m->sd_field = (uint8_t)(i + 1);
        if (fields[i].role == R_CRLS)
            m->f.has_crls = 1;
        return fields[i].role;
    }
    m->flags |= MIN_BAD_SD;
    return R_SKIP;
}

/* The eContent OCTET STRING and, when constructed, its segments. */
static uint8_t
classify_econtent(cmsfw_min *m, uint8_t parent, unsigned idx, const cmsfw_der_tlv *t)
{
    if ((parent == R_ECONTENT || idx == 0) && is_universal(t, CMSFW_DER_TAG_OCTET_STRING)) {
        if (!(m->flags & MIN_F_ECONTENT))
            begin_econtent(m);
        return R_ECONTENT;
    }
    m->flags |= MIN_BAD_ECI;
    return R_SKIP;
}

/* Decide what a TLV is from where it stands (the depth is its parent's
 * level + 1, so the framing values sit at fixed depths). */
static uint8_t
classify(cmsfw_min *m, const cmsfw_der_tlv *t)
{
    uint8_t parent, d = m->depth;
    unsigned idx;

    if (d == 0) {
        if (is_universal(t, CMSFW_DER_TAG_SEQUENCE))
            return R_CI;
        m->flags |= MIN_BAD_CI;
        return R_SKIP;
    }
    parent = m->roles[d - 1] & ROLE_MASK;
    idx = d - 1 < KIDS_LEVELS ? m->kids[d - 1] : 0;
    switch (parent) {
    case R_CI:
        if (idx == 0 && is_universal(t, CMSFW_DER_TAG_OID))
            return R_CI_TYPE;
        if (idx == 1 && is_context(t, 0))
            return R_CI_CONTENT;
        m->flags |= MIN_BAD_CI;
        break;
    case R_CI_CONTENT:
        if (idx == 0 && (m->flags & MIN_F_SIGNED)) {
            if (is_universal(t, CMSFW_DER_TAG_SEQUENCE))
                return R_SD;
            m->flags |= MIN_BAD_SD;
        } else if (idx > 0) {
            m->flags |= MIN_BAD_CI;
        }
        break;
    case R_SD:
        return classify_sd(m, t);
    case R_ECI:
        if (idx == 0 && is_universal(t, CMSFW_DER_TAG_OID))
            return R_ECI_TYPE;
        if (idx == 1 && is_context(t, 0))
            return R_ECI_WRAP;
        m->flags |= MIN_BAD_ECI;
        break;
    case R_ECI_WRAP:
    case R_ECONTENT:
        return classify_econtent(m, parent, idx, t);
    case R_CERTS:
        m->f.n_certs++;
        break;
    case R_SIGNERS:
        if (m->f.n_signer_infos++ == 0)
            return R_SIGNER;
        break;
    default:
        break;
    }
    return R_SKIP;
}

/* Content octets of a primitive value. */
static cmsfw_err
deliver(cmsfw_min *m, const uint8_t *data, size_t n)
{
    const cmsfw_stage *st = m->stage;

    if (m->hss != NULL) {
        cmsfw__min_sig_update(m, data, n);
        return CMSFW_OK;
    }
    if (m->capture_level >= 0) {
        buf_append(m, data, n);
        return CMSFW_OK;
    }
    if (m->content_role != R_ECONTENT)
        return CMSFW_OK;
    if (m->hashing && cmsfw_bk_hash_update(&m->hash, data, n) != CMSFW_BK_OK)
        m->hashing = 0;
    if (m->sha_on && cmsfw_bk_hash_update(&m->sha, data, n) != CMSFW_BK_OK)
        m->sha_on = 0;
    if (!(m->flags & MIN_F_SKIP)) {
        m->staged = 1;
        if (st == NULL || st->write == NULL || st->write(st->io, m->f.econtent_len, data, n) != 0)
            return cmsfw__min_fail(m, CMSFW_E_IO, 0, "the stage refused the eContent");
    }
    m->f.econtent_len += n;
    return CMSFW_OK;
}

static cmsfw_err
end_of_contents(cmsfw_min *m)
{
    if (m->depth == 0 || !(m->roles[m->depth - 1] & ROLE_INDEF))
        return cmsfw__min_fail(m, CMSFW_DECODE_FAILURE, 0,
                               "end-of-contents outside an indefinite length");
    if (m->capture_level >= 0)
        buf_append(m, m->hdr, m->hdr_len);
    pop_frame(m);
    close_frames(m);
    return CMSFW_OK;
}

/* Where the value whose header ends here ends; 0 when it cannot be
 * followed (the error is latched). */
static int
value_end(cmsfw_min *m, const cmsfw_der_tlv *t, uint32_t *end)
{
    uint32_t limit;

    *end = 0;
    if (t->indefinite)
        return 1;
    if (current_limit(m, &limit)) {
        if ((uint64_t)t->len > (uint64_t)(limit - m->off)) {
            (void)cmsfw__min_fail(m, CMSFW_DECODE_FAILURE, 0,
                                  "a length runs past its enclosing value");
            return 0;
        }
    } else if ((uint64_t)t->len > 0xffffffffu - (uint64_t)m->off) {
        (void)cmsfw__min_fail(m, CMSFW_INSUFFICIENT_MEMORY, CMSFW_MIN_LIMIT_SIZE,
                              "a value of 4 GiB or more");
        return 0;
    }
    *end = m->off + (uint32_t)t->len;
    return 1;
}

/* The first SignerInfo's signature begins: streamed to its verifier
 * rather than captured when min_algs.c can (an HSS/LMS signature). */
static int
sig_streams(cmsfw_min *m, const cmsfw_der_tlv *t, uint8_t d)
{
    if (m->capture_role != R_SIGNER || (int)d != m->capture_level + 1 ||
        (m->lost & capture_bit(R_SIGNER)) || !is_universal(t, CMSFW_DER_TAG_OCTET_STRING) ||
        t->constructed || t->indefinite || t->len == 0)
        return 0;
    return cmsfw__min_sig_begin(m, (uint32_t)t->len, m->hdr_len);
}

/* A complete identifier and length: open the value. */
static cmsfw_err
on_header(cmsfw_min *m, const cmsfw_der_tlv *t)
{
    uint8_t role, d = m->depth;
    uint32_t end;

    if (is_universal(t, CMSFW_DER_TAG_EOC))
        return end_of_contents(m);
    if (d >= CMSFW_MIN_MAX_DEPTH)
        return cmsfw__min_fail(m, CMSFW_DECODE_FAILURE, CMSFW_MIN_LIMIT_DEPTH,
                               "nesting deeper than the profile's limit");
    if (!value_end(m, t, &end))
        return m->err;
    role = classify(m, t);
    if (d > 0 && d - 1 < KIDS_LEVELS && m->kids[d - 1] < UINT8_MAX)
        m->kids[d - 1]++;
    if (m->capture_level < 0 && role >= R_CI_TYPE) {
        m->capture_level = (int8_t)d;
        m->capture_role = role;
        m->capture_start = (uint32_t)m->buf_used;
    }
    if (m->capture_level >= 0 && !sig_streams(m, t, d))
        buf_append(m, m->hdr, m->hdr_len);
    if (t->constructed) {
        m->ends[d] = end;
        m->roles[d] = (uint8_t)(role | (t->indefinite ? ROLE_INDEF : 0u));
        if (d < KIDS_LEVELS)
            m->kids[d] = 0;
        m->depth++;
    } else if (t->len > 0) {
        m->in_content = 1;
        m->content_end = end;
        m->content_role = role;
        return CMSFW_OK;
    } else if (m->capture_level == (int)d) {
        finish_capture(m); /* an empty primitive captured on its own */
    }
    if (m->depth == 0)
        m->top_done = 1;
    close_frames(m);
    return CMSFW_OK;
}

/* Well-formed long-form length octets whose value needs more than 32 bits.
 * A 32-bit size_t makes the cursor refuse such a length as malformed; it
 * is the profile's size limit, as on a 64-bit host, where the same length
 * reaches value_end(). */
static int
length_beyond_32_bits(const uint8_t *h, size_t n)
{
    size_t i = 1, k, octets;
    uint64_t len = 0;

    if ((h[0] & 0x1Fu) == 0x1Fu)
        while (i < n && (h[i++] & 0x80u))
            continue;
    if (i >= n || h[i] <= 0x80u || h[i] > 0x80u + CMSFW_DER_MAX_LEN_OCTETS)
        return 0;
    octets = h[i] & 0x7Fu;
    if (n - i - 1 < octets)
        return 0;
    for (k = 1; k <= octets; k++)
        len = len << 8 | h[i + k];
    return len > 0xffffffffu;
}

/* Gather one header octet; decode the header when it is complete. */
static cmsfw_err
header_octet(cmsfw_min *m, uint8_t b)
{
    cmsfw_der_tlv t;
    size_t hl = 0;
    uint32_t limit;
    cmsfw_der_status st;

    if (current_limit(m, &limit)) {
        if (m->off >= limit)
            return cmsfw__min_fail(m, CMSFW_DECODE_FAILURE, 0,
                                   "a value runs past its enclosing value");
    } else if (m->off == UINT32_MAX) {
        return cmsfw__min_fail(m, CMSFW_INSUFFICIENT_MEMORY, CMSFW_MIN_LIMIT_SIZE,
                               "a package of 4 GiB or more");
    }
    m->hdr[m->hdr_len++] = b;
    m->off++;
    st = cmsfw_der_read_header(m->hdr, m->hdr_len, 1, &t, &hl);
    if (st == CMSFW_DER_TRUNCATED) {
        if (m->hdr_len == sizeof m->hdr)
            return cmsfw__min_fail(m, CMSFW_DECODE_FAILURE, 0,
                                   "identifier and length octets too long");
        return CMSFW_OK;
    }
    if (st == CMSFW_DER_BAD_LENGTH && length_beyond_32_bits(m->hdr, m->hdr_len)) {
        /* judged as value_end() judges it: inside a definite length it
         * runs past the enclosing value, at the top it is the size limit */
        if (current_limit(m, &limit))
            return cmsfw__min_fail(m, CMSFW_DECODE_FAILURE, 0,
                                   "a length runs past its enclosing value");
        return cmsfw__min_fail(m, CMSFW_INSUFFICIENT_MEMORY, CMSFW_MIN_LIMIT_SIZE,
                               "a value of 4 GiB or more");
    }
    if (st != CMSFW_DER_OK)
        return cmsfw__min_fail(m, CMSFW_DECODE_FAILURE, 0, "malformed identifier or length octets");
    if (on_header(m, &t) != CMSFW_OK)
        return m->err;
    m->hdr_len = 0;
    return CMSFW_OK;
}

/* The primitive's contents are complete. */
static void
end_content(cmsfw_min *m)
{
    m->in_content = 0;
    m->content_role = R_SKIP;
    cmsfw__min_sig_end(m, 1);
    if (m->capture_level == (int)m->depth)
        finish_capture(m);
    if (m->depth == 0)
        m->top_done = 1;
    close_frames(m);
}

/* see cms/min_priv.h */
cmsfw_err
cmsfw__min_stream_push(cmsfw_min *m, const uint8_t *data, size_t len)
{
    size_t i = 0, n;

    while (i < len && m->err == CMSFW_OK) {
        if (m->top_done)
            return cmsfw__min_fail(m, CMSFW_DECODE_FAILURE, 0,
                                   "octets after the end of the ContentInfo");
        if (!m->in_content) {
            (void)header_octet(m, data[i]);
            i++;
            continue;
        }
        n = len - i;
        if ((uint64_t)n > (uint64_t)(m->content_end - m->off))
            n = (size_t)(m->content_end - m->off);
        if (deliver(m, data + i, n) != CMSFW_OK)
            break;
        i += n;
        m->off += (uint32_t)n;
        if (m->off == m->content_end)
            end_content(m);
    }
    return m->err;
}

/* see cms/min_priv.h */
int
cmsfw__min_stream_complete(const cmsfw_min *m)
{
    return m->top_done && !m->in_content && m->hdr_len == 0 && m->depth == 0;
}
