/*
 * fuzz_device.c: see fuzz_device.h.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/keys.h>
#include <cmsfw/oid.h>

#include "fuzz/fuzz_device.h"
#include "fuzz/fuzz_util.h"

#ifndef FUZZ_TOP_SRCDIR
#error "FUZZ_TOP_SRCDIR must name the source tree (the vectors are read from it)"
#endif

#define HW_TYPE "1.3.6.1.4.1.32473.1.1"
#define COMMUNITY "1.3.6.1.4.1.32473.3.1"
#define INSTALLED_PKG "1.3.6.1.4.1.32473.2.9"
#define INSTALLED_VERSION 3u

/* Longest reason a processor may give: one line, well within this. */
#define MAX_REASON 4096u

/* ------------------------------------------------------------ the device */

typedef struct oid_buf {
    uint8_t der[CMSFW_OID_MAX_LEN];
    size_t len;
} oid_buf;

/* The anchors, in vectors/keys: the EC key most vectors are signed with,
 * and two HSS/LMS keys, so that the minimal profile's streamed HSS/LMS
 * verification is reached (it streams only for an anchor holding an
 * HSS/LMS key). Their subjectKeyIdentifiers differ. */
static const char *const anchor_files[] = {
    "ec-p256.cert.pem",
    "hss-l1-h5w8.cert.pem",
    "hss-l2-h5w4.cert.pem",
    "hss-py-l2-h5w4.cert.pem",
};
#define N_ANCHORS (sizeof anchor_files / sizeof anchor_files[0])

static struct {
    cmsfw_device dev;
    cmsfw_device dev_key;   /* the same device, its anchors as key and key id */
    cmsfw_key anchor_cert[N_ANCHORS];
    cmsfw_anchor anchor[N_ANCHORS];
    cmsfw_anchor anchor_key[N_ANCHORS];
    oid_buf hw_type, community, installed_pkg;
    cmsfw_bytes communities[1];
    cmsfw_installed installed[1];
    uint8_t kek_key[2][32];
    uint8_t kek_id[2][8];
    cmsfw_kek keks[2];
} fd;

static void
setup_fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz device: %s: %s\n", what, detail);
    abort();
}

static cmsfw_bytes
dotted(oid_buf *o, const char *text)
{
    cmsfw_bytes b;

    if (cmsfw_oid_from_dotted(text, o->der, sizeof o->der, &o->len) != CMSFW_OK)
        setup_fail("bad OID", text);
    b.ptr = o->der;
    b.len = o->len;
    return b;
}

static int
hex_digit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The key in a .hex file of vectors/keys: hex digits, white space ignored. */
static size_t
read_hex_key(const char *name, uint8_t *out, size_t cap)
{
    char path[4096];
    FILE *f;
    size_t n = 0;
    int c, hi = -1, v;

    snprintf(path, sizeof path, "%s/vectors/keys/%s", FUZZ_TOP_SRCDIR, name);
    if ((f = fopen(path, "r")) == NULL)
        setup_fail("cannot read", path);
    while ((c = fgetc(f)) != EOF) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        if ((v = hex_digit(c)) < 0 || n >= cap)
            setup_fail("not a hex key", path);
        if (hi < 0) {
            hi = v;
        } else {
            out[n++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        }
    }
    fclose(f);
    if (hi >= 0 || (n != 16 && n != 24 && n != 32))
        setup_fail("not an AES key", path);
    return n;
}

static void
set_kek(size_t i, const char *file, uint8_t id_first)
{
    size_t k;

    for (k = 0; k < sizeof fd.kek_id[i]; k++)
        fd.kek_id[i][k] = (uint8_t)(id_first + k);
    fd.keks[i].id.ptr = fd.kek_id[i];
    fd.keks[i].id.len = sizeof fd.kek_id[i];
    fd.keks[i].key.ptr = fd.kek_key[i];
    fd.keks[i].key.len = read_hex_key(file, fd.kek_key[i], sizeof fd.kek_key[i]);
    fd.keks[i].usage = CMSFW_KEY_KEK;
}

/* Anchor i in both forms: with its certificate, and as the key and
 * subjectKeyIdentifier a device of the minimal profile holds. */
static void
set_anchor(size_t i)
{
    char path[4096];
    cmsfw_diag d = {""};
    cmsfw_key *k = &fd.anchor_cert[i];

    snprintf(path, sizeof path, "%s/vectors/keys/%s", FUZZ_TOP_SRCDIR, anchor_files[i]);
    if (cmsfw_key_load_file(k, path, CMSFW_KEY_CERTIFICATE, 0, &d) != CMSFW_OK)
        setup_fail(path, d.msg);
    if (k->ski.ptr == NULL)
        setup_fail(path, "no subjectKeyIdentifier");
    fd.anchor[i].spki = k->spki;
    fd.anchor[i].cert = k->der;
    fd.anchor[i].flags = CMSFW_ANCHOR_FIRMWARE_SIGNER;
    fd.anchor_key[i].spki = k->spki;
    fd.anchor_key[i].key_id = k->ski;
    fd.anchor_key[i].flags = CMSFW_ANCHOR_FIRMWARE_SIGNER;
}

static const cmsfw_device *
device_as(fuzz_anchor form)
{
    static int ready;
    static const uint8_t serial[] = {0x01, 0x02};
    size_t i;

    if (ready)
        return form == FUZZ_ANCHOR_KEY ? &fd.dev_key : &fd.dev;
    for (i = 0; i < N_ANCHORS; i++)
        set_anchor(i);
    set_kek(0, "kek128.hex", 0x01); /* id 0102030405060708 */
    set_kek(1, "kek256.hex", 0x11); /* id 1112131415161718 */
    fd.communities[0] = dotted(&fd.community, COMMUNITY);
    fd.installed[0].name.form = CMSFW_NAME_PREFERRED;
    fd.installed[0].name.oid = dotted(&fd.installed_pkg, INSTALLED_PKG);
    fd.installed[0].name.version = INSTALLED_VERSION;

    fd.dev.hw_type = dotted(&fd.hw_type, HW_TYPE);
    fd.dev.hw_serial.ptr = serial;
    fd.dev.hw_serial.len = sizeof serial;
    fd.dev.anchors = fd.anchor;
    fd.dev.n_anchors = N_ANCHORS;
    fd.dev.communities = fd.communities;
    fd.dev.n_communities = 1;
    fd.dev.keks = fd.keks;
    fd.dev.n_keks = 2;
    fd.dev.installed = fd.installed;
    fd.dev.n_installed = 1;
    fd.dev.max_image = FUZZ_MAX_IMAGE;
    fd.dev_key = fd.dev;
    fd.dev_key.anchors = fd.anchor_key;
    ready = 1;
    return form == FUZZ_ANCHOR_KEY ? &fd.dev_key : &fd.dev;
}

/* ------------------------------------------------------- stage and sink */

typedef struct mem_stage {
    cmsfw_stage stage; /* first: the processor keeps a pointer to it */
    fuzz_stage_mode mode;
    uint8_t *buf;
    size_t len, cap;
    size_t writes;
    int image_calls, adopt_calls, discard_calls, skipped;
    uint64_t adopt_len;
} mem_stage;

static int
stage_write(void *io, uint64_t off, const uint8_t *p, size_t n)
{
    mem_stage *s = io;
    size_t end;
    uint8_t *grown;

    /* a declined image is never written (proc.h, cmsfw_stage.image) */
    FUZZ_CHECK(!s->skipped);
    s->writes++;
    if (off > s->len || n > FUZZ_MAX_STAGE - off)
        return -1;
    end = (size_t)off + n;
    if (end > s->cap) {
        size_t cap = s->cap != 0 ? s->cap : 4096;

        while (cap < end)
            cap *= 2;
        if ((grown = realloc(s->buf, cap)) == NULL)
            return -1;
        s->buf = grown;
        s->cap = cap;
    }
    if (n > 0)
        memcpy(s->buf + off, p, n);
    if (end > s->len)
        s->len = end;
    return 0;
}

static int
stage_read(void *io, uint64_t off, uint8_t *p, size_t n)
{
    mem_stage *s = io;

    /* the processor only reads back what it staged */
    FUZZ_CHECK(off <= s->len && n <= s->len - off);
    if (n > 0)
        memcpy(p, s->buf + off, n);
    return 0;
}

static void
stage_discard(void *io)
{
    ((mem_stage *)io)->discard_calls++;
}

static int
stage_image(void *io)
{
    mem_stage *s = io;

    /* once, by push(), before the first write() */
    FUZZ_CHECK(++s->image_calls == 1 && s->writes == 0);
    if (s->mode == FUZZ_STAGE_SKIP) {
        s->skipped = 1;
        return CMSFW_STAGE_SKIP;
    }
    return CMSFW_STAGE_KEEP;
}

static int
stage_adopt(void *io, uint64_t len)
{
    mem_stage *s = io;

    FUZZ_CHECK(++s->adopt_calls == 1 && s->image_calls == 1 && !s->skipped);
    FUZZ_CHECK(len <= s->len);
    s->adopt_len = len;
    return 0;
}

static void
stage_init(mem_stage *s, fuzz_stage_mode mode)
{
    memset(s, 0, sizeof *s);
    s->mode = mode;
    s->stage.write = stage_write;
    s->stage.read = stage_read;
    s->stage.discard = stage_discard;
    s->stage.io = s;
    if (mode != FUZZ_STAGE_PLAIN)
        s->stage.image = stage_image;
    if (mode == FUZZ_STAGE_ADOPT)
        s->stage.adopt = stage_adopt;
}

typedef struct mem_sink {
    uint64_t len, bound, hash;
} mem_sink;

static int
sink_write(void *io, const uint8_t *p, size_t n)
{
    mem_sink *k = io;

    /* an image is at most the eContent, or FUZZ_MAX_IMAGE once inflated */
    FUZZ_CHECK(n <= k->bound - k->len);
    k->len += n;
    k->hash = fuzz_fnv(k->hash, p, n);
    return 0;
}

/* -------------------------------------------------------------- one run */

static uint64_t
pkg_id_hash(const cmsfw_pkg_id *id)
{
    uint64_t h = FUZZ_FNV_INIT;
    uint8_t nums[3];

    nums[0] = (uint8_t)id->name.form;
    nums[1] = (uint8_t)id->stale_form;
    nums[2] = 0;
    h = fuzz_fnv(h, nums, sizeof nums);
    h = fuzz_fnv(h, id->name.oid.ptr, id->name.oid.len);
    h = fuzz_fnv(h, (const uint8_t *)&id->name.version, sizeof id->name.version);
    h = fuzz_fnv(h, id->name.legacy.ptr, id->name.legacy.len);
    h = fuzz_fnv(h, (const uint8_t *)&id->stale_version, sizeof id->stale_version);
    return fuzz_fnv(h, id->stale_legacy.ptr, id->stale_legacy.len);
}

/* One processor of either profile behind the same calls. */
typedef struct engine {
    fuzz_profile profile;
    cmsfw_proc *proc;
    cmsfw_min *min;
    uint8_t *work;
} engine;

static void
engine_open(engine *e, fuzz_profile profile, const cmsfw_device *dev, const cmsfw_stage *stage)
{
    memset(e, 0, sizeof *e);
    e->profile = profile;
    if (profile == FUZZ_MINIMAL) {
        e->work = malloc(FUZZ_WORK);
        FUZZ_CHECK(e->work != NULL);
        e->min = cmsfw_min_init(e->work, FUZZ_WORK, dev, stage);
        FUZZ_CHECK(e->min != NULL);
    } else {
        e->proc = cmsfw_proc_new();
        FUZZ_CHECK(e->proc != NULL);
        cmsfw_proc_init(e->proc, dev, stage);
    }
}

static cmsfw_err
engine_push(engine *e, const uint8_t *p, size_t n)
{
    return e->min != NULL ? cmsfw_min_push(e->min, p, n) : cmsfw_proc_push(e->proc, p, n);
}

static cmsfw_err
engine_finish(engine *e, cmsfw_result *res)
{
    return e->min != NULL ? cmsfw_min_finish(e->min, res) : cmsfw_proc_finish(e->proc, res);
}

static cmsfw_err
engine_unwrap(engine *e, const cmsfw_sink *sink)
{
    return e->min != NULL ? cmsfw_min_unwrap(e->min, sink) : cmsfw_proc_unwrap(e->proc, sink);
}

static const cmsfw_result *
engine_result(const engine *e)
{
    return e->min != NULL ? cmsfw_min_result(e->min) : cmsfw_proc_result(e->proc);
}

static const char *
engine_reason(const engine *e)
{
    return e->min != NULL ? cmsfw_min_reason(e->min) : cmsfw_proc_reason(e->proc);
}

static void
engine_close(engine *e)
{
    if (e->min != NULL) {
        /* the processor never writes outside its work buffer; the
         * high-water mark stays inside it */
        FUZZ_CHECK(cmsfw_min_work_used(e->min) <= FUZZ_WORK);
        cmsfw_min_end(e->min);
        free(e->work);
    } else {
        cmsfw_proc_delete(e->proc);
    }
}

/* Push everything; returns the first error (or CMSFW_OK). */
static cmsfw_err
push_all(engine *p, const uint8_t *pkg, size_t len, const size_t *chunks, size_t n_chunks)
{
    cmsfw_err first = CMSFW_OK, e;
    size_t pos = 0, i = 0, empty = 0, n;

    while (pos < len) {
        n = n_chunks > 0 ? chunks[i++ % n_chunks] : len;
        /* a list of zeros alone would never end */
        if (n == 0 && ++empty > n_chunks)
            n = len - pos;
        else if (n > 0)
            empty = 0;
        if (n > len - pos)
            n = len - pos;
        e = engine_push(p, pkg + pos, n);
        pos += n;
        if (first != CMSFW_OK) {
            /* latched: one more push says the same, then stop */
            FUZZ_CHECK(e == first);
            break;
        }
        first = e;
    }
    return first;
}

static void
check_unwrapped(const cmsfw_result *r, const mem_stage *s, const mem_sink *k)
{
    if (s->skipped) {
        FUZZ_CHECK(k->len == 0 && s->adopt_calls == 0);
    } else if (s->adopt_calls > 0) {
        FUZZ_CHECK(k->len == 0 && r->image_len == s->adopt_len);
        FUZZ_CHECK(r->has_image_sha256);
    } else {
        FUZZ_CHECK(r->image_len == k->len && r->has_image_sha256);
    }
}

/* see fuzz_device.h */
void
fuzz_process(const uint8_t *pkg, size_t len, const size_t *chunks, size_t n_chunks,
             fuzz_stage_mode mode, fuzz_verdict *v)
{
    fuzz_process_as(FUZZ_FULL, FUZZ_ANCHOR_CERT, pkg, len, chunks, n_chunks, mode, v);
}

/* see fuzz_device.h */
void
fuzz_process_as(fuzz_profile profile, fuzz_anchor anchor, const uint8_t *pkg, size_t len,
                const size_t *chunks, size_t n_chunks, fuzz_stage_mode mode, fuzz_verdict *v)
{
    mem_stage s;
    mem_sink k = {0, 0, FUZZ_FNV_INIT};
    cmsfw_sink sink;
    cmsfw_result res;
    const cmsfw_result *r;
    const char *reason;
    engine p;
    cmsfw_err pushed;

    memset(v, 0, sizeof *v);
    k.bound = (uint64_t)FUZZ_MAX_IMAGE + len;
    sink.write = sink_write;
    sink.io = &k;
    stage_init(&s, mode);
    engine_open(&p, profile, device_as(anchor), &s.stage);

    pushed = push_all(&p, pkg, len, chunks, n_chunks);
    memset(&res, 0, sizeof res);
    v->finish = engine_finish(&p, &res);
    FUZZ_CHECK(pushed == CMSFW_OK || v->finish == pushed);
    if (v->finish == CMSFW_OK)
        FUZZ_CHECK(res.authenticated);
    v->unwrap = engine_unwrap(&p, &sink);
    if (v->finish != CMSFW_OK)
        FUZZ_CHECK(v->unwrap != CMSFW_OK && k.len == 0 && s.adopt_calls == 0);

    r = engine_result(&p);
    FUZZ_CHECK(r != NULL);
    if (v->unwrap == CMSFW_OK)
        check_unwrapped(r, &s, &k);
    reason = engine_reason(&p);
    FUZZ_CHECK(reason != NULL && memchr(reason, 0, MAX_REASON) != NULL);
    FUZZ_CHECK(strchr(reason, '\n') == NULL);
    FUZZ_CHECK(v->finish == CMSFW_OK || reason[0] != '\0');

    (void)(fuzz_touch(r->trust_anchor_key_id) ^ fuzz_touch(r->decrypt_key_id));
    v->authenticated = r->authenticated;
    v->has_pkg_id = r->has_pkg_id;
    if (r->has_pkg_id)
        v->pkg_id_hash = pkg_id_hash(&r->pkg_id);
    v->layers = r->layers;
    v->has_pkg_type = r->has_pkg_type;
    v->pkg_type = r->pkg_type;
    v->econtent_len = r->econtent_len;
    v->image_len = r->image_len;
    v->has_image_sha256 = r->has_image_sha256;
    memcpy(v->image_sha256, r->image_sha256, sizeof v->image_sha256);
    v->sink_len = k.len;
    v->sink_hash = k.hash;
    v->adopted = s.adopt_calls;
    v->adopt_len = s.adopt_len;
    if (p.min != NULL)
        v->limits = cmsfw_min_limits(p.min);

    engine_close(&p);
    FUZZ_CHECK(s.discard_calls <= 1);
    if (s.len > 0)
        FUZZ_CHECK(s.discard_calls == 1);
    free(s.buf);
}

/* see fuzz_device.h */
void
fuzz_print_verdict(const char *name, const fuzz_verdict *v)
{
    fprintf(stderr,
            "%s: finish %d unwrap %d authenticated %d layers %" PRIu32 " econtent %" PRIu64
            " image %" PRIu64 " sink %" PRIu64 " (hash %016" PRIx64 ") adopted %d (%" PRIu64
            ") pkg_id %d (%016" PRIx64 ") pkg_type %d (%" PRId64 ") sha256 %d\n",
            name, v->finish, v->unwrap, v->authenticated, v->layers, v->econtent_len,
            v->image_len, v->sink_len, v->sink_hash, v->adopted, v->adopt_len, v->has_pkg_id,
            v->pkg_id_hash, v->has_pkg_type, v->pkg_type, v->has_image_sha256);
}

/* see fuzz_device.h */
int
fuzz_same_verdict(const fuzz_verdict *a, const fuzz_verdict *b)
{
    return a->finish == b->finish && a->unwrap == b->unwrap &&
           a->authenticated == b->authenticated && a->has_pkg_id == b->has_pkg_id &&
           a->pkg_id_hash == b->pkg_id_hash && a->layers == b->layers &&
           a->has_pkg_type == b->has_pkg_type && a->pkg_type == b->pkg_type &&
           a->econtent_len == b->econtent_len && a->image_len == b->image_len &&
           a->has_image_sha256 == b->has_image_sha256 &&
           memcmp(a->image_sha256, b->image_sha256, sizeof a->image_sha256) == 0 &&
           a->sink_len == b->sink_len && a->sink_hash == b->sink_hash &&
           a->adopted == b->adopted && a->adopt_len == b->adopt_len;
}
