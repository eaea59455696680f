/*
 * tasn_der.c: TLV framing and the DER rules libtasn1 does not enforce by
 * itself (see tasn_priv.h).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/oid.h>

#include "asn1/der.h"
#include "asn1/tasn_priv.h"

/* Parse the identifier and length octets at p[0..len): their sizes and the
 * content length. NULL on success, else the reason. The length octets are
 * read here: libtasn1 (4.19) takes a long-form length whose octets are cut
 * by the end of the buffer as a shorter one ("04 81" as an empty OCTET
 * STRING), at the top level and inside a constructed value. */
static const char *
tlv_parse(const uint8_t *p, size_t len, size_t *id, size_t *len_octets, size_t *content)
{
    unsigned char cls;
    unsigned long tag;
    int tag_len = 0;
    int ilen = len > (size_t)INT_MAX ? INT_MAX : (int)len;
    size_t k, i, n = 0;

    if (len == 0)
        return "no data";
    if (len < 2)
        return "truncated before the length octets";
    if (asn1_get_tag_der(p, ilen, &cls, &tag_len, &tag) != ASN1_SUCCESS)
        return "malformed identifier octets";
    if (tag_len >= ilen)
        return "the length runs past the end of the buffer";
    if (p[tag_len] == 0x80)
        return "indefinite length (BER) is not DER";
    k = p[tag_len] < 0x80 ? 0 : (size_t)(p[tag_len] & 0x7f);
    if (k == 0) {
        n = p[tag_len];
    } else {
        if (k > sizeof(int) - 1 || k > len - (size_t)tag_len - 1)
            return "the length octets run past the end of the buffer";
        for (i = 0; i < k; i++)
            n = (n << 8) | p[(size_t)tag_len + 1 + i];
    }
    *id = (size_t)tag_len;
    *len_octets = 1 + k;
    *content = n;
    return NULL;
}

/* As tlv_parse, with the header size in one number. */
static const char *
tlv_header(const uint8_t *p, size_t len, size_t *hdr, size_t *content)
{
    size_t id = 0, len_octets = 0;
    const char *why = tlv_parse(p, len, &id, &len_octets, content);

    *hdr = id + len_octets;
    return why;
}

/* see tasn.h */
cmsfw_err
cmsfw__tasn_tlv_content(cmsfw_bytes tlv, cmsfw_bytes *content)
{
    size_t hdr = 0, n = 0;

    content->ptr = NULL;
    content->len = 0;
    if (tlv.ptr == NULL || tlv_header(tlv.ptr, tlv.len, &hdr, &n) != NULL || hdr + n != tlv.len)
        return CMSFW_DECODE_FAILURE;
    content->ptr = tlv.ptr + hdr;
    content->len = n;
    return CMSFW_OK;
}

/* see tasn.h */
cmsfw_err
cmsfw__tasn_tlv_next(cmsfw_bytes *rest, cmsfw_bytes *tlv)
{
    size_t hdr = 0, n = 0;

    tlv->ptr = NULL;
    tlv->len = 0;
    if (rest->ptr == NULL || tlv_header(rest->ptr, rest->len, &hdr, &n) != NULL ||
        n > rest->len - hdr)
        return CMSFW_DECODE_FAILURE;
    tlv->ptr = rest->ptr;
    tlv->len = hdr + n;
    rest->ptr += tlv->len;
    rest->len -= tlv->len;
    return CMSFW_OK;
}

/* see tasn_priv.h */
cmsfw_err
cmsfw__tasn_check_one_tlv(const cmsfw__tasn *t, const uint8_t *der, size_t len)
{
    size_t hdr = 0, n = 0;
    const char *why = tlv_header(der, len, &hdr, &n);

    if (why != NULL)
        return cmsfw__tasn_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, NULL, "%s", why);
    if (n > len - hdr)
        return cmsfw__tasn_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, NULL,
                                "length %zu runs past the end of the buffer (%zu bytes left)", n,
                                len - hdr);
    if (hdr + n < len)
        return cmsfw__tasn_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, NULL,
                                "%zu trailing bytes after the value", len - hdr - n);
    return CMSFW_OK;
}

/*
 * libtasn1 (4.19) gets OID arcs of 2^63 and above wrong in both directions
 * (see cmsfw__tasn_fixup); an arc of at most 2^63-1 takes at most 9
 * base-128 octets.
 */
#define TASN_MAX_ARC_OCTETS 9

/* see tasn_priv.h */
int
cmsfw__tasn_oid_arcs_fit(cmsfw_bytes oid)
{
    size_t i, run = 0;

    for (i = 0; i < oid.len; i++) {
        if (++run > TASN_MAX_ARC_OCTETS)
            return 0;
        if ((oid.ptr[i] & 0x80) == 0)
            run = 0;
    }
    return 1;
}

/* Octets DER uses for the length @n. */
static size_t
der_length_octets(size_t n)
{
    size_t k = 1;

    if (n < 0x80)
        return 1;
    for (; n > 0; n >>= 8)
        k++;
    return k;
}

/*
 * libtasn1 (4.19) decodes an OID into a 128-byte text buffer and silently
 * cuts what does not fit, and reads arcs of 2^63 and above wrongly, so
 * such an OID cannot be compared by encoding it again (cmsfw itself reads
 * OIDs from the DER, never from libtasn1).
 */
#define TASN_MAX_DOTTED_TEXT 127

static int
oid_text_fits(cmsfw_bytes oid)
{
    char text[CMSFW_OID_MAX_DOTTED];

    return cmsfw_oid_to_dotted(oid, text, sizeof text) == CMSFW_OK &&
           strlen(text) <= TASN_MAX_DOTTED_TEXT;
}

/* X.690 11.6: SET OF members in ascending order of their encodings, the
 * shorter one compared as if padded with zero octets. */
static int
set_member_order(cmsfw_bytes a, cmsfw_bytes b)
{
    size_t n = a.len < b.len ? a.len : b.len, i;
    int c = memcmp(a.ptr, b.ptr, n);

    if (c != 0)
        return c;
    for (i = n; i < a.len; i++)
        if (a.ptr[i] != 0)
            return 1;
    for (i = n; i < b.len; i++)
        if (b.ptr[i] != 0)
            return -1;
    return 0;
}

/* The DER rule on the contents @c of a universal TLV with identifier @id;
 * NULL when it holds, else the rule broken. */
static const char *
universal_rule(uint8_t id, cmsfw_bytes c)
{
    cmsfw_bytes rest = c, prev = { NULL, 0 }, cur;

    switch (id) {
    case 0x01: /* BOOLEAN */
        if (c.len != 1 || (c.ptr[0] != 0x00 && c.ptr[0] != 0xff))
            return "BOOLEAN other than 00 or FF";
        break;
    case 0x02: /* INTEGER */
    case 0x0a: /* ENUMERATED */
        if (c.len == 0 || (c.len > 1 && ((c.ptr[0] == 0x00 && (c.ptr[1] & 0x80) == 0) ||
                                         (c.ptr[0] == 0xff && (c.ptr[1] & 0x80) != 0))))
            return "INTEGER empty or not minimally encoded";
        break;
    case 0x03: /* BIT STRING: unused bits 0..7, and zero */
        if (c.len == 0 || c.ptr[0] > 7 || (c.len == 1 && c.ptr[0] != 0) ||
            (c.ptr[c.len - 1] & ((1u << c.ptr[0]) - 1u)) != 0)
            return "BIT STRING with bad unused bits";
        break;
    case 0x31: /* SET, SET OF */
        while (rest.len > 0 && cmsfw__tasn_tlv_next(&rest, &cur) == CMSFW_OK) {
            if (prev.ptr != NULL && set_member_order(prev, cur) > 0)
                return "SET OF members out of order";
            prev = cur;
        }
        break;
    default:
        break;
    }
    return NULL;
}

/*
 * Walk every header of the (already decoded, so well formed) value in one
 * linear pass: step into the content of a constructed TLV, over the
 * content of a primitive one. Checks the shortest length form everywhere
 * (libtasn1 keeps the length octets of strings as read, so re-encoding
 * would not see a long form there) and the universal rules above.
 * *long_oid is set when an OID is one libtasn1 cannot hold (see above).
 */
static cmsfw_err
walk_headers(const cmsfw__tasn *t, const uint8_t *der, size_t len, int *long_oid)
{
    size_t pos = 0, id = 0, len_octets = 0, n = 0;
    const char *why;
    cmsfw_bytes c;

    *long_oid = 0;
    while (pos < len) {
        if (tlv_parse(der + pos, len - pos, &id, &len_octets, &n) != NULL ||
            n > len - pos - id - len_octets)
            return cmsfw__tasn_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, NULL,
                                    "malformed TLV at byte %zu", pos);
        if (len_octets != der_length_octets(n))
            return cmsfw__tasn_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, NULL,
                                    "not DER: the length at byte %zu is not in its shortest form",
                                    pos);
        /* [UNIVERSAL 0] is end-of-contents, which DER never has; libtasn1
         * lets it through as the value of an ANY */
        if ((der[pos] & 0xdf) == 0x00)
            return cmsfw__tasn_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, NULL,
                                    "not DER: universal tag 0 at byte %zu", pos);
        c.ptr = der + pos + id + len_octets;
        c.len = n;
        why = universal_rule(der[pos], c);
        if (why != NULL)
            return cmsfw__tasn_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, NULL,
                                    "not DER: %s at byte %zu", why, pos);
        if (der[pos] == 0x06 && (!oid_text_fits(c) || !cmsfw__tasn_oid_arcs_fit(c)))
            *long_oid = 1;
        pos += id + len_octets + ((der[pos] & 0x20) != 0 ? 0 : n);
    }
    return CMSFW_OK;
}

/* DER has one encoding per value: the decoded tree must encode back to the
 * input, or the input used a form libtasn1 let through (an unsorted
 * implicitly tagged SET OF, an explicit DEFAULT-free form, ...). */
static cmsfw_err
check_canonical(const cmsfw__tasn *t, const uint8_t *der, size_t len)
{
    char err[ASN1_MAX_ERROR_DESCRIPTION_SIZE] = "";
    uint8_t *buf;
    int n = 0, rc;
    size_t i;

    rc = asn1_der_coding(t->node, "", NULL, &n, err);
    if (rc != ASN1_MEM_ERROR || n <= 0)
        return cmsfw__tasn_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, NULL,
                                "cannot re-encode: %s %s", asn1_strerror(rc), err);
    buf = malloc((size_t)n);
    if (buf == NULL)
        return cmsfw__tasn_fail(t->diag, CMSFW_E_NOMEM, t->type, NULL, "out of memory");
    rc = asn1_der_coding(t->node, "", buf, &n, err);
    if (rc == ASN1_SUCCESS && (size_t)n == len && memcmp(buf, der, len) == 0) {
        free(buf);
        return CMSFW_OK;
    }
    for (i = 0; i < len && i < (size_t)n && buf[i] == der[i]; i++)
        continue;
    free(buf);
    return cmsfw__tasn_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, NULL,
                            "not DER: the canonical encoding differs from byte %zu on", i);
}

/* see tasn_priv.h */
cmsfw_err
cmsfw__tasn_check_der(const cmsfw__tasn *t, const uint8_t *der, size_t len)
{
    int long_oid = 0;
    cmsfw_der_cur c;
    cmsfw_der_tlv top;
    cmsfw_der_status ds;
    cmsfw_err st;

    /* the tree as cmsfw's own cursor reads it (X.690 forms of the
     * universal types, every length within its parent): inside an ANY
     * libtasn1 takes a primitive SEQUENCE or a value running past its
     * parent as long as it stays inside the input */
    cmsfw_der_init(&c, der, len, 0);
    ds = cmsfw_der_read(&c, &top);
    if (ds == CMSFW_DER_OK)
        ds = cmsfw_der_walk(&top, 0);
    if (ds != CMSFW_DER_OK || !cmsfw_der_at_end(&c))
        return cmsfw__tasn_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, NULL, "not DER: %s",
                                ds != CMSFW_DER_OK ? cmsfw_der_status_str(ds)
                                                   : "trailing bytes after the value");
    st = walk_headers(t, der, len, &long_oid);

    /* libtasn1 holds a cut copy of a long OID, so its re-encoding would
     * differ for that reason alone: the header walk is the check then */
    if (st == CMSFW_OK && !long_oid)
        st = check_canonical(t, der, len);
    return st;
}
