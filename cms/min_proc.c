/*
 * min_proc.c: the minimal profile's API (include/cmsfw/minimal.h), the
 * counterpart of the full profile's cms/proc.c. push() hands octets to the
 * tokenizer (min_stream.c); finish() judges the captured framing (steps
 * 2, 3 and 5, as the full profile does) and runs the checks of steps 6-20
 * (min_signer.c, min_policy.c); unwrap() removes the layers (min_unwrap.c).
 *
 * The work buffer holds, from its first suitably aligned octet, the
 * struct cmsfw_min and then `buf`: the captured framing and first
 * SignerInfo, then free space that unwrap() borrows through
 * cmsfw__min_scratch().
 */
#include <string.h>

#include "cms/min_oid.h"
#include "cms/min_priv.h"

/* Room beyond the state that init() demands: the framing (about 50 octets)
 * and a small SignerInfo (Ed25519 with the required attributes). */
#define MIN_ROOM 384u

/* Alignment of the state, in C99 terms. */
struct min_align_probe {
    char c;
    struct cmsfw_min m;
};
#define MIN_ALIGN offsetof(struct min_align_probe, m)

static int
live(const cmsfw_min *m)
{
    return m != NULL && m->magic == CMSFW__MIN_MAGIC;
}

/* see cmsfw/minimal.h */
size_t
cmsfw_min_work_min(void)
{
    return sizeof(struct cmsfw_min) + MIN_ALIGN - 1 + MIN_ROOM;
}

/* see cmsfw/minimal.h */
cmsfw_min *
cmsfw_min_init(void *work, size_t work_len, const cmsfw_device *dev, const cmsfw_stage *stage)
{
    uint8_t *w = work;
    size_t pad;
    cmsfw_min *m;

    if (work == NULL || dev == NULL || stage == NULL || work_len < cmsfw_min_work_min())
        return NULL;
    pad = (size_t)(-(uintptr_t)w & (MIN_ALIGN - 1));
    m = (cmsfw_min *)(void *)(w + pad);
    memset(m, 0, sizeof *m);
    m->magic = CMSFW__MIN_MAGIC;
    m->dev = dev;
    m->stage = stage;
    m->reason = "";
    m->buf = (uint8_t *)(m + 1);
    m->buf_len = work_len - pad - sizeof *m;
    /* offsets into buf are kept in 32 bits */
    if (m->buf_len > UINT32_MAX)
        m->buf_len = UINT32_MAX;
    cmsfw__min_stream_init(m);
    if (stage->write == NULL || stage->read == NULL)
        (void)cmsfw__min_fail(m, CMSFW_E_ARG, 0, "the stage lacks write() or read()");
    return m;
}

/* see cms/min_priv.h */
cmsfw_err
cmsfw__min_fail(cmsfw_min *m, cmsfw_err code, uint32_t limits, const char *why)
{
    if (m->err == CMSFW_OK && code != CMSFW_OK) {
        m->err = code;
        m->limits = limits;
        /* past step 4, which this profile does not make: the full profile
         * may have stopped there on the certificates or CRLs */
        if (m->flags & MIN_F_CERTS)
            m->limits |= CMSFW_MIN_LIMIT_CERTS;
        m->reason = why != NULL ? why : "";
    }
    return m->err;
}

/* see cmsfw/minimal.h */
cmsfw_err
cmsfw_min_push(cmsfw_min *m, const uint8_t *data, size_t len)
{
    if (!live(m) || (data == NULL && len > 0))
        return CMSFW_E_ARG;
    if (m->err != CMSFW_OK)
        return m->err;
    if (m->phase != MIN_STREAM)
        return CMSFW_E_STATE;
    return cmsfw__min_stream_push(m, data, len);
}

/* The captured TLV of MIN_SEEN_* bit @p which: the captures lie in buf in
 * the order of their bits. 0 when it was not captured; when it did not
 * fit in the work buffer, insufficientMemory is latched (the step
 * that needs it cannot be made). */
static int
captured(cmsfw_min *m, unsigned which, cmsfw_der_tlv *t)
{
    cmsfw_der_cur c;
    unsigned bit;

    if (m->lost & which) {
        (void)cmsfw__min_fail(m, CMSFW_INSUFFICIENT_MEMORY, CMSFW_MIN_LIMIT_WORK,
                              "framing or SignerInfo larger than the work buffer");
        return 0;
    }
    cmsfw_der_init(&c, m->buf, m->buf_used, 1);
    for (bit = MIN_SEEN_CI_TYPE; bit <= which; bit <<= 1) {
        if (!(m->seen & bit))
            continue;
        if (cmsfw_der_read(&c, t) != CMSFW_DER_OK)
            return 0;
        if (bit == which)
            return 1;
    }
    return 0;
}

/* The contents of a captured universal primitive of tag @p tag. */
static int
captured_value(cmsfw_min *m, unsigned which, uint32_t tag, cmsfw_der_tlv *t)
{
    return captured(m, which, t) && t->cls == CMSFW_DER_UNIVERSAL && !t->constructed &&
           t->tag == tag;
}

/* Count the elements of a SET; @p first receives the first one. */
static int
set_elements(const cmsfw_der_tlv *set, size_t *n, cmsfw_der_tlv *first)
{
    cmsfw_der_cur in;
    cmsfw_der_tlv e;

    *n = 0;
    cmsfw_der_enter(&in, set, 1);
    while (!cmsfw_der_at_end(&in)) {
        if (cmsfw_der_read(&in, &e) != CMSFW_DER_OK)
            return -1;
        if ((*n)++ == 0)
            *first = e;
    }
    return 0;
}

/* AlgorithmIdentifier TLV -> oid contents and parameters TLV. */
static int
split_alg(const cmsfw_der_tlv *seq, cmsfw_alg_id *alg)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv oid, params;

    memset(alg, 0, sizeof *alg);
    if (seq->cls != CMSFW_DER_UNIVERSAL || seq->tag != CMSFW_DER_TAG_SEQUENCE)
        return -1;
    cmsfw_der_enter(&c, seq, 1);
    if (cmsfw_der_expect(&c, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, &oid) != CMSFW_DER_OK)
        return -1;
    alg->oid.ptr = oid.val;
    alg->oid.len = oid.len;
    if (cmsfw_der_at_end(&c))
        return 0;
    if (cmsfw_der_read(&c, &params) != CMSFW_DER_OK || !cmsfw_der_at_end(&c))
        return -1;
    alg->params.ptr = params.tlv;
    alg->params.len = params.tlv_len;
    return 0;
}

/* Step 2: ContentInfo { id-signedData, [0] SignedData }. */
static cmsfw_err
judge_content_info(cmsfw_min *m)
{
    cmsfw_der_tlv t;

    if ((m->flags & MIN_BAD_CI) || !captured_value(m, MIN_SEEN_CI_TYPE, CMSFW_DER_TAG_OID, &t))
        return cmsfw__min_fail(m, CMSFW_BAD_CONTENT_INFO, 0, "ContentInfo is malformed");
    if (!(m->flags & MIN_F_SIGNED))
        return cmsfw__min_fail(m, CMSFW_BAD_CONTENT_INFO, 0,
                               "ContentInfo does not hold a SignedData");
    return CMSFW_OK;
}

/* Step 3: version 3, one digest algorithm, one SignerInfo. The
 * certificates are not examined (step 4 is not made). */
static cmsfw_err
judge_signed_data(cmsfw_min *m)
{
    cmsfw__min_framing *f = &m->f;
    cmsfw_der_tlv t, first;
    size_t n = 0;
    const char *why = NULL;

    if (m->flags & MIN_BAD_SD)
        why = "SignedData is malformed or its fields are out of order";
    else if (!captured_value(m, MIN_SEEN_VERSION, CMSFW_DER_TAG_INTEGER, &t) ||
             cmsfw_der_get_int(&t, &f->sd_version) != CMSFW_DER_OK)
        why = "SignedData version is malformed";
    else if (f->sd_version != 3)
        why = "SignedData version is not 3";
    else if (!captured(m, MIN_SEEN_DIGESTS, &t) || set_elements(&t, &n, &first) != 0 ||
             (n > 0 && split_alg(&first, &f->digest_alg) != 0))
        why = "digestAlgorithms is malformed";
    else if (n != 1)
        why = "digestAlgorithms does not hold exactly one algorithm";
    else if (f->n_signer_infos != 1 || !captured(m, MIN_SEEN_SIGNER, &t))
        why = "signerInfos does not hold exactly one SignerInfo";
    if (why != NULL)
        return cmsfw__min_fail(m, CMSFW_BAD_SIGNED_DATA, 0, why);
    f->signer_info.ptr = t.tlv;
    f->signer_info.len = t.tlv_len;
    return CMSFW_OK;
}

/* Step 5: an eContentType RFC 4108 (and its revision) allows, with eContent. */
static cmsfw_err
judge_encap(cmsfw_min *m)
{
    static const uint8_t allowed[] = {
        sizeof((uint8_t[]){MIN_OID_ID_CT_FIRMWAREPACKAGE}), MIN_OID_ID_CT_FIRMWAREPACKAGE,
        sizeof((uint8_t[]){MIN_OID_ID_CT_COMPRESSEDDATA}), MIN_OID_ID_CT_COMPRESSEDDATA,
        sizeof((uint8_t[]){MIN_OID_ID_ENCRYPTEDDATA}), MIN_OID_ID_ENCRYPTEDDATA,
        sizeof((uint8_t[]){MIN_OID_ID_CT_AUTHENVELOPEDDATA}), MIN_OID_ID_CT_AUTHENVELOPEDDATA,
        sizeof((uint8_t[]){MIN_OID_ID_ENVELOPEDDATA}), MIN_OID_ID_ENVELOPEDDATA,
    };
    cmsfw_der_tlv t;
    size_t i;

    if ((m->flags & MIN_BAD_ECI) || !captured_value(m, MIN_SEEN_ECI_TYPE, CMSFW_DER_TAG_OID, &t))
        return cmsfw__min_fail(m, CMSFW_BAD_ENCAP_CONTENT, 0, "encapContentInfo is malformed");
    m->f.econtent_type.ptr = t.val;
    m->f.econtent_type.len = t.len;
    /* allowed[] is a list of (length, OID contents) */
    for (i = 0; i < sizeof allowed; i += 1u + allowed[i])
        if (t.len == allowed[i] && memcmp(t.val, allowed + i + 1, t.len) == 0)
            break;
    if (i >= sizeof allowed)
        return cmsfw__min_fail(m, CMSFW_BAD_ENCAP_CONTENT, 0,
                               "eContentType is not a firmware package or a layer around one");
    if (!(m->flags & MIN_F_ECONTENT))
        return cmsfw__min_fail(m, CMSFW_MISSING_CONTENT, 0, "eContent is absent");
    m->f.has_econtent = 1;
    return CMSFW_OK;
}

/* The eContent digests, as the full profile takes them at step 5. */
static void
finish_hashes(cmsfw_min *m)
{
    cmsfw__min_framing *f = &m->f;
    size_t n = 0;

    f->econtent_hash = CMSFW_BK_HASH_NONE;
    if (m->hashing) {
        m->hashing = 0;
        if (cmsfw_bk_hash_final(&m->hash, f->econtent_digest, sizeof f->econtent_digest, &n) ==
            CMSFW_BK_OK) {
            f->econtent_hash = m->hash_alg;
            f->econtent_digest_len = n;
        }
    }
    f->econtent_plain = (m->flags & MIN_F_PLAIN) != 0;
    f->econtent_skipped = (m->flags & MIN_F_SKIP) != 0;
    if (!m->sha_on)
        return;
    m->sha_on = 0;
    f->has_econtent_sha256 =
        cmsfw_bk_hash_final(&m->sha, f->econtent_sha256, sizeof f->econtent_sha256, &n) ==
            CMSFW_BK_OK &&
        n == sizeof f->econtent_sha256;
}

/* Steps 2-20 in order; the first failure decides. */
static cmsfw_err
run_checks(cmsfw_min *m)
{
    cmsfw_err err;

    err = judge_content_info(m);
    if (err == CMSFW_OK)
        err = judge_signed_data(m);
    /* Step 4 is not made: certificates and CRLs were read over. From here
     * on, a verdict on a package carrying them is marked, since the full
     * profile may have stopped at step 4. */
    if (err == CMSFW_OK && (m->f.n_certs > 0 || m->f.has_crls))
        m->flags |= MIN_F_CERTS;
    if (err == CMSFW_OK)
        err = judge_encap(m);
    if (err == CMSFW_OK) {
        finish_hashes(m);
        err = cmsfw__min_check_signed(m);
    }
    if (err == CMSFW_OK)
        err = cmsfw__min_check_policy(m);
    return err;
}

/* see cmsfw/minimal.h */
cmsfw_err
cmsfw_min_finish(cmsfw_min *m, cmsfw_result *res)
{
    cmsfw_err err;

    if (!live(m))
        return CMSFW_E_ARG;
    if (m->phase != MIN_STREAM)
        return m->err != CMSFW_OK ? m->err : CMSFW_E_STATE;
    m->phase = MIN_FINISHED;
    cmsfw__min_sig_end(m, 0); /* a signature cut short: no verdict */
    err = m->err;
    if (err == CMSFW_OK && !cmsfw__min_stream_complete(m))
        err = cmsfw__min_fail(m, CMSFW_DECODE_FAILURE, 0, "the package is truncated");
    if (err == CMSFW_OK)
        err = run_checks(m);
    if (err != CMSFW_OK)
        err = cmsfw__min_fail(m, err, 0, "a check failed");
    m->res.econtent_len = m->f.econtent_len;
    if (err == CMSFW_OK)
        m->phase = MIN_ACCEPTED;
    if (res != NULL)
        *res = m->res;
    return err;
}

/* see cmsfw/minimal.h */
cmsfw_err
cmsfw_min_unwrap(cmsfw_min *m, const cmsfw_sink *sink)
{
    cmsfw_err err;

    if (!live(m) || sink == NULL || sink->write == NULL)
        return CMSFW_E_ARG;
    if (m->phase != MIN_ACCEPTED)
        return m->err != CMSFW_OK ? m->err : CMSFW_E_STATE;
    m->phase = MIN_UNWRAPPED;
    err = cmsfw__min_unwrap(m, sink);
    if (err != CMSFW_OK)
        err = cmsfw__min_fail(m, err, 0, "unwrap failed");
    return err;
}

/* see cmsfw/minimal.h */
const cmsfw_result *
cmsfw_min_result(const cmsfw_min *m)
{
    return live(m) ? &m->res : NULL;
}

/* see cmsfw/minimal.h */
const char *
cmsfw_min_reason(const cmsfw_min *m)
{
    return live(m) && m->err != CMSFW_OK ? m->reason : "";
}

/* see cmsfw/minimal.h */
uint32_t
cmsfw_min_limits(const cmsfw_min *m)
{
    if (!live(m))
        return 0;
    if (m->err != CMSFW_OK)
        return m->limits;
    /* an acceptance too: the full profile examines the certificates and
     * CRLs this profile reads over, and may refuse them */
    return (m->flags & MIN_F_CERTS) ? CMSFW_MIN_LIMIT_CERTS : 0;
}

/* see cmsfw/minimal.h */
size_t
cmsfw_min_work_used(const cmsfw_min *m)
{
    return live(m) ? sizeof *m + m->buf_high : 0;
}

/* see cmsfw/minimal.h */
void
cmsfw_min_end(cmsfw_min *m)
{
    size_t len;

    if (!live(m))
        return;
    if (m->staged && m->stage->discard != NULL)
        m->stage->discard(m->stage->io);
    cmsfw_bk_hash_abort(&m->hash);
    cmsfw_bk_hash_abort(&m->sha);
    cmsfw__min_sig_end(m, 0);
    len = sizeof *m + m->buf_len;
    memset(m, 0, len); /* the state (magic included) and buf */
}

/* An aligned region [p, end) of at least one octet, or NULL. */
static uint8_t *
align_region(uint8_t *p, const uint8_t *end, size_t align, size_t *len)
{
    size_t pad = (size_t)(-(uintptr_t)p & (align - 1));

    *len = 0;
    if (pad >= (size_t)(end - p))
        return NULL;
    *len = (size_t)(end - p) - pad;
    return p + pad;
}

/*
 * see cms/min_priv.h. After finish() the tokenizer is done with, so two
 * regions are free: the tail of buf past the captured TLVs (which the
 * framing and SignerInfo views point into, and which stay untouched), and
 * the tokenizer's stack and header octets inside the state (ends[],
 * roles[], kids[], hdr[]). The one inside the state is given when it
 * holds what is asked, since it costs nothing; else the larger. A caller
 * must not count on a region's contents surviving another step's use.
 */
void *
cmsfw__min_scratch(cmsfw_min *m, size_t align, size_t *len)
{
    uint8_t *a, *b;
    size_t want, la = 0, lb = 0;

    want = len != NULL ? *len : 0;
    if (len != NULL)
        *len = 0;
    if (!live(m) || len == NULL || m->phase == MIN_STREAM)
        return NULL;
    if (align == 0 || (align & (align - 1)) != 0)
        return NULL;
    a = align_region(m->buf + m->buf_used, m->buf + m->buf_len, align, &la);
    b = align_region((uint8_t *)m + offsetof(struct cmsfw_min, ends),
                     (uint8_t *)m + offsetof(struct cmsfw_min, hdr) + sizeof m->hdr, align, &lb);
    if (b != NULL && (want == 0 ? lb > la : (lb >= want || lb > la))) {
        *len = (want != 0 && want < lb) ? want : lb;
        return b;
    }
    if (a == NULL)
        return NULL;
    *len = (want != 0 && want < la) ? want : la;
    if (m->buf_high < (size_t)(a - m->buf) + *len)
        m->buf_high = (size_t)(a - m->buf) + *len;
    return a;
}
