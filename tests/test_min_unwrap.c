/*
 * test_min_unwrap.c: steps 21-24 of the minimal profile (cms/min_unwrap.c,
 * cms/min_layer.c) against the full profile's cmsfw_proc, over every
 * vector of vectors/MANIFEST and vectors/adversarial/MANIFEST that gives
 * the device a key (AES-CBC and AES-GCM, padding and tag faults, wrapped
 * keys, decrypt-key-identifiers, malformed layers).
 *
 * Each case runs three ways:
 *   full      cmsfw_proc: init, push, finish, unwrap;
 *   minimal   cmsfw_min: init, push (in pieces), finish, unwrap;
 *   layers    cmsfw_min up to finish, then the signed and unsigned
 *             attributes the unwrap step reads (decrypt-key-identifier,
 *             firmware-package-message-digest, wrapped-firmware-key) set
 *             from cmsfw_inspect() and cmsfw__min_unwrap() called
 *             directly, for every package the full profile accepted up
 *             to its unwrap: steps 21-24 alone, whatever steps 6-20 say.
 * Verdicts must be equal, and on success the image octets, its length,
 * its SHA-256, the layers and the key used, unless the minimal run names
 * a limit of its profile (a CompressedData inside the encryption layer).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/cmsfw.h>
#include <cmsfw/inspect.h>
#include <cmsfw/keys.h>
#include <cmsfw/minimal.h>
#include <cmsfw/oid.h>

#include "cms/min_oid.h"
#include "cms/min_priv.h"
#include "cu_main.h"

/* Large enough for the cipher context, the layer's state and a chunk. */
#define WORK_LEN 8192u
#define MAX_KEYS 8

typedef struct buf {
    uint8_t *p;
    size_t len, cap;
} buf;

static int
buf_put(buf *b, uint64_t off, const uint8_t *p, size_t n)
{
    size_t end = (size_t)off + n;

    if (end > b->cap) {
        size_t cap = end * 2 + 256;
        uint8_t *q = realloc(b->p, cap);
        if (q == NULL)
            return -1;
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + off, p, n);
    if (end > b->len)
        b->len = end;
    return 0;
}

static int
st_write(void *io, uint64_t off, const uint8_t *p, size_t n)
{
    return buf_put(io, off, p, n);
}

static int
st_read(void *io, uint64_t off, uint8_t *p, size_t n)
{
    buf *b = io;

    if (off > b->len || n > b->len - off)
        return -1;
    memcpy(p, b->p + off, n);
    return 0;
}

static int
sk_write(void *io, const uint8_t *p, size_t n)
{
    buf *b = io;

    return buf_put(b, b->len, p, n);
}

static buf
load(const char *rel)
{
    char path[2048];
    const char *top = getenv("top_srcdir");
    buf b = {NULL, 0, 0};
    FILE *fp;
    long n;

    snprintf(path, sizeof path, "%s/vectors/%s", top != NULL ? top : ".", rel);
    fp = fopen(path, "rb");
    if (fp == NULL)
        return b;
    if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) > 0 && fseek(fp, 0, SEEK_SET) == 0) {
        b.p = malloc((size_t)n);
        if (b.p != NULL)
            b.len = b.cap = fread(b.p, 1, (size_t)n, fp);
    }
    fclose(fp);
    return b;
}

static size_t
unhex(const char *s, uint8_t *out, size_t cap)
{
    size_t n = 0;
    unsigned v;

    while (s[0] != '\0' && s[1] != '\0' && n < cap && sscanf(s, "%2x", &v) == 1) {
        out[n++] = (uint8_t)v;
        s += 2;
    }
    return n;
}

/* ------------------------------------------------------- one vector */

typedef struct vcase {
    char name[1024], file[1024], trust[512], expect[64];
    char hw_type[128], hw_serial[128];
    int has_key, unsupported, anchor_no_fw, allow_downgrade;
    uint64_t max_image;
    size_t n_keks;
    char kek_spec[MAX_KEYS][512];
    uint32_t kek_usage[MAX_KEYS];
} vcase;

typedef struct device_mem {
    cmsfw_device dev;
    cmsfw_anchor anchor;
    cmsfw_key ta;
    cmsfw_kek keks[MAX_KEYS];
    uint8_t ids[MAX_KEYS][64], keys[MAX_KEYS][64];
    uint8_t hw_type[64], serial[64];
} device_mem;

static int
make_device(const vcase *v, device_mem *d)
{
    char path[2048];
    const char *top = getenv("top_srcdir");
    size_t i, n = 0;
    buf kf;

    memset(d, 0, sizeof *d);
    if (cmsfw_oid_from_dotted(v->hw_type, d->hw_type, sizeof d->hw_type, &n) != CMSFW_OK)
        return 0;
    d->dev.hw_type.ptr = d->hw_type;
    d->dev.hw_type.len = n;
    d->dev.hw_serial.ptr = d->serial;
    d->dev.hw_serial.len = unhex(v->hw_serial, d->serial, sizeof d->serial);
    snprintf(path, sizeof path, "%s/vectors/%s", top != NULL ? top : ".", v->trust);
    if (cmsfw_key_load_file(&d->ta, path, CMSFW_KEY_CERTIFICATE, 0, NULL) != CMSFW_OK)
        return 0;
    d->anchor.spki = d->ta.spki;
    d->anchor.cert = d->ta.der;
    d->anchor.flags = v->anchor_no_fw ? 0 : CMSFW_ANCHOR_FIRMWARE_SIGNER;
    d->dev.anchors = &d->anchor;
    d->dev.n_anchors = 1;
    for (i = 0; i < v->n_keks; i++) {
        const char *colon = strchr(v->kek_spec[i], ':');
        char idhex[128];

        if (colon == NULL || (size_t)(colon - v->kek_spec[i]) >= sizeof idhex)
            return 0;
        memcpy(idhex, v->kek_spec[i], (size_t)(colon - v->kek_spec[i]));
        idhex[colon - v->kek_spec[i]] = '\0';
        kf = load(colon + 1);
        if (kf.p == NULL)
            return 0;
        while (kf.len > 0 && (kf.p[kf.len - 1] == '\n' || kf.p[kf.len - 1] == '\r'))
            kf.len--;
        if (buf_put(&kf, kf.len, (const uint8_t *)"", 1) != 0)
            return 0;
        d->keks[i].id.ptr = d->ids[i];
        d->keks[i].id.len = unhex(idhex, d->ids[i], sizeof d->ids[i]);
        d->keks[i].key.ptr = d->keys[i];
        d->keks[i].key.len = unhex((const char *)kf.p, d->keys[i], sizeof d->keys[i]);
        d->keks[i].usage = v->kek_usage[i];
        free(kf.p);
    }
    d->dev.keks = d->keks;
    d->dev.n_keks = v->n_keks;
    d->dev.policy = v->allow_downgrade ? CMSFW_POLICY_ALLOW_DOWNGRADE : 0;
    d->dev.max_image = v->max_image;
    return 1;
}

/* The device most vectors name: the ec-p256 anchor, hardware
 * 1.3.6.1.4.1.32473.1.1 serial 0102, and the first @n_keks of kek128 and
 * kek256. */
static int
vectors_device(device_mem *d, unsigned n_keks)
{
    vcase v;

    memset(&v, 0, sizeof v);
    snprintf(v.trust, sizeof v.trust, "keys/ec-p256.cert.pem");
    snprintf(v.hw_type, sizeof v.hw_type, "1.3.6.1.4.1.32473.1.1");
    snprintf(v.hw_serial, sizeof v.hw_serial, "0102");
    snprintf(v.kek_spec[0], sizeof v.kek_spec[0], "0102030405060708:keys/kek128.hex");
    snprintf(v.kek_spec[1], sizeof v.kek_spec[1], "1112131415161718:keys/kek256.hex");
    v.n_keks = n_keks;
    return make_device(&v, d);
}

/* What a run left. */
typedef struct outcome {
    cmsfw_err err;
    int finished;          /* finish() returned CMSFW_OK */
    uint32_t limits;
    cmsfw_result res;
    uint8_t key_id[64];
    buf image;
} outcome;

static void
keep_result(outcome *o, const cmsfw_result *res)
{
    o->res = *res;
    memset(o->key_id, 0, sizeof o->key_id);
    if (res->decrypt_key_id.ptr != NULL && res->decrypt_key_id.len <= sizeof o->key_id)
        memcpy(o->key_id, res->decrypt_key_id.ptr, res->decrypt_key_id.len);
    o->res.decrypt_key_id.ptr = res->decrypt_key_id.ptr != NULL ? o->key_id : NULL;
    o->res.pkg_id.name.oid.ptr = NULL;
    o->res.pkg_id.name.legacy.ptr = NULL;
    o->res.trust_anchor_key_id.ptr = NULL;
}

static void
run_full(const cmsfw_device *dev, const buf *pkg, outcome *o)
{
    buf stage = {NULL, 0, 0};
    cmsfw_stage st = {st_write, st_read, NULL, &stage, NULL, NULL};
    cmsfw_sink sk = {sk_write, &o->image};
    cmsfw_proc *p = cmsfw_proc_new();

    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    cmsfw_proc_init(p, dev, &st);
    o->err = cmsfw_proc_push(p, pkg->p, pkg->len);
    o->err = cmsfw_proc_finish(p, NULL);
    o->finished = o->err == CMSFW_OK;
    if (o->err == CMSFW_OK)
        o->err = cmsfw_proc_unwrap(p, &sk);
    keep_result(o, cmsfw_proc_result(p));
    cmsfw_proc_delete(p);
    free(stage.p);
}

/* The attribute of type oid among n, or NULL. */
static const cmsfw_attr_view *
attr(const cmsfw_attr_view *a, size_t n, const uint8_t *oid, size_t oid_len)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (a[i].type.len == oid_len && memcmp(a[i].type.ptr, oid, oid_len) == 0)
            return &a[i];
    return NULL;
}

/* What the signer step leaves for unwrap, from the package itself. */
static void
set_signed(cmsfw_min *m, const cmsfw_inspection *in)
{
    static const uint8_t dk[] = {MIN_OID_ID_AA_DECRYPTKEYID};
    static const uint8_t fd[] = {MIN_OID_ID_AA_FWPKGMESSAGEDIGEST};
    static const uint8_t wk[] = {MIN_OID_ID_AA_WRAPPEDFIRMWAREKEY};
    const cmsfw_signed_view *v = &in->signed_data;
    const cmsfw_attr_view *a;
    cmsfw_bytes b;

    memset(&m->s.decrypt_key_id, 0, sizeof m->s.decrypt_key_id);
    memset(&m->s.fw_digest, 0, sizeof m->s.fw_digest);
    memset(&m->s.wrapped_key, 0, sizeof m->s.wrapped_key);
    a = attr(v->signed_attrs, v->n_signed_attrs, dk, sizeof dk);
    if (a != NULL && cmsfw_octets_decode(&b, a->value.ptr, a->value.len, NULL) == CMSFW_OK)
        m->s.decrypt_key_id = b;
    a = attr(v->signed_attrs, v->n_signed_attrs, fd, sizeof fd);
    if (a != NULL)
        m->s.fw_digest = a->value;
    a = attr(v->unsigned_attrs, v->n_unsigned_attrs, wk, sizeof wk);
    if (a != NULL)
        m->s.wrapped_key = a->value;
}

/* The minimal profile; direct: steps 21-24 called on their own. */
static void
run_min(const cmsfw_device *dev, const buf *pkg, int direct, outcome *o)
{
    static uint8_t work[WORK_LEN];
    buf stage = {NULL, 0, 0};
    cmsfw_stage st = {st_write, st_read, NULL, &stage, NULL, NULL};
    cmsfw_sink sk = {sk_write, &o->image};
    cmsfw_inspection in;
    cmsfw_min *m = cmsfw_min_init(work, sizeof work, dev, &st);
    size_t off, n;

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    o->err = CMSFW_OK;
    for (off = 0; off < pkg->len && o->err == CMSFW_OK; off += n) {
        n = pkg->len - off < 777 ? pkg->len - off : 777;
        o->err = cmsfw_min_push(m, pkg->p + off, n);
    }
    o->err = cmsfw_min_finish(m, NULL);
    if (direct) {
        memset(&in, 0, sizeof in);
        CU_ASSERT_EQUAL_FATAL(cmsfw_inspect(&in, pkg->p, pkg->len, NULL), CMSFW_OK);
        set_signed(m, &in);
        m->err = CMSFW_OK;
        m->limits = 0;
        m->phase = MIN_ACCEPTED;
        o->err = cmsfw__min_unwrap(m, &sk);
        cmsfw_inspection_free(&in);
    } else if (o->err == CMSFW_OK) {
        o->err = cmsfw_min_unwrap(m, &sk);
    }
    o->limits = cmsfw_min_limits(m);
    keep_result(o, cmsfw_min_result(m));
    cmsfw_min_end(m);
    free(stage.p);
}

static unsigned n_cases, n_compared, n_limited, n_accepted, n_direct, n_small_fail;

static void
compare(const char *name, const outcome *f, const outcome *m, const char *how)
{
    uint32_t limits = m->limits;

    /* certificates read over (step 4) bear on no verdict of a package the
     * full profile took through step 20 */
    if (f->finished)
        limits &= ~CMSFW_MIN_LIMIT_CERTS;
    if (limits != 0) {
        n_limited++;
        CU_ASSERT_NOT_EQUAL(m->err, CMSFW_OK);
        return;
    }
    n_compared++;
    if (f->err != m->err) {
        printf("\n  %s (%s): full %s (%d), minimal %s (%d)", name, how, cmsfw_err_name(f->err),
               (int)f->err, cmsfw_err_name(m->err), (int)m->err);
        CU_FAIL("the two profiles reach different verdicts");
        return;
    }
    if (f->err != CMSFW_OK)
        return;
    n_accepted++;
    CU_ASSERT_EQUAL(f->image.len, m->image.len);
    CU_ASSERT(f->image.len == m->image.len &&
              (f->image.len == 0 || memcmp(f->image.p, m->image.p, f->image.len) == 0));
    CU_ASSERT_EQUAL(f->res.image_len, m->res.image_len);
    CU_ASSERT_EQUAL(f->res.layers, m->res.layers);
    CU_ASSERT_EQUAL(f->res.has_image_sha256, m->res.has_image_sha256);
    CU_ASSERT(memcmp(f->res.image_sha256, m->res.image_sha256, 32) == 0);
    CU_ASSERT_EQUAL(f->res.decrypt_key_id.ptr != NULL, m->res.decrypt_key_id.ptr != NULL);
    CU_ASSERT_EQUAL(f->res.decrypt_key_id.len, m->res.decrypt_key_id.len);
    CU_ASSERT(memcmp(f->key_id, m->key_id, sizeof f->key_id) == 0);
}

static void
run_case(const vcase *v)
{
    device_mem *d = calloc(1, sizeof *d);
    outcome full, min, direct;
    buf pkg;

    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    memset(&full, 0, sizeof full);
    memset(&min, 0, sizeof min);
    memset(&direct, 0, sizeof direct);
    pkg = load(v->file);
    if (pkg.p == NULL || !make_device(v, d)) {
        printf("\n  %s: cannot load the vector or its device", v->name);
        CU_FAIL("vector or device not loaded");
        free(pkg.p);
        free(d);
        return;
    }
    n_cases++;
    run_full(&d->dev, &pkg, &full);
    run_min(&d->dev, &pkg, 0, &min);
    compare(v->name, &full, &min, "cmsfw_min_unwrap");
    /* steps 21-24 alone wherever the full profile reached them */
    if (full.err == CMSFW_OK || full.res.layers != 0 || full.res.image_len != 0 ||
        (full.err >= CMSFW_BAD_ENCRYPTED_DATA && full.err <= CMSFW_DECOMPRESS_FAILURE) ||
        full.err == CMSFW_BAD_FIRMWARE) {
        run_min(&d->dev, &pkg, 1, &direct);
        n_direct++;
        compare(v->name, &full, &direct, "cmsfw__min_unwrap");
    }
    free(full.image.p);
    free(min.image.p);
    free(direct.image.p);
    free(pkg.p);
    cmsfw_key_free(&d->ta);
    free(d);
}

/* Every stanza of a MANIFEST that gives the device a key. */
static void
run_manifest(const char *rel)
{
    char line[1024], *val;
    vcase v;
    buf mf = load(rel);
    FILE *fp;
    int open_case = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(mf.p);
    free(mf.p);
    snprintf(line, sizeof line, "%s/vectors/%s",
             getenv("top_srcdir") != NULL ? getenv("top_srcdir") : ".", rel);
    fp = fopen(line, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    memset(&v, 0, sizeof v);
    for (;;) {
        int eof = fgets(line, sizeof line, fp) == NULL;

        line[strcspn(line, "\r\n")] = '\0';
        if (eof || line[0] == '[') {
            if (open_case && v.has_key && !v.unsupported && v.trust[0] != '\0')
                run_case(&v);
            if (eof)
                break;
            memset(&v, 0, sizeof v);
            snprintf(v.name, sizeof v.name, "%s", line);
            open_case = 1;
            continue;
        }
        val = strstr(line, " = ");
        if (!open_case || val == NULL)
            continue;
        *val = '\0';
        val += 3;
        if (strcmp(line, "file") == 0)
            snprintf(v.file, sizeof v.file, "%s", val);
        else if (strcmp(line, "trust") == 0 && v.trust[0] == '\0')
            snprintf(v.trust, sizeof v.trust, "%s", val);
        else if (strcmp(line, "trust") == 0 || strcmp(line, "anchor-no-fw") == 0)
            v.unsupported = 1; /* a second anchor: outside this runner */
        else if (strcmp(line, "hw-type") == 0)
            snprintf(v.hw_type, sizeof v.hw_type, "%s", val);
        else if (strcmp(line, "hw-serial") == 0)
            snprintf(v.hw_serial, sizeof v.hw_serial, "%s", val);
        else if (strcmp(line, "allow-downgrade") == 0)
            v.allow_downgrade = 1;
        else if (strcmp(line, "max-image") == 0)
            v.max_image = strtoull(val, NULL, 10);
        else if ((strcmp(line, "kek") == 0 || strcmp(line, "cek") == 0) && v.n_keks < MAX_KEYS) {
            snprintf(v.kek_spec[v.n_keks], sizeof v.kek_spec[0], "%s", val);
            v.kek_usage[v.n_keks++] = line[0] == 'k' ? CMSFW_KEY_KEK : CMSFW_KEY_CEK;
            v.has_key = 1;
        } else if (strcmp(line, "installed") == 0 || strcmp(line, "stale") == 0 ||
                   strcmp(line, "community") == 0 || strcmp(line, "pkg-type") == 0) {
            v.unsupported = 1; /* policy inputs: test_min_diff.sh covers them */
        }
    }
    fclose(fp);
}

static void
test_vectors(void)
{
    n_cases = n_compared = n_limited = n_accepted = n_direct = 0;
    run_manifest("MANIFEST");
    run_manifest("adversarial/MANIFEST");
    printf("\n  %u encrypted cases; %u runs compared (%u accepted), %u limited, %u direct\n",
           n_cases, n_compared, n_accepted, n_limited, n_direct);
    CU_ASSERT(n_cases >= 100);
    CU_ASSERT(n_accepted >= 20);
    CU_ASSERT(n_direct >= 50);
}

/* A work buffer that cannot hold the cipher context: a limit, never a
 * crash nor a verdict without its limit bit. */
static void
test_small_work(void)
{
    static const char *vecs[] = {"generated/cmsfw-ecdsa-p256-gcm.der",
                                 "generated/cmsfw-ecdsa-p256-cbc.der"};
    static uint8_t work[16384];
    cmsfw_inspection in;
    device_mem *d = calloc(1, sizeof *d);
    buf pkg, stage = {NULL, 0, 0}, out = {NULL, 0, 0};
    cmsfw_stage st = {st_write, st_read, NULL, &stage, NULL, NULL};
    cmsfw_sink sk = {sk_write, &out};
    cmsfw_min *m;
    cmsfw_err err;
    size_t i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_FATAL(cmsfw_min_work_min() + 1024 <= sizeof work);
    CU_ASSERT_FATAL(vectors_device(d, 1));
    for (i = 0; i < 2; i++) {
        pkg = load(vecs[i]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(pkg.p);
        /* room for the state, the framing and the SignerInfo, and less
         * than the cipher context needs on top */
        m = cmsfw_min_init(work, cmsfw_min_work_min() + 1024, &d->dev, &st);
        CU_ASSERT_PTR_NOT_NULL_FATAL(m);
        err = cmsfw_min_push(m, pkg.p, pkg.len);
        if (err == CMSFW_OK)
            err = cmsfw_min_finish(m, NULL);
        CU_ASSERT(err == CMSFW_OK || (cmsfw_min_limits(m) & CMSFW_MIN_LIMIT_WORK) != 0);
        memset(&in, 0, sizeof in);
        CU_ASSERT_EQUAL_FATAL(cmsfw_inspect(&in, pkg.p, pkg.len, NULL), CMSFW_OK);
        set_signed(m, &in);
        m->err = CMSFW_OK;
        m->limits = 0;
        m->phase = MIN_ACCEPTED;
        err = cmsfw__min_unwrap(m, &sk);
        n_small_fail += err != CMSFW_OK;
        if (err != CMSFW_OK) {
            CU_ASSERT_EQUAL(err, CMSFW_INSUFFICIENT_MEMORY);
            CU_ASSERT_EQUAL(cmsfw_min_limits(m) & CMSFW_MIN_LIMIT_WORK, CMSFW_MIN_LIMIT_WORK);
            CU_ASSERT_EQUAL(out.len, 0);
        }
        cmsfw_inspection_free(&in);
        cmsfw_min_end(m);
        free(pkg.p);
        stage.len = 0;
        out.len = 0;
    }
    /* with the default cipher context (1344 octets) neither fits */
    if (sizeof(cmsfw_bk_cipher_ctx) > 1024)
        CU_ASSERT_EQUAL(n_small_fail, 2);
    cmsfw_key_free(&d->ta);
    free(d);
    free(stage.p);
    free(out.p);
}

/* One run through the public API in the first work_len octets of work;
 * *used receives cmsfw_min_work_used() and *pad the octets init() skipped
 * to align the state. */
static cmsfw_err
run_in(const device_mem *d, const buf *pkg, uint8_t *work, size_t work_len, buf *image,
       size_t *used, size_t *pad)
{
    buf stage = {NULL, 0, 0};
    cmsfw_stage st = {st_write, st_read, NULL, &stage, NULL, NULL};
    cmsfw_sink sk = {sk_write, image};
    cmsfw_min *m = cmsfw_min_init(work, work_len, &d->dev, &st);
    cmsfw_err err;

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    *pad = (size_t)((uint8_t *)m - work);
    err = cmsfw_min_push(m, pkg->p, pkg->len);
    if (err == CMSFW_OK)
        err = cmsfw_min_finish(m, NULL);
    if (err == CMSFW_OK)
        err = cmsfw_min_unwrap(m, &sk);
    *used = cmsfw_min_work_used(m);
    if (err != CMSFW_OK)
        CU_ASSERT_EQUAL(cmsfw_min_limits(m) & CMSFW_MIN_LIMIT_WORK, CMSFW_MIN_LIMIT_WORK);
    cmsfw_min_end(m);
    free(stage.p);
    return err;
}

/* cmsfw_min_work_used() is the buffer a package needs: with exactly that
 * many octets it decrypts to the same image, with one fewer it is
 * insufficientMemory (a CMSFW_MIN_LIMIT_WORK) and the sink sees nothing. */
static void
test_work_bound(void)
{
    static const char *vecs[] = {"generated/cmsfw-ecdsa-p256-gcm.der",
                                 "generated/cmsfw-ecdsa-p256-cbc.der"};
    static uint8_t work[WORK_LEN];
    device_mem *d = calloc(1, sizeof *d);
    buf pkg, img = {NULL, 0, 0}, tight = {NULL, 0, 0};
    size_t i, used = 0, pad = 0, used2 = 0, pad2 = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_FATAL(vectors_device(d, 2));
    for (i = 0; i < sizeof vecs / sizeof vecs[0]; i++) {
        pkg = load(vecs[i]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(pkg.p);
        img.len = tight.len = 0;
        CU_ASSERT_EQUAL_FATAL(run_in(d, &pkg, work, sizeof work, &img, &used, &pad), CMSFW_OK);
        CU_ASSERT(img.len > 0);
        /* the high-water mark, not the whole buffer: the state, the
         * captures, the layer's state with the cipher and its chunk */
        CU_ASSERT(used > sizeof(struct cmsfw_min) + sizeof(cmsfw_bk_cipher_ctx));
        CU_ASSERT(pad + used < sizeof work);
        CU_ASSERT_EQUAL(run_in(d, &pkg, work, pad + used, &tight, &used2, &pad2), CMSFW_OK);
        CU_ASSERT_EQUAL(pad2, pad);
        CU_ASSERT_EQUAL(used2, used);
        CU_ASSERT(tight.len == img.len && memcmp(tight.p, img.p, img.len) == 0);
        tight.len = 0;
        CU_ASSERT_EQUAL(run_in(d, &pkg, work, pad + used - 1, &tight, &used2, &pad2),
                        CMSFW_INSUFFICIENT_MEMORY);
        CU_ASSERT_EQUAL(tight.len, 0);
        free(pkg.p);
    }
    cmsfw_key_free(&d->ta);
    free(d);
    free(img.p);
    free(tight.p);
}

/* The staged AuthEnvelopedData of a vector with its mac rewritten as a
 * BER constructed OCTET STRING of the given pieces (the tag's octets, then
 * extra ones): read piece by piece, it must give the full profile's
 * verdicts for a mac of that length (the image, or decryptFailure). */
static cmsfw_err
crafted_mac(const device_mem *d, const buf *pkg, const size_t *pieces, size_t n_pieces,
            buf *image)
{
    static uint8_t work[WORK_LEN];
    buf stage = {NULL, 0, 0}, body = {NULL, 0, 0};
    cmsfw_stage st = {st_write, st_read, NULL, &stage, NULL, NULL};
    cmsfw_sink sk = {sk_write, image};
    cmsfw_inspection in;
    cmsfw_der_cur c, inner;
    cmsfw_der_tlv seq, t, mac;
    uint8_t hdr[8], extra[64];
    cmsfw_min *m = cmsfw_min_init(work, sizeof work, &d->dev, &st);
    size_t i, k, used = 0, hl;
    cmsfw_err err;

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    memset(extra, 0x5a, sizeof extra);
    err = cmsfw_min_push(m, pkg->p, pkg->len);
    if (err == CMSFW_OK)
        err = cmsfw_min_finish(m, NULL);
    /* the staged layer, its last element the mac */
    cmsfw_der_init(&c, stage.p, stage.len, 1);
    CU_ASSERT_EQUAL_FATAL(cmsfw_der_read(&c, &seq), CMSFW_DER_OK);
    cmsfw_der_enter(&inner, &seq, 1);
    memset(&mac, 0, sizeof mac);
    while (cmsfw_der_read(&inner, &t) == CMSFW_DER_OK)
        mac = t;
    CU_ASSERT_EQUAL_FATAL(mac.tag, CMSFW_DER_TAG_OCTET_STRING);
    /* contents: everything before the mac, then 24 80 {04 n ...} 00 00 */
    CU_ASSERT_FATAL(buf_put(&body, 0, seq.val, (size_t)(mac.tlv - seq.val)) == 0);
    CU_ASSERT_FATAL(buf_put(&body, body.len, (const uint8_t *)"\x24\x80", 2) == 0);
    for (i = 0; i < n_pieces; i++) {
        hdr[0] = 0x04;
        hdr[1] = (uint8_t)pieces[i];
        CU_ASSERT_FATAL(buf_put(&body, body.len, hdr, 2) == 0);
        for (k = 0; k < pieces[i]; k++, used++)
            CU_ASSERT_FATAL(buf_put(&body, body.len, used < mac.len ? mac.val + used : extra, 1) == 0);
    }
    CU_ASSERT_FATAL(buf_put(&body, body.len, (const uint8_t *)"\0\0", 2) == 0);
    hdr[0] = 0x30;
    hdr[1] = 0x82;
    hdr[2] = (uint8_t)(body.len >> 8);
    hdr[3] = (uint8_t)body.len;
    hl = 4;
    CU_ASSERT_FATAL(body.len < 65536);
    stage.len = 0;
    CU_ASSERT_FATAL(buf_put(&stage, 0, hdr, hl) == 0 && buf_put(&stage, hl, body.p, body.len) == 0);
    memset(&in, 0, sizeof in);
    CU_ASSERT_EQUAL_FATAL(cmsfw_inspect(&in, pkg->p, pkg->len, NULL), CMSFW_OK);
    set_signed(m, &in);
    m->f.econtent_len = stage.len;
    m->err = CMSFW_OK;
    m->limits = 0;
    m->phase = MIN_ACCEPTED;
    err = cmsfw__min_unwrap(m, &sk);
    cmsfw_inspection_free(&in);
    cmsfw_min_end(m);
    free(stage.p);
    free(body.p);
    return err;
}

static void
test_constructed_mac(void)
{
    static const size_t whole[] = {8, 8}, one_more[] = {8, 8, 1}, many[] = {8, 8, 8, 8, 8};
    static const size_t short_[] = {8, 7};
    device_mem *d = calloc(1, sizeof *d);
    outcome full;
    buf pkg, img = {NULL, 0, 0};

    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    memset(&full, 0, sizeof full);
    CU_ASSERT_FATAL(vectors_device(d, 2));
    pkg = load("generated/cmsfw-ecdsa-p256-gcm.der");
    CU_ASSERT_PTR_NOT_NULL_FATAL(pkg.p);
    run_full(&d->dev, &pkg, &full);
    CU_ASSERT_EQUAL_FATAL(full.err, CMSFW_OK);
    /* a 16-octet tag in two pieces: accepted, the same image */
    CU_ASSERT_EQUAL(crafted_mac(d, &pkg, whole, 2, &img), CMSFW_OK);
    CU_ASSERT(img.len == full.image.len && memcmp(img.p, full.image.p, img.len) == 0);
    img.len = 0;
    CU_ASSERT_EQUAL(crafted_mac(d, &pkg, one_more, 3, &img), CMSFW_DECRYPT_FAILURE);
    CU_ASSERT_EQUAL(crafted_mac(d, &pkg, many, 5, &img), CMSFW_DECRYPT_FAILURE);
    CU_ASSERT_EQUAL(crafted_mac(d, &pkg, short_, 2, &img), CMSFW_DECRYPT_FAILURE);
    CU_ASSERT_EQUAL(img.len, 0);
    free(img.p);
    free(full.image.p);
    free(pkg.p);
    cmsfw_key_free(&d->ta);
    free(d);
}

int
main(void)
{
    static CU_TestInfo tests[] = {
        {"encrypted vectors: minimal verdicts and images equal the full profile's", test_vectors},
        {"a work buffer too small to decrypt is a limit", test_small_work},
        {"cmsfw_min_work_used() is the buffer a package needs", test_work_bound},
        {"a mac in BER pieces", test_constructed_mac},
        CU_TEST_INFO_NULL,
    };
    static CU_SuiteInfo suites[] = {
        {"min_unwrap", NULL, NULL, NULL, NULL, tests},
        CU_SUITE_INFO_NULL,
    };

    return cu_run(suites);
}
