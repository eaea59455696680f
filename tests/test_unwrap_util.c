/*
 * test_unwrap_util.c: see test_unwrap_util.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include <cmsfw/oid.h>

#include "test_unwrap_util.h"

const uint8_t tu_k128[16] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                             0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f};
const uint8_t tu_k192[24] = {0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47,
                             0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f,
                             0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57};
const uint8_t tu_k256[32] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                             0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
                             0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
                             0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f};
const uint8_t tu_iv[16] = {0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
                           0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf};
const uint8_t tu_nonce[12] = {0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5,
                              0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xcb};

static void
die(const char *what)
{
    fprintf(stderr, "test_unwrap_util: %s\n", what);
    exit(99);
}

/* ------------------------------------------------------------ buffers */

void
tu_put(tu_buf *b, const void *p, size_t n)
{
    uint8_t *q;
    size_t cap;

    if (b->len + n + 1 > b->cap) {
        cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        q = (uint8_t *)realloc(b->p, cap);
        if (q == NULL)
            die("out of memory");
        b->p = q;
        b->cap = cap;
    }
    if (n > 0)
        memcpy(b->p + b->len, p, n);
    b->len += n;
}

void
tu_byte(tu_buf *b, uint8_t v)
{
    tu_put(b, &v, 1);
}

void
tu_free(tu_buf *b)
{
    free(b->p);
    memset(b, 0, sizeof(*b));
}

tu_buf
tu_copy(const void *p, size_t n)
{
    tu_buf b = {NULL, 0, 0};

    tu_put(&b, p, n);
    return b;
}

tu_buf
tu_pattern(size_t n, unsigned seed)
{
    tu_buf b = {NULL, 0, 0};
    uint32_t x = seed * 2654435761u + 1u;
    size_t i;

    tu_put(&b, NULL, 0);
    for (i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        tu_byte(&b, (uint8_t)(x >> 16));
    }
    return b;
}

tu_buf
tu_file(const char *rel)
{
    tu_buf b = {NULL, 0, 0};
    char path[1024];
    const char *top = getenv("top_srcdir");
    uint8_t chunk[4096];
    size_t n;
    FILE *fp;

    snprintf(path, sizeof(path), "%s/%s", top != NULL ? top : ".", rel);
    fp = fopen(path, "rb");
    if (fp == NULL)
        return b;
    tu_put(&b, NULL, 0);
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        tu_put(&b, chunk, n);
    fclose(fp);
    return b;
}

void
tu_hdr(tu_buf *b, uint8_t id, size_t len)
{
    uint8_t l[9];
    size_t k = 0, v = len;

    tu_byte(b, id);
    if (len < 0x80) {
        tu_byte(b, (uint8_t)len);
        return;
    }
    while (v > 0) {
        l[k++] = (uint8_t)v;
        v >>= 8;
    }
    tu_byte(b, (uint8_t)(0x80u | k));
    while (k > 0)
        tu_byte(b, l[--k]);
}

void
tu_tlv(tu_buf *b, uint8_t id, const void *p, size_t n)
{
    tu_hdr(b, id, n);
    tu_put(b, p, n);
}

void
tu_wrap(tu_buf *b, uint8_t id, const tu_buf *content)
{
    tu_tlv(b, id, content->p, content->len);
}

void
tu_wrap_indef(tu_buf *b, uint8_t id, const tu_buf *content)
{
    tu_byte(b, (uint8_t)(id | 0x20u));
    tu_byte(b, 0x80);
    tu_put(b, content->p, content->len);
    tu_byte(b, 0);
    tu_byte(b, 0);
}

void
tu_wrap_self(tu_buf *b, uint8_t id, int indef)
{
    tu_buf out = {NULL, 0, 0};

    if (indef)
        tu_wrap_indef(&out, id, b);
    else
        tu_wrap(&out, id, b);
    tu_free(b);
    *b = out;
}

void
tu_pieces(tu_buf *b, uint8_t id, const uint8_t *p, size_t n, size_t piece, int indef)
{
    tu_buf in = {NULL, 0, 0};
    size_t off = 0, k;

    if (piece == 0 && !indef) {
        tu_tlv(b, id, p, n);
        return;
    }
    if (piece == 0)
        piece = n ? n : 1;
    tu_put(&in, NULL, 0);
    while (off < n) {
        k = (n - off > piece) ? piece : n - off;
        tu_tlv(&in, 0x04, p + off, k);
        off += k;
    }
    if (indef)
        tu_wrap_indef(b, id, &in);
    else
        tu_wrap(b, (uint8_t)(id | 0x20u), &in);
    tu_free(&in);
}

void
tu_oid(tu_buf *b, const char *dotted)
{
    uint8_t der[64];
    size_t n = 0;

    if (cmsfw_oid_from_dotted(dotted, der, sizeof(der), &n) != CMSFW_OK)
        die("bad OID");
    tu_tlv(b, 0x06, der, n);
}

void
tu_int(tu_buf *b, int64_t v)
{
    uint8_t o[9];
    size_t k = 0;
    int i;

    for (i = 7; i >= 0; i--) {
        uint8_t cur = (uint8_t)((uint64_t)v >> (8 * i));
        uint8_t nxt = (uint8_t)((uint64_t)v >> (8 * (i > 0 ? i - 1 : 0)));
        if (k == 0 && i > 0 && ((cur == 0x00 && !(nxt & 0x80)) || (cur == 0xff && (nxt & 0x80))))
            continue;
        o[k++] = cur;
    }
    tu_tlv(b, 0x02, o, k);
}

/* ---------------------------------------------------- OIDs, algorithms */

void
tu_alg(tu_buf *b, const char *oid, const void *params, size_t n)
{
    tu_buf in = {NULL, 0, 0};

    tu_oid(&in, oid);
    if (params != NULL)
        tu_put(&in, params, n);
    tu_wrap(b, 0x30, &in);
    tu_free(&in);
}

void
tu_cbc_alg(tu_buf *b, const char *oid, const uint8_t *iv, size_t iv_len)
{
    tu_buf pr = {NULL, 0, 0};

    tu_tlv(&pr, 0x04, iv, iv_len);
    tu_alg(b, oid, pr.p, pr.len);
    tu_free(&pr);
}

void
tu_gcm_alg(tu_buf *b, const char *oid, const uint8_t *nonce, size_t n, int icv)
{
    tu_buf pr = {NULL, 0, 0};

    tu_tlv(&pr, 0x04, nonce, n);
    if (icv != 0)
        tu_int(&pr, icv);
    tu_wrap_self(&pr, 0x30, 0);
    tu_alg(b, oid, pr.p, pr.len);
    tu_free(&pr);
}

void
tu_eci(tu_buf *b, const char *type, const tu_buf *alg, const tu_buf *ct, tu_ct how)
{
    tu_buf in = {NULL, 0, 0};

    tu_oid(&in, type);
    tu_put(&in, alg->p, alg->len);
    if (!how.absent)
        tu_pieces(&in, 0x80, ct->p, ct->len, how.piece, how.indef);
    if (how.indef)
        tu_wrap_indef(b, 0x30, &in);
    else
        tu_wrap(b, 0x30, &in);
    tu_free(&in);
}

void
tu_encrypted_data(tu_buf *b, int version, const tu_buf *eci, int unprot, int indef)
{
    tu_buf in = {NULL, 0, 0};
    tu_buf attr = {NULL, 0, 0};

    tu_int(&in, version);
    tu_put(&in, eci->p, eci->len);
    if (unprot) {
        tu_oid(&attr, "1.2.840.113549.1.9.5");
        tu_tlv(&attr, 0x31, "\x17\x0d" "250101000000Z", 15);
        tu_wrap_self(&attr, 0x30, 0);
        tu_wrap(&in, 0xa1, &attr);
    }
    if (indef)
        tu_wrap_indef(b, 0x30, &in);
    else
        tu_wrap(b, 0x30, &in);
    tu_free(&in);
    tu_free(&attr);
}

tu_buf
tu_wrap_key(const uint8_t *kek, size_t kek_len, const uint8_t *cek, size_t cek_len, int pad)
{
    uint8_t out[128];
    size_t n = 0;
    const cmsfw_bytes k = {kek, kek_len}, c = {cek, cek_len};
    cmsfw_bk_status st = pad ? cmsfw_bk_aes_kwp_wrap(k, c, out, sizeof(out), &n)
                             : cmsfw_bk_aes_kw_wrap(k, c, out, sizeof(out), &n);

    if (st != CMSFW_BK_OK)
        die("key wrap failed");
    return tu_copy(out, n);
}

void
tu_kekri(tu_buf *b, const char *wrap_oid, const uint8_t *kek, size_t kek_len, const char *kek_id,
         const uint8_t *cek, size_t cek_len)
{
    tu_buf in = {NULL, 0, 0}, kid = {NULL, 0, 0};
    const int pad = strcmp(wrap_oid, TU_AES128_WRAP_PAD) == 0 ||
                    strcmp(wrap_oid, TU_AES256_WRAP_PAD) == 0;
    tu_buf ek = tu_wrap_key(kek, kek_len, cek, cek_len, pad);

    tu_int(&in, 4);
    tu_tlv(&kid, 0x04, kek_id, strlen(kek_id));
    tu_wrap(&in, 0x30, &kid);
    tu_alg(&in, wrap_oid, NULL, 0);
    tu_wrap(&in, 0x04, &ek);
    tu_wrap(b, 0xa2, &in);
    tu_free(&in);
    tu_free(&kid);
    tu_free(&ek);
}

tu_buf
tu_cbc_encrypt(const uint8_t *key, size_t key_len, const uint8_t *iv, const uint8_t *pt,
               size_t n)
{
    tu_buf b = tu_copy(pt, n);
    cmsfw_bk_cipher_ctx ctx;
    const size_t pad = 16 - n % 16;
    size_t i;

    for (i = 0; i < pad; i++)
        tu_byte(&b, (uint8_t)pad);
    if (cmsfw_bk_cbc_init(&ctx, (cmsfw_bytes){key, key_len}, iv, 1) != CMSFW_BK_OK ||
        cmsfw_bk_cbc_update(&ctx, b.p, b.p, b.len) != CMSFW_BK_OK ||
        cmsfw_bk_cbc_finish(&ctx) != CMSFW_BK_OK)
        die("CBC encryption failed");
    return b;
}

tu_buf
tu_gcm_encrypt(const uint8_t *key, size_t key_len, const uint8_t *nonce, size_t nonce_len,
               const tu_buf *aad, const uint8_t *pt, size_t n, uint8_t *tag, size_t tag_len)
{
    tu_buf b = tu_copy(pt, n);
    cmsfw_bk_cipher_ctx ctx;
    cmsfw_bytes a = {NULL, 0};

    if (aad != NULL) {
        a.ptr = aad->p;
        a.len = aad->len;
    }
    if (cmsfw_bk_gcm_init(&ctx, (cmsfw_bytes){key, key_len}, (cmsfw_bytes){nonce, nonce_len}, a,
                          1) != CMSFW_BK_OK ||
        cmsfw_bk_gcm_update(&ctx, b.p, b.p, b.len) != CMSFW_BK_OK ||
        cmsfw_bk_gcm_encrypt_final(&ctx, tag, tag_len) != CMSFW_BK_OK)
        die("GCM encryption failed");
    return b;
}

tu_buf
tu_zlib(const uint8_t *p, size_t n, int level)
{
    uLongf out_len = compressBound((uLong)n);
    tu_buf b = {NULL, 0, 0};

    b.p = (uint8_t *)malloc(out_len + 1);
    if (b.p == NULL)
        die("out of memory");
    b.cap = out_len + 1;
    if (compress2(b.p, &out_len, p, (uLong)n, level) != Z_OK)
        die("zlib failed");
    b.len = out_len;
    return b;
}

void
tu_compressed(tu_buf *b, int version, const tu_buf *alg, const char *type, const tu_buf *z,
              size_t piece, int indef)
{
    tu_buf in = {NULL, 0, 0}, encap = {NULL, 0, 0}, os = {NULL, 0, 0};

    tu_int(&in, version);
    tu_put(&in, alg->p, alg->len);
    tu_oid(&encap, type);
    if (z != NULL) {
        tu_pieces(&os, 0x04, z->p, z->len, piece, indef);
        if (indef)
            tu_wrap_indef(&encap, 0xa0, &os);
        else
            tu_wrap(&encap, 0xa0, &os);
    }
    if (indef)
        tu_wrap_indef(&in, 0x30, &encap);
    else
        tu_wrap(&in, 0x30, &encap);
    if (indef)
        tu_wrap_indef(b, 0x30, &in);
    else
        tu_wrap(b, 0x30, &in);
    tu_free(&in);
    tu_free(&encap);
    tu_free(&os);
}

tu_buf
tu_compress_image(const uint8_t *img, size_t n)
{
    tu_buf alg = {NULL, 0, 0}, out = {NULL, 0, 0};
    tu_buf z = tu_zlib(img, n, 6);

    tu_alg(&alg, TU_ZLIB, NULL, 0);
    tu_compressed(&out, 0, &alg, TU_FW, &z, 0, 0);
    tu_free(&alg);
    tu_free(&z);
    return out;
}

/* --------------------------------------------------------- the harness */

static int
stage_write(void *io, uint64_t off, const uint8_t *p, size_t n)
{
    tu_stage *st = (tu_stage *)io;

    if (st->writes_left == 0)
        return -1;
    if (st->writes_left > 0)
        st->writes_left--;
    if (off + n > st->data.len)
        return -1;
    if (n > st->max_write)
        st->max_write = n;
    /* in place: every write lands below everything read so far */
    if (st->read_hi < off + n)
        return -1;
    if (st->read_hi - (off + n) < st->min_write_gap)
        st->min_write_gap = st->read_hi - (off + n);
    memcpy(st->data.p + off, p, n);
    return 0;
}

static int
stage_read(void *io, uint64_t off, uint8_t *p, size_t n)
{
    tu_stage *st = (tu_stage *)io;

    if (st->reads_left == 0)
        return -1;
    if (st->reads_left > 0)
        st->reads_left--;
    if (off > st->data.len || n > st->data.len - off)
        return -1;
    if (n > st->max_read)
        st->max_read = n;
    if (off + n > st->read_hi)
        st->read_hi = off + n;
    memcpy(p, st->data.p + off, n);
    return 0;
}

static int
sink_write(void *io, const uint8_t *p, size_t n)
{
    tu_sink *sk = (tu_sink *)io;

    if (sk->writes_left == 0)
        return -1;
    if (sk->writes_left > 0)
        sk->writes_left--;
    if (n > sk->max_write)
        sk->max_write = n;
    tu_put(&sk->data, p, n);
    return 0;
}

void
tu_ctx_init(tu_ctx *c)
{
    memset(c, 0, sizeof(*c));
    c->st.reads_left = -1;
    c->st.writes_left = -1;
    c->sk.writes_left = -1;
    c->stage.discard = NULL;
    c->stage.read = stage_read;
    c->stage.write = stage_write;
    c->stage.io = &c->st;
    c->sink.write = sink_write;
    c->sink.io = &c->sk;
    c->dev.keks = c->keks;
}

void
tu_ctx_free(tu_ctx *c)
{
    tu_free(&c->st.data);
    tu_free(&c->sk.data);
}

static void
add_key(tu_ctx *c, const char *id, const uint8_t *key, size_t len, uint32_t usage)
{
    if (c->dev.n_keks >= sizeof(c->keks) / sizeof(c->keks[0]))
        die("too many keys");
    c->keks[c->dev.n_keks].id.ptr = (const uint8_t *)id;
    c->keks[c->dev.n_keks].id.len = strlen(id);
    c->keks[c->dev.n_keks].key.ptr = key;
    c->keks[c->dev.n_keks].key.len = len;
    c->keks[c->dev.n_keks].usage = usage;
    c->dev.n_keks++;
}

void
tu_add_kek(tu_ctx *c, const char *id, const uint8_t *key, size_t len)
{
    add_key(c, id, key, len, CMSFW_KEY_KEK);
}

void
tu_add_cek(tu_ctx *c, const char *id, const uint8_t *key, size_t len)
{
    add_key(c, id, key, len, CMSFW_KEY_CEK);
}

void
tu_set_dki(tu_ctx *c, const char *id)
{
    size_t n = strlen(id);

    if (n > sizeof(c->dki_buf))
        die("key id too long");
    memcpy(c->dki_buf, id, n);
    c->s.decrypt_key_id.ptr = c->dki_buf;
    c->s.decrypt_key_id.len = n;
}

void
tu_set_fw_digest(tu_ctx *c, const char *oid, const uint8_t *md, size_t n, int params_null)
{
    static const uint8_t null_tlv[2] = {0x05, 0x00};
    size_t k = 0;

    if (cmsfw_oid_from_dotted(oid, c->dg_oid, sizeof(c->dg_oid), &k) != CMSFW_OK)
        die("bad OID");
    c->s.has_fw_digest = 1;
    c->s.fw_digest.alg.oid.ptr = c->dg_oid;
    c->s.fw_digest.alg.oid.len = k;
    c->s.fw_digest.alg.params.ptr = params_null ? null_tlv : NULL;
    c->s.fw_digest.alg.params.len = params_null ? 2 : 0;
    c->s.fw_digest.digest.ptr = md;
    c->s.fw_digest.digest.len = n;
}

cmsfw_err
tu_run(tu_ctx *c, const char *type, const tu_buf *econtent)
{
    size_t k = 0;

    if (cmsfw_oid_from_dotted(type, c->type_oid, sizeof(c->type_oid), &k) != CMSFW_OK)
        die("bad OID");
    c->f.econtent_type.ptr = c->type_oid;
    c->f.econtent_type.len = k;
    c->f.has_econtent = 1;
    c->f.econtent_len = econtent->len;
    tu_free(&c->st.data);
    tu_free(&c->sk.data);
    c->st.data = tu_copy(econtent->p, econtent->len);
    tu_put(&c->sk.data, NULL, 0);
    c->st.max_read = c->st.max_write = c->sk.max_write = 0;
    c->st.min_write_gap = UINT64_MAX;
    c->st.read_hi = 0;
    memset(&c->res, 0, sizeof(c->res));
    memset(&c->diag, 0, sizeof(c->diag));
    return cmsfw__unwrap(&c->f, &c->s, &c->dev, &c->stage, &c->sink, &c->res, &c->diag);
}

int
tu_expect(tu_ctx *c, const char *type, const tu_buf *econtent, cmsfw_err want,
          const uint8_t *img, size_t n)
{
    cmsfw_err got = tu_run(c, type, econtent);

    if (got != want) {
        fprintf(stderr, "\n  expected %s, got %s (%s)\n", cmsfw_err_name(want),
                cmsfw_err_name(got), c->diag.msg);
        return 0;
    }
    if (want != CMSFW_OK)
        return c->diag.msg[0] != '\0';
    if (c->sk.data.len != n || (n > 0 && memcmp(c->sk.data.p, img, n) != 0)) {
        fprintf(stderr, "\n  image differs (%zu octets, want %zu)\n", c->sk.data.len, n);
        return 0;
    }
    return c->res.image_len == n;
}

/* ------------------------------------------------ OpenSSL's structures */

/* The ECI of an OpenSSL layer with its id-data content type replaced. */
static void
rewrite_eci(tu_buf *out, const cmsfw_der_tlv *eci, const char *new_type)
{
    tu_buf in = {NULL, 0, 0};
    cmsfw_der_cur c;
    cmsfw_der_tlv oid;

    cmsfw_der_enter(&c, eci, 1);
    if (cmsfw_der_read(&c, &oid) != CMSFW_DER_OK)
        die("OpenSSL ECI");
    tu_oid(&in, new_type);
    tu_put(&in, c.p, (size_t)(c.end - c.p));
    if (eci->indefinite)
        tu_wrap_indef(out, 0x30, &in);
    else
        tu_wrap(out, 0x30, &in);
    tu_free(&in);
}

tu_buf
tu_ossl_econtent(const char *rel, const char *new_type)
{
    static const uint8_t id_data[9] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01};
    tu_buf file = tu_file(rel), in = {NULL, 0, 0}, out = {NULL, 0, 0};
    cmsfw_der_cur c, ci, ex, layer, e;
    cmsfw_der_tlv t, content, child, first;

    if (file.p == NULL)
        return out;
    cmsfw_der_init(&c, file.p, file.len, 1);
    if (cmsfw_der_read(&c, &t) != CMSFW_DER_OK)
        die("OpenSSL ContentInfo");
    cmsfw_der_enter(&ci, &t, 1);
    if (cmsfw_der_read(&ci, &t) != CMSFW_DER_OK || cmsfw_der_read(&ci, &t) != CMSFW_DER_OK)
        die("OpenSSL ContentInfo");
    cmsfw_der_enter(&ex, &t, 1);
    if (cmsfw_der_read(&ex, &content) != CMSFW_DER_OK)
        die("OpenSSL content");
    cmsfw_der_enter(&layer, &content, 1);
    tu_put(&in, NULL, 0);
    while (cmsfw_der_read(&layer, &child) == CMSFW_DER_OK) {
        cmsfw_der_enter(&e, &child, 1);
        if (child.cls == CMSFW_DER_UNIVERSAL && child.tag == CMSFW_DER_TAG_SEQUENCE &&
            cmsfw_der_read(&e, &first) == CMSFW_DER_OK &&
            cmsfw_der_oid_is(&first, id_data, sizeof(id_data)))
            rewrite_eci(&in, &child, new_type);
        else
            tu_put(&in, child.tlv, child.tlv_len);
    }
    if (content.indefinite)
        tu_wrap_indef(&out, 0x30, &in);
    else
        tu_wrap(&out, 0x30, &in);
    tu_free(&in);
    tu_free(&file);
    return out;
}
