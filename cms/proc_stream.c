/*
 * proc_stream.c: the push side of the processor. A BER tokenizer that
 * accepts any split of the input, checks that the whole input is one BER
 * value (step 1 of the device procedure), streams the eContent octets into
 * the hash and the stage, and copies every other part of the SignedData
 * (small: framing, certificates, SignerInfo) into `meta` for finish().
 *
 * Memory does not depend on the package size: one header buffer, one frame
 * per nesting level (CMSFW_DER_MAX_DEPTH), and the captured framing, which
 * is bounded by CMSFW_PROC_MAX_META.
 */
#include <stdlib.h>
#include <string.h>

#include <cmsfw/oid.h>

#include "cms/diag.h"
#include "cms/proc_state.h"

static cmsfw_err
latch(cmsfw_proc *p, cmsfw_err code, const char *why)
{
    if (p->err == CMSFW_OK) {
        p->err = code;
        (void)cmsfw__fail(&p->diag, code, "%s (at octet %llu)", why, (unsigned long long)p->off);
    }
    return p->err;
}

static int
oid_named(const uint8_t *der, size_t len, const char *name)
{
    const cmsfw_oid_entry *e = cmsfw_oid_lookup(name);

    return e != NULL && len == e->der_len && memcmp(der, e->der, len) == 0;
}

void
cmsfw__proc_stream_init(cmsfw_proc *p)
{
    p->capture_level = -1;
}

static cmsfw_err
meta_append(cmsfw_proc *p, const uint8_t *data, size_t n)
{
    size_t cap;
    uint8_t *grown;

    if (n > CMSFW_PROC_MAX_META - p->meta_len)
        return latch(p, CMSFW_INSUFFICIENT_MEMORY,
                     "certificates and SignerInfo exceed the processor's limit");
    if (p->meta_len + n > p->meta_cap) {
        cap = p->meta_cap == 0 ? 4096 : p->meta_cap;
        while (cap < p->meta_len + n)
            cap *= 2;
        if (cap > CMSFW_PROC_MAX_META)
            cap = CMSFW_PROC_MAX_META;
        grown = realloc(p->meta, cap);
        if (grown == NULL)
            return latch(p, CMSFW_INSUFFICIENT_MEMORY, "out of memory");
        p->meta = grown;
        p->meta_cap = cap;
    }
    memcpy(p->meta + p->meta_len, data, n);
    p->meta_len += n;
    return CMSFW_OK;
}

/* digestAlgorithms arrived: start hashing the eContent with its first entry. */
static void
start_hash(cmsfw_proc *p, const uint8_t *set, size_t len)
{
    cmsfw_der_cur c, in, alg;
    cmsfw_der_tlv t, seq, oid;

    cmsfw_der_init(&c, set, len, 1);
    if (cmsfw_der_read(&c, &t) != CMSFW_DER_OK)
        return;
    cmsfw_der_enter(&in, &t, 1);
    if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &seq) != CMSFW_DER_OK)
        return;
    cmsfw_der_enter(&alg, &seq, 1);
    if (cmsfw_der_expect(&alg, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, &oid) != CMSFW_DER_OK)
        return;
    if (oid_named(oid.val, oid.len, "id-sha256"))
        p->hash_alg = CMSFW_BK_SHA256;
    else if (oid_named(oid.val, oid.len, "id-sha384"))
        p->hash_alg = CMSFW_BK_SHA384;
    else if (oid_named(oid.val, oid.len, "id-sha512"))
        p->hash_alg = CMSFW_BK_SHA512;
    else
        return; /* unsupported: step 12 says so at finish */
    p->hashing = cmsfw_bk_hash_init(&p->hash, p->hash_alg) == CMSFW_BK_OK;
}

/* The first eContent header: when eContentType says the eContent is the
 * image itself, the stage may decline it, and SHA-256 (what the result
 * reports) runs beside a signer digest of another hash, so that unwrap()
 * need not read the image again. */
static void
begin_econtent(cmsfw_proc *p)
{
    const proc_capture *c = &p->cap[ROLE_ECI_TYPE];
    cmsfw_der_tlv t;
    size_t hl;

    p->econtent_begun = 1;
    if (c->len == 0 || cmsfw_der_read_header(p->meta + c->off, c->len, 1, &t, &hl) !=
                           CMSFW_DER_OK ||
        !oid_named(p->meta + c->off + hl, c->len - hl, "id-ct-firmwarePackage"))
        return;
    p->image_plain = 1;
    if (p->stage != NULL && p->stage->image != NULL &&
        p->stage->image(p->stage->io) == CMSFW_STAGE_SKIP)
        p->image_skip = 1;
    if (!(p->hashing && p->hash_alg == CMSFW_BK_SHA256))
        p->sha_on = cmsfw_bk_hash_init(&p->sha, CMSFW_BK_SHA256) == CMSFW_BK_OK;
}

static void
finish_capture(cmsfw_proc *p)
{
    proc_capture *c = &p->cap[p->capture_role];
    const uint8_t *tlv;

    c->off = p->capture_start;
    c->len = p->meta_len - p->capture_start;
    p->capture_level = -1;
    tlv = p->meta + c->off;
    if (p->capture_role == ROLE_CI_TYPE) {
        cmsfw_der_tlv t;
        size_t hl;
        p->seen_ci_type = 1;
        if (cmsfw_der_read_header(tlv, c->len, 1, &t, &hl) == CMSFW_DER_OK)
            p->ci_is_signed_data = oid_named(tlv + hl, c->len - hl, "id-signedData");
    } else if (p->capture_role == ROLE_SD_DIGESTS) {
        start_hash(p, tlv, c->len);
    }
}

/* A constructed value closed: judge its shape, end a capture it started. */
static void
pop_frame(cmsfw_proc *p)
{
    proc_frame *fr = &p->stack[--p->depth];

    switch (fr->role) {
    case ROLE_CI:
        if (fr->children != 2)
            p->flags |= PROC_BAD_CI;
        break;
    case ROLE_CI_CONTENT:
        if (fr->children != 1)
            p->flags |= PROC_BAD_CI;
        break;
    case ROLE_SD:
        if (p->sd_field != 6)
            p->flags |= PROC_BAD_SD;
        break;
    case ROLE_ECI:
        if (fr->children == 0)
            p->flags |= PROC_BAD_ECI;
        break;
    case ROLE_ECI_WRAP:
        if (fr->children != 1)
            p->flags |= PROC_BAD_ECI;
        break;
    default:
        break;
    }
    if (p->capture_level == p->depth)
        finish_capture(p);
    if (p->depth == 0)
        p->top_done = 1;
}

/* Close every definite-length value that ends at the current offset. */
static void
close_frames(cmsfw_proc *p)
{
    while (p->depth > 0 && p->stack[p->depth - 1].end == p->off)
        pop_frame(p);
}

/* End of the innermost definite-length value: nothing may pass it. */
static uint64_t
current_limit(const cmsfw_proc *p)
{
    int i;

    for (i = p->depth - 1; i >= 0; i--)
        if (p->stack[i].end != UINT64_MAX)
            return p->stack[i].end;
    return UINT64_MAX;
}

static int
is_universal(const cmsfw_der_tlv *t, uint32_t tag)
{
    return t->cls == CMSFW_DER_UNIVERSAL && t->tag == tag;
}

static int
is_context(const cmsfw_der_tlv *t, uint32_t tag)
{
    return t->cls == CMSFW_DER_CONTEXT && t->tag == tag && t->constructed;
}

/* SignedData ::= SEQUENCE { version, digestAlgorithms SET, encapContentInfo,
 *   certificates [0] OPTIONAL, crls [1] OPTIONAL, signerInfos SET } */
static void
classify_sd(cmsfw_proc *p, const cmsfw_der_tlv *t, uint8_t *role, uint8_t *action)
{
    int f = p->sd_field;

    *action = ACT_CAPTURE;
    if (f == 0 && is_universal(t, CMSFW_DER_TAG_INTEGER)) {
        *role = ROLE_SD_VERSION;
        p->sd_field = 1;
    } else if (f == 1 && is_universal(t, CMSFW_DER_TAG_SET)) {
        *role = ROLE_SD_DIGESTS;
        p->sd_field = 2;
    } else if (f == 2 && is_universal(t, CMSFW_DER_TAG_SEQUENCE)) {
        *role = ROLE_ECI;
        *action = ACT_ENTER;
        p->sd_field = 3;
    } else if (f == 3 && is_context(t, 0)) {
        *role = ROLE_SD_CERTS;
        p->sd_field = 4;
    } else if ((f == 3 || f == 4) && is_context(t, 1)) {
        *role = ROLE_SD_CRLS;
        p->sd_field = 5;
    } else if (f >= 3 && f <= 5 && is_universal(t, CMSFW_DER_TAG_SET)) {
        *role = ROLE_SD_SIGNERS;
        p->sd_field = 6;
    } else {
        p->flags |= PROC_BAD_SD;
        *role = ROLE_SKIP;
        *action = ACT_SKIP;
    }
}

/* Decide what a TLV is from where it stands. */
static void
classify(cmsfw_proc *p, const proc_frame *parent, const cmsfw_der_tlv *t, uint8_t *role,
         uint8_t *action)
{
    unsigned idx = parent != NULL ? parent->children : 0;

    *role = ROLE_SKIP;
    *action = ACT_SKIP;
    if (parent == NULL) {
        if (is_universal(t, CMSFW_DER_TAG_SEQUENCE)) {
            *role = ROLE_CI;
            *action = ACT_ENTER;
        } else {
            p->flags |= PROC_BAD_CI;
        }
        return;
    }
    if (parent->action == ACT_CAPTURE || parent->action == ACT_SKIP) {
        *role = ROLE_NONE;
        *action = parent->action;
        return;
    }
    switch (parent->role) {
    case ROLE_CI:
        if (idx == 0 && is_universal(t, CMSFW_DER_TAG_OID)) {
            *role = ROLE_CI_TYPE;
            *action = ACT_CAPTURE;
        } else if (idx == 1 && is_context(t, 0)) {
            *role = ROLE_CI_CONTENT;
            *action = ACT_ENTER;
        } else {
            p->flags |= PROC_BAD_CI;
        }
        break;
    case ROLE_CI_CONTENT:
        if (idx == 0 && p->ci_is_signed_data) {
            if (is_universal(t, CMSFW_DER_TAG_SEQUENCE)) {
                *role = ROLE_SD;
                *action = ACT_ENTER;
            } else {
                p->flags |= PROC_BAD_SD;
            }
        } else if (idx > 0) {
            p->flags |= PROC_BAD_CI;
        }
        break;
    case ROLE_SD:
        classify_sd(p, t, role, action);
        break;
    case ROLE_ECI:
        if (idx == 0 && is_universal(t, CMSFW_DER_TAG_OID)) {
            *role = ROLE_ECI_TYPE;
            *action = ACT_CAPTURE;
        } else if (idx == 1 && is_context(t, 0)) {
            *role = ROLE_ECI_WRAP;
            *action = ACT_ENTER;
        } else {
            p->flags |= PROC_BAD_ECI;
        }
        break;
    case ROLE_ECI_WRAP:
    case ROLE_ECONTENT:
        if ((parent->role == ROLE_ECONTENT || idx == 0) &&
            is_universal(t, CMSFW_DER_TAG_OCTET_STRING)) {
            *role = ROLE_ECONTENT;
            *action = t->constructed ? ACT_ENTER : ACT_STREAM;
            p->econtent_seen = 1;
            if (!p->econtent_begun)
                begin_econtent(p);
        } else {
            p->flags |= PROC_BAD_ECI;
        }
        break;
    default:
        break;
    }
}

/* Content octets of a primitive value. */
static cmsfw_err
deliver(cmsfw_proc *p, const uint8_t *data, size_t n)
{
    if (p->capture_level >= 0)
        return meta_append(p, data, n);
    if (p->content_action != ACT_STREAM)
        return CMSFW_OK;
    if (p->hashing && cmsfw_bk_hash_update(&p->hash, data, n) != CMSFW_BK_OK)
        p->hashing = 0;
    if (p->sha_on && cmsfw_bk_hash_update(&p->sha, data, n) != CMSFW_BK_OK)
        p->sha_on = 0;
    if (!p->image_skip && (p->stage == NULL || p->stage->write == NULL ||
                           p->stage->write(p->stage->io, p->econtent_len, data, n) != 0))
        return latch(p, CMSFW_E_IO, "the stage refused the eContent");
    p->econtent_len += n;
    return CMSFW_OK;
}

static cmsfw_err
end_of_contents(cmsfw_proc *p)
{
    if (p->depth == 0 || p->stack[p->depth - 1].end != UINT64_MAX)
        return latch(p, CMSFW_DECODE_FAILURE, "end-of-contents outside an indefinite length");
    if (p->capture_level >= 0 && meta_append(p, p->hdr, p->hdr_len) != CMSFW_OK)
        return p->err;
    pop_frame(p);
    close_frames(p);
    return CMSFW_OK;
}

/* A complete identifier and length: open the value. */
static cmsfw_err
on_header(cmsfw_proc *p, const cmsfw_der_tlv *t)
{
    proc_frame *parent = p->depth > 0 ? &p->stack[p->depth - 1] : NULL;
    uint64_t end = UINT64_MAX;
    uint8_t role, action;

    if (t->cls == CMSFW_DER_UNIVERSAL && t->tag == 0)
        return end_of_contents(p);
    if (p->depth >= CMSFW_DER_MAX_DEPTH)
        return latch(p, CMSFW_DECODE_FAILURE, "nesting deeper than the decoder's limit");
    if (!t->indefinite) {
        if ((uint64_t)t->len > current_limit(p) - p->off)
            return latch(p, CMSFW_DECODE_FAILURE, "a length runs past its enclosing value");
        end = p->off + t->len;
    }
    classify(p, parent, t, &role, &action);
    if (parent != NULL && parent->children < UINT16_MAX)
        parent->children++;
    if (p->capture_level < 0 && action == ACT_CAPTURE) {
        p->capture_level = p->depth;
        p->capture_role = role;
        p->capture_start = p->meta_len;
    }
    if (p->capture_level >= 0 && meta_append(p, p->hdr, p->hdr_len) != CMSFW_OK)
        return p->err;
    if (t->constructed) {
        proc_frame *fr = &p->stack[p->depth++];
        fr->end = end;
        fr->role = role;
        fr->action = action;
        fr->children = 0;
    } else if (t->len > 0) {
        p->in_content = 1;
        p->content_end = end;
        p->content_role = role;
        p->content_action = action;
        return CMSFW_OK;
    } else if (p->capture_level == p->depth) {
        finish_capture(p); /* empty primitive that was captured on its own */
    }
    if (p->depth == 0)
        p->top_done = 1;
    close_frames(p);
    return CMSFW_OK;
}

/* Gather one header octet; decode the header when it is complete. */
static cmsfw_err
header_octet(cmsfw_proc *p, uint8_t b)
{
    cmsfw_der_tlv t;
    size_t hl = 0;
    cmsfw_der_status st;

    if (p->hdr_len == 0)
        p->hdr_start = p->off;
    if (p->off >= current_limit(p))
        return latch(p, CMSFW_DECODE_FAILURE, "a value runs past its enclosing value");
    p->hdr[p->hdr_len++] = b;
    p->off++;
    st = cmsfw_der_read_header(p->hdr, p->hdr_len, 1, &t, &hl);
    if (st == CMSFW_DER_TRUNCATED) {
        if (p->hdr_len == sizeof p->hdr)
            return latch(p, CMSFW_DECODE_FAILURE, "identifier and length octets too long");
        return CMSFW_OK;
    }
    if (st != CMSFW_DER_OK)
        return latch(p, CMSFW_DECODE_FAILURE, cmsfw_der_status_str(st));
    if (on_header(p, &t) != CMSFW_OK)
        return p->err;
    p->hdr_len = 0;
    return CMSFW_OK;
}

cmsfw_err
cmsfw__proc_stream_push(cmsfw_proc *p, const uint8_t *data, size_t len)
{
    size_t i = 0, n;

    while (i < len && p->err == CMSFW_OK) {
        if (p->top_done)
            return latch(p, CMSFW_DECODE_FAILURE, "octets after the end of the ContentInfo");
        if (!p->in_content) {
            (void)header_octet(p, data[i]);
            i++;
            continue;
        }
        n = len - i;
        if ((uint64_t)n > p->content_end - p->off)
            n = (size_t)(p->content_end - p->off);
        if (deliver(p, data + i, n) != CMSFW_OK)
            break;
        i += n;
        p->off += n;
        if (p->off == p->content_end) {
            p->in_content = 0;
            if (p->capture_level == p->depth)
                finish_capture(p);
            if (p->depth == 0)
                p->top_done = 1;
            close_frames(p);
        }
    }
    return p->err;
}

int
cmsfw__proc_stream_complete(const cmsfw_proc *p)
{
    return p->top_done && !p->in_content && p->hdr_len == 0 && p->depth == 0;
}
