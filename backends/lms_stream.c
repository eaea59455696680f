/*
 * backends/lms_stream.c: the incremental HSS/LMS verifier
 * (cmsfw_bk_hss_stream_*, backends/lms.h): the signature taken field by
 * field as it arrives, the bottom level hashed on the fly, an upper level
 * held until the key it signs has arrived, or verified in place when it
 * lies whole in one piece. The hash steps and the verification of a level
 * held in memory are those of backends/lms.c.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "backends/backend.h"
#include "backends/bk_internal.h"
#include "backends/lms.h"
#include "backends/lms_priv.h"

#define LMS_I_LEN CMSFW__LMS_I_LEN
#define LMS_MAX_N CMSFW__LMS_MAX_N

typedef cmsfw_bk_lms_key lms_key;
typedef cmsfw__lms_sig lms_sig;

/* The fields of an HSS signature, in stream order. Q to PATH are one
 * level's LMS signature, KEYT and KEYV the public key that follows it on
 * an upper level; END: the bottom level's root was reached. */
enum {
    F_NSPK = 0,
    F_Q,
    F_OTS,
    F_C,
    F_Y,
    F_LMS,
    F_PATH,
    F_KEYT,
    F_KEYV,
    F_END
};

/* see backends/lms.h */
size_t
cmsfw_bk_lms_sig_len(uint32_t lms_type, uint32_t ots_type)
{
    lms_key k;

    k.lms_type = lms_type;
    k.ots_type = ots_type;
    if (cmsfw__lms_key_types(&k, CMSFW_BK_BAD_SIGNATURE) != CMSFW_BK_OK)
        return 0;
    return 12 + (size_t)k.n * (k.p + 1) + (size_t)k.m * k.h;
}

static void
latch_shape(cmsfw_bk_hss_stream *s, cmsfw_bk_status st)
{
    if (s->shape == CMSFW_BK_OK)
        s->shape = st;
}

static void
latch_check(cmsfw_bk_hss_stream *s, cmsfw_bk_status st)
{
    if (s->check == CMSFW_BK_OK)
        s->check = st;
    if (st != CMSFW_BK_OK && s->pub_live) {
        cmsfw_bk_hash_abort(&s->pub);
        s->pub_live = 0;
    }
}

static void
expect(cmsfw_bk_hss_stream *s, uint8_t field, unsigned len)
{
    s->field = field;
    s->need = (uint16_t)len;
    s->got = 0;
}

/* Level s->level begins: its LMS signature is next. */
static void
begin_level(cmsfw_bk_hss_stream *s)
{
    s->hold_len = 0;
    expect(s, F_Q, 4);
}

/* The key of the next level (in keybuf) becomes the current one. */
static void
next_level(cmsfw_bk_hss_stream *s)
{
    s->key = s->next;
    memcpy(s->id, s->keybuf + 8, LMS_I_LEN);
    memcpy(s->root, s->keybuf + 8 + LMS_I_LEN, s->key.m);
    s->key.id = s->id;
    s->key.root = s->root;
    s->level++;
    begin_level(s);
}

/* An upper level's signature, field by field, into the lent buffer. */
static void
hold(cmsfw_bk_hss_stream *s, const uint8_t *p, size_t n)
{
    if (s->check != CMSFW_BK_OK)
        return;
    if (n > s->hold_size - s->hold_len) {
        latch_check(s, CMSFW_BK_BAD_INPUT);
        return;
    }
    memcpy(s->hold + s->hold_len, p, n);
    s->hold_len += n;
    if (s->hold_len > s->hold_high)
        s->hold_high = s->hold_len;
}

/* The upper level's signature held, and the key it signs (keybuf) here:
 * verify it as a one-shot level is verified. */
static void
check_held(cmsfw_bk_hss_stream *s)
{
    const lms_key *k = &s->key;
    lms_sig sig;
    cmsfw_bytes msg;

    if (s->check != CMSFW_BK_OK)
        return;
    sig.q = s->q;
    sig.c = s->hold + 8;
    sig.y = sig.c + k->n;
    sig.path = sig.y + (size_t)k->p * k->n + 4;
    msg.ptr = s->keybuf;
    msg.len = 8 + LMS_I_LEN + s->next.m;
    latch_check(s, cmsfw__lms_verify(k, &sig, msg));
}

/* Bottom level, C arrived: Q, its checksum, and the start of Kc. */
static cmsfw_bk_status
bottom_c(cmsfw_bk_hss_stream *s, const uint8_t *c)
{
    const lms_key *k = &s->key;
    cmsfw_bk_status st = cmsfw__lms_ots_q(k, s->q, c, s->msg, s->msg_len, s->qa);

    if (st != CMSFW_BK_OK)
        return st;
    st = cmsfw__lms_kc_start(&s->pub, k->id, s->q);
    s->pub_live = st == CMSFW_BK_OK;
    return st;
}

/* Bottom level, y[item] arrived: its chain to the end, into Kc. */
static cmsfw_bk_status
bottom_y(cmsfw_bk_hss_stream *s, const uint8_t *y)
{
    const lms_key *k = &s->key;
    uint8_t tmp[LMS_MAX_N];
    cmsfw_bk_status st;

    memcpy(tmp, y, k->n);
    st = cmsfw__lms_chain(k->id, s->q, s->item, cmsfw__lms_coef(s->qa, s->item, k->w),
                          (1u << k->w) - 1u, tmp, k->n);
    if (st == CMSFW_BK_OK && cmsfw_bk_hash_update(&s->pub, tmp, k->n) != CMSFW_BK_OK)
        st = CMSFW_BK_FAILURE;
    return st;
}

/* Bottom level, all y[] in: Kc, then the leaf T[2^h + q]. */
static cmsfw_bk_status
bottom_leaf(cmsfw_bk_hss_stream *s)
{
    const lms_key *k = &s->key;
    size_t len = 0;
    cmsfw_bk_status st = cmsfw_bk_hash_final(&s->pub, s->node, LMS_MAX_N, &len);

    s->pub_live = 0;
    if (st != CMSFW_BK_OK)
        return CMSFW_BK_FAILURE;
    s->r = (1u << k->h) + s->q; /* h <= 25, q < 2^h: no overflow */
    return cmsfw__lms_hash_tagged(k->id, s->r, CMSFW__LMS_D_LEAF, s->node, k->n, NULL, 0, s->node);
}

/* Bottom level, path[item] arrived: one node up; the root last. */
static cmsfw_bk_status
bottom_path(cmsfw_bk_hss_stream *s, const uint8_t *sib)
{
    const lms_key *k = &s->key;
    cmsfw_bk_status st;

    if (s->r & 1u)
        st = cmsfw__lms_hash_tagged(k->id, s->r >> 1, CMSFW__LMS_D_INTR, sib, k->m, s->node, k->m,
                                    s->node);
    else
        st = cmsfw__lms_hash_tagged(k->id, s->r >> 1, CMSFW__LMS_D_INTR, s->node, k->m, sib, k->m,
                                    s->node);
    s->r >>= 1;
    if (st == CMSFW_BK_OK && s->item + 1 == k->h) {
        if (!cmsfw_bk_ct_equal(s->node, k->root, k->m))
            return CMSFW_BK_BAD_SIGNATURE;
        s->verified = 1;
    }
    return st;
}

/* Hash work of the bottom level for the field just gathered at @p. */
static void
bottom_field(cmsfw_bk_hss_stream *s, const uint8_t *p)
{
    cmsfw_bk_status st = CMSFW_BK_OK;

    if (s->check != CMSFW_BK_OK)
        return;
    if (s->field == F_C)
        st = bottom_c(s, p);
    else if (s->field == F_Y)
        st = bottom_y(s, p);
    else if (s->field == F_LMS)
        st = bottom_leaf(s);
    else if (s->field == F_PATH)
        st = bottom_path(s, p);
    latch_check(s, st);
}

/* An LMS signature field is complete at @p: check it, hash it (bottom
 * level) or hold it (upper level), and say what comes next. */
static void
sig_field(cmsfw_bk_hss_stream *s, const uint8_t *p)
{
    const lms_key *k = &s->key;
    int bottom = s->level + 1 == s->levels;
    uint8_t f = s->field;

    if ((f == F_Q && (s->q = cmsfw__lms_get_u32(p)) >= (1u << k->h)) ||
        (f == F_OTS && cmsfw__lms_get_u32(p) != k->ots_type) ||
        (f == F_LMS && cmsfw__lms_get_u32(p) != k->lms_type)) {
        latch_shape(s, CMSFW_BK_BAD_SIGNATURE); /* RFC 8554 6a steps 2c, 2e, 2i */
        return;
    }
    if (bottom)
        bottom_field(s, p);
    else
        hold(s, p, s->need);
    switch (f) {
    case F_Q:
        expect(s, F_OTS, 4);
        break;
    case F_OTS:
        expect(s, F_C, k->n);
        break;
    case F_C:
        s->item = 0;
        expect(s, F_Y, k->n);
        break;
    case F_Y:
        if (++s->item < k->p)
            expect(s, F_Y, k->n);
        else
            expect(s, F_LMS, 4);
        break;
    case F_LMS:
        s->item = 0;
        expect(s, F_PATH, k->m);
        break;
    default: /* F_PATH */
        if (++s->item < k->h)
            expect(s, F_PATH, k->m);
        else
            expect(s, bottom ? F_END : F_KEYT, bottom ? 0 : 8);
        break;
    }
}

/* A field is complete at @p. */
static void
on_field(cmsfw_bk_hss_stream *s, const uint8_t *p)
{
    cmsfw_bk_status st;

    switch (s->field) {
    case F_NSPK:
        if (cmsfw__lms_get_u32(p) != s->levels - 1)
            latch_shape(s, CMSFW_BK_BAD_SIGNATURE);
        begin_level(s);
        break;
    case F_KEYT:
        /* the next level's key: its types, then the rest (RFC 8554 6.3) */
        memmove(s->keybuf, p, 8);
        s->next.lms_type = cmsfw__lms_get_u32(p);
        s->next.ots_type = cmsfw__lms_get_u32(p + 4);
        st = cmsfw__lms_key_types(&s->next, CMSFW_BK_BAD_SIGNATURE);
        if (st != CMSFW_BK_OK)
            latch_shape(s, st);
        expect(s, F_KEYV, LMS_I_LEN + s->next.m);
        break;
    case F_KEYV:
        memmove(s->keybuf + 8, p, LMS_I_LEN + s->next.m);
        check_held(s);
        next_level(s);
        break;
    default:
        sig_field(s, p);
        break;
    }
}

/*
 * Without a lent buffer: an upper level whose signature and the key
 * after it lie whole in @p, @n, checked and verified in place. The
 * octets taken, or 0 when they are not all there (the field by field
 * path then takes them, and finds no room).
 */
static size_t
level_in_place(cmsfw_bk_hss_stream *s, const uint8_t *p, size_t n)
{
    size_t len = cmsfw_bk_lms_sig_len(s->key.lms_type, s->key.ots_type);
    lms_key next;
    lms_sig sig;
    cmsfw_bytes msg;

    if (n < len + 8)
        return 0;
    next.lms_type = cmsfw__lms_get_u32(p + len);
    next.ots_type = cmsfw__lms_get_u32(p + len + 4);
    if (cmsfw__lms_key_types(&next, CMSFW_BK_BAD_SIGNATURE) != CMSFW_BK_OK ||
        n - len < 8 + LMS_I_LEN + next.m)
        return 0;
    if (!cmsfw__lms_read_sig(p, n, &s->key, &sig)) {
        latch_shape(s, CMSFW_BK_BAD_SIGNATURE);
        return n;
    }
    msg.ptr = p + len;
    msg.len = 8 + LMS_I_LEN + next.m;
    if (s->check == CMSFW_BK_OK)
        latch_check(s, cmsfw__lms_verify(&s->key, &sig, msg));
    memcpy(s->keybuf, msg.ptr, msg.len);
    s->next = next;
    next_level(s);
    return len + msg.len;
}

/* Where a field that arrives in pieces is gathered: a key's into keybuf,
 * where it is wanted whole as the message of the level above. */
static uint8_t *
gather_at(cmsfw_bk_hss_stream *s)
{
    if (s->field == F_KEYT)
        return s->keybuf;
    if (s->field == F_KEYV)
        return s->keybuf + 8;
    return s->acc;
}

/* see backends/lms.h */
void
cmsfw_bk_hss_stream_init(cmsfw_bk_hss_stream *s, cmsfw_bytes pub, cmsfw_bytes msg, uint8_t *hold,
                         size_t hold_size)
{
    uint32_t levels = 0;

    memset(s, 0, sizeof *s);
    s->shape = cmsfw__lms_read_public(pub, &levels, &s->key);
    if (s->shape == CMSFW_BK_OK && msg.ptr == NULL && msg.len != 0)
        s->shape = CMSFW_BK_BAD_INPUT;
    if (s->shape != CMSFW_BK_OK)
        return;
    memcpy(s->id, s->key.id, LMS_I_LEN);
    memcpy(s->root, s->key.root, s->key.m);
    s->key.id = s->id;
    s->key.root = s->root;
    s->levels = levels;
    s->msg = msg.ptr;
    s->msg_len = msg.len;
    s->hold = hold;
    s->hold_size = hold == NULL ? 0 : hold_size;
    expect(s, F_NSPK, 4);
}

/* see backends/lms.h */
void
cmsfw_bk_hss_stream_update(cmsfw_bk_hss_stream *s, const uint8_t *data, size_t len)
{
    uint8_t *dst;
    size_t n;

    if (data == NULL && len != 0)
        latch_shape(s, CMSFW_BK_BAD_INPUT);
    while (len > 0 && s->shape == CMSFW_BK_OK) {
        if (s->field == F_END) {
            latch_shape(s, CMSFW_BK_BAD_SIGNATURE); /* octets after the bottom level */
            break;
        }
        if (s->field == F_Q && s->got == 0 && s->hold == NULL && s->level + 1 < s->levels &&
            (n = level_in_place(s, data, len)) > 0) {
            data += n;
            len -= n;
            continue;
        }
        if (s->got == 0 && len >= s->need) {
            n = s->need;
            on_field(s, data);
        } else {
            dst = gather_at(s);
            n = (size_t)(s->need - s->got) < len ? (size_t)(s->need - s->got) : len;
            memcpy(dst + s->got, data, n);
            s->got = (uint16_t)(s->got + n);
            if (s->got == s->need)
                on_field(s, dst);
        }
        data += n;
        len -= n;
    }
}

/* see backends/lms.h */
cmsfw_bk_status
cmsfw_bk_hss_stream_final(cmsfw_bk_hss_stream *s)
{
    cmsfw_bk_status st = s->shape;

    /* a signature that stops early is malformed, whatever was verified */
    if (st == CMSFW_BK_OK && s->field != F_END)
        st = CMSFW_BK_BAD_SIGNATURE;
    if (st == CMSFW_BK_OK)
        st = s->check;
    if (st == CMSFW_BK_OK && !s->verified)
        st = CMSFW_BK_BAD_SIGNATURE;
    cmsfw_bk_hss_stream_abort(s);
    return st;
}

/* see backends/lms.h */
void
cmsfw_bk_hss_stream_abort(cmsfw_bk_hss_stream *s)
{
    if (s->pub_live)
        cmsfw_bk_hash_abort(&s->pub);
    cmsfw_bk_wipe(s, sizeof *s);
}

/* see backends/lms.h */
size_t
cmsfw_bk_hss_stream_held(const cmsfw_bk_hss_stream *s)
{
    return s->hold_high;
}
