/* test_asn1_util.c: see test_asn1_util.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include <cmsfw/oid.h>

#include "tests/test_asn1_util.h"

/* ---------------------------------------------------------------- bytes */

static uint8_t arena[1u << 16];
static size_t arena_used;

/* see test_asn1_util.h */
size_t
tu_unhex(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = 0;
    unsigned v;

    while (hex[0] != '\0' && hex[1] != '\0' && n < cap && sscanf(hex, "%2x", &v) == 1) {
        out[n++] = (uint8_t)v;
        hex += 2;
    }
    return n;
}

/* see test_asn1_util.h */
void
tu_reset(void)
{
    arena_used = 0;
}

/* see test_asn1_util.h */
cmsfw_bytes
tu_hex(const char *hex)
{
    cmsfw_bytes b;

    b.ptr = arena + arena_used;
    b.len = tu_unhex(hex, arena + arena_used, sizeof arena - arena_used);
    arena_used += b.len;
    CU_ASSERT_FATAL(arena_used < sizeof arena);
    return b;
}

/* see test_asn1_util.h */
cmsfw_bytes
tu_oid(const char *dotted)
{
    cmsfw_bytes b = { NULL, 0 };
    size_t n = 0;

    CU_ASSERT_EQUAL_FATAL(
        cmsfw_oid_from_dotted(dotted, arena + arena_used, sizeof arena - arena_used, &n), CMSFW_OK);
    b.ptr = arena + arena_used;
    b.len = n;
    arena_used += n;
    return b;
}

/* see test_asn1_util.h */
cmsfw_bytes
tu_fill(size_t len, uint8_t first)
{
    cmsfw_bytes b;
    size_t i;

    CU_ASSERT_FATAL(len < sizeof arena - arena_used);
    b.ptr = arena + arena_used;
    b.len = len;
    for (i = 0; i < len; i++)
        arena[arena_used + i] = (uint8_t)(first + i);
    arena_used += len;
    return b;
}

/* see test_asn1_util.h */
cmsfw_pkg_name
tu_preferred(const char *dotted, uint64_t version)
{
    cmsfw_pkg_name n;

    memset(&n, 0, sizeof n);
    n.form = CMSFW_NAME_PREFERRED;
    n.oid = tu_oid(dotted);
    n.version = version;
    return n;
}

/* see test_asn1_util.h */
cmsfw_pkg_name
tu_legacy(const char *hex)
{
    cmsfw_pkg_name n;

    memset(&n, 0, sizeof n);
    n.form = CMSFW_NAME_LEGACY;
    n.legacy = tu_hex(hex);
    return n;
}

/* see test_asn1_util.h */
int
tu_oid_is(cmsfw_bytes oid, const char *dotted)
{
    char text[CMSFW_OID_MAX_DOTTED];

    return cmsfw_oid_to_dotted(oid, text, sizeof text) == CMSFW_OK && strcmp(text, dotted) == 0;
}

/* see test_asn1_util.h */
int
tu_bytes_are(cmsfw_bytes b, const char *hex)
{
    uint8_t want[4096];
    size_t n = tu_unhex(hex, want, sizeof want);

    return b.ptr != NULL && b.len == n && memcmp(b.ptr, want, n) == 0;
}

/* see test_asn1_util.h */
uint8_t *
tu_load_vector(const char *name, size_t *len)
{
    const char *top = getenv("top_srcdir");
    char path[1024];
    uint8_t *buf = NULL;
    long size = 0;
    FILE *f;

    *len = 0;
    snprintf(path, sizeof path, "%s/vectors/published/%s", top != NULL ? top : ".", name);
    f = fopen(path, "rb");
    CU_ASSERT_PTR_NOT_NULL(f);
    if (f == NULL) {
        fprintf(stderr, "\n  cannot open %s (is top_srcdir set?)\n", path);
        return NULL;
    }
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)size);
        if (buf != NULL && fread(buf, 1, (size_t)size, f) == (size_t)size) {
            *len = (size_t)size;
        } else {
            free(buf);
            buf = NULL;
        }
    }
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(buf);
    return buf;
}

/* ------------------------------------------------------------ encoders */

/* see test_asn1_util.h */
void
tu_check_encoding(tu_enc_fn fn, const void *in, const char *hex)
{
    static uint8_t want[4096], out[4096 + 8];
    size_t n = tu_unhex(hex, want, sizeof want), w = 12345, i;
    cmsfw_diag d = { "" };

    CU_ASSERT_EQUAL(fn(in, NULL, 0, &w, &d), CMSFW_OK);
    CU_ASSERT_EQUAL(w, n);
    if (n > 0) {
        memset(out, 0xee, sizeof out);
        w = 0;
        CU_ASSERT_EQUAL(fn(in, out, n - 1, &w, &d), CMSFW_E_BUFFER);
        CU_ASSERT_EQUAL(w, n);
        CU_ASSERT_EQUAL(out[n - 1], 0xee);
        tu_check_reason(&d, "too small");
    }
    memset(out, 0xee, sizeof out);
    w = 0;
    CU_ASSERT_EQUAL(fn(in, out, n, &w, &d), CMSFW_OK);
    CU_ASSERT(w == n && memcmp(out, want, n) == 0);
    CU_ASSERT_EQUAL(out[n], 0xee);
    if (w != n || memcmp(out, want, n) != 0) {
        fprintf(stderr, "\n  want %s\n  got  ", hex);
        for (i = 0; i < w; i++)
            fprintf(stderr, "%02x", out[i]);
        fprintf(stderr, " (%s)\n", d.msg);
    }
}

/* see test_asn1_util.h */
void
tu_check_refused(tu_enc_fn fn, const void *in, const char *why)
{
    uint8_t out[1024];
    size_t w = 99;
    cmsfw_diag d = { "" };

    CU_ASSERT_EQUAL(fn(in, out, sizeof out, &w, &d), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(w, 0);
    tu_check_reason(&d, why);
    CU_ASSERT_EQUAL(fn(in, NULL, 0, &w, NULL), CMSFW_E_ARG);
}

/* see test_asn1_util.h */
void
tu_check_reason(const cmsfw_diag *d, const char *why)
{
    if (strstr(d->msg, why) == NULL)
        fprintf(stderr, "\n  expected \"%s\" in \"%s\"\n", why, d->msg);
    CU_ASSERT_PTR_NOT_NULL(strstr(d->msg, why));
}

/* ------------------------------------------------------ tasn elements */

/* see test_asn1_util.h */
void
tu_assert_reencodes(const cmsfw__tasn *t, const uint8_t *der, size_t len)
{
    uint8_t *out;
    size_t n = 0;

    CU_ASSERT_EQUAL_FATAL(cmsfw__tasn_encode(t, NULL, 0, &n), CMSFW_OK);
    CU_ASSERT_EQUAL(n, len);
    out = malloc(n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    CU_ASSERT_EQUAL(cmsfw__tasn_encode(t, out, n, &n), CMSFW_OK);
    CU_ASSERT(n == len && memcmp(out, der, len) == 0);
    free(out);
}

/* see test_asn1_util.h */
int
tu_decode_ok(cmsfw__tasn *t, cmsfw__tasn_type type, const uint8_t *der, size_t len)
{
    cmsfw_diag diag = { "" };
    cmsfw_err st = cmsfw__tasn_decode(t, type, der, len, &diag);

    if (st != CMSFW_OK)
        fprintf(stderr, "\n  %s: %s\n", cmsfw__tasn_type_name(type), diag.msg);
    CU_ASSERT_EQUAL(st, CMSFW_OK);
    if (st != CMSFW_OK)
        return 0;
    t->diag = NULL; /* diag lives on this stack frame only */
    tu_assert_reencodes(t, der, len);
    return 1;
}

/* see test_asn1_util.h */
int
tu_decode_content_info(const char *name, const char *content_type, cmsfw__tasn_type inner_type,
                       cmsfw__tasn *inner, uint8_t **file)
{
    cmsfw__tasn ci;
    cmsfw_bytes type, content;
    size_t len = 0;
    int ok = 0;

    memset(inner, 0, sizeof *inner);
    *file = tu_load_vector(name, &len);
    if (*file == NULL || !tu_decode_ok(&ci, CMSFW__TASN_CONTENT_INFO, *file, len))
        return 0;
    CU_ASSERT_EQUAL(cmsfw__tasn_get_oid(&ci, NULL, CMSFW__TASN_CI_CONTENT_TYPE, &type), CMSFW_OK);
    CU_ASSERT(tu_oid_is(type, content_type));
    if (cmsfw__tasn_get_tlv(&ci, NULL, CMSFW__TASN_CI_CONTENT, &content) == CMSFW_OK) {
        /* zero copy: the content follows contentType and a 4-octet [0]
         * header (every ContentInfo file here is over 255 bytes) */
        CU_ASSERT_PTR_EQUAL(content.ptr, type.ptr + type.len + 4);
        ok = tu_decode_ok(inner, inner_type, content.ptr, content.len);
    }
    cmsfw__tasn_free(&ci);
    return ok;
}

/* see test_asn1_util.h */
int
tu_decode_part(const cmsfw__tasn *outer, const cmsfw__tasn_at *base, cmsfw__tasn_path p,
               cmsfw__tasn_type type, cmsfw__tasn *t)
{
    cmsfw_bytes tlv;

    memset(t, 0, sizeof *t);
    CU_ASSERT_EQUAL(cmsfw__tasn_get_tlv(outer, base, p, &tlv), CMSFW_OK);
    return tlv.ptr != NULL && tu_decode_ok(t, type, tlv.ptr, tlv.len);
}

/* see test_asn1_util.h */
cmsfw__tasn_at
tu_at1(cmsfw__tasn_path p, size_t index)
{
    cmsfw__tasn_at at;

    CU_ASSERT_EQUAL(cmsfw__tasn_at_set(&at, NULL, p, index), CMSFW_OK);
    return at;
}

/* see test_asn1_util.h */
cmsfw__tasn_at
tu_at2(cmsfw__tasn_path p, size_t index, cmsfw__tasn_path q, size_t qindex)
{
    cmsfw__tasn_at a = tu_at1(p, index), b;

    CU_ASSERT_EQUAL(cmsfw__tasn_at_set(&b, &a, q, qindex), CMSFW_OK);
    return b;
}
