/*
 * proc.c: the processor's API. push() hands octets to the tokenizer
 * (proc_stream.c); finish() judges the captured framing (steps 2, 3 and 5)
 * and runs the checks of steps 4 and 6-20 in the order of
 * docs/procedure.md; unwrap() removes the layers (steps 21-25).
 */
#include <stdlib.h>
#include <string.h>

#include <cmsfw/oid.h>
#include <cmsfw/proc.h>

#include "cms/diag.h"
#include "cms/proc_state.h"

/* see cmsfw/proc.h */
cmsfw_proc *
cmsfw_proc_new(void)
{
    return calloc(1, sizeof(cmsfw_proc));
}

/* see cmsfw/proc.h */
void
cmsfw_proc_delete(cmsfw_proc *p)
{
    if (p == NULL)
        return;
    cmsfw_proc_free(p);
    free(p);
}

/* see cmsfw/proc.h */
void
cmsfw_proc_init(cmsfw_proc *p, const cmsfw_device *dev, const cmsfw_stage *stage)
{
    if (p == NULL)
        return;
    memset(p, 0, sizeof *p);
    p->dev = dev;
    p->stage = stage;
    cmsfw__proc_stream_init(p);
    if (dev == NULL || stage == NULL || stage->write == NULL || stage->read == NULL)
        p->err = cmsfw__fail(&p->diag, CMSFW_E_ARG, "no device description or stage");
}

/* see cmsfw/proc.h */
void
cmsfw_proc_free(cmsfw_proc *p)
{
    if (p == NULL)
        return;
    if (p->econtent_len > 0 && !p->image_skip && p->stage != NULL && p->stage->discard != NULL)
        p->stage->discard(p->stage->io);
    p->econtent_len = 0;
    cmsfw__signed_free(&p->s);
    cmsfw_bk_hash_abort(&p->hash);
    cmsfw_bk_hash_abort(&p->sha);
    if (p->meta != NULL) {
        memset(p->meta, 0, p->meta_cap);
        free(p->meta);
    }
    p->meta = NULL;
    p->meta_len = p->meta_cap = 0;
    memset(&p->f, 0, sizeof p->f);
    memset(&p->res, 0, sizeof p->res);
}

/* see cmsfw/proc.h */
cmsfw_err
cmsfw_proc_push(cmsfw_proc *p, const uint8_t *data, size_t len)
{
    if (p == NULL || (data == NULL && len > 0))
        return CMSFW_E_ARG;
    if (p->err != CMSFW_OK)
        return p->err;
    if (p->phase != PHASE_STREAM)
        return cmsfw__fail(&p->diag, CMSFW_E_STATE, "push after finish");
    return cmsfw__proc_stream_push(p, data, len);
}

/* see cmsfw/proc.h */
const char *
cmsfw_proc_reason(const cmsfw_proc *p)
{
    return p != NULL ? p->diag.msg : "";
}

/* see cmsfw/proc.h */
const cmsfw_result *
cmsfw_proc_result(const cmsfw_proc *p)
{
    return p != NULL ? &p->res : NULL;
}

static cmsfw_bytes
captured(const cmsfw_proc *p, int role)
{
    cmsfw_bytes b = {NULL, 0};

    if (p->cap[role].len > 0) {
        b.ptr = p->meta + p->cap[role].off;
        b.len = p->cap[role].len;
    }
    return b;
}

/* The contents of a captured primitive of universal tag @p tag. */
static int
captured_value(const cmsfw_proc *p, int role, uint32_t tag, cmsfw_der_tlv *t)
{
    cmsfw_bytes b = captured(p, role);
    cmsfw_der_cur c;

    if (b.ptr == NULL)
        return -1;
    cmsfw_der_init(&c, b.ptr, b.len, 1);
    return cmsfw_der_expect(&c, CMSFW_DER_UNIVERSAL, 0, tag, t) == CMSFW_DER_OK ? 0 : -1;
}

static int
oid_named(cmsfw_bytes oid, const char *name)
{
    const cmsfw_oid_entry *e = cmsfw_oid_lookup(name);
    cmsfw_bytes want = {NULL, 0};

    if (e == NULL)
        return 0;
    want.ptr = e->der;
    want.len = e->der_len;
    return cmsfw_oid_equal(oid, want);
}

/* Count the elements of a captured SET; @p first receives the first one. */
static int
set_elements(cmsfw_bytes set, size_t *n, cmsfw_der_tlv *first)
{
    cmsfw_der_cur c, in;
    cmsfw_der_tlv t, e;

    *n = 0;
    cmsfw_der_init(&c, set.ptr, set.len, 1);
    if (cmsfw_der_read(&c, &t) != CMSFW_DER_OK)
        return -1;
    cmsfw_der_enter(&in, &t, 1);
    while (!cmsfw_der_at_end(&in)) {
        if (cmsfw_der_read(&in, &e) != CMSFW_DER_OK)
            return -1;
        if ((*n)++ == 0 && first != NULL)
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
judge_content_info(cmsfw_proc *p)
{
    cmsfw_der_tlv t;

    if ((p->flags & PROC_BAD_CI) || captured_value(p, ROLE_CI_TYPE, CMSFW_DER_TAG_OID, &t) != 0)
        return cmsfw__fail(&p->diag, CMSFW_BAD_CONTENT_INFO, "ContentInfo is malformed");
    p->f.ci_type.ptr = t.val;
    p->f.ci_type.len = t.len;
    if (!p->ci_is_signed_data)
        return cmsfw__fail(&p->diag, CMSFW_BAD_CONTENT_INFO, "ContentInfo does not hold a SignedData");
    return CMSFW_OK;
}

/* Step 3: version 3, one digest algorithm, one SignerInfo. */
static cmsfw_err
judge_signed_data(cmsfw_proc *p)
{
    cmsfw__framing *f = &p->f;
    cmsfw_der_tlv t, first;
    cmsfw_bytes certs;
    cmsfw_der_cur c, in;
    const char *why = NULL;

    if (p->flags & PROC_BAD_SD)
        why = "SignedData is malformed or its fields are out of order";
    else if (captured_value(p, ROLE_SD_VERSION, CMSFW_DER_TAG_INTEGER, &t) != 0 ||
             cmsfw_der_get_int(&t, &f->sd_version) != CMSFW_DER_OK)
        why = "SignedData version is malformed";
    else if (f->sd_version != 3)
        why = "SignedData version is not 3";
    else if (set_elements(captured(p, ROLE_SD_DIGESTS), &f->n_digest_algs, &first) != 0 ||
             (f->n_digest_algs > 0 && split_alg(&first, &f->digest_alg) != 0))
        why = "digestAlgorithms is malformed";
    else if (f->n_digest_algs != 1)
        why = "digestAlgorithms does not hold exactly one algorithm";
    else if (set_elements(captured(p, ROLE_SD_SIGNERS), &f->n_signer_infos, &first) != 0)
        why = "signerInfos is malformed";
    else if (f->n_signer_infos != 1)
        why = "signerInfos does not hold exactly one SignerInfo";
    if (why != NULL)
        return cmsfw__fail(&p->diag, CMSFW_BAD_SIGNED_DATA, "%s", why);
    f->digest_algs = captured(p, ROLE_SD_DIGESTS);
    f->signer_info.ptr = first.tlv;
    f->signer_info.len = first.tlv_len;
    f->crls = captured(p, ROLE_SD_CRLS);
    certs = captured(p, ROLE_SD_CERTS);
    if (certs.ptr == NULL)
        return CMSFW_OK;
    cmsfw_der_init(&c, certs.ptr, certs.len, 1);
    if (cmsfw_der_read(&c, &t) != CMSFW_DER_OK)
        return cmsfw__fail(&p->diag, CMSFW_BAD_CERTIFICATE, "certificates is malformed");
    cmsfw_der_enter(&in, &t, 1);
    while (!cmsfw_der_at_end(&in)) {
        if (cmsfw_der_read(&in, &t) != CMSFW_DER_OK)
            return cmsfw__fail(&p->diag, CMSFW_BAD_CERTIFICATE, "certificates is malformed");
        if (f->n_certs == CMSFW__MAX_CERTS) {
            f->too_many_certs = 1;
            break;
        }
        f->certs[f->n_certs].ptr = t.tlv;
        f->certs[f->n_certs].len = t.tlv_len;
        f->n_certs++;
    }
    return CMSFW_OK;
}

/* Step 5: an eContentType RFC 4108 (and its revision) allows, with eContent. */
static cmsfw_err
judge_encap(cmsfw_proc *p)
{
    static const char *const allowed[] = {"id-ct-firmwarePackage", "id-ct-compressedData",
                                          "id-encryptedData", "id-ct-authEnvelopedData",
                                          "id-envelopedData"};
    cmsfw_der_tlv t;
    size_t i;

    if ((p->flags & PROC_BAD_ECI) || captured_value(p, ROLE_ECI_TYPE, CMSFW_DER_TAG_OID, &t) != 0)
        return cmsfw__fail(&p->diag, CMSFW_BAD_ENCAP_CONTENT, "encapContentInfo is malformed");
    p->f.econtent_type.ptr = t.val;
    p->f.econtent_type.len = t.len;
    for (i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
        if (oid_named(p->f.econtent_type, allowed[i]))
            break;
    if (i == sizeof allowed / sizeof allowed[0])
        return cmsfw__fail(&p->diag, CMSFW_BAD_ENCAP_CONTENT,
                           "eContentType is not a firmware package or a layer around one");
    if (!p->econtent_seen)
        return cmsfw__fail(&p->diag, CMSFW_MISSING_CONTENT, "eContent is absent");
    p->f.has_econtent = 1;
    p->f.econtent_len = p->econtent_len;
    return CMSFW_OK;
}

static void
finish_hash(cmsfw_proc *p)
{
    size_t n = 0;

    p->f.econtent_hash = CMSFW_BK_HASH_NONE;
    if (!p->hashing)
        return;
    p->hashing = 0;
    if (cmsfw_bk_hash_final(&p->hash, p->f.econtent_digest, sizeof p->f.econtent_digest, &n) ==
        CMSFW_BK_OK) {
        p->f.econtent_hash = p->hash_alg;
        p->f.econtent_digest_len = n;
    }
}

static void
finish_image_sha256(cmsfw_proc *p)
{
    size_t n = 0;

    p->f.econtent_plain = p->image_plain;
    p->f.econtent_skipped = p->image_skip;
    if (!p->sha_on)
        return;
    p->sha_on = 0;
    p->f.has_econtent_sha256 =
        cmsfw_bk_hash_final(&p->sha, p->f.econtent_sha256, sizeof p->f.econtent_sha256, &n) ==
            CMSFW_BK_OK &&
        n == sizeof p->f.econtent_sha256;
}

/* Steps 2-20 in order; the first failure decides. */
static cmsfw_err
run_checks(cmsfw_proc *p)
{
    cmsfw_err err;

    err = judge_content_info(p);
    if (err == CMSFW_OK)
        err = judge_signed_data(p);
    if (err == CMSFW_OK)
        err = cmsfw__check_certificates(&p->f, &p->diag);
    if (err == CMSFW_OK)
        err = judge_encap(p);
    if (err == CMSFW_OK) {
        finish_hash(p);
        finish_image_sha256(p);
        err = cmsfw__check_signed(&p->f, p->dev, &p->s, &p->diag);
    }
    if (p->s.has_pkg_id) {
        p->res.has_pkg_id = 1;
        p->res.pkg_id = p->s.pkg_id;
    }
    if (err == CMSFW_OK) {
        p->res.authenticated = p->s.authenticated;
        p->res.trust_anchor_key_id = p->s.anchor_key_id;
        p->res.decrypt_key_id = p->s.decrypt_key_id;
        p->res.has_pkg_type = p->s.has_info && p->s.info.has_type;
        p->res.pkg_type = p->s.info.type;
        err = cmsfw__check_policy(&p->s, p->dev, &p->res, &p->diag);
    }
    return err;
}

/* see cmsfw/proc.h */
cmsfw_err
cmsfw_proc_finish(cmsfw_proc *p, cmsfw_result *res)
{
    cmsfw_err err;

    if (p == NULL)
        return CMSFW_E_ARG;
    if (p->phase != PHASE_STREAM)
        return p->err != CMSFW_OK ? p->err : cmsfw__fail(&p->diag, CMSFW_E_STATE, "finish called twice");
    p->phase = PHASE_FINISHED;
    err = p->err;
    if (err == CMSFW_OK && !cmsfw__proc_stream_complete(p))
        err = cmsfw__fail(&p->diag, CMSFW_DECODE_FAILURE, "the package is truncated (%llu octets read)",
                          (unsigned long long)p->off);
    if (err == CMSFW_OK)
        err = run_checks(p);
    p->res.econtent_len = p->econtent_len;
    p->err = err;
    if (err == CMSFW_OK)
        p->phase = PHASE_ACCEPTED;
    if (res != NULL)
        *res = p->res;
    return err;
}

/* see cmsfw/proc.h */
cmsfw_err
cmsfw_proc_unwrap(cmsfw_proc *p, const cmsfw_sink *sink)
{
    cmsfw_err err;

    if (p == NULL || sink == NULL || sink->write == NULL)
        return CMSFW_E_ARG;
    if (p->phase != PHASE_ACCEPTED)
        return p->err != CMSFW_OK ? p->err
                                  : cmsfw__fail(&p->diag, CMSFW_E_STATE, "unwrap before an accepting finish");
    p->phase = PHASE_UNWRAPPED;
    err = cmsfw__unwrap(&p->f, &p->s, p->dev, p->stage, sink, &p->res, &p->diag);
    p->err = err;
    return err;
}
