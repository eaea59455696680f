/*
 * test_review_stage.c: the stage reader at its limits (offsets near 2^40
 * and 2^64 over a sparse stage, lengths that would wrap, the header cache
 * after a write, loads too long for their buffer, the nesting bound), the
 * lengths the producer announces for sizes far beyond what a test can
 * write, and RSA key sizes counted without wrapping.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "backends/backend.h"
#include "backends/bk_internal.h"
#include "cms/protect_priv.h"
#include "cms/stage_reader.h"
#include "cu_main.h"
#include "test_unwrap_util.h"

#define TWO_TO(n) ((uint64_t)1 << (n))

/* -------------------------------------------------------- a sparse stage */

/* A stage of any size: a few octet runs at given offsets, 0xee elsewhere. */
typedef struct sparse {
    struct {
        uint64_t off;
        uint8_t b[16];
        size_t n;
    } run[3];
    int n_runs;
    uint64_t calls, most;
} sparse;

static int
sparse_read(void *io, uint64_t off, uint8_t *p, size_t n)
{
    sparse *s = (sparse *)io;
    size_t j;
    int i;

    s->calls++;
    if (n > s->most)
        s->most = n;
    memset(p, 0xee, n);
    for (i = 0; i < s->n_runs; i++)
        for (j = 0; j < s->run[i].n; j++)
            if (s->run[i].off + j >= off && s->run[i].off + j - off < n)
                p[s->run[i].off + j - off] = s->run[i].b[j];
    return 0;
}

static int
sparse_write(void *io, uint64_t off, const uint8_t *p, size_t n)
{
    (void)io;
    (void)off;
    (void)p;
    (void)n;
    return -1;
}

static void
sparse_add(sparse *s, uint64_t off, const void *b, size_t n)
{
    s->run[s->n_runs].off = off;
    memcpy(s->run[s->n_runs].b, b, n);
    s->run[s->n_runs].n = n;
    s->n_runs++;
}

/* "04 88" and an 8-octet length. */
static void
long_header(uint8_t *p, uint8_t id, uint64_t len)
{
    int i;

    p[0] = id;
    p[1] = 0x88;
    for (i = 0; i < 8; i++)
        p[2 + i] = (uint8_t)(len >> (56 - 8 * i));
}

static void
test_bounds(void)
{
    sparse sp;
    cmsfw_stage st = {sparse_write, sparse_read, NULL, &sp, NULL, NULL};
    cmsfw__sr r;
    uint8_t b[8];

    memset(&sp, 0, sizeof(sp));
    cmsfw__sr_init(&r, &st, 100);
    CU_ASSERT_EQUAL(cmsfw__sr_read(&r, 100, b, 0), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(cmsfw__sr_read(&r, 100, b, 1), CMSFW_DER_TRUNCATED);
    CU_ASSERT_EQUAL(cmsfw__sr_read(&r, 99, b, 2), CMSFW_DER_TRUNCATED);
    CU_ASSERT_EQUAL(cmsfw__sr_read(&r, UINT64_MAX, b, 1), CMSFW_DER_TRUNCATED);
    CU_ASSERT_EQUAL(cmsfw__sr_read(&r, 1, b, SIZE_MAX), CMSFW_DER_TRUNCATED);
    CU_ASSERT_EQUAL(sp.calls, 0); /* refused before the stage is asked */
    CU_ASSERT_EQUAL(cmsfw__sr_read(&r, 92, b, 8), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(sp.calls, 1);
    /* the top of the offset range */
    cmsfw__sr_init(&r, &st, UINT64_MAX);
    CU_ASSERT_EQUAL(cmsfw__sr_read(&r, UINT64_MAX - 2, b, 3), CMSFW_DER_TRUNCATED);
    CU_ASSERT_EQUAL(cmsfw__sr_read(&r, UINT64_MAX - 3, b, 3), CMSFW_DER_OK);
}

/* Offsets and lengths past 2^32 and near 2^64. */
static void
test_64bit_offsets(void)
{
    static const uint8_t eoc[2] = {0, 0};
    sparse sp;
    cmsfw_stage st = {sparse_write, sparse_read, NULL, &sp, NULL, NULL};
    cmsfw__sr r;
    cmsfw__sr_cur top, in, probe;
    cmsfw__shdr h, x;
    uint8_t hd[12];
    uint64_t end = 0;
    const uint64_t big = TWO_TO(40), limit = 14 + TWO_TO(40);

    /* 30 80 | 04 88 <2^40> ... | 00 00 */
    memset(&sp, 0, sizeof(sp));
    hd[0] = 0x30;
    hd[1] = 0x80;
    long_header(hd + 2, 0x04, big);
    sparse_add(&sp, 0, hd, 12);
    sparse_add(&sp, 12 + big, eoc, 2);
    cmsfw__sr_init(&r, &st, limit);
    cmsfw__sr_region(&top, 0, limit);
    CU_ASSERT_EQUAL_FATAL(cmsfw__sr_next(&r, &top, &h), CMSFW_DER_OK);
    CU_ASSERT(h.indefinite && h.constructed && h.tag == CMSFW_DER_TAG_SEQUENCE);
    probe = top;
    CU_ASSERT_EQUAL(cmsfw__sr_skip(&r, &probe, &h, &end), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(end, limit);
    cmsfw__sr_enter(&h, &in);
    CU_ASSERT_EQUAL_FATAL(cmsfw__sr_next(&r, &in, &x), CMSFW_DER_OK);
    CU_ASSERT(x.val == 12 && x.len == big);
    CU_ASSERT_EQUAL(cmsfw__sr_skip(&r, &in, &x, NULL), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(cmsfw__sr_leave(&r, &top, &in), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(top.pos, limit);
    CU_ASSERT_EQUAL(cmsfw__sr_next(&r, &top, &x), CMSFW_DER_END);
    CU_ASSERT(sp.calls < 16 && sp.most <= CMSFW__SR_CACHE);
    /* the end-of-contents one octet beyond the limit */
    cmsfw__sr_init(&r, &st, limit - 1);
    cmsfw__sr_region(&top, 0, limit - 1);
    CU_ASSERT_EQUAL_FATAL(cmsfw__sr_next(&r, &top, &h), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(cmsfw__sr_skip(&r, &top, &h, &end), CMSFW_DER_TRUNCATED);

    /* lengths that would wrap a 64-bit offset */
    memset(&sp, 0, sizeof(sp));
    long_header(hd, 0x04, UINT64_MAX);
    sparse_add(&sp, 0, hd, 10);
    sparse_add(&sp, UINT64_MAX - 20, hd, 10);
    long_header(hd, 0x04, 9);
    sparse_add(&sp, UINT64_MAX - 30, hd, 10);
    cmsfw__sr_init(&r, &st, UINT64_MAX);
    cmsfw__sr_region(&top, 0, UINT64_MAX);
    CU_ASSERT_EQUAL(cmsfw__sr_next(&r, &top, &x), CMSFW_DER_TRUNCATED);
    cmsfw__sr_region(&top, UINT64_MAX - 20, UINT64_MAX);
    CU_ASSERT_EQUAL(cmsfw__sr_next(&r, &top, &x), CMSFW_DER_TRUNCATED);
    /* ... and one that ends exactly at 2^64 - 1 */
    cmsfw__sr_region(&top, UINT64_MAX - 30, UINT64_MAX - 11);
    CU_ASSERT_EQUAL_FATAL(cmsfw__sr_next(&r, &top, &x), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(x.val + x.len, UINT64_MAX - 11);
    CU_ASSERT_EQUAL(cmsfw__sr_skip(&r, &top, &x, &end), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(cmsfw__sr_next(&r, &top, &x), CMSFW_DER_END);
}

/* BER string pieces of 2^33 octets. */
static void
test_64bit_pieces(void)
{
    static const uint8_t tail[5] = {0x04, 0x01, 0x7e, 0x00, 0x00};
    sparse sp;
    cmsfw_stage st = {sparse_write, sparse_read, NULL, &sp, NULL, NULL};
    cmsfw__sr r;
    cmsfw__sr_cur top;
    cmsfw__shdr h;
    cmsfw__sr_segs sg;
    uint8_t hd[12];
    uint64_t off = 0, len = 0;
    const uint64_t big = TWO_TO(33), limit = 12 + TWO_TO(33) + 5;

    memset(&sp, 0, sizeof(sp));
    hd[0] = 0xa0;
    hd[1] = 0x80;
    long_header(hd + 2, 0x04, big);
    sparse_add(&sp, 0, hd, 12);
    sparse_add(&sp, 12 + big, tail, 5);
    cmsfw__sr_init(&r, &st, limit);
    cmsfw__sr_region(&top, 0, limit);
    CU_ASSERT_EQUAL_FATAL(cmsfw__sr_next(&r, &top, &h), CMSFW_DER_OK);
    cmsfw__sr_segs_init(&sg, &h);
    CU_ASSERT_EQUAL(cmsfw__sr_segs_next(&r, &sg, &off, &len), CMSFW_DER_OK);
    CU_ASSERT(off == 12 && len == big);
    CU_ASSERT_EQUAL(cmsfw__sr_segs_next(&r, &sg, &off, &len), CMSFW_DER_OK);
    CU_ASSERT(off == 14 + big && len == 1);
    CU_ASSERT_EQUAL(cmsfw__sr_segs_next(&r, &sg, &off, &len), CMSFW_DER_END);
    CU_ASSERT_EQUAL(cmsfw__sr_segs_end(&sg), limit);
}

/* ------------------------------------------------------ a memory stage */

typedef struct mem {
    uint8_t b[1024];
    uint64_t most;
} mem;

static int
mem_read(void *io, uint64_t off, uint8_t *p, size_t n)
{
    mem *m = (mem *)io;

    if (off > sizeof(m->b) || n > sizeof(m->b) - off)
        return -1;
    if (n > m->most)
        m->most = n;
    memcpy(p, m->b + off, n);
    return 0;
}

static int
mem_write(void *io, uint64_t off, const uint8_t *p, size_t n)
{
    mem *m = (mem *)io;

    if (off > sizeof(m->b) || n > sizeof(m->b) - off)
        return -1;
    memcpy(m->b + off, p, n);
    return 0;
}

static void
test_cache_and_load(void)
{
    static const uint8_t seq[2] = {0x30, 0x00};
    mem m;
    cmsfw_stage st = {mem_write, mem_read, NULL, &m, NULL, NULL};
    cmsfw__sr r;
    cmsfw__sr_cur top;
    cmsfw__shdr h;
    uint8_t buf[100];
    size_t n = 1;

    memset(&m, 0, sizeof(m));
    m.b[0] = 0x04;
    m.b[1] = 0x01;
    cmsfw__sr_init(&r, &st, 64);
    cmsfw__sr_region(&top, 0, 3);
    CU_ASSERT_EQUAL_FATAL(cmsfw__sr_next(&r, &top, &h), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(h.tag, CMSFW_DER_TAG_OCTET_STRING);
    /* a write reaches every later header read (the cache is dropped) */
    CU_ASSERT_EQUAL(cmsfw__sr_write(&r, 0, seq, 2), CMSFW_DER_OK);
    cmsfw__sr_region(&top, 0, 2);
    CU_ASSERT_EQUAL_FATAL(cmsfw__sr_next(&r, &top, &h), CMSFW_DER_OK);
    CU_ASSERT(h.tag == CMSFW_DER_TAG_SEQUENCE && h.constructed && h.len == 0);
    /* an element longer than the buffer: refused before its value is read */
    memset(&m, 0, sizeof(m));
    m.b[0] = 0x04;
    m.b[1] = 0x82;
    m.b[2] = 0x01;
    m.b[3] = 0x2c; /* 300 */
    cmsfw__sr_init(&r, &st, 304);
    cmsfw__sr_region(&top, 0, 304);
    CU_ASSERT_EQUAL_FATAL(cmsfw__sr_next(&r, &top, &h), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(cmsfw__sr_load(&r, &top, &h, buf, sizeof(buf), &n), CMSFW_DER_BUFFER);
    CU_ASSERT_EQUAL(n, 0);
    CU_ASSERT_EQUAL(top.pos, 0); /* the cursor stays */
    CU_ASSERT(m.most <= CMSFW__SR_CACHE);
}

/* Indefinite lengths nested to the bound, and one deeper. */
static void
test_nesting_bound(void)
{
    mem m;
    cmsfw_stage st = {mem_write, mem_read, NULL, &m, NULL, NULL};
    cmsfw__sr r;
    cmsfw__sr_cur top;
    cmsfw__shdr h;
    uint64_t end = 0;
    int levels, i;

    for (levels = CMSFW_DER_MAX_DEPTH; levels <= CMSFW_DER_MAX_DEPTH + 1; levels++) {
        memset(&m, 0, sizeof(m));
        for (i = 0; i < levels; i++) {
            m.b[2 * i] = 0x30;
            m.b[2 * i + 1] = 0x80;
        }
        cmsfw__sr_init(&r, &st, (uint64_t)4 * levels);
        cmsfw__sr_region(&top, 0, (uint64_t)4 * levels);
        CU_ASSERT_EQUAL_FATAL(cmsfw__sr_next(&r, &top, &h), CMSFW_DER_OK);
        CU_ASSERT_EQUAL(cmsfw__sr_skip(&r, &top, &h, &end),
                        levels <= CMSFW_DER_MAX_DEPTH ? CMSFW_DER_OK : CMSFW_DER_TOO_DEEP);
        if (levels <= CMSFW_DER_MAX_DEPTH)
            CU_ASSERT_EQUAL(end, (uint64_t)4 * levels);
    }
}

/* ------------------------------------------------------ producer sizes */

/* Sizes to plan for: around the length-octet steps, 2^32 and far beyond
 * (those only where size_t holds them). */
static const uint64_t plan_sizes[] = {0,       1,          15,         16,         127,
                                      128,     255,        256,        65535,      65536,
                                      1 << 24, 0xffffffffu, TWO_TO(32), TWO_TO(40), TWO_TO(60)};
#define N_PLAN (sizeof(plan_sizes) / sizeof(plan_sizes[0]))

/* The header at p (DER): its length and the length of its contents. */
static int
header_at(const uint8_t *p, size_t avail, uint8_t id, size_t *hl, size_t *len)
{
    cmsfw_der_tlv t;

    if (cmsfw_der_read_header(p, avail, 0, &t, hl) != CMSFW_DER_OK || p[0] != id)
        return 0;
    *len = t.len;
    return 1;
}

static void
test_compressed_head_sizes(void)
{
    uint8_t head[CMSFW__COMPRESSED_HEAD_MAX];
    size_t i, hl, n, pos, h2 = 0, l2 = 0;

    /* every stream length the producer accepts, up to its largest */
    for (i = 0; i <= N_PLAN; i++) {
        if (i < N_PLAN && plan_sizes[i] > CMSFW__PROTECT_MAX_IMAGE)
            continue;
        n = i < N_PLAN ? (size_t)plan_sizes[i] : (size_t)CMSFW__PROTECT_MAX_IMAGE;
        hl = cmsfw__compressed_head(n, head, sizeof(head));
        CU_ASSERT_FATAL(hl > 0);
        /* the outer SEQUENCE covers the head and the stream exactly */
        CU_ASSERT(header_at(head, hl, 0x30, &h2, &l2) && h2 + l2 == hl + n);
        /* the head ends with the OCTET STRING header of the stream */
        pos = hl - (cmsfw__tlv(n) - n);
        CU_ASSERT(header_at(head + pos, hl - pos, 0x04, &h2, &l2) && l2 == n && pos + h2 == hl);
        /* ... inside [0] EXPLICIT */
        pos -= cmsfw__tlv(cmsfw__tlv(n)) - cmsfw__tlv(n);
        CU_ASSERT(header_at(head + pos, hl - pos, 0xa0, &h2, &l2) && l2 == cmsfw__tlv(n));
    }
}

static int
capture(void *io, const uint8_t *p, size_t n)
{
    tu_put((tu_buf *)io, p, n);
    return 0;
}

static void
test_encryption_sizes(void)
{
    static const uint8_t kek_key[32] = {1, 2, 3};
    const cmsfw_kek kek = {{(const uint8_t *)"kek-1", 5}, {kek_key, 32}, CMSFW_KEY_KEK};
    const cmsfw_bytes fw = cmsfw__oid("id-ct-firmwarePackage");
    cmsfw_diag d;
    size_t i, hl = 0, len = 0, pos, total;
    int gcm;

    for (gcm = 0; gcm < 2; gcm++) {
        for (i = 0; i < N_PLAN; i++) {
            tu_buf out = {NULL, 0, 0};
            cmsfw_sink sink = {capture, &out};
            cmsfw__pout o;
            cmsfw__enc e;

            if (plan_sizes[i] > CMSFW__PROTECT_MAX_IMAGE)
                continue;
            memset(&o, 0, sizeof(o));
            o.sink = &sink;
            CU_ASSERT_FATAL(cmsfw__enc_setup(&e, gcm ? CMSFW_ENCRYPT_AES256_GCM
                                                     : CMSFW_ENCRYPT_AES256_CBC,
                                             &kek, fw, (size_t)plan_sizes[i], &d) == CMSFW_OK);
            total = cmsfw__enc_size(&e);
            CU_ASSERT_EQUAL(e.ct_len, gcm ? (size_t)plan_sizes[i]
                                          : ((size_t)plan_sizes[i] / 16 + 1) * 16);
            CU_ASSERT_FATAL(cmsfw__enc_begin(&e, &o, &d) == CMSFW_OK);
            CU_ASSERT_FATAL(cmsfw__pout_flush(&o) == CMSFW_OK);
            /* what comes before the ciphertext, the ciphertext, authAttrs and the mac */
            CU_ASSERT_EQUAL(out.len + e.ct_len + (gcm ? e.auth_len + 18u : 0u), total);
            CU_ASSERT(header_at(out.p, out.len, 0x30, &hl, &len) && hl + len == total);
            pos = out.len - (cmsfw__tlv(e.ct_len) - e.ct_len);
            CU_ASSERT(header_at(out.p + pos, out.len - pos, 0x80, &hl, &len) &&
                      len == e.ct_len && pos + hl == out.len);
            cmsfw__enc_wipe(&e);
            tu_free(&out);
        }
    }
}

static void
test_signed_data_sizes(void)
{
    tu_buf key = tu_file("tests/data/keys/ec-p256.pk8.der");
    const cmsfw_bytes type = cmsfw__oid("id-ct-firmwarePackage");
    uint8_t head[CMSFW__SD_HEAD_MAX];
    cmsfw_signer in;
    cmsfw__signer s;
    cmsfw__sd_layout l;
    cmsfw_der_w w;
    cmsfw_diag d;
    size_t i, si, mid, hl = 0, len = 0, pos;

    CU_ASSERT_FATAL(key.p != NULL);
    memset(&in, 0, sizeof(in));
    in.key.ptr = key.p;
    in.key.len = key.len;
    in.ski.ptr = (const uint8_t *)"review";
    in.ski.len = 6;
    CU_ASSERT_FATAL(cmsfw__signer_prepare(&s, &in, &d) == CMSFW_OK);
    si = cmsfw__signer_info_size(&s, 400, s.sig_max, 0);
    for (i = 0; i < N_PLAN; i++) {
        if (plan_sizes[i] > SIZE_MAX / 8)
            continue;
        cmsfw__sd_layout_init(&l, &s, type, (size_t)plan_sizes[i], si);
        CU_ASSERT_FATAL(l.total != SIZE_MAX);
        cmsfw_der_w_init(&w, head, sizeof(head));
        cmsfw__sd_put_head(&w, &l, &s, type);
        CU_ASSERT_FATAL(cmsfw_der_w_status(&w) == CMSFW_DER_OK);
        pos = w.pos;
        cmsfw_der_w_init(&w, NULL, 0);
        cmsfw__sd_put_mid(&w, &l, &s);
        mid = w.pos;
        CU_ASSERT_EQUAL(pos + (size_t)plan_sizes[i] + mid + si, l.total);
        CU_ASSERT(header_at(head, pos, 0x30, &hl, &len) && hl + len == l.total);
        pos -= cmsfw__tlv((size_t)plan_sizes[i]) - (size_t)plan_sizes[i];
        CU_ASSERT(header_at(head + pos, sizeof(head) - pos, 0x04, &hl, &len) &&
                  len == (size_t)plan_sizes[i]);
    }
    /* an eContent too long to plan for is flagged, not wrapped */
    cmsfw__sd_layout_init(&l, &s, type, SIZE_MAX / 8 + 1, si);
    CU_ASSERT_EQUAL(l.total, SIZE_MAX);
    cmsfw__sd_layout_init(&l, &s, type, SIZE_MAX - 10, si);
    CU_ASSERT_EQUAL(l.total, SIZE_MAX);
    tu_free(&key);
}

static int
never_read(void *io, uint8_t *p, size_t n, size_t *got)
{
    (*(int *)io)++;
    (void)p;
    (void)n;
    *got = 0;
    return -1;
}

static int
no_sink(void *io, const uint8_t *p, size_t n)
{
    (*(int *)io)++;
    (void)p;
    (void)n;
    return -1;
}

/* Images too large to announce are refused before anything is read. */
static void
test_image_len_refused(void)
{
    static const uint8_t hw[3] = {0x2a, 0x03, 0x04};
    const cmsfw_bytes target = {hw, sizeof(hw)};
    const uint64_t lens[4] = {0, (uint64_t)CMSFW__PROTECT_MAX_IMAGE + 1, TWO_TO(63), UINT64_MAX};
    cmsfw_protect_opts o;
    cmsfw_signer sg;
    int calls = 0;
    cmsfw_reader rd = {never_read, &calls};
    cmsfw_sink sk = {no_sink, &calls};
    cmsfw_diag d;
    size_t i;

    memset(&o, 0, sizeof(o));
    memset(&sg, 0, sizeof(sg));
    o.targets = &target;
    o.n_targets = 1;
    for (i = 0; i < 4; i++) {
        CU_ASSERT_EQUAL(cmsfw_protect(&o, &sg, &rd, lens[i], NULL, &sk, &d), CMSFW_E_ARG);
        CU_ASSERT(d.msg[0] != '\0');
    }
    CU_ASSERT_EQUAL(calls, 0);
}

/* ------------------------------------------------------------ RSA bits */

static void
put_len4(uint8_t *p, uint8_t id, uint64_t len)
{
    p[0] = id;
    p[1] = 0x84;
    p[2] = (uint8_t)(len >> 24);
    p[3] = (uint8_t)(len >> 16);
    p[4] = (uint8_t)(len >> 8);
    p[5] = (uint8_t)len;
}

/* An RSA SubjectPublicKeyInfo whose modulus has 2^29 + 256 octets: its
 * size in bits, 2^32 + 2048, must not wrap to 2048 on the way. */
static void
test_rsa_modulus_bits(void)
{
    static const uint8_t alg[15] = {0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86,
                                    0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    const uint64_t mag = TWO_TO(29) + 256, l3 = mag + 1, l2 = 6 + l3 + 3, l1 = 1 + 6 + l2;
    const uint64_t l0 = 15 + 6 + l1, total = 6 + l0;
    cmsfw_bk_pubkey key;
    cmsfw_bk_key_info info;
    uint8_t *p;

    if (total > SIZE_MAX || (p = (uint8_t *)calloc(1, (size_t)total)) == NULL) {
        CU_PASS("no room for a 512 MiB key here");
        return;
    }
    put_len4(p, 0x30, l0);
    memcpy(p + 6, alg, sizeof(alg));
    put_len4(p + 21, 0x03, l1);
    p[27] = 0x00;
    put_len4(p + 28, 0x30, l2);
    put_len4(p + 34, 0x02, l3);
    p[40] = 0x00;
    p[41] = 0xff;
    memcpy(p + 40 + l3, "\x02\x01\x03", 3);
    CU_ASSERT_EQUAL(cmsfw_bk_parse_spki((cmsfw_bytes){p, (size_t)total}, &key), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(key.info.type, CMSFW_BK_KEY_RSA);
    CU_ASSERT(key.info.bits > CMSFW_BK_RSA_MAX_BITS);
    CU_ASSERT_EQUAL(cmsfw_bk_spki_info((cmsfw_bytes){p, (size_t)total}, &info),
                    (cmsfw_bk_caps() & (CMSFW_BK_CAP_RSA_PKCS1 | CMSFW_BK_CAP_RSA_PSS)) != 0
                        ? CMSFW_BK_KEY_SIZE
                        : CMSFW_BK_UNSUPPORTED);
    free(p);
}

static CU_TestInfo reader_tests[] = {
    {"reads bounded by the limit", test_bounds},
    {"offsets past 2^32, lengths that would wrap", test_64bit_offsets},
    {"string pieces of 2^33 octets", test_64bit_pieces},
    {"header cache after a write, loads too long", test_cache_and_load},
    {"indefinite nesting bound", test_nesting_bound},
    CU_TEST_INFO_NULL};

static CU_TestInfo producer_tests[] = {
    {"CompressedData head for any stream length", test_compressed_head_sizes},
    {"encryption layer sizes up to 2^60", test_encryption_sizes},
    {"SignedData layout up to 2^60", test_signed_data_sizes},
    {"image lengths beyond the limit", test_image_len_refused},
    CU_TEST_INFO_NULL};

static CU_TestInfo key_tests[] = {
    {"RSA modulus size does not wrap", test_rsa_modulus_bits},
    CU_TEST_INFO_NULL};

static CU_SuiteInfo suites[] = {{"review: stage reader", NULL, NULL, NULL, NULL, reader_tests},
                                {"review: producer sizes", NULL, NULL, NULL, NULL, producer_tests},
                                {"review: key sizes", NULL, NULL, NULL, NULL, key_tests},
                                CU_SUITE_INFO_NULL};

int
main(void)
{
    return cu_run(suites);
}
