/*
 * test_review_sig.c: hostile inputs to the signature side of the device
 * procedure (steps 7 and 10-14): certification paths an attacker puts
 * together from certificates built here (self-signed look-alikes of the
 * anchor, cycles, long chains, algorithm confusion), certificates with
 * duplicated or malformed extensions, the LEGACY policy along a path, and
 * DER rules of the signed attributes.
 *
 * Certificates are built and signed at run time with the keys of
 * tests/data/keys: the anchor is P-384 (a self-signed root certificate),
 * the intermediate CA RSA-2048 (RSASSA-PSS, or PKCS#1 v1.5 where a test
 * says so), the signer P-256.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/checks_util.h"
#include "tests/cu_main.h"

static ck C;

/* The package's certificates (views of buffers C keeps): more than the
 * eight ck_build() takes. */
static cmsfw_bytes PKG[CMSFW__MAX_CERTS];
static size_t N_PKG;

/* ck_build(), the certificates of PKG, then steps 4 and 6-14. */
static cmsfw_err
run(cmsfw__signed *s)
{
    cmsfw__signed local;
    cmsfw__signed *out = s != NULL ? s : &local;
    cmsfw_err e;
    size_t i;

    memset(out, 0, sizeof *out);
    ck_build(&C);
    for (i = 0; i < N_PKG; i++)
        C.f.certs[i] = PKG[i];
    C.f.n_certs = N_PKG;
    C.diag.msg[0] = '\0';
    e = cmsfw__check_certificates(&C.f, &C.diag);
    if (e == CMSFW_OK)
        e = cmsfw__check_signed(&C.f, &C.dev, out, &C.diag);
    if (s == NULL)
        cmsfw__signed_free(&local);
    return e;
}

#define EXPECT(code)                                                                               \
    do {                                                                                           \
        cmsfw_err e_ = run(NULL);                                                                  \
        if (e_ != (code))                                                                          \
            printf("\n  %s:%d: got %s (%s)\n", __FILE__, __LINE__, cmsfw_err_name(e_),             \
                   C.diag.msg);                                                                    \
        CU_ASSERT_EQUAL(e_, (code));                                                               \
    } while (0)

#define K "tests/data/keys/"

/* ----------------------------------------------------------- DER pieces */

#define DB_CAP 4096
typedef struct db {
    uint8_t b[DB_CAP];
    size_t n;
} db;

static void
db_put(db *d, const uint8_t *p, size_t n)
{
    if (n > DB_CAP - d->n) {
        CU_FAIL_FATAL("DER buffer too small");
        return;
    }
    if (n > 0)
        memcpy(d->b + d->n, p, n);
    d->n += n;
}

static void
db_tlv(db *d, uint8_t tag, const uint8_t *p, size_t n)
{
    uint8_t h[4];
    size_t k = 0;

    h[k++] = tag;
    if (n < 0x80) {
        h[k++] = (uint8_t)n;
    } else if (n < 0x100) {
        h[k++] = 0x81;
        h[k++] = (uint8_t)n;
    } else {
        h[k++] = 0x82;
        h[k++] = (uint8_t)(n >> 8);
        h[k++] = (uint8_t)n;
    }
    db_put(d, h, k);
    db_put(d, p, n);
}

/* Name ::= SEQUENCE { SET { SEQUENCE { id-at-commonName, UTF8String } } }
 * (a short @cn: every length fits one octet) */
static void
db_name(db *d, const char *cn)
{
    uint8_t n = (uint8_t)strlen(cn);
    uint8_t h[] = {0x30, (uint8_t)(n + 11), 0x31, (uint8_t)(n + 9), 0x30, (uint8_t)(n + 7), 0x06,
                   0x03, 0x55, 0x04, 0x03, 0x0c, n};

    db_put(d, h, sizeof h);
    db_put(d, (const uint8_t *)cn, n);
}

/* Extension { extnID, critical TRUE when asked, extnValue } */
static void
db_ext(db *d, const uint8_t *oid, size_t oid_len, int critical, const uint8_t *v, size_t v_len)
{
    db e;

    e.n = 0;
    db_tlv(&e, 0x06, oid, oid_len);
    if (critical)
        db_put(&e, LIT("\x01\x01\xff"));
    db_tlv(&e, 0x04, v, v_len);
    db_tlv(d, 0x30, e.b, e.n);
}

static void
db_ext_ski(db *d, const uint8_t *id, size_t n)
{
    db v;

    v.n = 0;
    db_tlv(&v, 0x04, id, n);
    db_ext(d, LIT(CMSFW__OID_CE_SKI), 0, v.b, v.n);
}

/* BasicConstraints { cA TRUE, pathLenConstraint (< 0: absent) } */
static void
db_ext_ca(db *d, int path_len)
{
    db v, s;
    uint8_t n = (uint8_t)path_len;

    v.n = s.n = 0;
    db_put(&v, LIT("\x01\x01\xff"));
    if (path_len >= 0)
        db_tlv(&v, 0x02, &n, 1);
    db_tlv(&s, 0x30, v.b, v.n);
    db_ext(d, LIT(CMSFW__OID_CE_BASIC_CONSTRAINTS), 1, s.b, s.n);
}

/* ------------------------------------------------------------ certificates */

/* What the certificate says and who signs it. */
typedef struct cert_spec {
    const char *issuer;
    const char *subject;
    const char *subject_key; /* tests/data/keys/<name>.spki.der */
    const char *signer_key;  /* tests/data/keys/<name>.pk8.der */
    cmsfw_bk_sig scheme;     /* how signer_key signs */
    cmsfw_bk_hash hash;
    const sb *sig_alg;       /* signatureAlgorithm (both places) */
    const sb *tbs_sig_alg;   /* NULL: sig_alg; else tbsCertificate.signature */
    const db *exts; /* Extension TLVs; NULL or empty: none */
} cert_spec;

static sb ALG_ECDSA_SHA256, ALG_ECDSA_SHA384, ALG_RSA_SHA256, ALG_PSS_SHA256;

static void
init_algs(void)
{
    sb_alg(&ALG_ECDSA_SHA256, LIT(CMSFW__OID_ECDSA_SHA256), NULL, 0);
    sb_alg(&ALG_ECDSA_SHA384, LIT(CMSFW__OID_ECDSA_SHA384), NULL, 0);
    sb_alg(&ALG_RSA_SHA256, LIT(CMSFW__OID_RSA_SHA256), LIT("\x05\x00"));
    sb_pss(&ALG_PSS_SHA256, LIT(CMSFW__OID_SHA256), LIT(CMSFW__OID_SHA256), 32, -1);
}

static tb_buf
load_key(const char *name, const char *suffix)
{
    char path[128];
    tb_buf b;

    snprintf(path, sizeof path, K "%s.%s.der", name, suffix);
    b = tb_load(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b.ptr);
    return b;
}

/* Sign @tbs as the backend would verify it. */
static void
sign_tbs(const cert_spec *cs, const db *tbs, uint8_t *sig, size_t *sig_len)
{
    uint8_t d[CMSFW_BK_HASH_MAX];
    size_t n = 0;
    tb_buf key = load_key(cs->signer_key, "pk8");
    cmsfw_bytes msg = tb_bytes(tbs->b, tbs->n);

    if (cs->scheme != CMSFW_BK_SIG_ED25519) {
        CU_ASSERT_FATAL(cmsfw_bk_hash_once(cs->hash, msg, d, sizeof d, &n) == CMSFW_BK_OK);
        msg = tb_bytes(d, n);
    }
    CU_ASSERT_FATAL(cmsfw_bk_sign(cs->scheme, cs->hash, tb_view(key), msg, sig,
                                  CMSFW_BK_SIG_MAX, sig_len) == CMSFW_BK_OK);
    tb_free(&key);
}

/* Build the certificate; C keeps it until ck_free(). */
static cmsfw_bytes
make_cert(const cert_spec *cs)
{
    static db tbs, body, cert, tmp;
    static uint8_t serial;
    uint8_t sig[CMSFW_BK_SIG_MAX + 1];
    const sb *inner = cs->tbs_sig_alg != NULL ? cs->tbs_sig_alg : cs->sig_alg;
    tb_buf spki = load_key(cs->subject_key, "spki"), *keep;
    size_t sig_len = 0;

    body.n = 0;
    db_put(&body, LIT("\xa0\x03\x02\x01\x02"));
    serial = (uint8_t)((serial + 1) & 0x7F);
    db_tlv(&body, 0x02, &serial, 1);
    db_put(&body, inner->b, inner->n);
    db_name(&body, cs->issuer);
    db_put(&body, LIT("\x30\x1e\x17\x0d"
                      "250101000000Z"
                      "\x17\x0d"
                      "491231235959Z"));
    db_name(&body, cs->subject);
    db_put(&body, spki.ptr, spki.len);
    tb_free(&spki);
    if (cs->exts != NULL && cs->exts->n > 0) {
        tmp.n = 0;
        db_tlv(&tmp, 0x30, cs->exts->b, cs->exts->n);
        db_tlv(&body, 0xa3, tmp.b, tmp.n);
    }
    tbs.n = 0;
    db_tlv(&tbs, 0x30, body.b, body.n);
    sign_tbs(cs, &tbs, sig + 1, &sig_len);
    sig[0] = 0;
    body.n = 0;
    db_put(&body, tbs.b, tbs.n);
    db_put(&body, cs->sig_alg->b, cs->sig_alg->n);
    db_tlv(&body, 0x03, sig, sig_len + 1);
    cert.n = 0;
    db_tlv(&cert, 0x30, body.b, body.n);
    CU_ASSERT_FATAL(C.n_anchor_bufs < sizeof C.anchor_bufs / sizeof C.anchor_bufs[0]);
    keep = &C.anchor_bufs[C.n_anchor_bufs++];
    keep->ptr = malloc(cert.n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(keep->ptr);
    memcpy(keep->ptr, cert.b, cert.n);
    keep->len = cert.n;
    return tb_view(*keep);
}

/* Put a certificate made by make_cert() into the package. */
static void
carry(cmsfw_bytes cert)
{
    CU_ASSERT_FATAL(N_PKG < CMSFW__MAX_CERTS);
    PKG[N_PKG++] = cert;
}

#define ROOT_KEY "ec-p384"
#define ICA_KEY "rsa-2048"
#define LEAF_KEY "ec-p256"
#define ROOT_SKI "\x0e\x0e\x0e"
#define LEAF_SKI "\x1e\xaf\x51\x6e\x01"

static cmsfw_bytes ROOT;

/* ck_init() and an empty package. */
static void
fresh(void)
{
    ck_init(&C);
    N_PKG = 0;
}

/* Who signs, and how each of the keys used here signs certificates. */
static void
signed_by(cert_spec *s, const char *key)
{
    s->signer_key = key;
    s->hash = CMSFW_BK_SHA256;
    if (strcmp(key, ICA_KEY) == 0) {
        s->scheme = CMSFW_BK_SIG_RSA_PSS;
        s->sig_alg = &ALG_PSS_SHA256;
        return;
    }
    s->scheme = CMSFW_BK_SIG_ECDSA;
    s->sig_alg = &ALG_ECDSA_SHA256;
    if (strcmp(key, ROOT_KEY) == 0) {
        s->hash = CMSFW_BK_SHA384;
        s->sig_alg = &ALG_ECDSA_SHA384;
    }
}

static cert_spec
spec(const char *issuer, const char *subject, const char *subject_key, const char *signer_key,
     const db *exts)
{
    cert_spec s;

    memset(&s, 0, sizeof s);
    s.issuer = issuer;
    s.subject = subject;
    s.subject_key = subject_key;
    s.exts = exts;
    signed_by(&s, signer_key);
    return s;
}

/* CA extensions: basicConstraints (pathLenConstraint < 0: absent), and
 * a subjectKeyIdentifier when @ski is not NULL. */
static void
ca_exts(db *d, int path_len, const uint8_t *ski, size_t ski_len)
{
    d->n = 0;
    db_ext_ca(d, path_len);
    if (ski != NULL)
        db_ext_ski(d, ski, ski_len);
}

/* The signer's extensions: its SKI, then @extra. */
static void
leaf_exts(db *d, const uint8_t *extra, size_t n)
{
    d->n = 0;
    db_ext_ski(d, LIT(LEAF_SKI));
    db_put(d, extra, n);
}

/* A self-signed CA certificate of @key named @name, with SKI @ski. */
static cmsfw_bytes
self_signed(const char *name, const char *key, const uint8_t *ski, size_t ski_len)
{
    db e;
    cert_spec s;

    ca_exts(&e, -1, ski, ski_len);
    s = spec(name, name, key, key, &e);
    return make_cert(&s);
}

/* A package signed by LEAF_KEY with sid LEAF_SKI; the anchor is ROOT_KEY
 * with the self-signed certificate "rev root" (firmware signer); no
 * certificates yet. */
static void
start(void)
{
    fresh();
    ck_sid_ski(&C, LIT(LEAF_SKI));
    ROOT = self_signed("rev root", ROOT_KEY, LIT(ROOT_SKI));
    ck_anchor(&C, ck_keep(&C, K ROOT_KEY ".spki.der"), tb_bytes(NULL, 0), ROOT,
              CMSFW_ANCHOR_FIRMWARE_SIGNER);
}

/* start(), then "rev ica" (ICA_KEY, extensions @ie or a plain CA's) under
 * the root, and "rev leaf" under it with the extensions @extra after its
 * SKI. */
static void
chain(const db *ie, const uint8_t *extra, size_t n)
{
    db ca, le;
    cert_spec s;

    start();
    ca_exts(&ca, -1, NULL, 0);
    s = spec("rev root", "rev ica", ICA_KEY, ROOT_KEY, ie != NULL ? ie : &ca);
    carry(make_cert(&s));
    leaf_exts(&le, extra, n);
    s = spec("rev ica", "rev leaf", LEAF_KEY, ICA_KEY, &le);
    carry(make_cert(&s));
}

/* chain() with the leaf's certificate made from @s (issued by "rev ica"). */
static void
chain_leaf(const cert_spec *s)
{
    db ca;
    cert_spec i;

    start();
    ca_exts(&ca, -1, NULL, 0);
    i = spec("rev root", "rev ica", ICA_KEY, ROOT_KEY, &ca);
    carry(make_cert(&i));
    carry(make_cert(s));
}

static void
t_baseline(void)
{
    cmsfw__signed s;

    chain(NULL, NULL, 0);
    CU_ASSERT_EQUAL(run(&s), CMSFW_OK);
    CU_ASSERT_EQUAL(s.authenticated, 1);
    CU_ASSERT(cmsfw__bytes_eq_raw(s.anchor_key_id, LIT(ROOT_SKI)));
    cmsfw__signed_free(&s);
    ck_free(&C);
}

/* ---------------------------------- repeated extensions (RFC 5280 4.2) */

/* id-pe-cmsContentConstraints values: firmware packages cannotSource, and
 * firmware packages (canSource by default) */
#define CC_DENY "\x30\x12\x30\x10\x06\x0b\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x01\x10\x0a\x01\x01"
#define CC_ALLOW "\x30\x0f\x30\x0d\x06\x0b\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x01\x10"

static void
t_duplicate_constraints(void)
{
    db x;

    /* each alone: the deny is obeyed, the allow allows */
    x.n = 0;
    db_ext(&x, LIT(CMSFW__OID_PE_CONTENT_CONSTRAINTS), 0, LIT(CC_DENY));
    chain(NULL, x.b, x.n);
    EXPECT(CMSFW_NOT_AUTHORIZED);
    x.n = 0;
    db_ext(&x, LIT(CMSFW__OID_PE_CONTENT_CONSTRAINTS), 0, LIT(CC_ALLOW));
    chain(NULL, x.b, x.n);
    EXPECT(CMSFW_OK);
    /* the deny, then the allow: a certificate with the extension twice is
     * not valid; it must not be read as its last instance */
    x.n = 0;
    db_ext(&x, LIT(CMSFW__OID_PE_CONTENT_CONSTRAINTS), 0, LIT(CC_DENY));
    db_ext(&x, LIT(CMSFW__OID_PE_CONTENT_CONSTRAINTS), 0, LIT(CC_ALLOW));
    chain(NULL, x.b, x.n);
    EXPECT(CMSFW_BAD_CERTIFICATE);
    ck_free(&C);
}

/* root <- "rev ica" (extensions @ie) <- "rev ica 2" <- leaf */
static void
chain_deep(const db *ie)
{
    db ca, le;
    cert_spec s;

    start();
    s = spec("rev root", "rev ica", ICA_KEY, ROOT_KEY, ie);
    carry(make_cert(&s));
    ca_exts(&ca, -1, NULL, 0);
    s = spec("rev ica", "rev ica 2", ROOT_KEY, ICA_KEY, &ca);
    carry(make_cert(&s));
    leaf_exts(&le, NULL, 0);
    s = spec("rev ica 2", "rev leaf", LEAF_KEY, ROOT_KEY, &le);
    carry(make_cert(&s));
}

static void
t_duplicate_ca_extensions(void)
{
    db ie, x;

    /* basicConstraints without cA, then another with cA TRUE */
    ie.n = 0;
    db_ext(&ie, LIT(CMSFW__OID_CE_BASIC_CONSTRAINTS), 1, LIT("\x30\x00"));
    chain(&ie, NULL, 0);
    EXPECT(CMSFW_NO_TRUST_ANCHOR); /* not a CA */
    db_ext_ca(&ie, -1);
    chain(&ie, NULL, 0);
    EXPECT(CMSFW_NO_TRUST_ANCHOR);
    /* a second CA below the intermediate: fine; not with pathLenConstraint
     * 0, nor when a second basicConstraints leaves the constraint out */
    ca_exts(&ie, -1, NULL, 0);
    chain_deep(&ie);
    EXPECT(CMSFW_OK);
    ca_exts(&ie, 0, NULL, 0);
    chain_deep(&ie);
    EXPECT(CMSFW_NO_TRUST_ANCHOR);
    db_ext_ca(&ie, -1);
    chain_deep(&ie);
    EXPECT(CMSFW_NO_TRUST_ANCHOR);
    /* keyUsage keyEncipherment, then keyUsage keyCertSign */
    ca_exts(&ie, -1, NULL, 0);
    db_ext(&ie, LIT(CMSFW__OID_CE_KEY_USAGE), 1, LIT("\x03\x02\x05\x20"));
    chain(&ie, NULL, 0);
    EXPECT(CMSFW_NO_TRUST_ANCHOR); /* no keyCertSign */
    db_ext(&ie, LIT(CMSFW__OID_CE_KEY_USAGE), 1, LIT("\x03\x02\x02\x04"));
    chain(&ie, NULL, 0);
    EXPECT(CMSFW_NO_TRUST_ANCHOR);
    /* the signer's keyUsage: keyEncipherment, then digitalSignature */
    x.n = 0;
    db_ext(&x, LIT(CMSFW__OID_CE_KEY_USAGE), 1, LIT("\x03\x02\x05\x20"));
    db_ext(&x, LIT(CMSFW__OID_CE_KEY_USAGE), 1, LIT("\x03\x02\x07\x80"));
    chain(NULL, x.b, x.n);
    EXPECT(CMSFW_BAD_CERTIFICATE);
    ck_free(&C);
}

/* -------------------------------------------- content constraints syntax */

#define OID_TLV_FW "\x06\x0b\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x01\x10"
/* AttrConstraint: target-hardware-module-identifiers = { CK_HW_TYPE }, and
 * = { another hwType } */
#define AC_TARGETS(last)                                                                           \
    "\x30\x20\x06\x0b\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x02\x24\x31\x11\x30\x0f\x06\x0d"         \
    "\x2b\x06\x01\x04\x01\x81\xfd\x59\x01\x01\x01\x02" last
#define AC_TARGETS_OK AC_TARGETS("\x03")
#define AC_TARGETS_OTHER AC_TARGETS("\x04")

/* A leaf whose content constraints hold one ContentTypeConstraint: the
 * contentType firmware package, then the fields @rest (whole TLVs); a
 * second entry @ctc2 (its contents) when not NULL. */
static void
cc_leaf(const uint8_t *rest, size_t n, const uint8_t *ctc2, size_t n2)
{
    db one, list, x;

    x.n = 0;
    db_put(&x, LIT(OID_TLV_FW));
    db_put(&x, rest, n);
    list.n = 0;
    db_tlv(&list, 0x30, x.b, x.n);
    if (ctc2 != NULL)
        db_tlv(&list, 0x30, ctc2, n2);
    one.n = 0;
    db_tlv(&one, 0x30, list.b, list.n);
    x.n = 0;
    db_ext(&x, LIT(CMSFW__OID_PE_CONTENT_CONSTRAINTS), 0, one.b, one.n);
    chain(NULL, x.b, x.n);
}

/* attrConstraints holding @acs (whole AttrConstraint TLVs), then @tail */
static void
cc_leaf_acl(const uint8_t *acs, size_t n, const uint8_t *tail, size_t tail_len)
{
    db acl;

    acl.n = 0;
    db_tlv(&acl, 0x30, acs, n);
    db_put(&acl, tail, tail_len);
    cc_leaf(acl.b, acl.n, NULL, 0);
}

static void
t_constraints_syntax(void)
{
    db ac;

    /* well formed: firmware, attrConstraints { targets = ours } */
    cc_leaf_acl(LIT(AC_TARGETS_OK), NULL, 0);
    EXPECT(CMSFW_OK);
    cc_leaf_acl(LIT(AC_TARGETS_OTHER), NULL, 0);
    EXPECT(CMSFW_NOT_AUTHORIZED);
    /* cannotSource after attrConstraints: out of order, not to be skipped */
    cc_leaf_acl(LIT(AC_TARGETS_OK), LIT("\x0a\x01\x01"));
    EXPECT(CMSFW_BAD_CERTIFICATE);
    /* something else in the AttrConstraintList before a constraint that
     * fails: the list does not end there */
    cc_leaf_acl(LIT("\x02\x01\x01" AC_TARGETS_OTHER), NULL, 0);
    EXPECT(CMSFW_BAD_CERTIFICATE);
    /* an AttrConstraint with a field after attrValues */
    ac.n = 0;
    db_put(&ac, (const uint8_t *)AC_TARGETS_OK + 2, sizeof(AC_TARGETS_OK) - 3);
    db_put(&ac, LIT("\x05\x00"));
    {
        db whole;

        whole.n = 0;
        db_tlv(&whole, 0x30, ac.b, ac.n);
        cc_leaf_acl(whole.b, whole.n, NULL, 0);
    }
    EXPECT(CMSFW_BAD_CERTIFICATE);
    /* an empty AttrConstraintList (SIZE (1..MAX)) */
    cc_leaf_acl(NULL, 0, NULL, 0);
    EXPECT(CMSFW_BAD_CERTIFICATE);
    /* firmware packages twice, whichever comes first */
    cc_leaf(LIT("\x0a\x01\x01"), LIT(OID_TLV_FW));
    EXPECT(CMSFW_BAD_CERTIFICATE);
    cc_leaf(NULL, 0, LIT(OID_TLV_FW "\x0a\x01\x01"));
    EXPECT(CMSFW_BAD_CERTIFICATE);
    ck_free(&C);
}

/* ------------------------------------------ LEGACY along the path */

static void
t_legacy_path(void)
{
    db le;
    cert_spec s;

    /* the leaf's certificate signed with sha256WithRSAEncryption */
    leaf_exts(&le, NULL, 0);
    s = spec("rev ica", "rev leaf", LEAF_KEY, ICA_KEY, &le);
    s.scheme = CMSFW_BK_SIG_RSA_PKCS1;
    s.sig_alg = &ALG_RSA_SHA256;
    chain_leaf(&s);
    EXPECT(CMSFW_OK); /* LEGACY is verified by default */
    C.dev.policy = CMSFW_POLICY_NO_LEGACY;
    EXPECT(CMSFW_NO_TRUST_ANCHOR);
    /* RSASSA-PSS is not LEGACY */
    chain(NULL, NULL, 0);
    C.dev.policy = CMSFW_POLICY_NO_LEGACY;
    EXPECT(CMSFW_OK);
    /* an RSA anchor that signed the leaf with PKCS#1 v1.5 */
    start();
    C.anchors[0].cert = self_signed("rev ica", ICA_KEY, LIT("\x0c"));
    C.anchors[0].spki = ck_keep(&C, K ICA_KEY ".spki.der");
    carry(make_cert(&s));
    EXPECT(CMSFW_OK);
    C.dev.policy = CMSFW_POLICY_NO_LEGACY;
    EXPECT(CMSFW_NO_TRUST_ANCHOR);
    ck_free(&C);
}

/* ------------------------------------- trust cannot come from the package */

static void
t_injected_trust(void)
{
    cmsfw_bytes fake;
    db le;
    cert_spec s;
    size_t i;

    /* the signer's own self-signed certificate, with the signer's SKI and
     * the anchor's name, even several copies of it */
    start();
    fake = self_signed("rev root", LEAF_KEY, LIT(LEAF_SKI));
    carry(fake);
    EXPECT(CMSFW_NO_TRUST_ANCHOR);
    for (i = 0; i < 8; i++)
        carry(fake);
    EXPECT(CMSFW_NO_TRUST_ANCHOR);
    /* ... with a copy of the real root next to them */
    carry(ROOT);
    EXPECT(CMSFW_NO_TRUST_ANCHOR);
    /* a leaf under a look-alike root (same name, same SKI, another key) */
    start();
    carry(self_signed("rev root", LEAF_KEY, LIT(ROOT_SKI)));
    leaf_exts(&le, NULL, 0);
    s = spec("rev root", "rev leaf", LEAF_KEY, LEAF_KEY, &le);
    carry(make_cert(&s));
    EXPECT(CMSFW_NO_TRUST_ANCHOR);
    /* the sid names the anchor's key id: the anchor's key must verify */
    ck_sid_ski(&C, LIT(ROOT_SKI));
    EXPECT(CMSFW_SIGNATURE_FAILURE);
    ck_free(&C);
}

static void
t_cycles_and_depth(void)
{
    db ca, le;
    cert_spec s;
    char name[2][16];
    size_t i, k;

    ca_exts(&ca, -1, NULL, 0);
    leaf_exts(&le, NULL, 0);
    /* "a" issued by "b", "b" issued by "a" (same key), leaf under "a" */
    start();
    s = spec("b", "a", ICA_KEY, ICA_KEY, &ca);
    carry(make_cert(&s));
    s = spec("a", "b", ICA_KEY, ICA_KEY, &ca);
    carry(make_cert(&s));
    s = spec("a", "rev leaf", LEAF_KEY, ICA_KEY, &le);
    carry(make_cert(&s));
    EXPECT(CMSFW_NO_TRUST_ANCHOR);
    /* a CA that issued itself, over the leaf */
    start();
    carry(self_signed("rev ica", ICA_KEY, NULL, 0));
    s = spec("rev ica", "rev leaf", LEAF_KEY, ICA_KEY, &le);
    carry(make_cert(&s));
    EXPECT(CMSFW_NO_TRUST_ANCHOR);
    /* root <- c0 <- c1 <- ... <- leaf: the leaf and 7 CAs below the anchor
     * are the most a path holds */
    for (i = 7; i <= 8; i++) {
        start();
        for (k = 0; k < i; k++) {
            snprintf(name[k % 2], sizeof name[0], "c%u", (unsigned)k);
            s = spec(k == 0 ? "rev root" : name[(k + 1) % 2], name[k % 2], ICA_KEY,
                     k == 0 ? ROOT_KEY : ICA_KEY, &ca);
            carry(make_cert(&s));
        }
        s = spec(name[(i - 1) % 2], "rev leaf", LEAF_KEY, ICA_KEY, &le);
        carry(make_cert(&s));
        EXPECT(i == 7 ? CMSFW_OK : CMSFW_NO_TRUST_ANCHOR);
    }
    ck_free(&C);
}

/* --------------------------------------------------- algorithm confusion */

/* Another signing key for the SignerInfo; the anchor stays the root. */
static void
signer(const char *key, cmsfw_bk_sig scheme, cmsfw_bk_hash h, const uint8_t *oid, size_t n)
{
    cmsfw_bytes anchor = C.anchors[0].spki;

    ck_signer(&C, key, NULL, scheme, h, oid, n, NULL, 0);
    C.anchors[0].spki = anchor;
}

static void
t_algorithm_confusion(void)
{
    db le;
    cert_spec s;
    sb rsa;

    leaf_exts(&le, NULL, 0);
    s = spec("rev ica", "rev leaf", LEAF_KEY, ICA_KEY, &le);
    /* the leaf's certificate labelled ECDSA, with an RSA signature of its
     * RSA issuer */
    s.scheme = CMSFW_BK_SIG_RSA_PKCS1;
    s.sig_alg = &ALG_ECDSA_SHA256;
    chain_leaf(&s);
    EXPECT(CMSFW_NO_TRUST_ANCHOR);
    /* tbsCertificate.signature says PSS, the outer one PKCS#1 v1.5 (whose
     * signature it carries) */
    s.sig_alg = &ALG_RSA_SHA256;
    s.tbs_sig_alg = &ALG_PSS_SHA256;
    chain_leaf(&s);
    EXPECT(CMSFW_NO_TRUST_ANCHOR);
    /* rsaEncryption is no certificate signature algorithm */
    sb_alg(&rsa, LIT(CMSFW__OID_RSA), LIT("\x05\x00"));
    s.sig_alg = &rsa;
    s.tbs_sig_alg = NULL;
    chain_leaf(&s);
    EXPECT(CMSFW_NO_TRUST_ANCHOR);
    /* a certified P-521 key: the path is fine, the key size is not */
    s = spec("rev ica", "rev leaf", "ec-p521", ICA_KEY, &le);
    chain_leaf(&s);
    signer("ec-p521", CMSFW_BK_SIG_ECDSA, CMSFW_BK_SHA512, LIT(CMSFW__OID_ECDSA_SHA512));
    C.dummy_sig = 1;
    C.dummy_sig_len = 139;
    EXPECT(CMSFW_UNSUPPORTED_KEY_SIZE);
    /* a certified RSA key with an ECDSA SignerInfo */
    s.subject_key = "rsa-3072";
    chain_leaf(&s);
    signer("rsa-3072", CMSFW_BK_SIG_RSA_PKCS1, CMSFW_BK_SHA256, LIT(CMSFW__OID_ECDSA_SHA256));
    EXPECT(CMSFW_BAD_SIGNATURE_ALGORITHM);
    ck_free(&C);
}

/* ----------------------------------------------------- authorisation */

static void
t_anchor_switch(void)
{
    static cmsfw_anchor two[2];

    /* the root key without the firmware flag, and a firmware anchor of
     * another key that carries the same name: the path verifies only under
     * the first, so the package is not authorised */
    chain(NULL, NULL, 0);
    memset(two, 0, sizeof two);
    two[0] = C.anchors[0];
    two[0].flags = 0;
    two[1].spki = ck_keep(&C, K LEAF_KEY ".spki.der");
    two[1].cert = self_signed("rev root", LEAF_KEY, LIT("\x0f"));
    two[1].flags = CMSFW_ANCHOR_FIRMWARE_SIGNER;
    C.dev.anchors = two;
    C.dev.n_anchors = 2;
    EXPECT(CMSFW_NOT_AUTHORIZED);
    two[0].flags = CMSFW_ANCHOR_FIRMWARE_SIGNER;
    EXPECT(CMSFW_OK);
    ck_free(&C);
}

/* ------------------------------------------------- signed attributes */

static void
t_attrs_time(void)
{
    static const struct {
        const char *v;
        cmsfw_err want;
    } cases[] = {
        /* X.690 11.7: a fraction without trailing zeros, or none */
        {"20250101120000.5Z", CMSFW_OK},
        {"20250101120000.125Z", CMSFW_OK},
        {"20250101120000Z", CMSFW_OK},
        {"20250101120000.50Z", CMSFW_BAD_SIGNED_ATTRS},
        {"20250101120000.0Z", CMSFW_BAD_SIGNED_ATTRS},
        {"20250101120000.Z", CMSFW_BAD_SIGNED_ATTRS},
        {"20250101120000", CMSFW_BAD_SIGNED_ATTRS},
        {"202501011200.5Z5", CMSFW_BAD_SIGNED_ATTRS},
        {"20250101120000,5Z", CMSFW_BAD_SIGNED_ATTRS},
    };
    uint8_t v[32];
    size_t i, n;

    fresh();
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        n = strlen(cases[i].v);
        v[0] = 0x18;
        v[1] = (uint8_t)n;
        memcpy(v + 2, cases[i].v, n);
        ck_set_attr(&C, LIT("\x2a\x03\x04"), v, n + 2);
        EXPECT(cases[i].want);
    }
    ck_free(&C);
}

/* Offset of @nn octets at @n in @h (SIZE_MAX: nowhere). */
static size_t
find(const uint8_t *h, size_t hn, const uint8_t *n, size_t nn)
{
    size_t i;

    for (i = 0; nn <= hn && i <= hn - nn; i++)
        if (memcmp(h + i, n, nn) == 0)
            return i;
    return SIZE_MAX;
}

static void
t_attrs_signed_bytes(void)
{
    static uint8_t copy[CB_CAP];
    cmsfw__signed s;
    const uint8_t *a;
    size_t at, h, l1, l2;

    /* the values acted on are those of the signed bytes: one octet of the
     * firmware-package-identifier changed after signing */
    fresh();
    CU_ASSERT_EQUAL(run(&s), CMSFW_OK);
    CU_ASSERT_EQUAL(s.pkg_id.name.version, 5);
    cmsfw__signed_free(&s);
    memcpy(copy, C.si.b, C.si.n);
    at = find(C.si.b, C.si.n, C.sattrs.b, C.sattrs.n);
    CU_ASSERT_FATAL(at != SIZE_MAX);
    h = find(copy + at, C.sattrs.n, LIT("\x02\x01\x05"));
    CU_ASSERT_FATAL(h != SIZE_MAX);
    copy[at + h + 2] = 0x06;
    C.f.signer_info = tb_bytes(copy, C.si.n);
    CU_ASSERT_EQUAL(cmsfw__check_signed(&C.f, &C.dev, &s, &C.diag), CMSFW_SIGNATURE_FAILURE);
    CU_ASSERT_EQUAL(s.authenticated, 0);
    cmsfw__signed_free(&s);
    /* signed in DER order, sent with the first two attributes swapped:
     * refused, never put back in order */
    memcpy(copy, C.si.b, C.si.n);
    h = C.sattrs.b[1] < 0x80 ? 2 : 2 + (C.sattrs.b[1] & 0x7Fu);
    a = C.sattrs.b + h;
    CU_ASSERT_FATAL(a[1] < 0x80);
    l1 = (size_t)a[1] + 2;
    CU_ASSERT_FATAL(a[l1 + 1] < 0x80);
    l2 = (size_t)a[l1 + 1] + 2;
    memcpy(copy + at + h, a + l1, l2);
    memcpy(copy + at + h + l2, a, l1);
    C.f.signer_info = tb_bytes(copy, C.si.n);
    CU_ASSERT_EQUAL(cmsfw__check_signed(&C.f, &C.dev, &s, &C.diag), CMSFW_BAD_SIGNED_ATTRS);
    cmsfw__signed_free(&s);
    ck_free(&C);
}

static CU_TestInfo tests[] = {
    {"a path built here verifies", t_baseline},
    {"content constraints extension twice", t_duplicate_constraints},
    {"basicConstraints and keyUsage twice", t_duplicate_ca_extensions},
    {"content constraints: strict syntax", t_constraints_syntax},
    {"NO_LEGACY applies to certificate signatures", t_legacy_path},
    {"the package cannot bring its own trust", t_injected_trust},
    {"cycles, self-issued CAs, path length", t_cycles_and_depth},
    {"algorithm confusion in paths and keys", t_algorithm_confusion},
    {"authorisation follows the verifying anchor", t_anchor_switch},
    {"GeneralizedTime DER forms", t_attrs_time},
    {"values come from the signed bytes", t_attrs_signed_bytes},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"review-sig", NULL, NULL, NULL, NULL, tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    init_algs();
    return cu_run(suites);
}
