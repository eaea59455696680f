/*
 * min_report.c: load receipts and load error reports of the minimal
 * profile (RFC 4108 sections 3 and 4), DER written by hand with the
 * writer of asn1/der.h: the same octets, and the same refusals, as the
 * full profile's template encoders (cms/fw_receipt.c, cms/fw_error.c).
 *
 * FirmwarePackageLoadReceipt ::= SEQUENCE {
 *   version          FWReceiptVersion DEFAULT v1,      -- never written
 *   hwType           OBJECT IDENTIFIER,
 *   hwSerialNum      OCTET STRING,
 *   fwPkgName        PreferredOrLegacyPackageIdentifier,
 *   trustAnchorKeyID OCTET STRING OPTIONAL,
 *   decryptKeyID     [1] IMPLICIT OCTET STRING OPTIONAL }
 * FirmwarePackageLoadError ::= SEQUENCE {
 *   version          FWErrorVersion DEFAULT v1,        -- never written
 *   hwType           OBJECT IDENTIFIER,
 *   hwSerialNum      OCTET STRING,
 *   errorCode        FirmwarePackageLoadErrorCode,     -- ENUMERATED
 *   vendorErrorCode  INTEGER OPTIONAL,
 *   fwPkgName        PreferredOrLegacyPackageIdentifier OPTIONAL,
 *   config           [1] IMPLICIT SEQUENCE OF CurrentFWConfig OPTIONAL }
 * CurrentFWConfig ::= SEQUENCE { fwPkgType INTEGER OPTIONAL,
 *                                fwPkgName PreferredOrLegacyPackageIdentifier }
 * PreferredOrLegacyPackageIdentifier ::= CHOICE {
 *   preferred SEQUENCE { fwPkgID OBJECT IDENTIFIER, verNum INTEGER (0..MAX) },
 *   legacy    OCTET STRING }
 *
 * Every writer below runs twice: counting (out NULL), then writing, so
 * that a SEQUENCE's length is known before its header. No allocation.
 */
#include <limits.h>
#include <string.h>

#include "cms/min_oid.h"
#include "cms/min_priv.h"

/* Longest OID the full profile encodes, and its longest dotted text
 * (CMSFW_OID_MAX_LEN, CMSFW_OID_MAX_DOTTED less the NUL): an OID past
 * either is refused there, so here too. */
#define MR_OID_MAX 64u
#define MR_DOTTED_MAX 255u
#define MR_TAG_CONFIG 1u        /* config [1] */
#define MR_TAG_DECRYPT_KEY_ID 1u /* decryptKeyID [1] */

static const uint8_t oid_receipt[] = {MIN_OID_ID_CT_FIRMWARELOADRECEIPT};
static const uint8_t oid_error[] = {MIN_OID_ID_CT_FIRMWARELOADERROR};

/* Where CurrentFWConfig entries come from: a caller's array, or the
 * device's installed packages. */
typedef struct mr_report {
    const cmsfw_error_report *r;
    const cmsfw_installed *installed; /* used instead of r->config when set */
} mr_report;

typedef void (*mr_put)(cmsfw_der_w *w, const void *v);

/* ------------------------------------------------------------- checks */

static size_t
digits(uint64_t v)
{
    size_t n = 1;
    uint64_t p = 10;

    while (n < 20 && v >= p) {
        n++;
        p *= 10;
    }
    return n;
}

/* What the full profile's OID writer accepts: well-formed contents of at
 * most 64 octets, whose dotted text fits its buffer. */
static int
oid_ok(cmsfw_bytes oid)
{
    uint64_t arc = 0, x;
    size_t i, text = 0;
    int first = 1;

    if (oid.ptr == NULL || oid.len == 0 || oid.len > MR_OID_MAX ||
        cmsfw_der_check_oid(oid.ptr, oid.len) != CMSFW_DER_OK)
        return 0;
    for (i = 0; i < oid.len; i++) {
        arc = (arc << 7) | (oid.ptr[i] & 0x7fu);
        if (oid.ptr[i] & 0x80u)
            continue;
        if (first) {
            x = arc < 40 ? 0 : arc < 80 ? 1 : 2;
            text += 2 + digits(arc - x * 40);
            first = 0;
        } else {
            text += 1 + digits(arc);
        }
        arc = 0;
    }
    return text <= MR_DOTTED_MAX;
}

/* A mandatory OCTET STRING, or an OPTIONAL one (ptr NULL: absent). */
static int
octets_ok(cmsfw_bytes b, int optional)
{
    if (b.ptr == NULL)
        return optional;
    return b.len <= (size_t)INT_MAX;
}

static int
name_ok(const cmsfw_pkg_name *n)
{
    if (n->form == CMSFW_NAME_PREFERRED)
        return oid_ok(n->oid);
    if (n->form == CMSFW_NAME_LEGACY)
        return octets_ok(n->legacy, 0);
    return 0;
}

static int
receipt_ok(const cmsfw_receipt *r)
{
    return oid_ok(r->hw_type) && octets_ok(r->hw_serial, 0) && name_ok(&r->name) &&
           octets_ok(r->trust_anchor_key_id, 1) && octets_ok(r->decrypt_key_id, 1);
}

static const cmsfw_pkg_name *
config_at(const mr_report *s, size_t i, int *has_type, int64_t *type)
{
    if (s->installed != NULL) {
        *has_type = s->installed[i].has_type;
        *type = s->installed[i].type;
        return &s->installed[i].name;
    }
    *has_type = s->r->config[i].has_type;
    *type = s->r->config[i].type;
    return &s->r->config[i].name;
}

static int
report_ok(const mr_report *s)
{
    const cmsfw_error_report *r = s->r;
    int64_t type = 0;
    int has_type = 0;
    size_t i;

    if (r->error_code < 1 || r->error_code > CMSFW_OTHER_ERROR ||
        !cmsfw_err_is_rfc((int)r->error_code) ||
        (r->error_code == CMSFW_OTHER_ERROR && !r->has_vendor_code) ||
        (r->has_config && r->n_config > 0 && r->config == NULL && s->installed == NULL))
        return 0;
    if (!oid_ok(r->hw_type) || !octets_ok(r->hw_serial, 0) || (r->has_name && !name_ok(&r->name)))
        return 0;
    for (i = 0; r->has_config && i < r->n_config; i++)
        if (!name_ok(config_at(s, i, &has_type, &type)))
            return 0;
    return 1;
}

/* ------------------------------------------------------------ writers */

/* A constructed value of class cls and number tag around what put writes. */
static void
put_cons(cmsfw_der_w *w, uint8_t cls, uint32_t tag, mr_put put, const void *v)
{
    cmsfw_der_w count;

    cmsfw_der_w_init(&count, NULL, 0);
    put(&count, v);
    cmsfw_der_put_header(w, cls, 1, tag, count.pos);
    put(w, v);
}

static void
put_octets_tagged(cmsfw_der_w *w, uint8_t cls, uint32_t tag, cmsfw_bytes b)
{
    cmsfw_der_put_header(w, cls, 0, tag, b.len);
    cmsfw_der_put_bytes(w, b.ptr, b.len);
}

static void
put_preferred(cmsfw_der_w *w, const void *v)
{
    const cmsfw_pkg_name *n = (const cmsfw_pkg_name *)v;

    cmsfw_der_put_oid(w, n->oid.ptr, n->oid.len);
    cmsfw_der_put_uint(w, n->version);
}

static void
put_name(cmsfw_der_w *w, const cmsfw_pkg_name *n)
{
    if (n->form == CMSFW_NAME_PREFERRED)
        put_cons(w, CMSFW_DER_UNIVERSAL, CMSFW_DER_TAG_SEQUENCE, put_preferred, n);
    else
        cmsfw_der_put_octets(w, n->legacy.ptr, n->legacy.len);
}

static void
put_receipt_body(cmsfw_der_w *w, const void *v)
{
    const cmsfw_receipt *r = (const cmsfw_receipt *)v;

    cmsfw_der_put_oid(w, r->hw_type.ptr, r->hw_type.len);
    cmsfw_der_put_octets(w, r->hw_serial.ptr, r->hw_serial.len);
    put_name(w, &r->name);
    if (r->trust_anchor_key_id.ptr != NULL)
        cmsfw_der_put_octets(w, r->trust_anchor_key_id.ptr, r->trust_anchor_key_id.len);
    if (r->decrypt_key_id.ptr != NULL)
        put_octets_tagged(w, CMSFW_DER_CONTEXT, MR_TAG_DECRYPT_KEY_ID, r->decrypt_key_id);
}

static void
put_receipt(cmsfw_der_w *w, const void *v)
{
    put_cons(w, CMSFW_DER_UNIVERSAL, CMSFW_DER_TAG_SEQUENCE, put_receipt_body, v);
}

/* One CurrentFWConfig: v points at a pair {source, index}. */
typedef struct mr_item {
    const mr_report *s;
    size_t i;
} mr_item;

static void
put_config_body(cmsfw_der_w *w, const void *v)
{
    const mr_item *it = (const mr_item *)v;
    int64_t type = 0;
    int has_type = 0;
    const cmsfw_pkg_name *n = config_at(it->s, it->i, &has_type, &type);

    if (has_type)
        cmsfw_der_put_int(w, CMSFW_DER_TAG_INTEGER, type);
    put_name(w, n);
}

static void
put_config_list(cmsfw_der_w *w, const void *v)
{
    mr_item it;

    it.s = (const mr_report *)v;
    for (it.i = 0; it.i < it.s->r->n_config; it.i++)
        put_cons(w, CMSFW_DER_UNIVERSAL, CMSFW_DER_TAG_SEQUENCE, put_config_body, &it);
}

static void
put_report_body(cmsfw_der_w *w, const void *v)
{
    const mr_report *s = (const mr_report *)v;
    const cmsfw_error_report *r = s->r;

    cmsfw_der_put_oid(w, r->hw_type.ptr, r->hw_type.len);
    cmsfw_der_put_octets(w, r->hw_serial.ptr, r->hw_serial.len);
    cmsfw_der_put_int(w, CMSFW_DER_TAG_ENUMERATED, r->error_code);
    if (r->has_vendor_code)
        cmsfw_der_put_int(w, CMSFW_DER_TAG_INTEGER, r->vendor_code);
    if (r->has_name)
        put_name(w, &r->name);
    if (r->has_config)
        put_cons(w, CMSFW_DER_CONTEXT, MR_TAG_CONFIG, put_config_list, s);
}

static void
put_report(cmsfw_der_w *w, const void *v)
{
    put_cons(w, CMSFW_DER_UNIVERSAL, CMSFW_DER_TAG_SEQUENCE, put_report_body, v);
}

/* ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT ANY } */
typedef struct mr_ci {
    const uint8_t *type;
    size_t type_len;
    mr_put put;
    const void *v;
} mr_ci;

static void
put_explicit(cmsfw_der_w *w, const void *v)
{
    const mr_ci *ci = (const mr_ci *)v;

    ci->put(w, ci->v);
}

static void
put_ci_body(cmsfw_der_w *w, const void *v)
{
    const mr_ci *ci = (const mr_ci *)v;

    cmsfw_der_put_oid(w, ci->type, ci->type_len);
    put_cons(w, CMSFW_DER_CONTEXT, 0, put_explicit, ci);
}

static void
put_ci(cmsfw_der_w *w, const void *v)
{
    put_cons(w, CMSFW_DER_UNIVERSAL, CMSFW_DER_TAG_SEQUENCE, put_ci_body, v);
}

/* Count, then write when out holds it: CMSFW_E_BUFFER (with the size
 * needed in *len) when out is NULL or cap too small. */
static cmsfw_err
emit(mr_put put, const void *v, uint8_t *out, size_t cap, size_t *len)
{
    cmsfw_der_w w;

    cmsfw_der_w_init(&w, NULL, 0);
    put(&w, v);
    *len = w.pos;
    if (w.pos == SIZE_MAX)
        return CMSFW_E_ARG;
    if (out == NULL || cap < w.pos)
        return CMSFW_E_BUFFER;
    cmsfw_der_w_init(&w, out, cap);
    put(&w, v);
    return cmsfw_der_w_status(&w) == CMSFW_DER_OK ? CMSFW_OK : CMSFW_E_BUFFER;
}

/* ------------------------------------------------------------ the API */

/* see cmsfw/minimal.h */
cmsfw_err
cmsfw_min_encode_receipt(const cmsfw_receipt *r, uint8_t *out, size_t cap, size_t *len)
{
    if (len == NULL)
        return CMSFW_E_ARG;
    *len = 0;
    if (r == NULL || !receipt_ok(r))
        return CMSFW_E_ARG;
    return emit(put_receipt, r, out, cap, len);
}

/* see cmsfw/minimal.h */
cmsfw_err
cmsfw_min_encode_error_report(const cmsfw_error_report *r, uint8_t *out, size_t cap, size_t *len)
{
    mr_report s;

    if (len == NULL)
        return CMSFW_E_ARG;
    *len = 0;
    if (r == NULL)
        return CMSFW_E_ARG;
    s.r = r;
    s.installed = NULL;
    if (!report_ok(&s))
        return CMSFW_E_ARG;
    return emit(put_report, &s, out, cap, len);
}

static int
live(const cmsfw_min *m)
{
    return m != NULL && m->magic == CMSFW__MIN_MAGIC && m->dev != NULL;
}

/* see cmsfw/minimal.h */
cmsfw_err
cmsfw_min_receipt(const cmsfw_min *m, uint8_t *out, size_t cap, size_t *len)
{
    cmsfw_receipt r;
    mr_ci ci;

    if (len == NULL)
        return CMSFW_E_ARG;
    *len = 0;
    if (!live(m))
        return CMSFW_E_ARG;
    if (m->phase != MIN_UNWRAPPED)
        return CMSFW_E_STATE;
    memset(&r, 0, sizeof r);
    r.hw_type = m->dev->hw_type;
    r.hw_serial = m->dev->hw_serial;
    r.name = m->res.pkg_id.name;
    r.trust_anchor_key_id = m->res.trust_anchor_key_id;
    if ((m->res.layers & (CMSFW_LAYER_ENCRYPTED | CMSFW_LAYER_AUTH_ENVELOPED)) != 0)
        r.decrypt_key_id = m->res.decrypt_key_id;
    if (!receipt_ok(&r))
        return CMSFW_E_ARG;
    ci.type = oid_receipt;
    ci.type_len = sizeof oid_receipt;
    ci.put = put_receipt;
    ci.v = &r;
    return emit(put_ci, &ci, out, cap, len);
}

/* see cmsfw/minimal.h */
cmsfw_err
cmsfw_min_error_report(const cmsfw_min *m, cmsfw_err code, uint8_t *out, size_t cap, size_t *len)
{
    cmsfw_error_report r;
    mr_report s;
    mr_ci ci;

    if (len == NULL)
        return CMSFW_E_ARG;
    *len = 0;
    if (!live(m))
        return CMSFW_E_ARG;
    memset(&r, 0, sizeof r);
    r.hw_type = m->dev->hw_type;
    r.hw_serial = m->dev->hw_serial;
    r.error_code = code;
    if (code < 0 || code == CMSFW_OTHER_ERROR) {
        /* a local failure (memory, backend, I/O) is otherError, with the
         * cmsfw code as vendorErrorCode, as cmsfw verify reports it */
        r.error_code = CMSFW_OTHER_ERROR;
        r.has_vendor_code = 1;
        r.vendor_code = code < 0 ? code : 0;
    }
    if (m->res.has_pkg_id) {
        r.has_name = 1;
        r.name = m->res.pkg_id.name;
    }
    s.r = &r;
    s.installed = NULL;
    if (m->dev->n_installed > 0 && m->dev->installed != NULL) {
        r.has_config = 1;
        r.n_config = m->dev->n_installed;
        s.installed = m->dev->installed;
    }
    if (!report_ok(&s))
        return CMSFW_E_ARG;
    ci.type = oid_error;
    ci.type_len = sizeof oid_error;
    ci.put = put_report;
    ci.v = &s;
    return emit(put_ci, &ci, out, cap, len);
}
