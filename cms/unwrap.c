/*
 * unwrap.c: steps 21-25 of the device procedure (docs/procedure.md): read
 * the staged eContent back, remove the protection layers and write the
 * image to the sink.
 *
 * The layers a package may carry, outermost first:
 *   id-ct-firmwarePackage                 the image itself
 *   id-ct-compressedData                  CompressedData{image}
 *   id-encryptedData, id-envelopedData,   an encryption layer around the
 *   id-ct-authEnvelopedData               image or CompressedData{image}
 *
 * Decryption happens in place in the stage, from offset 0, and completes
 * (padding or tag checked) before anything reaches the sink. Inflation
 * streams from the stage to the sink. The sink is the device's final
 * staging area: when a later check fails (decompressFailure half-way,
 * badFirmware at the end) the caller discards what it received.
 *
 * Step 24: when firmware-package-message-digest is present with SHA-256,
 * SHA-384 or SHA-512 (parameters absent or NULL), the image is hashed on
 * its way to the sink and compared at the end (badFirmware). Any other
 * algorithm, or one this backend lacks, is ignored, as RFC 4108 allows
 * ("the loader MAY use it").
 *
 * A plain package (FirmwarePkgData) is the exception: its eContent is the
 * image, so push() already hashed it, with the signer's digest algorithm
 * and with SHA-256. Step 24 then compares before the sink sees an octet,
 * and the image moves once: copied to the sink, adopted by the stage where
 * it lies, or not at all when the stage skipped it.
 */
#include <stdlib.h>
#include <string.h>

#include "cms/diag.h"
#include "cms/unwrap_priv.h"

const uint8_t cmsfw__uw_oid_fw[11] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                                      0x01, 0x09, 0x10, 0x01, 0x10};
const uint8_t cmsfw__uw_oid_compressed[11] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                                              0x01, 0x09, 0x10, 0x01, 0x09};
static const uint8_t oid_encrypted[9] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x06};
static const uint8_t oid_enveloped[9] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x03};
static const uint8_t oid_auth_enveloped[11] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                                               0x01, 0x09, 0x10, 0x01, 0x17};
/* id-sha256, id-sha384, id-sha512 (2.16.840.1.101.3.4.2.1..3) share
 * their first eight octets. */
static const uint8_t oid_sha2_prefix[8] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02};

static int
bytes_is(cmsfw_bytes b, const uint8_t *oid, size_t n)
{
    return b.ptr != NULL && b.len == n && memcmp(b.ptr, oid, n) == 0;
}

void
cmsfw__uw_wipe(void *p, size_t n)
{
    volatile uint8_t *v = (volatile uint8_t *)p;

    while (n-- > 0)
        *v++ = 0;
}

cmsfw_err
cmsfw__uw_sr_fail(cmsfw__uw *uw, cmsfw__sr_status st, cmsfw_err code, const char *what)
{
    if (st == CMSFW__SR_IO)
        return cmsfw__fail(uw->diag, CMSFW_E_IO, "%s: reading the stage failed", what);
    if (st == CMSFW_DER_BUFFER)
        return cmsfw__fail(uw->diag, code, "%s: too long", what);
    if (st == CMSFW_DER_END)
        return cmsfw__fail(uw->diag, code, "%s: missing", what);
    return cmsfw__fail(uw->diag, code, "%s: %s", what,
                       cmsfw_der_status_str((cmsfw_der_status)st));
}

int
cmsfw__uw_octets(const cmsfw_der_tlv *t, uint8_t *out, size_t cap, size_t *n)
{
    cmsfw_der_segments sg;
    const uint8_t *p = NULL;
    size_t k = 0, got = 0;
    cmsfw_der_status st;

    *n = 0;
    cmsfw_der_segments_init(&sg, t, CMSFW_DER_TAG_OCTET_STRING, 1);
    while ((st = cmsfw_der_segments_next(&sg, &p, &k)) == CMSFW_DER_OK) {
        if (k > cap - got)
            return 0;
        if (k > 0)
            memcpy(out + got, p, k);
        got += k;
    }
    if (st != CMSFW_DER_END)
        return 0;
    *n = got;
    return 1;
}

cmsfw_err
cmsfw__uw_emit(cmsfw__uw *uw, const uint8_t *p, size_t n)
{
    if (n == 0)
        return CMSFW_OK;
    if (uw->hashing && cmsfw_bk_hash_update(&uw->hash, p, n) != CMSFW_BK_OK)
        return cmsfw__fail(uw->diag, CMSFW_E_BACKEND, "image digest: hash update failed");
    if (uw->sha_on && cmsfw_bk_hash_update(&uw->sha, p, n) != CMSFW_BK_OK)
        return cmsfw__fail(uw->diag, CMSFW_E_BACKEND, "image SHA-256: hash update failed");
    if (uw->sink->write(uw->sink->io, p, n) != 0)
        return cmsfw__fail(uw->diag, CMSFW_E_IO, "writing the image to the sink failed");
    uw->out_len += n;
    return CMSFW_OK;
}

cmsfw_err
cmsfw__uw_copy(cmsfw__uw *uw, uint64_t len)
{
    uint64_t off = 0;
    size_t take;
    cmsfw__sr_status st;
    cmsfw_err err;

    while (off < len) {
        take = (len - off > CMSFW__UW_CHUNK) ? CMSFW__UW_CHUNK : (size_t)(len - off);
        st = cmsfw__sr_read(&uw->rd, off, uw->buf, take);
        if (st != CMSFW_DER_OK)
            return cmsfw__uw_sr_fail(uw, st, CMSFW_E_IO, "firmware image");
        err = cmsfw__uw_emit(uw, uw->buf, take);
        if (err != CMSFW_OK)
            return err;
        off += take;
    }
    return CMSFW_OK;
}

/* The hash named by a firmware-package-message-digest algorithm, or NONE
 * when the image digest is not checked. */
static cmsfw_bk_hash
image_hash(const cmsfw_alg_id *alg)
{
    static const uint8_t null_tlv[2] = {0x05, 0x00};
    static const cmsfw_bk_hash by_arc[4] = {CMSFW_BK_HASH_NONE, CMSFW_BK_SHA256,
                                            CMSFW_BK_SHA384, CMSFW_BK_SHA512};
    static const uint32_t caps[4] = {0, CMSFW_BK_CAP_SHA256, CMSFW_BK_CAP_SHA384,
                                     CMSFW_BK_CAP_SHA512};
    uint8_t arc;

    if (alg->oid.ptr == NULL || alg->oid.len != sizeof(oid_sha2_prefix) + 1 ||
        memcmp(alg->oid.ptr, oid_sha2_prefix, sizeof(oid_sha2_prefix)) != 0)
        return CMSFW_BK_HASH_NONE;
    if (alg->params.ptr != NULL && !bytes_is(alg->params, null_tlv, sizeof(null_tlv)))
        return CMSFW_BK_HASH_NONE;
    arc = alg->oid.ptr[sizeof(oid_sha2_prefix)];
    if (arc < 1 || arc > 3 || !cmsfw_bk_has(caps[arc]))
        return CMSFW_BK_HASH_NONE;
    return by_arc[arc];
}

/* Step 24 at the end of the image. When the attribute's hash is SHA-256,
 * its digest is also the image SHA-256 the result reports (one pass). */
static cmsfw_err
check_image_digest(cmsfw__uw *uw)
{
    uint8_t md[CMSFW_BK_HASH_MAX];
    size_t md_len = 0;
    const cmsfw_bytes want = uw->s->fw_digest.digest;
    cmsfw_err err = CMSFW_BAD_FIRMWARE;

    if (!uw->hashing)
        return CMSFW_OK;
    uw->hashing = 0;
    if (cmsfw_bk_hash_final(&uw->hash, md, sizeof(md), &md_len) != CMSFW_BK_OK)
        return cmsfw__fail(uw->diag, CMSFW_E_BACKEND, "image digest: hash final failed");
    if (want.ptr != NULL && want.len == md_len && memcmp(want.ptr, md, md_len) == 0)
        err = CMSFW_OK;
    if (err == CMSFW_OK && uw->hash_alg == CMSFW_BK_SHA256 &&
        md_len == sizeof uw->res->image_sha256) {
        memcpy(uw->res->image_sha256, md, md_len);
        uw->res->has_image_sha256 = 1;
    }
    cmsfw__uw_wipe(md, sizeof(md));
    if (err != CMSFW_OK)
        return cmsfw__fail(uw->diag, err,
                           "firmware-package-message-digest does not match the image");
    return CMSFW_OK;
}

/* Step 24 for a plain package whose image digest uses another hash than
 * the signer's: one more pass over the stage. */
static cmsfw_err
hash_stage(cmsfw__uw *uw, uint64_t len)
{
    uint64_t off = 0;
    size_t take;
    cmsfw__sr_status st;

    while (off < len) {
        take = (len - off > CMSFW__UW_CHUNK) ? CMSFW__UW_CHUNK : (size_t)(len - off);
        st = cmsfw__sr_read(&uw->rd, off, uw->buf, take);
        if (st != CMSFW_DER_OK)
            return cmsfw__uw_sr_fail(uw, st, CMSFW_E_IO, "firmware image");
        if (cmsfw_bk_hash_update(&uw->hash, uw->buf, take) != CMSFW_BK_OK)
            return cmsfw__fail(uw->diag, CMSFW_E_BACKEND, "image digest: hash update failed");
        off += take;
    }
    return check_image_digest(uw);
}

static cmsfw_err
plain_digest(cmsfw__uw *uw, const cmsfw__framing *f)
{
    const cmsfw_bytes want = uw->s->fw_digest.digest;

    if (!uw->hashing)
        return CMSFW_OK;
    if (uw->hash_alg != f->econtent_hash || f->econtent_digest_len == 0) {
        if (f->econtent_skipped)
            return cmsfw__fail(uw->diag, CMSFW_E_STATE,
                               "firmware-package-message-digest uses another hash than the "
                               "signer, and the stage kept no image to hash");
        return hash_stage(uw, f->econtent_len);
    }
    uw->hashing = 0;
    cmsfw_bk_hash_abort(&uw->hash);
    if (want.ptr == NULL || want.len != f->econtent_digest_len ||
        memcmp(want.ptr, f->econtent_digest, want.len) != 0)
        return cmsfw__fail(uw->diag, CMSFW_BAD_FIRMWARE,
                           "firmware-package-message-digest does not match the image");
    return CMSFW_OK;
}

static cmsfw_err
plain_image(cmsfw__uw *uw, const cmsfw__framing *f, const cmsfw_stage *stage)
{
    const uint64_t len = f->econtent_len;
    cmsfw_err err;

    err = plain_digest(uw, f);
    if (err != CMSFW_OK)
        return err;
    if (f->econtent_hash == CMSFW_BK_SHA256 &&
        f->econtent_digest_len == sizeof uw->res->image_sha256) {
        memcpy(uw->res->image_sha256, f->econtent_digest, sizeof uw->res->image_sha256);
        uw->res->has_image_sha256 = 1;
    } else if (f->has_econtent_sha256) {
        memcpy(uw->res->image_sha256, f->econtent_sha256, sizeof uw->res->image_sha256);
        uw->res->has_image_sha256 = 1;
    }
    if (f->econtent_skipped) {
        uw->out_len = len;
        return CMSFW_OK;
    }
    if (stage->adopt != NULL) {
        if (stage->adopt(stage->io, len) != 0)
            return cmsfw__fail(uw->diag, CMSFW_E_IO, "the stage could not adopt the image");
        uw->out_len = len;
        return CMSFW_OK;
    }
    return cmsfw__uw_copy(uw, len);
}

static cmsfw_err
run_layers(cmsfw__uw *uw, const cmsfw__framing *f)
{
    const cmsfw_bytes type = f->econtent_type;
    const uint64_t len = f->econtent_len;

    if (bytes_is(type, cmsfw__uw_oid_fw, sizeof(cmsfw__uw_oid_fw)))
        return cmsfw__uw_copy(uw, len);
    if (bytes_is(type, cmsfw__uw_oid_compressed, sizeof(cmsfw__uw_oid_compressed)))
        return cmsfw__uw_compressed(uw, len, CMSFW_BAD_ENCAP_CONTENT);
    if (bytes_is(type, oid_encrypted, sizeof(oid_encrypted)))
        return cmsfw__uw_encrypted(uw, CMSFW__UW_ENCRYPTED, len);
    if (bytes_is(type, oid_auth_enveloped, sizeof(oid_auth_enveloped)))
        return cmsfw__uw_encrypted(uw, CMSFW__UW_AUTH_ENVELOPED, len);
    if (bytes_is(type, oid_enveloped, sizeof(oid_enveloped)))
        return cmsfw__uw_encrypted(uw, CMSFW__UW_ENVELOPED, len);
    return cmsfw__fail(uw->diag, CMSFW_BAD_ENCAP_CONTENT, "eContentType is not a known layer");
}

/* see cms/proc_priv.h */
cmsfw_err
cmsfw__unwrap(const cmsfw__framing *f, const cmsfw__signed *s, const cmsfw_device *dev,
              const cmsfw_stage *stage, const cmsfw_sink *sink, cmsfw_result *res,
              cmsfw_diag *diag)
{
    cmsfw__uw *uw;
    cmsfw_result scratch;
    cmsfw_err err = CMSFW_E_ARG;

    if (f == NULL || s == NULL || dev == NULL || stage == NULL || stage->read == NULL ||
        stage->write == NULL || sink == NULL || sink->write == NULL)
        return cmsfw__fail(diag, CMSFW_E_ARG, "unwrap: missing argument");
    if (res == NULL) {
        memset(&scratch, 0, sizeof(scratch));
        res = &scratch;
    }
    res->layers = 0;
    res->image_len = 0;
    res->decrypt_key_id.ptr = NULL;
    res->decrypt_key_id.len = 0;
    uw = (cmsfw__uw *)calloc(1, sizeof(*uw));
    if (uw == NULL)
        return cmsfw__fail(diag, CMSFW_E_NOMEM, "unwrap: out of memory");
    uw->s = s;
    uw->dev = dev;
    uw->sink = sink;
    uw->res = res;
    uw->diag = diag;
    uw->max_image = dev->max_image != 0 ? dev->max_image : CMSFW_PROC_DEFAULT_MAX_IMAGE;
    cmsfw__sr_init(&uw->rd, stage, f->econtent_len);
    if (s->has_fw_digest) {
        uw->hash_alg = image_hash(&s->fw_digest.alg);
        if (uw->hash_alg != CMSFW_BK_HASH_NONE &&
            cmsfw_bk_hash_init(&uw->hash, uw->hash_alg) == CMSFW_BK_OK)
            uw->hashing = 1;
    }
    res->has_image_sha256 = 0;
    if (f->econtent_plain) {
        err = plain_image(uw, f, stage);
    } else {
        /* a second SHA-256 only when step 24 does not hash with SHA-256 */
        if (!(uw->hashing && uw->hash_alg == CMSFW_BK_SHA256))
            uw->sha_on = cmsfw_bk_hash_init(&uw->sha, CMSFW_BK_SHA256) == CMSFW_BK_OK;
        err = run_layers(uw, f);
        if (err == CMSFW_OK)
            err = check_image_digest(uw);
    }
    res->image_len = uw->out_len;
    if (err != CMSFW_OK)
        res->has_image_sha256 = 0;
    if (err == CMSFW_OK && uw->sha_on) {
        size_t n = 0;
        uw->sha_on = 0;
        res->has_image_sha256 =
            cmsfw_bk_hash_final(&uw->sha, res->image_sha256, sizeof res->image_sha256, &n) ==
                CMSFW_BK_OK &&
            n == sizeof res->image_sha256;
    }
    cmsfw_bk_hash_abort(&uw->sha);
    cmsfw_bk_hash_abort(&uw->hash);
    cmsfw_bk_cipher_abort(&uw->cipher);
    cmsfw__uw_wipe(uw, sizeof(*uw));
    free(uw);
    return err;
}
