/*
 * fuzz_inspect.c: cmsfw_inspect() of cmsfw/inspect.h on arbitrary octets.
 *
 * Checked for every input:
 * - the return value is the code of a structure step (see documented());
 * - on success, every view points into the input (the firmware view may
 *   instead be the joined copy the inspection owns), the counts stay within
 *   their arrays, and the enumerations hold known values;
 * - inspecting a copy of the input gives the same answer, with every view
 *   at the same offset (no dependence on memory the input does not hold);
 * - cmsfw_inspection_free() releases everything (LeakSanitizer) and is
 *   safe to call twice.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/inspect.h>

#include "fuzz/fuzz_util.h"

/* Views of one inspection, in a fixed order, for checking and comparing. */
#define MAX_VIEWS (32 + 2 * CMSFW_INSPECT_MAX_ATTRS * 2 + CMSFW_INSPECT_MAX_CERTS)

typedef struct views {
    cmsfw_bytes v[MAX_VIEWS];
    size_t n;
} views;

static void
add(views *s, cmsfw_bytes b)
{
    FUZZ_CHECK(s->n < MAX_VIEWS);
    s->v[s->n++] = b;
}

static void
add_name(views *s, const cmsfw_pkg_name *n)
{
    add(s, n->oid);
    add(s, n->legacy);
}

static void
add_alg(views *s, const cmsfw_alg_id *a)
{
    add(s, a->oid);
    add(s, a->params);
}

static void
collect(const cmsfw_inspection *in, views *s)
{
    const cmsfw_signed_view *sd = &in->signed_data;
    size_t i;

    s->n = 0;
    add(s, in->content_type);
    add(s, in->layer_type);
    add(s, sd->econtent_type);
    add_alg(s, &sd->digest_alg);
    add(s, sd->sid_ski);
    add(s, sd->sid_issuer);
    add(s, sd->sid_serial);
    add_alg(s, &sd->signer_digest_alg);
    add_alg(s, &sd->signature_alg);
    add(s, sd->signature);
    for (i = 0; i < sd->n_certs && i < CMSFW_INSPECT_MAX_CERTS; i++)
        add(s, sd->certs[i]);
    for (i = 0; i < sd->n_signed_attrs && i < CMSFW_INSPECT_MAX_ATTRS; i++) {
        add(s, sd->signed_attrs[i].type);
        add(s, sd->signed_attrs[i].value);
    }
    for (i = 0; i < sd->n_unsigned_attrs && i < CMSFW_INSPECT_MAX_ATTRS; i++) {
        add(s, sd->unsigned_attrs[i].type);
        add(s, sd->unsigned_attrs[i].value);
    }
    add(s, in->receipt.hw_type);
    add(s, in->receipt.hw_serial);
    add_name(s, &in->receipt.name);
    add(s, in->receipt.trust_anchor_key_id);
    add(s, in->receipt.decrypt_key_id);
    add(s, in->error.hw_type);
    add(s, in->error.hw_serial);
    add_name(s, &in->error.name);
}

/* inspect.h lists decodeFailure, badContentInfo, badSignedData,
 * badEncapContent, badSignerInfo and badSignedAttrs; inspect.c also
 * returns badCertificate and badUnsignedAttrs, the codes of the same
 * structure steps (docs/procedure.md A): any of those, and nothing else. */
static int
documented(cmsfw_err e)
{
    return e == CMSFW_OK || e == CMSFW_E_NOMEM ||
           (e >= CMSFW_DECODE_FAILURE && e <= CMSFW_BAD_UNSIGNED_ATTRS);
}

static void
check_one(const cmsfw_inspection *in, const uint8_t *data, size_t size, views *s)
{
    const cmsfw_signed_view *sd = &in->signed_data;
    size_t i;
    uint8_t x = 0;

    FUZZ_CHECK(in->kind >= CMSFW_INSPECT_PACKAGE && in->kind <= CMSFW_INSPECT_ERROR);
    FUZZ_CHECK(in->wrap >= CMSFW_WRAP_BARE && in->wrap <= CMSFW_WRAP_SIGNED_DATA);
    FUZZ_CHECK(sd->n_certs <= CMSFW_INSPECT_MAX_CERTS);
    FUZZ_CHECK(sd->n_signed_attrs <= CMSFW_INSPECT_MAX_ATTRS);
    FUZZ_CHECK(sd->n_unsigned_attrs <= CMSFW_INSPECT_MAX_ATTRS);
    collect(in, s);
    for (i = 0; i < s->n; i++) {
        FUZZ_CHECK(fuzz_view_ok(s->v[i], data, size));
        x ^= fuzz_touch(s->v[i]);
    }
    for (i = 0; i < in->error.n_config; i++) {
        FUZZ_CHECK(fuzz_view_ok(in->error.config[i].name.oid, data, size));
        FUZZ_CHECK(fuzz_view_ok(in->error.config[i].name.legacy, data, size));
    }
    if (in->firmware.ptr != NULL && in->firmware.ptr != in->owned)
        FUZZ_CHECK(fuzz_view_ok(in->firmware, data, size));
    if (in->firmware.ptr != NULL) {
        FUZZ_CHECK(in->firmware.len == in->firmware_len);
        x ^= fuzz_touch(in->firmware);
    }
    if (in->wrap == CMSFW_WRAP_SIGNED_DATA && sd->has_econtent)
        FUZZ_CHECK(sd->econtent_len <= size);
    (void)x;
}

/* The same view, relative to two different copies of the input. */
static int
same_offset(cmsfw_bytes a, const uint8_t *ba, cmsfw_bytes b, const uint8_t *bb)
{
    if ((a.ptr == NULL) != (b.ptr == NULL) || a.len != b.len)
        return 0;
    return a.ptr == NULL || a.ptr - ba == b.ptr - bb;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static views va, vb;
    cmsfw_inspection a, b;
    cmsfw_diag d;
    uint8_t *copy;
    cmsfw_err ea, eb;
    size_t i;

    memset(&d, 0x55, sizeof d);
    ea = cmsfw_inspect(&a, data, size, &d);
    FUZZ_CHECK(documented(ea));
    if (ea != CMSFW_OK)
        FUZZ_CHECK(fuzz_diag_ok(&d));

    copy = malloc(size > 0 ? size : 1);
    FUZZ_CHECK(copy != NULL);
    if (size > 0)
        memcpy(copy, data, size);
    eb = cmsfw_inspect(&b, copy, size, &d);
    FUZZ_CHECK(ea == eb);
    if (ea == CMSFW_OK) {
        check_one(&a, data, size, &va);
        check_one(&b, copy, size, &vb);
        FUZZ_CHECK(a.kind == b.kind && a.wrap == b.wrap && va.n == vb.n);
        for (i = 0; i < va.n; i++)
            FUZZ_CHECK(same_offset(va.v[i], data, vb.v[i], copy));
        FUZZ_CHECK(a.firmware_len == b.firmware_len && a.has_sha256 == b.has_sha256);
        FUZZ_CHECK(!a.has_sha256 || memcmp(a.sha256, b.sha256, sizeof a.sha256) == 0);
        FUZZ_CHECK(a.signed_data.econtent_len == b.signed_data.econtent_len);
    }
    cmsfw_inspection_free(&a);
    cmsfw_inspection_free(&a);
    cmsfw_inspection_free(&b);
    free(copy);
    return 0;
}
