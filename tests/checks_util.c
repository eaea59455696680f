/*
 * checks_util.c: see checks_util.h. Everything is written with plain byte
 * buffers, independently of the library's own DER writer and sorting.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include <cmsfw/fw.h>

#include "tests/checks_util.h"

static void
buf_put(uint8_t *b, size_t cap, size_t *n, const uint8_t *p, size_t len)
{
    if (len > cap - *n) {
        CU_FAIL_FATAL("test buffer too small");
        return;
    }
    if (len > 0)
        memcpy(b + *n, p, len);
    *n += len;
}

static size_t
hdr_bytes(uint8_t tag, size_t len, uint8_t *h)
{
    size_t n = 0, k;

    h[n++] = tag;
    if (len < 0x80) {
        h[n++] = (uint8_t)len;
    } else {
        for (k = 4; k > 0 && ((len >> (8 * (k - 1))) & 0xFF) == 0; k--)
            ;
        h[n++] = (uint8_t)(0x80 | k);
        for (; k > 0; k--)
            h[n++] = (uint8_t)(len >> (8 * (k - 1)));
    }
    return n;
}

void
sb_set(sb *s, const uint8_t *p, size_t n)
{
    s->n = 0;
    sb_put(s, p, n);
}

void
sb_put(sb *s, const uint8_t *p, size_t n)
{
    buf_put(s->b, sizeof s->b, &s->n, p, n);
}

void
sb_hdr(sb *s, uint8_t tag, size_t len)
{
    uint8_t h[8];

    sb_put(s, h, hdr_bytes(tag, len, h));
}

void
sb_tlv(sb *s, uint8_t tag, const uint8_t *p, size_t n)
{
    sb_hdr(s, tag, n);
    sb_put(s, p, n);
}

static void
cb_put(cb *c, const uint8_t *p, size_t n)
{
    buf_put(c->b, sizeof c->b, &c->n, p, n);
}

static void
cb_tlv(cb *c, uint8_t tag, const uint8_t *p, size_t n)
{
    uint8_t h[8];

    cb_put(c, h, hdr_bytes(tag, n, h));
    cb_put(c, p, n);
}

void
sb_alg(sb *s, const uint8_t *oid, size_t oid_len, const uint8_t *params, size_t params_len)
{
    sb in;

    in.n = 0;
    sb_tlv(&in, 0x06, oid, oid_len);
    if (params != NULL)
        sb_put(&in, params, params_len);
    s->n = 0;
    sb_tlv(s, 0x30, in.b, in.n);
}

void
sb_pss(sb *s, const uint8_t *hash, size_t hash_len, const uint8_t *mgf_hash, size_t mgf_hash_len,
       unsigned salt, int trailer)
{
    sb h, m, mgf, p, tmp;
    uint8_t v[2];

    sb_alg(&h, hash, hash_len, NULL, 0);
    sb_alg(&m, mgf_hash, mgf_hash_len, NULL, 0);
    sb_alg(&mgf, LIT(CMSFW__OID_MGF1), m.b, m.n);
    p.n = 0;
    sb_tlv(&p, 0xA0, h.b, h.n);
    sb_tlv(&p, 0xA1, mgf.b, mgf.n);
    tmp.n = 0;
    v[0] = (uint8_t)salt;
    sb_tlv(&tmp, 0x02, v, 1);
    sb_tlv(&p, 0xA2, tmp.b, tmp.n);
    if (trailer >= 0) {
        tmp.n = 0;
        v[0] = (uint8_t)trailer;
        sb_tlv(&tmp, 0x02, v, 1);
        sb_tlv(&p, 0xA3, tmp.b, tmp.n);
    }
    tmp.n = 0;
    sb_tlv(&tmp, 0x30, p.b, p.n);
    sb_alg(s, LIT(CMSFW__OID_RSA_PSS), tmp.b, tmp.n);
}

void
ck_digest(sb *out, cmsfw_bk_hash h)
{
    if (h == CMSFW_BK_SHA384)
        sb_alg(out, LIT(CMSFW__OID_SHA384), NULL, 0);
    else if (h == CMSFW_BK_SHA512)
        sb_alg(out, LIT(CMSFW__OID_SHA512), NULL, 0);
    else
        sb_alg(out, LIT(CMSFW__OID_SHA256), NULL, 0);
}

static tb_buf
load(const char *path)
{
    tb_buf b = tb_load(path);

    if (b.ptr == NULL) {
        fprintf(stderr, "cannot load %s\n", path);
        CU_FAIL_FATAL("test data missing");
    }
    return b;
}

cmsfw_bytes
ck_keep(ck *c, const char *path)
{
    if (c->n_anchor_bufs == sizeof c->anchor_bufs / sizeof c->anchor_bufs[0])
        CU_FAIL_FATAL("too many kept files");
    c->anchor_bufs[c->n_anchor_bufs] = load(path);
    return tb_view(c->anchor_bufs[c->n_anchor_bufs++]);
}

void
ck_anchor(ck *c, cmsfw_bytes spki, cmsfw_bytes key_id, cmsfw_bytes cert, uint32_t flags)
{
    memset(c->anchors, 0, sizeof c->anchors);
    c->anchors[0].spki = spki;
    c->anchors[0].key_id = key_id;
    c->anchors[0].cert = cert;
    c->anchors[0].flags = flags;
    c->n_anchors = 1;
    c->dev.anchors = c->anchors;
    c->dev.n_anchors = 1;
}

void
ck_sid_ski(ck *c, const uint8_t *ski, size_t len)
{
    c->sid.n = 0;
    sb_tlv(&c->sid, 0x80, ski, len);
}

void
ck_sid_cert(ck *c, cmsfw_bytes cert)
{
    cmsfw_key k;
    sb in;

    CU_ASSERT_FATAL(cmsfw_key_parse(&k, cert, CMSFW_KEY_CERTIFICATE, NULL) == CMSFW_OK);
    in.n = 0;
    sb_put(&in, k.issuer.ptr, k.issuer.len);
    sb_tlv(&in, 0x02, k.serial.ptr, k.serial.len);
    c->sid.n = 0;
    sb_tlv(&c->sid, 0x30, in.b, in.n);
}

cmsfw_bytes
ck_add_cert(ck *c, const char *path)
{
    if (c->n_certs == sizeof c->certs / sizeof c->certs[0])
        CU_FAIL_FATAL("too many certificates");
    c->certs[c->n_certs] = load(path);
    return tb_view(c->certs[c->n_certs++]);
}

static ck_attr *
find_attr(ck *c, const uint8_t *type, size_t type_len)
{
    size_t i;

    for (i = 0; i < c->n_attrs; i++)
        if (c->attrs[i].whole.n == 0 && c->attrs[i].type.n == type_len &&
            memcmp(c->attrs[i].type.b, type, type_len) == 0)
            return &c->attrs[i];
    return NULL;
}

void
ck_set_attr(ck *c, const uint8_t *type, size_t type_len, const uint8_t *value, size_t value_len)
{
    ck_attr *a = find_attr(c, type, type_len);

    if (type_len == sizeof(CMSFW__OID_AT_MESSAGE_DIGEST) - 1 &&
        memcmp(type, CMSFW__OID_AT_MESSAGE_DIGEST, type_len) == 0)
        c->auto_md = 0;
    if (type_len == sizeof(CMSFW__OID_AT_ALG_PROTECTION) - 1 &&
        memcmp(type, CMSFW__OID_AT_ALG_PROTECTION, type_len) == 0)
        c->auto_cap = 0;
    if (a == NULL) {
        CU_ASSERT_FATAL(c->n_attrs < CK_MAX_ATTRS);
        a = &c->attrs[c->n_attrs++];
        memset(a, 0, sizeof *a);
        sb_set(&a->type, type, type_len);
    }
    sb_set(&a->value, value, value_len);
}

void
ck_del_attr(ck *c, const uint8_t *type, size_t type_len)
{
    ck_attr *a = find_attr(c, type, type_len);

    if (a == NULL)
        return;
    if (type_len == sizeof(CMSFW__OID_AT_MESSAGE_DIGEST) - 1 &&
        memcmp(type, CMSFW__OID_AT_MESSAGE_DIGEST, type_len) == 0)
        c->auto_md = 0;
    if (type_len == sizeof(CMSFW__OID_AT_ALG_PROTECTION) - 1 &&
        memcmp(type, CMSFW__OID_AT_ALG_PROTECTION, type_len) == 0)
        c->auto_cap = 0;
    *a = c->attrs[--c->n_attrs];
}

void
ck_add_raw_attr(ck *c, const uint8_t *whole, size_t len)
{
    ck_attr *a;

    CU_ASSERT_FATAL(c->n_attrs < CK_MAX_ATTRS);
    a = &c->attrs[c->n_attrs++];
    memset(a, 0, sizeof *a);
    sb_set(&a->whole, whole, len);
}

void
ck_signer(ck *c, const char *key_path, const char *spki_path, cmsfw_bk_sig scheme,
          cmsfw_bk_hash hash, const uint8_t *sig_oid, size_t sig_oid_len, const uint8_t *sig_params,
          size_t sig_params_len)
{
    char path[256];

    tb_free(&c->key);
    if (strchr(key_path, '/') != NULL)
        snprintf(path, sizeof path, "%s", key_path);
    else
        snprintf(path, sizeof path, "tests/data/keys/%s.pk8.der", key_path);
    c->key = load(path);
    c->scheme = scheme;
    c->hash = hash;
    sb_alg(&c->sig_alg, sig_oid, sig_oid_len, sig_params, sig_params_len);
    ck_digest(&c->digest_alg, hash);
    if (spki_path == NULL) {
        snprintf(path, sizeof path, "tests/data/keys/%s.spki.der", key_path);
        spki_path = path;
    }
    c->anchors[0].spki = ck_keep(c, spki_path);
}

void
ck_init(ck *c)
{
    static const uint8_t image[] = "firmware image of the checks tests, a few dozen octets long";
    static const uint8_t ct_value[] = {0x06, 0x0b, 0x2a, 0x86, 0x48, 0x86, 0xf7,
                                       0x0d, 0x01, 0x09, 0x10, 0x01, 0x10};
    uint8_t buf[256];
    size_t n = 0;
    cmsfw_pkg_id id;
    cmsfw_bytes hw;
    cmsfw_oid_list targets;

    ck_free(c);
    memset(c, 0, sizeof *c);
    c->version = 3;
    c->auto_md = 1;
    c->auto_cap = 1;
    ck_anchor(c, tb_bytes(NULL, 0), tb_bytes(LIT(CK_KEY_ID)), tb_bytes(NULL, 0),
              CMSFW_ANCHOR_FIRMWARE_SIGNER);
    ck_signer(c, "ec-p256", NULL, CMSFW_BK_SIG_ECDSA, CMSFW_BK_SHA256, LIT(CMSFW__OID_ECDSA_SHA256),
              NULL, 0);
    ck_sid_ski(c, LIT(CK_KEY_ID));
    cb_put(&c->econtent, image, sizeof image - 1);
    sb_set(&c->econtent_type, LIT(CMSFW__OID_CT_FIRMWARE));
    c->dev.hw_type = tb_bytes(LIT(CK_HW_TYPE));
    ck_set_attr(c, LIT(CMSFW__OID_AT_CONTENT_TYPE), ct_value, sizeof ct_value);
    ck_set_attr(c, LIT(CMSFW__OID_AT_MESSAGE_DIGEST), (const uint8_t *)"\x04\x00", 2);
    memset(&id, 0, sizeof id);
    id.name.form = CMSFW_NAME_PREFERRED;
    id.name.oid = tb_bytes(LIT(CK_PKG_OID));
    id.name.version = 5;
    CU_ASSERT_FATAL(cmsfw_pkg_id_encode(&id, buf, sizeof buf, &n, NULL) == CMSFW_OK);
    ck_set_attr(c, LIT(CMSFW__OID_AT_PKG_ID), buf, n);
    hw = tb_bytes(LIT(CK_HW_TYPE));
    targets.oids = &hw;
    targets.n = 1;
    CU_ASSERT_FATAL(cmsfw_oid_list_encode(&targets, buf, sizeof buf, &n, NULL) == CMSFW_OK);
    ck_set_attr(c, LIT(CMSFW__OID_AT_TARGETS), buf, n);
    ck_set_attr(c, LIT(CMSFW__OID_AT_ALG_PROTECTION), (const uint8_t *)"\x30\x00", 2);
    c->auto_md = 1;
    c->auto_cap = 1;
}

static cmsfw_bk_hash
hash_of_alg(const sb *alg)
{
    cmsfw_der_cur cur;
    cmsfw_alg_id a;

    cmsfw_der_init(&cur, alg->b, alg->n, 1);
    if (cmsfw__alg_read(&cur, &a) != CMSFW_DER_OK)
        return CMSFW_BK_HASH_NONE;
    if (CMSFW__OID_IS(a.oid, CMSFW__OID_SHA256))
        return CMSFW_BK_SHA256;
    if (CMSFW__OID_IS(a.oid, CMSFW__OID_SHA384))
        return CMSFW_BK_SHA384;
    if (CMSFW__OID_IS(a.oid, CMSFW__OID_SHA512))
        return CMSFW_BK_SHA512;
    return CMSFW_BK_HASH_NONE;
}

/* X.690 11.6 order, written independently of the library's. */
static int
der_less(const sb *a, const sb *b)
{
    size_t i, n = a->n > b->n ? a->n : b->n;
    unsigned x, y;

    for (i = 0; i < n; i++) {
        x = i < a->n ? a->b[i] : 0u;
        y = i < b->n ? b->b[i] : 0u;
        if (x != y)
            return x < y;
    }
    return 0;
}

static void
auto_values(ck *c)
{
    uint8_t d[CMSFW_BK_HASH_MAX];
    size_t n = 0;
    sb v, in;

    if (c->auto_md) {
        CU_ASSERT_FATAL(cmsfw_bk_hash_once(c->hash, tb_bytes(c->econtent.b, c->econtent.n), d,
                                           sizeof d, &n) == CMSFW_BK_OK);
        v.n = 0;
        sb_tlv(&v, 0x04, d, n);
        ck_set_attr(c, LIT(CMSFW__OID_AT_MESSAGE_DIGEST), v.b, v.n);
        c->auto_md = 1;
    }
    if (c->auto_cap) {
        in.n = 0;
        sb_put(&in, c->digest_alg.b, c->digest_alg.n);
        /* [1] IMPLICIT: the SEQUENCE's contents under tag A1 */
        sb_tlv(&in, 0xA1, c->sig_alg.b + 2, c->sig_alg.n - 2);
        v.n = 0;
        sb_tlv(&v, 0x30, in.b, in.n);
        ck_set_attr(c, LIT(CMSFW__OID_AT_ALG_PROTECTION), v.b, v.n);
        c->auto_cap = 1;
    }
}

static void
build_attrs(ck *c)
{
    static sb tlvs[CK_MAX_ATTRS];
    sb in, tmp;
    size_t i, j;
    cb body;

    for (i = 0; i < c->n_attrs; i++) {
        if (c->attrs[i].whole.n > 0) {
            tlvs[i] = c->attrs[i].whole;
            continue;
        }
        in.n = 0;
        sb_tlv(&in, 0x06, c->attrs[i].type.b, c->attrs[i].type.n);
        sb_tlv(&in, 0x31, c->attrs[i].value.b, c->attrs[i].value.n);
        tlvs[i].n = 0;
        sb_tlv(&tlvs[i], 0x30, in.b, in.n);
    }
    for (i = 1; i < c->n_attrs && !c->unsorted; i++)
        for (j = i; j > 0 && der_less(&tlvs[j], &tlvs[j - 1]); j--) {
            tmp = tlvs[j];
            tlvs[j] = tlvs[j - 1];
            tlvs[j - 1] = tmp;
        }
    body.n = 0;
    for (i = 0; i < c->n_attrs; i++)
        cb_put(&body, tlvs[i].b, tlvs[i].n);
    c->sattrs.n = 0;
    cb_tlv(&c->sattrs, 0xA0, body.b, body.n);
}

static void
sign(ck *c, uint8_t *sig, size_t cap, size_t *sig_len)
{
    static cb msg;
    uint8_t d[CMSFW_BK_HASH_MAX];
    size_t n = 0;
    cmsfw_bytes tbs;
    cmsfw_bk_status st;

    if (c->dummy_sig) {
        memset(sig, 0x5a, c->dummy_sig_len);
        *sig_len = c->dummy_sig_len;
        return;
    }
    msg = c->sattrs;
    msg.b[0] = 0x31;
    tbs = tb_bytes(msg.b, msg.n);
    if (c->scheme != CMSFW_BK_SIG_ED25519 && c->scheme != CMSFW_BK_SIG_ED448) {
        CU_ASSERT_FATAL(cmsfw_bk_hash_once(c->hash, tbs, d, sizeof d, &n) == CMSFW_BK_OK);
        tbs = tb_bytes(d, n);
    }
    st = cmsfw_bk_sign(c->scheme, c->hash, tb_view(c->key), tbs, sig, cap, sig_len);
    if (st != CMSFW_BK_OK)
        fprintf(stderr, "signing failed: %s\n", cmsfw_bk_status_name(st));
    CU_ASSERT_FATAL(st == CMSFW_BK_OK);
    if (c->flip_sig)
        sig[*sig_len / 2] ^= 0x01;
}

static void
fill_framing(ck *c)
{
    cmsfw__framing *f = &c->f;
    const sb *sd_alg = c->sd_digest_alg.n > 0 ? &c->sd_digest_alg : &c->digest_alg;
    static sb set;
    cmsfw_der_cur cur;
    size_t i;

    memset(f, 0, sizeof *f);
    f->ci_type = tb_bytes(LIT(CMSFW__OID_SIGNED_DATA));
    f->sd_version = 3;
    set.n = 0;
    sb_tlv(&set, 0x31, sd_alg->b, sd_alg->n);
    f->digest_algs = tb_bytes(set.b, set.n);
    f->n_digest_algs = 1;
    cmsfw_der_init(&cur, sd_alg->b, sd_alg->n, 1);
    CU_ASSERT_FATAL(cmsfw__alg_read(&cur, &f->digest_alg) == CMSFW_DER_OK);
    f->econtent_type = tb_bytes(c->econtent_type.b, c->econtent_type.n);
    f->has_econtent = 1;
    f->econtent_len = c->econtent.n;
    f->econtent_hash = hash_of_alg(sd_alg);
    if (f->econtent_hash != CMSFW_BK_HASH_NONE)
        CU_ASSERT_FATAL(cmsfw_bk_hash_once(f->econtent_hash, tb_bytes(c->econtent.b, c->econtent.n),
                                           f->econtent_digest, sizeof f->econtent_digest,
                                           &f->econtent_digest_len) == CMSFW_BK_OK);
    for (i = 0; i < c->n_certs; i++)
        f->certs[i] = tb_view(c->certs[i]);
    f->n_certs = c->n_certs;
    f->signer_info = tb_bytes(c->si.b, c->si.n);
    f->n_signer_infos = 1;
}

void
ck_build(ck *c)
{
    static cb body;
    uint8_t sig[CMSFW_BK_SIG_MAX + 16], v = (uint8_t)c->version;
    size_t sig_len = 0;

    auto_values(c);
    build_attrs(c);
    sign(c, sig, sizeof sig, &sig_len);
    body.n = 0;
    cb_tlv(&body, 0x02, &v, 1);
    cb_put(&body, c->sid.b, c->sid.n);
    cb_put(&body, c->digest_alg.b, c->digest_alg.n);
    if (c->ber_signed_attrs) {
        size_t h = c->sattrs.b[1] < 0x80 ? 2 : 2 + (c->sattrs.b[1] & 0x7Fu);
        cb_put(&body, (const uint8_t *)"\xA0\x80", 2);
        cb_put(&body, c->sattrs.b + h, c->sattrs.n - h);
        cb_put(&body, (const uint8_t *)"\x00\x00", 2);
    } else if (!c->omit_signed_attrs) {
        cb_put(&body, c->sattrs.b, c->sattrs.n);
    }
    cb_put(&body, c->sig_alg.b, c->sig_alg.n);
    cb_tlv(&body, 0x04, sig, sig_len);
    cb_put(&body, c->unsigned_attrs.b, c->unsigned_attrs.n);
    c->si.n = 0;
    cb_tlv(&c->si, 0x30, body.b, body.n);
    fill_framing(c);
}

cmsfw_err
ck_run(ck *c, cmsfw__signed *s)
{
    cmsfw__signed local;
    cmsfw_err e;

    ck_build(c);
    c->diag.msg[0] = '\0';
    e = cmsfw__check_signed(&c->f, &c->dev, s != NULL ? s : &local, &c->diag);
    if (s == NULL)
        cmsfw__signed_free(&local);
    return e;
}

void
ck_content_info(ck *c, cb *out)
{
    static cb sd, tmp, body;
    const sb *sd_alg = c->sd_digest_alg.n > 0 ? &c->sd_digest_alg : &c->digest_alg;
    size_t i;

    ck_build(c);
    body.n = 0;
    cb_put(&body, (const uint8_t *)"\x02\x01\x03", 3);
    tmp.n = 0;
    cb_put(&tmp, sd_alg->b, sd_alg->n);
    if (c->ci_two_digests)
        cb_put(&tmp, LIT("\x30\x0b\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x02"));
    cb_tlv(&body, 0x31, tmp.b, tmp.n);
    tmp.n = 0;
    cb_tlv(&tmp, 0x06, c->econtent_type.b, c->econtent_type.n);
    sd.n = 0;
    if (c->ci_segmented) {
        /* two segments, indefinite length */
        cb_put(&sd, LIT("\x24\x80"));
        cb_tlv(&sd, 0x04, c->econtent.b, c->econtent.n / 2);
        cb_tlv(&sd, 0x04, c->econtent.b + c->econtent.n / 2, c->econtent.n - c->econtent.n / 2);
        cb_put(&sd, LIT("\x00\x00"));
    } else {
        cb_tlv(&sd, 0x04, c->econtent.b, c->econtent.n);
    }
    if (!c->ci_no_econtent)
        cb_tlv(&tmp, 0xA0, sd.b, sd.n);
    cb_tlv(&body, 0x30, tmp.b, tmp.n);
    if (c->n_certs > 0 || c->ci_extra_cert.n > 0) {
        tmp.n = 0;
        for (i = 0; i < c->n_certs; i++)
            cb_put(&tmp, c->certs[i].ptr, c->certs[i].len);
        cb_put(&tmp, c->ci_extra_cert.b, c->ci_extra_cert.n);
        cb_tlv(&body, 0xA0, tmp.b, tmp.n);
    }
    cb_tlv(&body, 0x31, c->si.b, c->si.n);
    sd.n = 0;
    cb_tlv(&sd, 0x30, body.b, body.n);
    tmp.n = 0;
    cb_tlv(&tmp, 0x06, LIT(CMSFW__OID_SIGNED_DATA));
    cb_tlv(&tmp, 0xA0, sd.b, sd.n);
    out->n = 0;
    cb_tlv(out, 0x30, tmp.b, tmp.n);
}

void
ck_free(ck *c)
{
    size_t i;

    tb_free(&c->key);
    for (i = 0; i < c->n_certs; i++)
        tb_free(&c->certs[i]);
    for (i = 0; i < c->n_anchor_bufs; i++)
        tb_free(&c->anchor_bufs[i]);
    c->n_certs = 0;
    c->n_anchor_bufs = 0;
}
