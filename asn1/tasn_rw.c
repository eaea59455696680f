/*
 * tasn_rw.c: typed readers and writers over libtasn1 elements (see
 * tasn.h). Readers return ranges of the decoded DER itself; writers check
 * a value before libtasn1 sees it.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/oid.h>

#include "asn1/tasn_priv.h"

/* ------------------------------------------------------------ readers */

static cmsfw_err
locate(const cmsfw__tasn *t, const cmsfw__tasn_at *base, cmsfw__tasn_path p, cmsfw__tasn_at *at)
{
    if (t->node == NULL)
        return cmsfw__tasn_fail(t->diag, CMSFW_E_ARG, t->type, NULL, "no element");
    if (cmsfw__tasn_at_set(at, base, p, 0) != CMSFW_OK)
        return cmsfw__tasn_fail(t->diag, CMSFW_E_ARG, t->type, base != NULL ? base->path : NULL,
                                "bad path");
    return CMSFW_OK;
}

/* see tasn.h */
int
cmsfw__tasn_has(const cmsfw__tasn *t, const cmsfw__tasn_at *base, cmsfw__tasn_path p)
{
    cmsfw__tasn_at at;
    int start, end;

    if (t->node == NULL || t->der == NULL || cmsfw__tasn_at_set(&at, base, p, 0) != CMSFW_OK)
        return 0;
    return asn1_der_decoding_startEnd(t->node, t->der, (int)t->der_len, at.path, &start, &end) ==
           ASN1_SUCCESS;
}

/* see tasn.h */
cmsfw_err
cmsfw__tasn_count(const cmsfw__tasn *t, const cmsfw__tasn_at *base, cmsfw__tasn_path p, size_t *n)
{
    cmsfw__tasn_at at;
    cmsfw_err st = locate(t, base, p, &at);
    int num = 0, rc;

    *n = 0;
    if (st != CMSFW_OK)
        return st;
    rc = asn1_number_of_elements(t->node, at.path, &num);
    if (rc != ASN1_SUCCESS || num < 0)
        return cmsfw__tasn_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, at.path, "not a list (%s)",
                                asn1_strerror(rc));
    *n = (size_t)num;
    return CMSFW_OK;
}

/* see tasn.h */
cmsfw_err
cmsfw__tasn_get_choice(const cmsfw__tasn *t, const cmsfw__tasn_at *base, cmsfw__tasn_path p,
                       cmsfw__tasn_arm *arm)
{
    char name[ASN1_MAX_NAME_SIZE + 1];
    cmsfw__tasn_at at;
    cmsfw_err st = locate(t, base, p, &at);
    int len = (int)sizeof name - 1, rc;
    unsigned i;

    *arm = CMSFW__TASN_ARM_NONE;
    if (st != CMSFW_OK)
        return st;
    rc = asn1_read_value(t->node, at.path, name, &len);
    if (rc != ASN1_SUCCESS || len <= 0)
        return cmsfw__tasn_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, at.path,
                                "no CHOICE alternative (%s)", asn1_strerror(rc));
    name[len < (int)sizeof name ? len : (int)sizeof name - 1] = '\0';
    for (i = 1; i < CMSFW__TASN_ARM_COUNT; i++) {
        if (strcmp(cmsfw__tasn_arm_name((cmsfw__tasn_arm)i), name) == 0) {
            *arm = (cmsfw__tasn_arm)i;
            return CMSFW_OK;
        }
    }
    return cmsfw__tasn_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, at.path,
                            "unexpected CHOICE alternative %s", name);
}

/* see tasn.h */
cmsfw_err
cmsfw__tasn_get_tlv(const cmsfw__tasn *t, const cmsfw__tasn_at *base, cmsfw__tasn_path p,
                    cmsfw_bytes *tlv)
{
    cmsfw__tasn_at at;
    cmsfw_err st = locate(t, base, p, &at);
    cmsfw_bytes whole;
    int start = 0, end = -1, rc;

    tlv->ptr = NULL;
    tlv->len = 0;
    if (st != CMSFW_OK)
        return st;
    if (t->der == NULL)
        return cmsfw__tasn_fail(t->diag, CMSFW_E_ARG, t->type, at.path, "element was not decoded");
    rc = asn1_der_decoding_startEnd(t->node, t->der, (int)t->der_len, at.path, &start, &end);
    if (rc != ASN1_SUCCESS || start < 0 || end < start || (size_t)end >= t->der_len)
        return cmsfw__tasn_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, at.path, "absent (%s)",
                                asn1_strerror(rc));
    whole.ptr = t->der + start;
    whole.len = (size_t)(end - start) + 1;
    if (cmsfw__tasn_path_explicit(p)) {
        if (cmsfw__tasn_tlv_content(whole, &whole) != CMSFW_OK)
            return cmsfw__tasn_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, at.path,
                                    "malformed explicit tag");
    }
    *tlv = whole;
    return CMSFW_OK;
}

/* see tasn.h */
cmsfw_err
cmsfw__tasn_get_value(const cmsfw__tasn *t, const cmsfw__tasn_at *base, cmsfw__tasn_path p,
                      cmsfw_bytes *value)
{
    cmsfw__tasn_at at;
    cmsfw_bytes tlv;
    cmsfw_err st = cmsfw__tasn_get_tlv(t, base, p, &tlv);

    value->ptr = NULL;
    value->len = 0;
    if (st != CMSFW_OK)
        return st;
    if (cmsfw__tasn_tlv_content(tlv, value) != CMSFW_OK) {
        cmsfw__tasn_where(&at, base, p);
        return cmsfw__tasn_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, at.path, "malformed TLV");
    }
    return CMSFW_OK;
}

/* see tasn.h */
cmsfw_err
cmsfw__tasn_get_oid(const cmsfw__tasn *t, const cmsfw__tasn_at *base, cmsfw__tasn_path p,
                    cmsfw_bytes *oid)
{
    char dotted[CMSFW_OID_MAX_DOTTED];
    cmsfw__tasn_at at;
    cmsfw_err st = cmsfw__tasn_get_value(t, base, p, oid);

    if (st != CMSFW_OK)
        return st;
    cmsfw__tasn_where(&at, base, p);
    if (oid->len > CMSFW_OID_MAX_LEN) {
        st = cmsfw__tasn_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, at.path,
                              "OBJECT IDENTIFIER of %zu octets is longer than %d", oid->len,
                              CMSFW_OID_MAX_LEN);
    } else if (cmsfw_oid_to_dotted(*oid, dotted, sizeof dotted) != CMSFW_OK) {
        st = cmsfw__tasn_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, at.path,
                              "malformed OBJECT IDENTIFIER");
    }
    if (st != CMSFW_OK) {
        oid->ptr = NULL;
        oid->len = 0;
    }
    return st;
}

/*
 * Read a minimally encoded two's complement INTEGER (or ENUMERATED) as sign
 * and magnitude; *too_big is set when the magnitude does not fit 64 bits.
 */
static cmsfw_err
read_integer(const cmsfw__tasn *t, const cmsfw__tasn_at *base, cmsfw__tasn_path p, int *negative,
             uint64_t *magnitude, int *too_big)
{
    cmsfw__tasn_at at;
    cmsfw_bytes c;
    cmsfw_err st = cmsfw__tasn_get_value(t, base, p, &c);
    uint64_t v = 0;
    size_t i = 0;

    *negative = 0;
    *magnitude = 0;
    *too_big = 0;
    if (st != CMSFW_OK)
        return st;
    cmsfw__tasn_where(&at, base, p);
    if (c.len == 0)
        return cmsfw__tasn_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, at.path, "empty INTEGER");
    if (c.len > 1 && ((c.ptr[0] == 0x00 && (c.ptr[1] & 0x80) == 0) ||
                      (c.ptr[0] == 0xff && (c.ptr[1] & 0x80) != 0)))
        return cmsfw__tasn_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, at.path,
                                "INTEGER not minimally encoded");
    *negative = (c.ptr[0] & 0x80) != 0;
    if (!*negative && c.ptr[0] == 0x00)
        i = 1; /* the sign octet of a value with its top bit set */
    if (c.len - i > 8) {
        *too_big = 1;
        return CMSFW_OK;
    }
    for (; i < c.len; i++)
        v = (v << 8) | c.ptr[i];
    if (*negative) {
        /* sign-extend, then negate in unsigned arithmetic */
        if (c.len < 8)
            v |= ~UINT64_C(0) << (8 * c.len);
        v = ~v + 1;
        /* -2^64 .. -2^63-1 need 9 octets: caught above; v == 0 cannot happen */
    }
    *magnitude = v;
    return CMSFW_OK;
}

/* see tasn.h */
cmsfw_err
cmsfw__tasn_get_uint(const cmsfw__tasn *t, const cmsfw__tasn_at *base, cmsfw__tasn_path p,
                     uint64_t *v)
{
    cmsfw__tasn_at at;
    int negative = 0, too_big = 0;
    uint64_t m = 0;
    cmsfw_err st = read_integer(t, base, p, &negative, &m, &too_big);

    *v = 0;
    if (st != CMSFW_OK)
        return st;
    cmsfw__tasn_where(&at, base, p);
    if (negative)
        return cmsfw__tasn_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, at.path,
                                "negative value where 0..MAX is required");
    if (too_big)
        return cmsfw__tasn_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, at.path,
                                "INTEGER above 2^64-1");
    *v = m;
    return CMSFW_OK;
}

/* see tasn.h */
cmsfw_err
cmsfw__tasn_get_int(const cmsfw__tasn *t, const cmsfw__tasn_at *base, cmsfw__tasn_path p,
                    int64_t *v)
{
    cmsfw__tasn_at at;
    int negative = 0, too_big = 0;
    uint64_t m = 0;
    cmsfw_err st = read_integer(t, base, p, &negative, &m, &too_big);

    *v = 0;
    if (st != CMSFW_OK)
        return st;
    if (too_big || m > (uint64_t)INT64_MAX + (negative ? 1u : 0u)) {
        cmsfw__tasn_where(&at, base, p);
        return cmsfw__tasn_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, at.path,
                                "INTEGER outside the 64-bit signed range");
    }
    if (!negative)
        *v = (int64_t)m;
    else if (m == (uint64_t)INT64_MAX + 1u)
        *v = INT64_MIN;
    else
        *v = -(int64_t)m;
    return CMSFW_OK;
}

/* ------------------------------------------------------------ writers */

/* asn1_write_value at the node, with the failure explained. */
static cmsfw_err
write_at(cmsfw__tasn *t, const cmsfw__tasn_at *base, cmsfw__tasn_path p, const void *value, int len)
{
    cmsfw__tasn_at at;
    cmsfw_err st = locate(t, base, p, &at);
    int rc;

    if (st != CMSFW_OK)
        return st;
    rc = asn1_write_value(t->node, at.path, value, len);
    if (rc != ASN1_SUCCESS)
        return cmsfw__tasn_fail(t->diag, cmsfw__tasn_rc(rc), t->type, at.path, "cannot write: %s",
                                asn1_strerror(rc));
    return CMSFW_OK;
}

/* see tasn.h */
cmsfw_err
cmsfw__tasn_put_choice(cmsfw__tasn *t, const cmsfw__tasn_at *base, cmsfw__tasn_path p,
                       cmsfw__tasn_arm arm)
{
    const char *name = cmsfw__tasn_arm_name(arm);
    cmsfw__tasn_at at;

    if (name == NULL) {
        cmsfw__tasn_where(&at, base, p);
        return cmsfw__tasn_fail(t->diag, CMSFW_E_ARG, t->type, at.path,
                                "no CHOICE alternative selected");
    }
    return write_at(t, base, p, name, 1);
}

/* Forget an earlier placeholder at the same node (the OID is rewritten). */
static void
drop_fixup(cmsfw__tasn *t, const cmsfw__tasn_at *at)
{
    size_t i;

    for (i = 0; i < t->n_fixups; i++) {
        if (strcmp(t->fixups[i].at.path, at->path) == 0) {
            t->fixups[i] = t->fixups[t->n_fixups - 1];
            t->n_fixups--;
            return;
        }
    }
}

/* Remember that the OID at @at is a placeholder for @oid. */
static cmsfw_err
add_fixup(cmsfw__tasn *t, const cmsfw__tasn_at *at, cmsfw_bytes oid)
{
    cmsfw__tasn_fixup *grown = realloc(t->fixups, (t->n_fixups + 1) * sizeof *grown);

    if (grown == NULL)
        return cmsfw__tasn_fail(t->diag, CMSFW_E_NOMEM, t->type, at->path, "out of memory");
    t->fixups = grown;
    t->fixups[t->n_fixups].at = *at;
    t->fixups[t->n_fixups].oid = oid;
    t->n_fixups++;
    return CMSFW_OK;
}

/* Dotted text of an OID of @len content octets that libtasn1 writes
 * right: 1.2 followed by arcs of 1 (one octet each). @len is at most
 * CMSFW_OID_MAX_LEN, so the text fits CMSFW_OID_MAX_DOTTED. */
static void
placeholder_oid(size_t len, char dotted[CMSFW_OID_MAX_DOTTED])
{
    size_t i, pos = 3;

    memcpy(dotted, "1.2", 3);
    for (i = 1; i < len && pos + 3 <= CMSFW_OID_MAX_DOTTED; i++) {
        dotted[pos++] = '.';
        dotted[pos++] = '1';
    }
    dotted[pos] = '\0';
}

/* see tasn.h */
cmsfw_err
cmsfw__tasn_put_oid(cmsfw__tasn *t, const cmsfw__tasn_at *base, cmsfw__tasn_path p, cmsfw_bytes oid)
{
    char dotted[CMSFW_OID_MAX_DOTTED];
    cmsfw__tasn_at at;
    const char *where = at.path;
    cmsfw_err st = CMSFW_E_ARG;

    cmsfw__tasn_where(&at, base, p);
    if (oid.ptr == NULL)
        return cmsfw__tasn_fail(t->diag, CMSFW_E_ARG, t->type, where, "OBJECT IDENTIFIER missing");
    if (oid.len > CMSFW_OID_MAX_LEN)
        return cmsfw__tasn_fail(t->diag, CMSFW_E_ARG, t->type, where,
                                "OBJECT IDENTIFIER of %zu octets is longer than %d", oid.len,
                                CMSFW_OID_MAX_LEN);
    if (cmsfw_oid_to_dotted(oid, dotted, sizeof dotted) != CMSFW_OK)
        return cmsfw__tasn_fail(t->diag, CMSFW_E_ARG, t->type, where,
                                "malformed OBJECT IDENTIFIER");
    drop_fixup(t, &at);
    if (!cmsfw__tasn_oid_arcs_fit(oid)) {
        placeholder_oid(oid.len, dotted);
        st = add_fixup(t, &at, oid);
        if (st != CMSFW_OK)
            return st;
    }
    return write_at(t, base, p, dotted, 1);
}

/* see tasn.h */
cmsfw_err
cmsfw__tasn_put_octets(cmsfw__tasn *t, const cmsfw__tasn_at *base, cmsfw__tasn_path p,
                       cmsfw_bytes v)
{
    static const uint8_t empty[1] = { 0 };
    cmsfw__tasn_at at;

    cmsfw__tasn_where(&at, base, p);
    if (v.ptr == NULL)
        return cmsfw__tasn_fail(t->diag, CMSFW_E_ARG, t->type, at.path,
                                "mandatory OCTET STRING missing");
    if (v.len > (size_t)INT_MAX)
        return cmsfw__tasn_fail(t->diag, CMSFW_E_ARG, t->type, at.path, "OCTET STRING too long");
    /* libtasn1 reads len 0 as "value is a C string": pass an empty one */
    if (v.len == 0)
        return write_at(t, base, p, empty, 0);
    return write_at(t, base, p, v.ptr, (int)v.len);
}

/* Minimal two's complement of v (sign + magnitude) into buf[9]; returns the
 * first used index. */
static size_t
encode_integer(int negative, uint64_t v, uint8_t buf[9])
{
    size_t i;

    if (negative)
        v = ~v + 1; /* two's complement of the magnitude */
    for (i = 9; i > 1; i--) {
        buf[i - 1] = (uint8_t)(v & 0xff);
        v >>= 8;
    }
    buf[0] = negative ? 0xff : 0x00;
    i = 0;
    while (i < 8 && ((buf[i] == 0x00 && (buf[i + 1] & 0x80) == 0) ||
                     (buf[i] == 0xff && (buf[i + 1] & 0x80) != 0)))
        i++;
    return i;
}

/* see tasn.h */
cmsfw_err
cmsfw__tasn_put_uint(cmsfw__tasn *t, const cmsfw__tasn_at *base, cmsfw__tasn_path p, uint64_t v)
{
    uint8_t buf[9];
    size_t i = encode_integer(0, v, buf);

    return write_at(t, base, p, buf + i, (int)(9 - i));
}

/* see tasn.h */
cmsfw_err
cmsfw__tasn_put_int(cmsfw__tasn *t, const cmsfw__tasn_at *base, cmsfw__tasn_path p, int64_t v)
{
    uint8_t buf[9];
    uint64_t m = v < 0 ? (uint64_t)(-(v + 1)) + 1u : (uint64_t)v;
    size_t i = encode_integer(v < 0, m, buf);

    return write_at(t, base, p, buf + i, (int)(9 - i));
}

/* see tasn.h */
cmsfw_err
cmsfw__tasn_put_tlv(cmsfw__tasn *t, const cmsfw__tasn_at *base, cmsfw__tasn_path p, cmsfw_bytes tlv)
{
    cmsfw_bytes content;
    cmsfw__tasn_at at;

    if (tlv.len > (size_t)INT_MAX || cmsfw__tasn_tlv_content(tlv, &content) != CMSFW_OK) {
        cmsfw__tasn_where(&at, base, p);
        return cmsfw__tasn_fail(t->diag, CMSFW_E_ARG, t->type, at.path,
                                "not exactly one definite-length TLV");
    }
    return write_at(t, base, p, tlv.ptr, (int)tlv.len);
}

/* see tasn.h */
cmsfw_err
cmsfw__tasn_put_item(cmsfw__tasn *t, const cmsfw__tasn_at *base, cmsfw__tasn_path p)
{
    return write_at(t, base, p, "NEW", 1);
}

/* see tasn.h */
cmsfw_err
cmsfw__tasn_put_absent(cmsfw__tasn *t, const cmsfw__tasn_at *base, cmsfw__tasn_path p)
{
    return write_at(t, base, p, NULL, 0);
}
