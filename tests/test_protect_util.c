/* test_protect_util.c: see test_protect_util.h */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include <cmsfw/fw.h>
#include <cmsfw/keys.h>
#include <cmsfw/oid.h>

#include "asn1/der.h"
#include "backends/backend.h"
#include "test_protect_util.h"

/* A failed check returns the line it is on. */
#define NEED(cond)                                                                        \
    do {                                                                                  \
        if (!(cond))                                                                      \
            return __LINE__;                                                              \
    } while (0)

tp_signer
tp_signer_load(const char *key, const char *cert)
{
    tp_signer s;
    char path[256];

    memset(&s, 0, sizeof s);
    s.name = key;
    snprintf(path, sizeof path, "tests/data/keys/%s.pk8.der", key);
    s.key = tb_load(path);
    if (cert != NULL) {
        snprintf(path, sizeof path, "tests/data/%s", cert);
        s.cert = tb_load(path);
    }
    return s;
}

void
tp_signer_free(tp_signer *s)
{
    tb_free(&s->key);
    tb_free(&s->cert);
}

cmsfw_bytes
tp_oid(const char *name)
{
    const cmsfw_oid_entry *e = cmsfw_oid_lookup(name);
    cmsfw_bytes b = {NULL, 0};

    if (e != NULL) {
        b.ptr = e->der;
        b.len = e->der_len;
    }
    return b;
}

static cmsfw_bytes
view(const uint8_t *p, size_t n)
{
    cmsfw_bytes b;

    b.ptr = p;
    b.len = n;
    return b;
}

static int
same(cmsfw_bytes a, cmsfw_bytes b)
{
    return a.ptr != NULL && b.ptr != NULL && a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
}

/* Strict reads of the expected element; 0 when it is there. */
static int
expect(cmsfw_der_cur *c, uint8_t cls, int cons, uint32_t tag, cmsfw_der_tlv *t)
{
    return cmsfw_der_expect(c, cls, cons, tag, t) == CMSFW_DER_OK;
}

static int
seq(cmsfw_der_cur *c, cmsfw_der_tlv *t)
{
    return expect(c, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, t);
}

static int
oid_is(cmsfw_der_cur *c, cmsfw_bytes want)
{
    cmsfw_der_tlv t;

    return expect(c, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, &t) &&
           same(view(t.val, t.len), want);
}

static size_t
count(const cmsfw_der_tlv *t)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv e;
    size_t n = 0;

    cmsfw_der_enter(&c, t, 0);
    while (cmsfw_der_read(&c, &e) == CMSFW_DER_OK)
        n++;
    return cmsfw_der_at_end(&c) ? n : (size_t)-1;
}

/* SignerInfo ::= SEQUENCE { version, sid, digestAlgorithm, [0] signedAttrs,
 *   signatureAlgorithm, signature, [1] unsignedAttrs OPTIONAL } */
static int
parse_signer_info_tlv(const cmsfw_der_tlv *si, tp_pkg *p)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv t;

    cmsfw_der_enter(&c, si, 0);
    NEED(expect(&c, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_INTEGER, &t));
    NEED(cmsfw_der_get_int(&t, &p->si_version) == CMSFW_DER_OK);
    NEED(cmsfw_der_read(&c, &t) == CMSFW_DER_OK);
    p->sid = view(t.tlv, t.tlv_len);
    NEED(seq(&c, &t));
    p->digest_alg = view(t.tlv, t.tlv_len);
    NEED(expect(&c, CMSFW_DER_CONTEXT, 1, 0, &t));
    p->signed_attrs = view(t.val, t.len);
    NEED(seq(&c, &t));
    p->sig_alg = view(t.tlv, t.tlv_len);
    NEED(expect(&c, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OCTET_STRING, &t));
    p->signature = view(t.val, t.len);
    if (expect(&c, CMSFW_DER_CONTEXT, 1, 1, &t))
        p->unsigned_attrs = view(t.val, t.len);
    NEED(cmsfw_der_at_end(&c));
    return 0;
}

int
tp_parse_signer_info(cmsfw_bytes si, tp_pkg *p)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv t;

    cmsfw_der_init(&c, si.ptr, si.len, 0);
    NEED(seq(&c, &t) && cmsfw_der_at_end(&c) && cmsfw_der_walk(&t, 0) == CMSFW_DER_OK);
    return parse_signer_info_tlv(&t, p);
}

/* SignedData ::= SEQUENCE { version, digestAlgorithms, encapContentInfo,
 *   [0] certificates OPTIONAL, [1] crls OPTIONAL, signerInfos } */
static int
parse_signed_data(const cmsfw_der_tlv *sd, tp_pkg *p)
{
    cmsfw_der_cur c, e;
    cmsfw_der_tlv t, u;

    cmsfw_der_enter(&c, sd, 0);
    NEED(expect(&c, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_INTEGER, &t));
    NEED(cmsfw_der_get_int(&t, &p->sd_version) == CMSFW_DER_OK);
    NEED(expect(&c, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SET, &t));
    p->digest_algs = view(t.val, t.len);
    p->n_digest_algs = count(&t);
    NEED(seq(&c, &t));
    cmsfw_der_enter(&e, &t, 0);
    NEED(expect(&e, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, &u));
    p->econtent_type = view(u.val, u.len);
    NEED(expect(&e, CMSFW_DER_CONTEXT, 1, 0, &u) && cmsfw_der_at_end(&e));
    cmsfw_der_enter(&e, &u, 0);
    NEED(expect(&e, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OCTET_STRING, &u));
    NEED(cmsfw_der_at_end(&e));
    p->econtent = view(u.val, u.len);
    if (expect(&c, CMSFW_DER_CONTEXT, 1, 0, &t)) {
        p->certs = view(t.val, t.len);
        p->n_certs = count(&t);
    }
    NEED(expect(&c, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SET, &t) && cmsfw_der_at_end(&c));
    p->n_signer_infos = count(&t);
    NEED(p->n_signer_infos == 1);
    cmsfw_der_enter(&e, &t, 0);
    NEED(seq(&e, &u));
    return parse_signer_info_tlv(&u, p);
}

int
tp_parse(cmsfw_bytes der, tp_pkg *p)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv ci, t;

    memset(p, 0, sizeof *p);
    cmsfw_der_init(&c, der.ptr, der.len, 0);
    NEED(seq(&c, &ci) && cmsfw_der_at_end(&c));
    NEED(cmsfw_der_walk(&ci, 0) == CMSFW_DER_OK);
    cmsfw_der_enter(&c, &ci, 0);
    NEED(oid_is(&c, tp_oid("id-signedData")));
    NEED(expect(&c, CMSFW_DER_CONTEXT, 1, 0, &t) && cmsfw_der_at_end(&c));
    cmsfw_der_enter(&c, &t, 0);
    NEED(seq(&c, &t) && cmsfw_der_at_end(&c));
    return parse_signed_data(&t, p);
}

/* X.690 11.6 order, written independently of the producer's. */
static int
der_less_or_equal(cmsfw_bytes a, cmsfw_bytes b)
{
    size_t i, n = a.len > b.len ? a.len : b.len;

    for (i = 0; i < n; i++) {
        uint8_t x = i < a.len ? a.ptr[i] : 0, y = i < b.len ? b.ptr[i] : 0;
        if (x != y)
            return x < y;
    }
    return 1;
}

int
tp_attrs_check(cmsfw_bytes attrs)
{
    cmsfw_der_cur c, a;
    cmsfw_der_tlv t, type, vals;
    cmsfw_bytes prev = {NULL, 0}, types[32];
    size_t n = 0, i;

    cmsfw_der_init(&c, attrs.ptr, attrs.len, 0);
    while (!cmsfw_der_at_end(&c)) {
        NEED(seq(&c, &t) && cmsfw_der_walk(&t, 0) == CMSFW_DER_OK);
        NEED(prev.ptr == NULL || der_less_or_equal(prev, view(t.tlv, t.tlv_len)));
        prev = view(t.tlv, t.tlv_len);
        cmsfw_der_enter(&a, &t, 0);
        NEED(expect(&a, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, &type));
        NEED(expect(&a, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SET, &vals) && cmsfw_der_at_end(&a));
        NEED(count(&vals) == 1);
        NEED(n < 32);
        for (i = 0; i < n; i++)
            NEED(!same(types[i], view(type.val, type.len)));
        types[n++] = view(type.val, type.len);
    }
    return 0;
}

cmsfw_bytes
tp_attr(cmsfw_bytes attrs, cmsfw_bytes type)
{
    cmsfw_der_cur c, a;
    cmsfw_der_tlv t, o, vals, v;
    cmsfw_bytes none = {NULL, 0};

    cmsfw_der_init(&c, attrs.ptr, attrs.len, 0);
    while (seq(&c, &t)) {
        cmsfw_der_enter(&a, &t, 0);
        if (!expect(&a, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, &o) ||
            !same(view(o.val, o.len), type))
            continue;
        if (!expect(&a, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SET, &vals))
            return none;
        cmsfw_der_enter(&a, &vals, 0);
        if (cmsfw_der_read(&a, &v) != CMSFW_DER_OK)
            return none;
        return view(v.tlv, v.tlv_len);
    }
    return none;
}

size_t
tp_attr_count(cmsfw_bytes attrs)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv t;
    size_t n = 0;

    cmsfw_der_init(&c, attrs.ptr, attrs.len, 0);
    while (cmsfw_der_read(&c, &t) == CMSFW_DER_OK)
        n++;
    return n;
}

size_t
tp_hash(int alg, cmsfw_bytes data, uint8_t *out)
{
    size_t n = 0;

    if (cmsfw_bk_hash_once((cmsfw_bk_hash)alg, data, out, CMSFW_BK_HASH_MAX, &n) != CMSFW_BK_OK)
        return 0;
    return n;
}

int
tp_verify_signature(const tp_pkg *p, cmsfw_bytes spki)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv t;
    uint8_t *tbs = malloc(p->signed_attrs.len + 8), digest[CMSFW_BK_HASH_MAX];
    cmsfw_der_w w;
    cmsfw_bk_sig scheme = CMSFW_BK_SIG_ECDSA;
    cmsfw_bk_hash h = CMSFW_BK_SHA256;
    cmsfw_bytes msg, sig_oid;
    cmsfw_bk_status st;

    NEED(tbs != NULL);
    cmsfw_der_w_init(&w, tbs, p->signed_attrs.len + 8);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SET, p->signed_attrs.len);
    cmsfw_der_put_bytes(&w, p->signed_attrs.ptr, p->signed_attrs.len);
    msg = view(tbs, w.pos);
    cmsfw_der_init(&c, p->sig_alg.ptr, p->sig_alg.len, 0);
    cmsfw_der_read(&c, &t);
    cmsfw_der_enter(&c, &t, 0);
    cmsfw_der_read(&c, &t);
    sig_oid = view(t.val, t.len);
    if (same(sig_oid, tp_oid("id-Ed25519")))
        scheme = CMSFW_BK_SIG_ED25519;
    else if (same(sig_oid, tp_oid("id-RSASSA-PSS")))
        scheme = CMSFW_BK_SIG_RSA_PSS;
    else if (cmsfw_oid_name(sig_oid) != NULL && strstr(cmsfw_oid_name(sig_oid), "RSA") != NULL)
        scheme = CMSFW_BK_SIG_RSA_PKCS1;
    if (same(p->digest_alg, view((const uint8_t *)"\x30\x0b\x06\x09\x60\x86\x48\x01\x65\x03\x04"
                                                  "\x02\x02",
                                  13)))
        h = CMSFW_BK_SHA384;
    else if (same(p->digest_alg, view((const uint8_t *)"\x30\x0b\x06\x09\x60\x86\x48\x01\x65\x03"
                                                       "\x04\x02\x03",
                                       13)))
        h = CMSFW_BK_SHA512;
    if (scheme != CMSFW_BK_SIG_ED25519)
        msg = view(digest, tp_hash(h, msg, digest));
    st = cmsfw_bk_verify(scheme, h, spki, msg, p->signature);
    free(tbs);
    NEED(st == CMSFW_BK_OK);
    return 0;
}

tb_buf
tp_image(size_t len, unsigned seed)
{
    tb_buf b;
    size_t i;
    uint32_t x = seed * 2654435761u + 1;

    b.ptr = malloc(len + 1);
    b.len = b.ptr != NULL ? len : 0;
    for (i = 0; i < b.len; i++) {
        x = x * 1103515245u + 12345u;
        /* runs of text with noise: deflate has something to do */
        b.ptr[i] = (i / 512) % 3 == 0 ? (uint8_t)(x >> 24) : (uint8_t)("firmware "[i % 9]);
    }
    return b;
}

tb_buf
tp_content_info(cmsfw_bytes type, cmsfw_bytes content)
{
    tb_buf b = {NULL, 0};
    size_t inner = cmsfw_der_tlv_size(0, content.len);
    size_t n = cmsfw_der_tlv_size(6, type.len) + inner;
    cmsfw_der_w w;

    b.ptr = malloc(cmsfw_der_tlv_size(16, n));
    if (b.ptr == NULL)
        return b;
    cmsfw_der_w_init(&w, b.ptr, cmsfw_der_tlv_size(16, n));
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, n);
    cmsfw_der_put_oid(&w, type.ptr, type.len);
    cmsfw_der_put_header(&w, CMSFW_DER_CONTEXT, 1, 0, content.len);
    cmsfw_der_put_bytes(&w, content.ptr, content.len);
    b.len = w.pos;
    return b;
}

/* ---------------------------------------------------------- openssl */

int
tp_have_openssl(void)
{
    static int have = -1;

    if (have < 0)
        have = system("openssl version >/dev/null 2>&1") == 0;
    return have;
}

static int
write_file(const char *path, cmsfw_bytes b)
{
    FILE *f = fopen(path, "wb");
    int ok = f != NULL && fwrite(b.ptr, 1, b.len, f) == b.len;

    if (f != NULL && fclose(f) != 0)
        ok = 0;
    return ok ? 0 : -1;
}

static tb_buf
read_file(const char *path)
{
    tb_buf b = {NULL, 0};
    FILE *f = fopen(path, "rb");
    long size;

    if (f == NULL)
        return b;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        b.ptr = malloc((size_t)size + 1);
        if (b.ptr != NULL && fread(b.ptr, 1, (size_t)size, f) == (size_t)size) {
            b.len = (size_t)size;
        } else {
            free(b.ptr);
            b.ptr = NULL;
        }
    }
    fclose(f);
    return b;
}

static void
tmp_name(char *out, size_t n, const char *what)
{
    char cwd[200];

    if (getcwd(cwd, sizeof cwd) == NULL)
        strcpy(cwd, "/tmp");
    snprintf(out, n, "%s/tp-%ld-%s", cwd, (long)getpid(), what);
}

int
tp_openssl_verify(cmsfw_bytes pkg, cmsfw_bytes cert, tb_buf *econtent)
{
    char in[256], out[256], certf[256], cmd[2048];
    int rc;

    econtent->ptr = NULL;
    econtent->len = 0;
    tmp_name(in, sizeof in, "pkg.der");
    tmp_name(out, sizeof out, "econtent.bin");
    tmp_name(certf, sizeof certf, "cert.der");
    if (write_file(in, pkg) != 0)
        return -1;
    if (cert.ptr != NULL) {
        if (write_file(certf, cert) != 0)
            return -1;
        snprintf(cmd, sizeof cmd,
                 "openssl x509 -inform DER -in %s -out %s.pem && "
                 "openssl cms -verify -inform DER -in %s -binary -noverify -certfile %s.pem "
                 "-out %s >/dev/null 2>&1",
                 certf, certf, in, certf, out);
    } else {
        snprintf(cmd, sizeof cmd,
                 "openssl cms -verify -inform DER -in %s -binary -noverify -out %s >/dev/null 2>&1",
                 in, out);
    }
    rc = system(cmd);
    if (rc == 0)
        *econtent = read_file(out);
    remove(in);
    remove(out);
    remove(certf);
    snprintf(cmd, sizeof cmd, "%s.pem", certf);
    remove(cmd);
    return rc;
}

static void
hex(char *out, cmsfw_bytes b)
{
    size_t i;

    for (i = 0; i < b.len; i++)
        sprintf(out + 2 * i, "%02x", b.ptr[i]);
    out[2 * b.len] = '\0';
}

int
tp_openssl_decrypt(cmsfw_bytes type, cmsfw_bytes content, cmsfw_bytes kek, cmsfw_bytes kek_id,
                   tb_buf *plain)
{
    char in[256], out[256], cmd[2048], kh[80], ih[300];
    tb_buf ci = tp_content_info(type, content);
    int rc = -1;

    plain->ptr = NULL;
    plain->len = 0;
    if (ci.ptr == NULL || kek.len > 32 || kek_id.len > 128)
        return -1;
    tmp_name(in, sizeof in, "ci.der");
    tmp_name(out, sizeof out, "plain.bin");
    hex(kh, kek);
    hex(ih, kek_id);
    if (write_file(in, tb_view(ci)) == 0) {
        snprintf(cmd, sizeof cmd,
                 "openssl cms -decrypt -inform DER -in %s -binary -secretkey %s -secretkeyid %s "
                 "-out %s >/dev/null 2>&1",
                 in, kh, ih, out);
        rc = system(cmd);
        if (rc == 0)
            *plain = read_file(out);
    }
    remove(in);
    remove(out);
    tb_free(&ci);
    return rc;
}
