/*
 * keys.c: load keys and certificates from PEM or DER, in memory or from a
 * file, into objects that own a copy of their DER (see cmsfw/keys.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/keys.h>

#include "asn1/der.h"
#include "cms/pem.h"

/* How a PEM label is treated. */
enum label_use {
    LABEL_SKIP,        /* not a key: ignored */
    LABEL_KEY,         /* one of the kinds the loader reads */
    LABEL_ENCRYPTED,   /* encrypted PKCS#8: refused */
    LABEL_TRADITIONAL  /* PKCS#1 / SEC 1 / DSA private key: refused */
};

static const struct {
    const char *label;
    enum label_use use;
    cmsfw_key_kind kind;
} pem_labels[] = {
    {"CERTIFICATE", LABEL_KEY, CMSFW_KEY_CERTIFICATE},
    {"PUBLIC KEY", LABEL_KEY, CMSFW_KEY_PUBLIC},
    {"PRIVATE KEY", LABEL_KEY, CMSFW_KEY_PRIVATE},
    {"ENCRYPTED PRIVATE KEY", LABEL_ENCRYPTED, CMSFW_KEY_PRIVATE},
    {"RSA PRIVATE KEY", LABEL_TRADITIONAL, CMSFW_KEY_PRIVATE},
    {"EC PRIVATE KEY", LABEL_TRADITIONAL, CMSFW_KEY_PRIVATE},
    {"DSA PRIVATE KEY", LABEL_TRADITIONAL, CMSFW_KEY_PRIVATE},
};

/* The object a search stopped at: a PEM body to decode or a DER TLV. */
typedef struct found_obj {
    int pem;
    const uint8_t *p; /* NULL: not found */
    size_t n;
    cmsfw_key_kind kind;
} found_obj;

static enum label_use
label_use(const cmsfw__pem_block *b, cmsfw_key_kind *kind)
{
    size_t i;

    for (i = 0; i < sizeof(pem_labels) / sizeof(pem_labels[0]); i++) {
        if (cmsfw__pem_label_is(b, pem_labels[i].label)) {
            *kind = pem_labels[i].kind;
            return pem_labels[i].use;
        }
    }
    *kind = CMSFW_KEY_ANY;
    return LABEL_SKIP;
}

/*
 * Count the PEM blocks of kind want, noting number index in *o when o is
 * not NULL. The whole input is always scanned, so a damaged block after
 * the one wanted is still an error.
 */
static cmsfw_err
scan_pem(const uint8_t *data, size_t len, cmsfw_key_kind want, size_t index, found_obj *o,
         size_t *count, cmsfw_diag *diag)
{
    const uint8_t *pos = data, *end = data + len;
    cmsfw__pem_block b;
    cmsfw_key_kind kind = CMSFW_KEY_ANY;
    enum label_use use;
    int found = 0;
    cmsfw_err e;

    for (;;) {
        e = cmsfw__pem_next(&pos, end, &b, &found, diag);
        if (e != CMSFW_OK || !found)
            return e;
        use = label_use(&b, &kind);
        if (use == LABEL_SKIP || (want != CMSFW_KEY_ANY && kind != want))
            continue;
        if (use == LABEL_ENCRYPTED) {
            cmsfw__key_diag(diag, "PEM: encrypted private keys are not supported: decrypt with "
                                  "`openssl pkcs8 -topk8 -nocrypt`");
            return CMSFW_DECODE_FAILURE;
        }
        if (use == LABEL_TRADITIONAL) {
            cmsfw__key_diag(diag, "PEM: \"%.*s\" (traditional format) is not supported: convert "
                                  "to PKCS#8 with `openssl pkcs8 -topk8 -nocrypt`",
                            (int)b.label_len, (const char *)b.label);
            return CMSFW_DECODE_FAILURE;
        }
        if (o != NULL && *count == index) {
            o->pem = 1;
            o->p = b.body;
            o->n = b.body_len;
            o->kind = kind;
        }
        (*count)++;
    }
}

/* The same over concatenated DER objects, each parsed (so checked) to
 * learn its kind. */
static cmsfw_err
scan_der(const uint8_t *data, size_t len, cmsfw_key_kind want, size_t index, found_obj *o,
         size_t *count, cmsfw_diag *diag)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv t;
    cmsfw_der_status st;
    cmsfw_bytes one;
    cmsfw_key k;
    cmsfw_err e;

    cmsfw_der_init(&c, data, len, 0);
    while (!cmsfw_der_at_end(&c)) {
        st = cmsfw_der_read(&c, &t);
        if (st != CMSFW_DER_OK) {
            cmsfw__key_diag(diag, "DER: %s at offset %zu", cmsfw_der_status_str(st),
                            (size_t)(c.p - data));
            return CMSFW_DECODE_FAILURE;
        }
        one.ptr = t.tlv;
        one.len = t.tlv_len;
        e = cmsfw_key_parse(&k, one, CMSFW_KEY_ANY, diag);
        if (e != CMSFW_OK)
            return e;
        if (want != CMSFW_KEY_ANY && k.kind != want)
            continue;
        if (o != NULL && *count == index) {
            o->pem = 0;
            o->p = t.tlv;
            o->n = t.tlv_len;
            o->kind = k.kind;
        }
        (*count)++;
    }
    return CMSFW_OK;
}

static cmsfw_err
scan(const uint8_t *data, size_t len, cmsfw_key_kind want, size_t index, found_obj *o,
     size_t *count, cmsfw_diag *diag)
{
    *count = 0;
    if (o != NULL)
        memset(o, 0, sizeof(*o));
    if ((int)want < (int)CMSFW_KEY_ANY || (int)want > (int)CMSFW_KEY_CERTIFICATE) {
        cmsfw__key_diag(diag, "unknown key kind %d", (int)want);
        return CMSFW_E_ARG;
    }
    if (cmsfw_pem_detect(data, len))
        return scan_pem(data, len, want, index, o, count, diag);
    return scan_der(data, len, want, index, o, count, diag);
}

/* Say which PEM block a message is about. */
static void
diag_prefix(cmsfw_diag *diag, cmsfw_key_kind kind, size_t index)
{
    cmsfw_diag old;

    if (diag == NULL)
        return;
    old = *diag;
    cmsfw__key_diag(diag, "PEM %s %zu: %s", cmsfw_key_kind_name(kind), index, old.msg);
}

/* Decode (PEM) or copy (DER) the object found into a new buffer. */
static cmsfw_err
extract(const found_obj *o, uint8_t **buf, size_t *n, cmsfw_diag *diag)
{
    cmsfw_err e;

    *buf = NULL;
    *n = o->n;
    if (o->pem) {
        e = cmsfw__b64_decode(o->p, o->n, NULL, 0, n, diag);
        if (e != CMSFW_OK)
            return e;
        if (*n == 0) {
            cmsfw__key_diag(diag, "empty PEM block");
            return CMSFW_DECODE_FAILURE;
        }
    }
    *buf = malloc(*n);
    if (*buf == NULL) {
        cmsfw__key_diag(diag, "out of memory (%zu bytes)", *n);
        return CMSFW_E_NOMEM;
    }
    if (!o->pem) {
        memcpy(*buf, o->p, *n);
        return CMSFW_OK;
    }
    return cmsfw__b64_decode(o->p, o->n, *buf, *n, n, diag);
}

/* see cmsfw/keys.h */
cmsfw_err
cmsfw_key_load(cmsfw_key *key, const uint8_t *data, size_t len, cmsfw_key_kind want,
               size_t index, cmsfw_diag *diag)
{
    found_obj o;
    size_t count = 0, n = 0;
    uint8_t *buf = NULL;
    cmsfw_bytes der;
    cmsfw_err e = CMSFW_DECODE_FAILURE;

    if (key == NULL || (data == NULL && len > 0)) {
        cmsfw__key_diag(diag, "cmsfw_key_load: NULL argument");
        return CMSFW_E_ARG;
    }
    memset(key, 0, sizeof(*key));
    e = scan(data, len, want, index, &o, &count, diag);
    if (e != CMSFW_OK)
        return e;
    if (o.p == NULL) {
        cmsfw__key_diag(diag, "no %s number %zu in the input (found %zu)",
                        want == CMSFW_KEY_ANY ? "key or certificate" : cmsfw_key_kind_name(want),
                        index, count);
        return CMSFW_DECODE_FAILURE;
    }
    e = extract(&o, &buf, &n, diag);
    if (e == CMSFW_OK) {
        der.ptr = buf;
        der.len = n;
        e = cmsfw_key_parse(key, der, o.kind, diag);
    }
    if (e != CMSFW_OK) {
        if (o.pem)
            diag_prefix(diag, o.kind, index);
        if (buf != NULL)
            cmsfw__key_wipe(buf, n);
        free(buf);
        memset(key, 0, sizeof(*key));
        return e;
    }
    key->priv_buf = buf;
    key->priv_buf_len = n;
    return CMSFW_OK;
}

/* see cmsfw/keys.h */
cmsfw_err
cmsfw_key_count(const uint8_t *data, size_t len, cmsfw_key_kind want, size_t *n,
                cmsfw_diag *diag)
{
    cmsfw_err e = CMSFW_DECODE_FAILURE;
    size_t count = 0;

    if (n == NULL || (data == NULL && len > 0)) {
        cmsfw__key_diag(diag, "cmsfw_key_count: NULL argument");
        return CMSFW_E_ARG;
    }
    *n = 0;
    e = scan(data, len, want, 0, NULL, &count, diag);
    if (e == CMSFW_OK)
        *n = count;
    return e;
}

/*
 * Read a whole file, growing the buffer by copying so that no freed block
 * keeps key material (realloc could leave it behind).
 */
static cmsfw_err
read_file(const char *path, uint8_t **data, size_t *len, cmsfw_diag *diag)
{
    FILE *f;
    uint8_t *buf = NULL, *bigger;
    size_t cap = 0, n = 0, got;
    cmsfw_err e = CMSFW_E_IO;

    *data = NULL;
    *len = 0;
    f = fopen(path, "rb");
    if (f == NULL) {
        cmsfw__key_diag(diag, "%s: %s", path, strerror(errno));
        return CMSFW_E_IO;
    }
    for (;;) {
        if (n == cap) {
            if (cap > CMSFW_KEY_FILE_MAX) {
                cmsfw__key_diag(diag, "%s: larger than %u bytes", path, CMSFW_KEY_FILE_MAX);
                e = CMSFW_DECODE_FAILURE;
                break;
            }
            cap = (cap == 0) ? 4096 : 2 * cap;
            bigger = malloc(cap);
            if (bigger == NULL) {
                cmsfw__key_diag(diag, "%s: out of memory", path);
                e = CMSFW_E_NOMEM;
                break;
            }
            if (n > 0)
                memcpy(bigger, buf, n);
            if (buf != NULL)
                cmsfw__key_wipe(buf, n);
            free(buf);
            buf = bigger;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                cmsfw__key_diag(diag, "%s: read error: %s", path, strerror(errno));
                break;
            }
            e = (n > CMSFW_KEY_FILE_MAX) ? CMSFW_DECODE_FAILURE : CMSFW_OK;
            if (e != CMSFW_OK)
                cmsfw__key_diag(diag, "%s: larger than %u bytes", path, CMSFW_KEY_FILE_MAX);
            break;
        }
    }
    fclose(f);
    if (e != CMSFW_OK) {
        if (buf != NULL)
            cmsfw__key_wipe(buf, n);
        free(buf);
        return e;
    }
    *data = buf;
    *len = n;
    return CMSFW_OK;
}

static void
free_file(uint8_t *data, size_t len)
{
    if (data != NULL)
        cmsfw__key_wipe(data, len);
    free(data);
}

/* see cmsfw/keys.h */
cmsfw_err
cmsfw_key_load_file(cmsfw_key *key, const char *path, cmsfw_key_kind want, size_t index,
                    cmsfw_diag *diag)
{
    uint8_t *data = NULL;
    size_t len = 0;
    cmsfw_err e = CMSFW_E_IO;

    if (key == NULL || path == NULL) {
        cmsfw__key_diag(diag, "cmsfw_key_load_file: NULL argument");
        return CMSFW_E_ARG;
    }
    memset(key, 0, sizeof(*key));
    e = read_file(path, &data, &len, diag);
    if (e == CMSFW_OK)
        e = cmsfw_key_load(key, data, len, want, index, diag);
    free_file(data, len);
    return e;
}

/* see cmsfw/keys.h */
cmsfw_err
cmsfw_key_count_file(const char *path, cmsfw_key_kind want, size_t *n, cmsfw_diag *diag)
{
    uint8_t *data = NULL;
    size_t len = 0;
    cmsfw_err e = CMSFW_E_IO;

    if (n == NULL || path == NULL) {
        cmsfw__key_diag(diag, "cmsfw_key_count_file: NULL argument");
        return CMSFW_E_ARG;
    }
    *n = 0;
    e = read_file(path, &data, &len, diag);
    if (e == CMSFW_OK)
        e = cmsfw_key_count(data, len, want, n, diag);
    free_file(data, len);
    return e;
}

/* see cmsfw/keys.h */
cmsfw_err
cmsfw_pem_decode(const uint8_t *data, size_t len, const char *label, size_t index, uint8_t **der,
                 size_t *der_len, cmsfw_diag *diag)
{
    size_t n = 0;
    uint8_t *buf;
    cmsfw_err e = CMSFW_DECODE_FAILURE;

    if (der == NULL || der_len == NULL) {
        cmsfw__key_diag(diag, "cmsfw_pem_decode: NULL argument");
        return CMSFW_E_ARG;
    }
    *der = NULL;
    *der_len = 0;
    e = cmsfw_pem_decode_into(data, len, label, index, NULL, 0, &n, diag);
    if (e != CMSFW_OK)
        return e;
    buf = malloc(n);
    if (buf == NULL) {
        cmsfw__key_diag(diag, "out of memory (%zu bytes)", n);
        return CMSFW_E_NOMEM;
    }
    e = cmsfw_pem_decode_into(data, len, label, index, buf, n, &n, diag);
    if (e != CMSFW_OK) {
        free(buf);
        return e;
    }
    *der = buf;
    *der_len = n;
    return CMSFW_OK;
}

/* see cmsfw/keys.h */
void
cmsfw_key_free(cmsfw_key *key)
{
    if (key == NULL)
        return;
    if (key->priv_buf != NULL) {
        cmsfw__key_wipe(key->priv_buf, key->priv_buf_len);
        free(key->priv_buf);
    }
    cmsfw__key_wipe(key, sizeof(*key));
}
