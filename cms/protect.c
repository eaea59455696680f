/*
 * protect.c: cmsfw_protect(), the package producer.
 *
 * Layers, innermost first (RFC 4108 section 2): the image
 * (id-ct-firmwarePackage); CompressedData when asked; EncryptedData or
 * AuthEnvelopedData when asked; SignedData in a ContentInfo.
 *
 * One pass: every length is known before the first octet goes out. The
 * image length is given; a compressed stream is measured by deflating it
 * into the scratch stage first; ciphertext lengths follow from the
 * plaintext; the SignerInfo is sized for the longest signature the key
 * makes (sign_info.c makes an ECDSA signature of exactly that length).
 * While the eContent streams out it is hashed for message-digest and the
 * image for firmware-package-message-digest; the signed attributes and
 * the signature come last, as on the wire.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cms/diag.h"
#include "cms/pem.h"
#include "cms/protect_priv.h"

/* Tries at an ECDSA signature of the planned length (see sign_exact);
 * (3/4)^256 makes failure a non-event. */
#define SIGN_TRIES 256

/* Everything one call needs, on the heap (cipher and hash contexts are
 * large for a stack). */
typedef struct protect_ctx {
    const cmsfw_protect_opts *opts;
    cmsfw__signer s;
    int encrypt;
    cmsfw__enc enc;
    uint64_t comp_len;
    size_t plain_len;          /* the layer under the encryption */
    size_t econtent_len;
    cmsfw_bytes inner_type;    /* type of the plaintext layer */
    cmsfw_bytes econtent_type;
    int same_digest;           /* eContent = image: one hash serves both */
    int64_t signing_time;      /* seconds since 1970 (UTC) */
    cmsfw_bk_hash_ctx fw_hash, ec_hash;
    uint8_t fw_digest[CMSFW_BK_HASH_MAX], ec_digest[CMSFW_BK_HASH_MAX];
    cmsfw__attrs attrs;
    uint8_t *uattrs;           /* [1] unsignedAttrs TLV, CBC only */
    size_t uattrs_len;
    uint8_t *chunk;
    cmsfw__pout out;
} protect_ctx;

/* ------------------------------------------------------------- output */

/* see cms/protect_priv.h */
cmsfw_err
cmsfw__pout_flush(cmsfw__pout *o)
{
    if (o->err == CMSFW_OK && o->fill > 0 && o->sink->write(o->sink->io, o->buf, o->fill) != 0)
        o->err = CMSFW_E_IO;
    o->fill = 0;
    return o->err;
}

/* see cms/protect_priv.h */
cmsfw_err
cmsfw__pout_write(cmsfw__pout *o, const uint8_t *p, size_t n)
{
    if (o->err != CMSFW_OK || n == 0)
        return o->err;
    if (o->hash != NULL && cmsfw_bk_hash_update(o->hash, p, n) != CMSFW_BK_OK)
        return o->err = CMSFW_E_BACKEND;
    o->total += n;
    if (n <= sizeof o->buf - o->fill) {
        memcpy(o->buf + o->fill, p, n);
        o->fill += n;
        return CMSFW_OK;
    }
    if (cmsfw__pout_flush(o) != CMSFW_OK)
        return o->err;
    if (n < sizeof o->buf) {
        memcpy(o->buf, p, n);
        o->fill = n;
    } else if (o->sink->write(o->sink->io, p, n) != 0) {
        o->err = CMSFW_E_IO;
    }
    return o->err;
}

static cmsfw_err
out_failed(const protect_ctx *c, cmsfw_diag *diag)
{
    if (c->out.err == CMSFW_E_IO)
        return cmsfw__fail(diag, CMSFW_E_IO, "writing the package failed");
    return cmsfw__fail(diag, c->out.err, "hash failed while writing the package");
}

/* ------------------------------------------------------------ options */

static cmsfw_err
check_kek(const cmsfw_kek *kek, cmsfw_diag *diag)
{
    if (kek->key.ptr == NULL || kek->key.len == 0)
        return cmsfw__fail(diag, CMSFW_E_ARG, "encryption needs the device KEK");
    if (kek->key.len != 16 && kek->key.len != 32)
        return cmsfw__fail(diag, CMSFW_E_ARG, "KEK of %zu octets (AES-128 or AES-256: 16 or 32)",
                           kek->key.len);
    if (kek->id.ptr == NULL || kek->id.len == 0 || kek->id.len > CMSFW__KEK_ID_MAX)
        return cmsfw__fail(diag, CMSFW_E_ARG, "KEK identifier of 1 to %d octets needed",
                           CMSFW__KEK_ID_MAX);
    return CMSFW_OK;
}

static cmsfw_err
check_args(const cmsfw_protect_opts *opts, const cmsfw_reader *in, uint64_t image_len,
           const cmsfw_stage *scratch, const cmsfw_sink *out, cmsfw_diag *diag)
{
    if (opts == NULL || in == NULL || in->read == NULL || out == NULL || out->write == NULL)
        return cmsfw__fail(diag, CMSFW_E_ARG, "missing options, reader or sink");
    if (opts->n_targets == 0 || opts->targets == NULL)
        return cmsfw__fail(diag, CMSFW_E_ARG, "no target hardware: at least one is needed");
    if (image_len == 0 || image_len > CMSFW__PROTECT_MAX_IMAGE)
        return cmsfw__fail(diag, CMSFW_E_ARG, "image of %llu octets (1 to %llu)",
                           (unsigned long long)image_len,
                           (unsigned long long)CMSFW__PROTECT_MAX_IMAGE);
    if (opts->compress != 0 && opts->compress != 1)
        return cmsfw__fail(diag, CMSFW_E_ARG, "compress must be 0 or 1");
    if (opts->compress &&
        (scratch == NULL || scratch->read == NULL || scratch->write == NULL))
        return cmsfw__fail(diag, CMSFW_E_ARG, "compression needs a scratch stage");
    if (opts->encrypt < CMSFW_ENCRYPT_NONE || opts->encrypt > CMSFW_ENCRYPT_AES256_GCM)
        return cmsfw__fail(diag, CMSFW_E_ARG, "unknown encryption algorithm %d",
                           (int)opts->encrypt);
    if (opts->encrypt != CMSFW_ENCRYPT_NONE)
        return check_kek(&opts->kek, diag);
    return CMSFW_OK;
}

/* -------------------------------------------------- signed attributes */

/* An attribute whose value a fw.h encoder writes: size query, then the
 * value straight into its slot. The encoders share one shape, told apart
 * by @p kind. */
enum value_kind { V_PKG_ID, V_OIDS, V_COMMUNITIES, V_INFO, V_FW_DIGEST };

static cmsfw_err
encode_value(enum value_kind kind, const void *v, uint8_t *out, size_t cap, size_t *n,
             cmsfw_diag *diag)
{
    switch (kind) {
    case V_PKG_ID:
        return cmsfw_pkg_id_encode(v, out, cap, n, diag);
    case V_OIDS:
        return cmsfw_oid_list_encode(v, out, cap, n, diag);
    case V_COMMUNITIES:
        return cmsfw_communities_encode(v, out, cap, n, diag);
    case V_INFO:
        return cmsfw_pkg_info_encode(v, out, cap, n, diag);
    case V_FW_DIGEST:
        return cmsfw_fw_digest_encode(v, out, cap, n, diag);
    }
    return CMSFW_E_ARG;
}

static cmsfw_err
add_encoded(cmsfw__attrs *a, const char *type, enum value_kind kind, const void *v,
            cmsfw_diag *diag)
{
    size_t n = 0, m = 0;
    cmsfw_diag why = {{0}};
    cmsfw_err err = encode_value(kind, v, NULL, 0, &n, &why);
    uint8_t *p = NULL;

    if (err != CMSFW_OK)
        return cmsfw__fail(diag, err == CMSFW_E_NOMEM ? err : CMSFW_E_ARG, "%s: %s", type,
                           why.msg);
    p = cmsfw__attrs_slot(a, cmsfw__oid(type), n, &err);
    if (p == NULL)
        return cmsfw__fail(diag, err, "%s: out of memory", type);
    err = encode_value(kind, v, p, n, &m, diag);
    if (err == CMSFW_OK && m != n)
        err = cmsfw__fail(diag, CMSFW_E_BACKEND, "%s: size changed", type);
    return err;
}

/* The signed attributes, sorted; the digests may still be zeros (when
 * sizing): their lengths are what matters then. */
static cmsfw_err
build_attrs(protect_ctx *c, int64_t signing_time, size_t *attrs_len, cmsfw_diag *diag)
{
    const cmsfw_protect_opts *o = c->opts;
    cmsfw_oid_list targets;
    cmsfw_fw_digest fd;
    cmsfw_bytes md = {c->ec_digest, c->s.hash_len};
    cmsfw_err err = CMSFW_E_BACKEND;

    cmsfw__attrs_free(&c->attrs);
    targets.oids = (cmsfw_bytes *)o->targets; /* read only: the encoder takes it const */
    targets.n = o->n_targets;
    memset(&fd, 0, sizeof fd);
    fd.alg.oid = cmsfw__oid(c->s.hash == CMSFW_BK_SHA256   ? "id-sha256"
                            : c->s.hash == CMSFW_BK_SHA384 ? "id-sha384"
                                                           : "id-sha512");
    fd.digest.ptr = c->fw_digest;
    fd.digest.len = c->s.hash_len;
    err = cmsfw__attrs_add_oid(&c->attrs, cmsfw__oid("id-contentType"), c->econtent_type);
    if (err == CMSFW_OK)
        err = cmsfw__attrs_add_octets(&c->attrs, cmsfw__oid("id-messageDigest"), md);
    if (err == CMSFW_OK)
        err = cmsfw__attrs_add_signing_time(&c->attrs, signing_time);
    if (err == CMSFW_OK)
        err = add_encoded(&c->attrs, "id-aa-firmwarePackageID", V_PKG_ID, &o->pkg_id, diag);
    if (err == CMSFW_OK)
        err = add_encoded(&c->attrs, "id-aa-targetHardwareIDs", V_OIDS, &targets, diag);
    if (err == CMSFW_OK && c->encrypt)
        err = cmsfw__attrs_add_octets(&c->attrs, cmsfw__oid("id-aa-decryptKeyID"), o->kek.id);
    if (err == CMSFW_OK && o->communities != NULL)
        err = add_encoded(&c->attrs, "id-aa-communityIdentifiers", V_COMMUNITIES,
                          o->communities, diag);
    if (err == CMSFW_OK && o->info != NULL)
        err = add_encoded(&c->attrs, "id-aa-firmwarePackageInfo", V_INFO, o->info, diag);
    if (err == CMSFW_OK && o->impl_crypto != NULL)
        err = add_encoded(&c->attrs, "id-aa-implCryptoAlgs", V_OIDS, o->impl_crypto, diag);
    if (err == CMSFW_OK && o->impl_compress != NULL)
        err = add_encoded(&c->attrs, "id-aa-implCompressAlgs", V_OIDS, o->impl_compress, diag);
    if (err == CMSFW_OK)
        err = add_encoded(&c->attrs, "id-aa-fwPkgMessageDigest", V_FW_DIGEST, &fd, diag);
    if (err == CMSFW_OK)
        err = cmsfw__attrs_add_algorithm_protection(&c->attrs, &c->s);
    if (err == CMSFW_E_NOMEM || err == CMSFW_E_BACKEND)
        return cmsfw__fail(diag, err, "signed attributes could not be built");
    if (err == CMSFW_E_ARG && signing_time < 0)
        return cmsfw__fail(diag, err, "the clock is before 1970");
    if (err == CMSFW_OK)
        *attrs_len = cmsfw__attrs_sort(&c->attrs);
    return err;
}

/* ------------------------------------------------------------- layers */

/* Decide the layers and their lengths (after compression, if any). */
static cmsfw_err
plan_layers(protect_ctx *c, uint64_t image_len, cmsfw_diag *diag)
{
    const cmsfw_protect_opts *o = c->opts;
    uint8_t head[CMSFW__COMPRESSED_HEAD_MAX];
    size_t hl = 0;
    cmsfw_err err = CMSFW_OK;

    if (o->compress) {
        c->inner_type = cmsfw__oid("id-ct-compressedData");
        hl = cmsfw__compressed_head((size_t)c->comp_len, head, sizeof head);
        if (hl == 0)
            return cmsfw__fail(diag, CMSFW_E_BACKEND, "CompressedData head does not fit");
        c->plain_len = hl + (size_t)c->comp_len;
    } else {
        c->inner_type = cmsfw__oid("id-ct-firmwarePackage");
        c->plain_len = (size_t)image_len;
    }
    c->econtent_type = c->inner_type;
    c->econtent_len = c->plain_len;
    if (c->encrypt) {
        err = cmsfw__enc_setup(&c->enc, o->encrypt, &o->kek, c->inner_type, c->plain_len, diag);
        if (err != CMSFW_OK)
            return err;
        c->econtent_type = cmsfw__enc_content_type(&c->enc);
        c->econtent_len = cmsfw__enc_size(&c->enc);
        if (!c->enc.gcm)
            err = cmsfw__enc_unsigned_attrs(&c->enc, &c->uattrs, &c->uattrs_len, diag);
    }
    c->same_digest = !o->compress && !c->encrypt;
    return err;
}

/* Plaintext of the innermost-but-one layer: encrypted, or as it is. The
 * buffer is encrypted in place. */
static cmsfw_err
emit_plain(protect_ctx *c, uint8_t *p, size_t n, cmsfw_diag *diag)
{
    if (c->encrypt)
        return cmsfw__enc_update(&c->enc, p, n, &c->out, diag);
    return cmsfw__pout_write(&c->out, p, n);
}

/* The compressed stream: CompressedData framing, then the scratch. */
static cmsfw_err
stream_compressed(protect_ctx *c, const cmsfw_stage *scratch, cmsfw_diag *diag)
{
    uint8_t head[CMSFW__COMPRESSED_HEAD_MAX];
    size_t hl = cmsfw__compressed_head((size_t)c->comp_len, head, sizeof head), n;
    uint64_t off = 0;
    cmsfw_err err = CMSFW_E_BACKEND;

    if (hl == 0)
        return cmsfw__fail(diag, err, "CompressedData head does not fit");
    err = emit_plain(c, head, hl, diag);

    while (err == CMSFW_OK && off < c->comp_len) {
        n = c->comp_len - off < CMSFW__PROTECT_CHUNK ? (size_t)(c->comp_len - off)
                                                     : CMSFW__PROTECT_CHUNK;
        if (scratch->read(scratch->io, off, c->chunk, n) != 0)
            return cmsfw__fail(diag, CMSFW_E_IO, "reading the scratch stage failed");
        off += n;
        err = emit_plain(c, c->chunk, n, diag);
    }
    return err;
}

/* The image straight from the reader, hashed on the way. */
static cmsfw_err
stream_image(protect_ctx *c, const cmsfw_reader *in, uint64_t image_len, cmsfw_diag *diag)
{
    uint64_t left = image_len;
    size_t got = 0;
    cmsfw_err err = CMSFW_OK;

    while (err == CMSFW_OK && left > 0) {
        err = cmsfw__read_image(in, c->chunk, CMSFW__PROTECT_CHUNK, &left, &got, diag);
        if (err != CMSFW_OK)
            break;
        if (!c->same_digest && cmsfw_bk_hash_update(&c->fw_hash, c->chunk, got) != CMSFW_BK_OK)
            return cmsfw__fail(diag, CMSFW_E_BACKEND, "hash failed");
        err = emit_plain(c, c->chunk, got, diag);
    }
    return err;
}

/* The eContent octets, hashed for message-digest. */
static cmsfw_err
stream_econtent(protect_ctx *c, const cmsfw_reader *in, uint64_t image_len,
                const cmsfw_stage *scratch, cmsfw_diag *diag)
{
    cmsfw_err err = CMSFW_OK;

    c->out.hash = &c->ec_hash;
    if (c->encrypt)
        err = cmsfw__enc_begin(&c->enc, &c->out, diag);
    if (err == CMSFW_OK)
        err = c->opts->compress ? stream_compressed(c, scratch, diag)
                                : stream_image(c, in, image_len, diag);
    if (err == CMSFW_OK && c->encrypt)
        err = cmsfw__enc_finish(&c->enc, &c->out, diag);
    c->out.hash = NULL;
    if (err == CMSFW_OK && c->out.err != CMSFW_OK)
        err = out_failed(c, diag);
    return err;
}

/* ---------------------------------------------------------------- run */

static cmsfw_err
finish_digests(protect_ctx *c, cmsfw_diag *diag)
{
    size_t n = 0;

    if (cmsfw_bk_hash_final(&c->ec_hash, c->ec_digest, sizeof c->ec_digest, &n) != CMSFW_BK_OK ||
        n != c->s.hash_len)
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "hash failed");
    if (c->same_digest)
        memcpy(c->fw_digest, c->ec_digest, n);
    else if (!c->opts->compress &&
             (cmsfw_bk_hash_final(&c->fw_hash, c->fw_digest, sizeof c->fw_digest, &n) !=
                  CMSFW_BK_OK ||
              n != c->s.hash_len))
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "hash failed");
    return CMSFW_OK;
}

/* Certificates and the signerInfos SET header; the certificates may be
 * long, so they get a buffer of their own. */
static cmsfw_err
write_mid(protect_ctx *c, const cmsfw__sd_layout *l, cmsfw_diag *diag)
{
    cmsfw_der_w w;
    uint8_t *buf = NULL;
    cmsfw_err err = CMSFW_E_NOMEM;

    cmsfw_der_w_init(&w, NULL, 0);
    cmsfw__sd_put_mid(&w, l, &c->s);
    buf = malloc(w.pos);
    if (buf == NULL)
        return cmsfw__fail(diag, CMSFW_E_NOMEM, "out of memory");
    cmsfw_der_w_init(&w, buf, w.pos);
    cmsfw__sd_put_mid(&w, l, &c->s);
    err = cmsfw__pout_write(&c->out, buf, w.pos);
    free(buf);
    return err;
}

/* Size the SignerInfo with the signed attributes as they will be (zero
 * digests have the final length) and the longest signature, then lay the
 * SignedData out. */
static cmsfw_err
plan_signed_data(protect_ctx *c, cmsfw__sd_layout *l, size_t *si_len, cmsfw_diag *diag)
{
    size_t attrs_len = 0;
    cmsfw_err err = build_attrs(c, c->signing_time, &attrs_len, diag);

    if (err != CMSFW_OK)
        return err;
    *si_len = cmsfw__signer_info_size(&c->s, attrs_len, c->s.sig_max, c->uattrs_len);
    cmsfw__sd_layout_init(l, &c->s, c->econtent_type, c->econtent_len, *si_len);
    if (l->total == SIZE_MAX)
        return cmsfw__fail(diag, CMSFW_E_ARG, "package too large");
    return CMSFW_OK;
}

/*
 * Sign the final attributes with a signature of exactly s.sig_max octets.
 * RSA and EdDSA signatures always have that length; an ECDSA value is
 * shorter when r or s needs no sign octet, and deterministic ECDSA (RFC
 * 6979, as mbedtls signs) gives the same value for the same attributes.
 * So each new try dates signing-time one second earlier: the attributes,
 * hence the signature, change. About one try in four succeeds.
 */
static cmsfw_err
sign_exact(protect_ctx *c, uint8_t *sig, cmsfw_diag *diag)
{
    size_t attrs_len = 0, sig_len = 0;
    int tries;
    cmsfw_err err = CMSFW_E_BACKEND;

    for (tries = 0; tries < SIGN_TRIES; tries++) {
        err = build_attrs(c, c->signing_time - tries, &attrs_len, diag);
        if (err == CMSFW_OK)
            err = cmsfw__sign_attrs(&c->s, &c->attrs, sig, &sig_len, diag);
        if (err != CMSFW_OK || sig_len == c->s.sig_max)
            return err;
        if (c->s.scheme != CMSFW_BK_SIG_ECDSA)
            break;
    }
    return cmsfw__fail(diag, CMSFW_E_BACKEND, "signature of %zu octets, %zu expected", sig_len,
                       c->s.sig_max);
}

/* Sign, then write what follows the eContent. */
static cmsfw_err
write_tail(protect_ctx *c, const cmsfw__sd_layout *l, size_t si_len, cmsfw_diag *diag)
{
    uint8_t sig[CMSFW_BK_SIG_MAX], *si = NULL;
    cmsfw_bytes ua = {c->uattrs, c->uattrs_len}, sv = {sig, c->s.sig_max};
    cmsfw_der_w w;
    cmsfw_err err = finish_digests(c, diag);

    if (err == CMSFW_OK)
        err = sign_exact(c, sig, diag);
    if (err != CMSFW_OK)
        return err;
    si = malloc(si_len);
    if (si == NULL)
        return cmsfw__fail(diag, CMSFW_E_NOMEM, "out of memory");
    cmsfw_der_w_init(&w, si, si_len);
    cmsfw__signer_info_put(&w, &c->s, 3, &c->attrs, sv, ua);
    if (cmsfw_der_w_status(&w) != CMSFW_DER_OK || w.pos != si_len)
        err = cmsfw__fail(diag, CMSFW_E_BACKEND, "SignerInfo does not fit its size");
    if (err == CMSFW_OK)
        err = write_mid(c, l, diag);
    if (err == CMSFW_OK)
        err = cmsfw__pout_write(&c->out, si, si_len);
    if (err == CMSFW_OK)
        err = cmsfw__pout_flush(&c->out);
    free(si);
    return err;
}

/* Write the package: framing, eContent, certificates, SignerInfo. */
static cmsfw_err
write_package(protect_ctx *c, const cmsfw_reader *in, uint64_t image_len,
              const cmsfw_stage *scratch, cmsfw_diag *diag)
{
    uint8_t head[CMSFW__SD_HEAD_MAX];
    size_t si_len = 0;
    cmsfw__sd_layout l;
    cmsfw_der_w w;
    cmsfw_err err = plan_signed_data(c, &l, &si_len, diag);

    if (err != CMSFW_OK)
        return err;
    cmsfw_der_w_init(&w, head, sizeof head);
    cmsfw__sd_put_head(&w, &l, &c->s, c->econtent_type);
    if (cmsfw_der_w_status(&w) != CMSFW_DER_OK)
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "SignedData header does not fit");
    err = cmsfw__pout_write(&c->out, head, w.pos);
    if (err == CMSFW_OK)
        err = stream_econtent(c, in, image_len, scratch, diag);
    if (err == CMSFW_OK)
        err = write_tail(c, &l, si_len, diag);
    if (err != CMSFW_OK && err == c->out.err)
        return out_failed(c, diag);
    if (err == CMSFW_OK && c->out.total != l.total)
        err = cmsfw__fail(diag, CMSFW_E_BACKEND, "wrote %llu octets, %zu announced",
                          (unsigned long long)c->out.total, l.total);
    return err;
}

static cmsfw_err
start_hashes(protect_ctx *c, cmsfw_diag *diag)
{
    if (cmsfw_bk_hash_init(&c->ec_hash, c->s.hash) != CMSFW_BK_OK ||
        (!c->same_digest && !c->opts->compress &&
         cmsfw_bk_hash_init(&c->fw_hash, c->s.hash) != CMSFW_BK_OK))
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "hash failed to start");
    return CMSFW_OK;
}

static void
ctx_free(protect_ctx *c)
{
    cmsfw_bk_hash_abort(&c->fw_hash);
    cmsfw_bk_hash_abort(&c->ec_hash);
    cmsfw__enc_wipe(&c->enc);
    cmsfw__attrs_free(&c->attrs);
    free(c->uattrs);
    if (c->chunk != NULL) {
        /* it held plaintext */
        cmsfw__key_wipe(c->chunk, CMSFW__PROTECT_CHUNK);
        free(c->chunk);
    }
    cmsfw__key_wipe(c, sizeof *c);
    free(c);
}

/* Compress into the scratch stage: the image is read there, and its
 * digest computed on the way. */
static cmsfw_err
compress_image(protect_ctx *c, const cmsfw_reader *in, uint64_t image_len,
               const cmsfw_stage *scratch, cmsfw_diag *diag)
{
    size_t n = 0;
    cmsfw_err err = CMSFW_E_BACKEND;

    if (cmsfw_bk_hash_init(&c->fw_hash, c->s.hash) != CMSFW_BK_OK)
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "hash failed to start");
    err = cmsfw__deflate_to_stage(in, image_len, scratch, &c->fw_hash, &c->comp_len, diag);
    if (err == CMSFW_OK &&
        (cmsfw_bk_hash_final(&c->fw_hash, c->fw_digest, sizeof c->fw_digest, &n) != CMSFW_BK_OK ||
         n != c->s.hash_len))
        err = cmsfw__fail(diag, CMSFW_E_BACKEND, "hash failed");
    return err;
}

/* see cmsfw/protect.h */
cmsfw_err
cmsfw_protect(const cmsfw_protect_opts *opts, const cmsfw_signer *signer, const cmsfw_reader *in,
              uint64_t image_len, const cmsfw_stage *scratch, const cmsfw_sink *out,
              cmsfw_diag *diag)
{
    protect_ctx *c = NULL;
    cmsfw_err err = check_args(opts, in, image_len, scratch, out, diag);

    if (err != CMSFW_OK)
        return err;
    c = calloc(1, sizeof *c);
    if (c == NULL)
        return cmsfw__fail(diag, CMSFW_E_NOMEM, "out of memory");
    c->opts = opts;
    c->encrypt = opts->encrypt != CMSFW_ENCRYPT_NONE;
    c->out.sink = out;
    c->signing_time = (int64_t)time(NULL);
    c->chunk = malloc(CMSFW__PROTECT_CHUNK);
    err = c->chunk != NULL ? cmsfw__signer_prepare(&c->s, signer, diag)
                           : cmsfw__fail(diag, CMSFW_E_NOMEM, "out of memory");
    if (err == CMSFW_OK && opts->compress)
        err = compress_image(c, in, image_len, scratch, diag);
    if (err == CMSFW_OK)
        err = plan_layers(c, image_len, diag);
    if (err == CMSFW_OK)
        err = start_hashes(c, diag);
    if (err == CMSFW_OK)
        err = write_package(c, in, image_len, scratch, diag);
    ctx_free(c);
    return err;
}
