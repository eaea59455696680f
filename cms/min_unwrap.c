/*
 * min_unwrap.c: steps 21-24 of the minimal profile (cms/min_priv.h), as
 * cms/unwrap.c does them in the full profile: the layer under SignedData,
 * firmware-package-message-digest (step 24), the image to the sink.
 *
 *   id-ct-firmwarePackage    the image: its digests were computed while
 *                            it streamed in, so step 24 compares before
 *                            the sink sees an octet, and the image moves
 *                            once (copied, adopted by the stage, or not at
 *                            all when the stage skipped it)
 *   id-encryptedData,        decrypted in place in the stage (min_layer*.c),
 *   id-ct-authEnvelopedData  then copied to the sink, hashed on the way
 *   id-ct-compressedData,    outside the profile: badCompressAlgorithm and
 *   id-envelopedData         badEncryptContent, with CMSFW_MIN_LIMIT_LAYER
 *
 * Step 24: with SHA-256, SHA-384 or SHA-512 (parameters absent or NULL)
 * the image digest is compared (badFirmware); any other algorithm, or one
 * the backend lacks, is ignored, as RFC 4108 allows. The processor's two
 * hash contexts, idle once push() is over, hash the image.
 */
#include <string.h>

#include "cms/min_oid.h"
#include "cms/min_priv.h"

/* The piece the image is copied to the sink in: it fits in the
 * tokenizer's idle fields inside the state (cmsfw__min_scratch), so
 * copying takes no work buffer; a smaller one is taken when less is free,
 * down to MU_MIN_CHUNK. */
#define MU_CHUNK 128u
#define MU_MIN_CHUNK 16u

static const uint8_t oid_fw[] = {MIN_OID_ID_CT_FIRMWAREPACKAGE};
static const uint8_t oid_compressed[] = {MIN_OID_ID_CT_COMPRESSEDDATA};
static const uint8_t oid_encrypted[] = {MIN_OID_ID_ENCRYPTEDDATA};
static const uint8_t oid_auth_enveloped[] = {MIN_OID_ID_CT_AUTHENVELOPEDDATA};
static const uint8_t oid_enveloped[] = {MIN_OID_ID_ENVELOPEDDATA};
/* id-sha256, id-sha384, id-sha512 differ in their last octet only. */
static const uint8_t oid_sha256[] = {MIN_OID_ID_SHA256};

/* The image on its way out. */
typedef struct mu_out {
    cmsfw_min *m;
    const cmsfw_sink *sink;
    int hashing;            /* step 24, in m->hash */
    cmsfw_bk_hash hash_alg;
    cmsfw_bytes want;       /* the digest the attribute gives */
    int sha_on;             /* the image SHA-256, in m->sha */
    uint64_t out_len;
} mu_out;

static int
bytes_is(cmsfw_bytes b, const uint8_t *oid, size_t n)
{
    return b.ptr != NULL && b.len == n && memcmp(b.ptr, oid, n) == 0;
}

static cmsfw_err
fail(const mu_out *o, cmsfw_err code, const char *why)
{
    return cmsfw__min_fail(o->m, code, 0, why);
}

/* FirmwarePackageMessageDigest ::= SEQUENCE {
 *   algorithm AlgorithmIdentifier, msgDigest OCTET STRING }
 * (DER: step 7 decoded it). Sets o->hash_alg, NONE when not checked. */
static int
fw_digest(mu_out *o, cmsfw_bytes tlv)
{
    static const uint8_t null_tlv[2] = {0x05, 0x00};
    static const uint8_t by_arc[4] = {CMSFW_BK_HASH_NONE, CMSFW_BK_SHA256, CMSFW_BK_SHA384,
                                      CMSFW_BK_SHA512};
    static const uint32_t caps[4] = {0, CMSFW_BK_CAP_SHA256, CMSFW_BK_CAP_SHA384,
                                     CMSFW_BK_CAP_SHA512};
    cmsfw_der_cur c, in, a;
    cmsfw_der_tlv seq, alg, oid, t;
    uint8_t arc;

    cmsfw_der_init(&c, tlv.ptr, tlv.len, 0);
    if (cmsfw_der_expect(&c, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &seq) !=
        CMSFW_DER_OK)
        return 0;
    cmsfw_der_enter(&in, &seq, 0);
    if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &alg) !=
            CMSFW_DER_OK ||
        cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OCTET_STRING, &t) !=
            CMSFW_DER_OK)
        return 0;
    o->want.ptr = t.val;
    o->want.len = t.len;
    cmsfw_der_enter(&a, &alg, 0);
    if (cmsfw_der_expect(&a, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, &oid) != CMSFW_DER_OK)
        return 0;
    o->hash_alg = CMSFW_BK_HASH_NONE;
    if (!cmsfw_der_at_end(&a) && (cmsfw_der_read(&a, &t) != CMSFW_DER_OK ||
                                  t.tlv_len != sizeof null_tlv ||
                                  memcmp(t.tlv, null_tlv, sizeof null_tlv) != 0))
        return 1; /* parameters other than NULL: not checked */
    if (oid.len != sizeof oid_sha256 || memcmp(oid.val, oid_sha256, sizeof oid_sha256 - 1) != 0)
        return 1;
    arc = oid.val[sizeof oid_sha256 - 1];
    if (arc >= 1 && arc <= 3 && cmsfw_bk_has(caps[arc]))
        o->hash_alg = (cmsfw_bk_hash)by_arc[arc];
    return 1;
}

/* n image octets to the step 24 digest, the SHA-256 and the sink. */
static cmsfw_err
emit(mu_out *o, const uint8_t *p, size_t n)
{
    cmsfw_min *m = o->m;

    if (n == 0)
        return CMSFW_OK;
    if (o->hashing && cmsfw_bk_hash_update(&m->hash, p, n) != CMSFW_BK_OK)
        return fail(o, CMSFW_E_BACKEND, "crypto backend failed");
    if (o->sha_on && cmsfw_bk_hash_update(&m->sha, p, n) != CMSFW_BK_OK)
        return fail(o, CMSFW_E_BACKEND, "crypto backend failed");
    if (o->sink->write(o->sink->io, p, n) != 0)
        return fail(o, CMSFW_E_IO, "stage or sink I/O failed");
    o->out_len += n;
    return CMSFW_OK;
}

/* Stage octets [0, len) through the scratch area: to the sink (and the
 * digests) when to_sink, else to the step 24 digest only. */
static cmsfw_err
pass_stage(mu_out *o, uint64_t len, int to_sink)
{
    cmsfw_min *m = o->m;
    size_t cap = MU_CHUNK, take;
    uint8_t *buf = (uint8_t *)cmsfw__min_scratch(m, 8, &cap);
    uint64_t off = 0;
    cmsfw_err err = CMSFW_OK;

    if (buf == NULL || cap < MU_MIN_CHUNK)
        return cmsfw__min_fail(m, CMSFW_INSUFFICIENT_MEMORY, CMSFW_MIN_LIMIT_WORK,
                               "work buffer too small");
    while (err == CMSFW_OK && off < len) {
        take = (len - off > cap) ? cap : (size_t)(len - off);
        if (m->stage->read(m->stage->io, off, buf, take) != 0)
            err = fail(o, CMSFW_E_IO, "stage or sink I/O failed");
        else if (to_sink)
            err = emit(o, buf, take);
        else if (cmsfw_bk_hash_update(&m->hash, buf, take) != CMSFW_BK_OK)
            err = fail(o, CMSFW_E_BACKEND, "crypto backend failed");
        off += take;
    }
    memset(buf, 0, cap);
    return err;
}

/* Step 24 at the end of the image; a SHA-256 digest is also the result's
 * image SHA-256. */
static cmsfw_err
check_image_digest(mu_out *o)
{
    cmsfw_result *res = &o->m->res;
    uint8_t md[CMSFW_BK_HASH_MAX];
    size_t md_len = 0;
    int ok = 0;

    if (!o->hashing)
        return CMSFW_OK;
    o->hashing = 0;
    if (cmsfw_bk_hash_final(&o->m->hash, md, sizeof md, &md_len) != CMSFW_BK_OK)
        return fail(o, CMSFW_E_BACKEND, "crypto backend failed");
    ok = o->want.len == md_len && memcmp(o->want.ptr, md, md_len) == 0;
    if (ok && o->hash_alg == CMSFW_BK_SHA256 && md_len == sizeof res->image_sha256) {
        memcpy(res->image_sha256, md, md_len);
        res->has_image_sha256 = 1;
    }
    memset(md, 0, sizeof md);
    if (!ok)
        return fail(o, CMSFW_BAD_FIRMWARE, "firmware digest mismatch");
    return CMSFW_OK;
}

/* Step 24 for a plain package, from the digests push() computed, or
 * one more pass over the stage when the hash is not the signer's. */
static cmsfw_err
plain_digest(mu_out *o)
{
    const cmsfw__min_framing *f = &o->m->f;
    cmsfw_err err;

    if (!o->hashing)
        return CMSFW_OK;
    if (o->hash_alg != f->econtent_hash || f->econtent_digest_len == 0) {
        if (f->econtent_skipped)
            return fail(o, CMSFW_E_STATE,
                        "the stage skipped the image the digest needs");
        err = pass_stage(o, f->econtent_len, 0);
        return err != CMSFW_OK ? err : check_image_digest(o);
    }
    o->hashing = 0;
    cmsfw_bk_hash_abort(&o->m->hash);
    if (o->want.len != f->econtent_digest_len ||
        memcmp(o->want.ptr, f->econtent_digest, o->want.len) != 0)
        return fail(o, CMSFW_BAD_FIRMWARE, "firmware digest mismatch");
    return CMSFW_OK;
}

static cmsfw_err
plain_image(mu_out *o)
{
    cmsfw_min *m = o->m;
    const cmsfw__min_framing *f = &m->f;
    cmsfw_err err = plain_digest(o);

    if (err != CMSFW_OK)
        return err;
    if (f->econtent_hash == CMSFW_BK_SHA256 &&
        f->econtent_digest_len == sizeof m->res.image_sha256) {
        memcpy(m->res.image_sha256, f->econtent_digest, sizeof m->res.image_sha256);
        m->res.has_image_sha256 = 1;
    } else if (f->has_econtent_sha256) {
        memcpy(m->res.image_sha256, f->econtent_sha256, sizeof m->res.image_sha256);
        m->res.has_image_sha256 = 1;
    }
    if (!f->econtent_skipped && m->stage->adopt == NULL)
        return pass_stage(o, f->econtent_len, 1);
    if (!f->econtent_skipped && m->stage->adopt(m->stage->io, f->econtent_len) != 0)
        return fail(o, CMSFW_E_IO, "stage or sink I/O failed");
    o->out_len = f->econtent_len;
    return CMSFW_OK;
}

/* The layer eContentType names. */
static cmsfw_err
run_layers(mu_out *o)
{
    cmsfw_min *m = o->m;
    const cmsfw_bytes type = m->f.econtent_type;
    uint64_t pt_len = 0;
    int auth = bytes_is(type, oid_auth_enveloped, sizeof oid_auth_enveloped);
    int compressed = 0;
    cmsfw_err err;

    if (bytes_is(type, oid_fw, sizeof oid_fw))
        return pass_stage(o, m->f.econtent_len, 1);
    if (bytes_is(type, oid_enveloped, sizeof oid_enveloped)) {
        m->res.layers |= CMSFW_LAYER_ENCRYPTED;
        return cmsfw__min_fail(m, CMSFW_BAD_ENCRYPT_CONTENT, CMSFW_MIN_LIMIT_LAYER,
                               "EnvelopedData: not in this profile");
    }
    if (!auth && !bytes_is(type, oid_encrypted, sizeof oid_encrypted) &&
        !bytes_is(type, oid_compressed, sizeof oid_compressed))
        return fail(o, CMSFW_BAD_ENCAP_CONTENT, "unknown eContentType");
    if (bytes_is(type, oid_compressed, sizeof oid_compressed)) {
        compressed = 1;
    } else {
        err = cmsfw__min_layer(m, auth, &pt_len, &compressed);
        if (err != CMSFW_OK)
            return err;
    }
    if (compressed) {
        m->res.layers |= CMSFW_LAYER_COMPRESSED;
        return cmsfw__min_fail(m, CMSFW_BAD_COMPRESS_ALGORITHM, CMSFW_MIN_LIMIT_LAYER,
                               "CompressedData: not in this profile");
    }
    return pass_stage(o, pt_len, 1);
}

/* see cms/min_priv.h */
cmsfw_err
cmsfw__min_unwrap(cmsfw_min *m, const cmsfw_sink *sink)
{
    cmsfw_result *res = &m->res;
    mu_out o;
    size_t n = 0;
    cmsfw_err err = CMSFW_E_ARG;

    if (sink == NULL || sink->write == NULL || m->stage->read == NULL ||
        m->stage->write == NULL)
        return cmsfw__min_fail(m, CMSFW_E_ARG, 0, "unwrap: missing argument");
    res->layers = 0;
    res->image_len = 0;
    res->decrypt_key_id.ptr = NULL;
    res->decrypt_key_id.len = 0;
    res->has_image_sha256 = 0;
    memset(&o, 0, sizeof o);
    o.m = m;
    o.sink = sink;
    if (m->s.fw_digest.ptr != NULL) {
        if (!fw_digest(&o, m->s.fw_digest))
            return fail(&o, CMSFW_BAD_SIGNED_ATTRS,
                        "bad firmware digest attribute");
        if (o.hash_alg != CMSFW_BK_HASH_NONE &&
            cmsfw_bk_hash_init(&m->hash, o.hash_alg) == CMSFW_BK_OK)
            o.hashing = 1;
    }
    if (m->f.econtent_plain) {
        err = plain_image(&o);
    } else {
        /* a second SHA-256 only when step 24 does not hash with SHA-256 */
        if (!(o.hashing && o.hash_alg == CMSFW_BK_SHA256))
            o.sha_on = cmsfw_bk_hash_init(&m->sha, CMSFW_BK_SHA256) == CMSFW_BK_OK;
        err = run_layers(&o);
        if (err == CMSFW_OK)
            err = check_image_digest(&o);
    }
    res->image_len = o.out_len;
    if (err != CMSFW_OK)
        res->has_image_sha256 = 0;
    if (err == CMSFW_OK && o.sha_on)
        res->has_image_sha256 =
            cmsfw_bk_hash_final(&m->sha, res->image_sha256, sizeof res->image_sha256, &n) ==
                CMSFW_BK_OK &&
            n == sizeof res->image_sha256;
    cmsfw_bk_hash_abort(&m->sha);
    cmsfw_bk_hash_abort(&m->hash);
    return err;
}
