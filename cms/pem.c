/*
 * pem.c: PEM blocks (RFC 7468) and strict base64 (RFC 4648), without
 * allocation.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <cmsfw/keys.h>

#include "cms/pem.h"

static const char b64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

#define PEM_BEGIN "-----BEGIN "
#define PEM_END "-----END "
#define PEM_DASHES "-----"
#define PEM_LINE 64

/* see cms/pem.h */
void
cmsfw__key_diag(cmsfw_diag *diag, const char *fmt, ...)
{
    va_list ap;

    if (diag == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(diag->msg, sizeof(diag->msg), fmt, ap);
    va_end(ap);
}

/* see cms/pem.h */
void
cmsfw__key_wipe(void *p, size_t n)
{
    volatile uint8_t *v = p;

    while (n-- > 0)
        *v++ = 0;
}

static int
b64_value(uint8_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

static int
is_space(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* RFC 1421 headers ("Proc-Type: ...") are the lines with a colon. */
static int
has_colon(const uint8_t *p, const uint8_t *end)
{
    for (; p < end && *p != '\n'; p++)
        if (*p == ':')
            return 1;
    return 0;
}

/* Store k decoded octets, or only count them once out is full. */
static void
b64_emit(uint32_t acc, int k, uint8_t *out, size_t out_cap, size_t *o)
{
    int i;

    for (i = 0; i < k; i++) {
        if (out != NULL && *o < out_cap)
            out[*o] = (uint8_t)(acc >> (8 * (k - 1 - i)));
        (*o)++;
    }
}

/* see cms/pem.h */
cmsfw_err
cmsfw__b64_decode(const uint8_t *in, size_t n, uint8_t *out, size_t out_cap, size_t *written,
                  cmsfw_diag *diag)
{
    uint32_t acc = 0;
    int q = 0, pad = 0, v;
    size_t i, o = 0, line = 1, line_start = 0;

    *written = 0;
    for (i = 0; i < n; i++) {
        if (is_space(in[i])) {
            if (in[i] == '\n') {
                line++;
                line_start = i + 1;
            }
            continue;
        }
        if (in[i] == '=') {
            if (q < 2 || q + pad >= 4) {
                cmsfw__key_diag(diag, "base64: misplaced padding on line %zu", line);
                return CMSFW_DECODE_FAILURE;
            }
            pad++;
            continue;
        }
        v = b64_value(in[i]);
        if (v < 0 || pad > 0) {
            if (has_colon(in + line_start, in + n))
                cmsfw__key_diag(diag, "PEM header lines (e.g. Proc-Type, a legacy encrypted "
                                      "key) are not supported");
            else if (v < 0)
                cmsfw__key_diag(diag, "base64: invalid character 0x%02x on line %zu",
                                (unsigned)in[i], line);
            else
                cmsfw__key_diag(diag, "base64: data after padding on line %zu", line);
            return CMSFW_DECODE_FAILURE;
        }
        acc = (acc << 6) | (uint32_t)v;
        if (++q == 4) {
            b64_emit(acc, 3, out, out_cap, &o);
            acc = 0;
            q = 0;
        }
    }
    /* the last quantum: 2 characters + "==" or 3 + "=", unused bits zero */
    if (q == 2 && pad == 2 && (acc & 0x0Fu) == 0) {
        b64_emit(acc >> 4, 1, out, out_cap, &o);
    } else if (q == 3 && pad == 1 && (acc & 0x03u) == 0) {
        b64_emit(acc >> 2, 2, out, out_cap, &o);
    } else if (q != 0 || pad != 0) {
        cmsfw__key_diag(diag, "base64: %s", (q + pad) % 4 != 0 ? "truncated or missing padding"
                                                               : "non-zero bits before padding");
        return CMSFW_DECODE_FAILURE;
    }
    *written = o;
    return (out != NULL && o > out_cap) ? CMSFW_E_BUFFER : CMSFW_OK;
}

/* see cmsfw/keys.h */
int
cmsfw_pem_detect(const uint8_t *data, size_t len)
{
    const size_t m = sizeof(PEM_BEGIN) - 1;
    size_t i;

    for (i = 0; data != NULL && len >= m && i <= len - m; i++)
        if (data[i] == '-' && memcmp(data + i, PEM_BEGIN, m) == 0)
            return 1;
    return 0;
}

/* End of the line starting at p (the '\n', or end). */
static const uint8_t *
line_end(const uint8_t *p, const uint8_t *end)
{
    while (p < end && *p != '\n')
        p++;
    return p;
}

static int
starts_with(const uint8_t *p, const uint8_t *end, const char *s)
{
    size_t m = strlen(s);

    return (size_t)(end - p) >= m && memcmp(p, s, m) == 0;
}

/* Only white space between p and the end of its line. */
static int
rest_blank(const uint8_t *p, const uint8_t *eol)
{
    while (p < eol && (*p == ' ' || *p == '\t' || *p == '\r'))
        p++;
    return p == eol;
}

/*
 * The label of a "-----BEGIN label-----" or "-----END label-----" line
 * starting at p: RFC 7468 labelchars (printable, no leading, trailing or
 * doubled hyphen or space). Returns 0 when the line is malformed.
 */
static int
parse_label(const uint8_t *p, const uint8_t *eol, size_t prefix, const uint8_t **label,
            size_t *label_len)
{
    const uint8_t *l = p + prefix, *q;

    for (q = l; q < eol && *q != '-'; q++)
        if (*q < 0x20 || *q > 0x7E)
            return 0;
    if (q == l || !starts_with(q, eol, PEM_DASHES) || l[0] == ' ' || q[-1] == ' ' ||
        !rest_blank(q + 5, eol))
        return 0;
    *label = l;
    *label_len = (size_t)(q - l);
    return 1;
}

/* see cms/pem.h */
cmsfw_err
cmsfw__pem_next(const uint8_t **pos, const uint8_t *end, cmsfw__pem_block *b, int *found,
                cmsfw_diag *diag)
{
    const uint8_t *p = *pos, *eol, *el, *line;
    size_t el_len = 0;

    *found = 0;
    memset(b, 0, sizeof(*b));
    /* a BEGIN line starts at the start of the input or after a newline */
    while (p < end && !starts_with(p, end, PEM_BEGIN)) {
        eol = line_end(p, end);
        p = (eol < end) ? eol + 1 : end;
    }
    if (p >= end) {
        *pos = end;
        return CMSFW_OK;
    }
    eol = line_end(p, end);
    if (!parse_label(p, eol, sizeof(PEM_BEGIN) - 1, &b->label, &b->label_len) || eol == end) {
        cmsfw__key_diag(diag, "PEM: malformed or cut BEGIN line");
        return CMSFW_DECODE_FAILURE;
    }
    b->body = eol + 1;
    for (line = b->body; line < end; line = (eol < end) ? eol + 1 : end) {
        eol = line_end(line, end);
        if (starts_with(line, eol, PEM_BEGIN)) {
            cmsfw__key_diag(diag, "PEM: BEGIN line inside the %.*s block", (int)b->label_len,
                            (const char *)b->label);
            return CMSFW_DECODE_FAILURE;
        }
        if (!starts_with(line, eol, PEM_END))
            continue;
        if (!parse_label(line, eol, sizeof(PEM_END) - 1, &el, &el_len) || el_len != b->label_len ||
            memcmp(el, b->label, el_len) != 0) {
            cmsfw__key_diag(diag, "PEM: END line does not match BEGIN %.*s", (int)b->label_len,
                            (const char *)b->label);
            return CMSFW_DECODE_FAILURE;
        }
        b->body_len = (size_t)(line - b->body);
        b->next = (eol < end) ? eol + 1 : end;
        *pos = b->next;
        *found = 1;
        return CMSFW_OK;
    }
    cmsfw__key_diag(diag, "PEM: no END line for %.*s (truncated?)", (int)b->label_len,
                    (const char *)b->label);
    return CMSFW_DECODE_FAILURE;
}

/* see cms/pem.h */
int
cmsfw__pem_label_is(const cmsfw__pem_block *b, const char *label)
{
    return strlen(label) == b->label_len && memcmp(b->label, label, b->label_len) == 0;
}

/* see cmsfw/keys.h */
cmsfw_err
cmsfw_pem_decode_into(const uint8_t *data, size_t len, const char *label, size_t index,
                      uint8_t *out, size_t out_len, size_t *written, cmsfw_diag *diag)
{
    const uint8_t *pos = data, *end = data + len;
    cmsfw__pem_block b;
    cmsfw_err e = CMSFW_DECODE_FAILURE;
    int found = 0;
    size_t seen = 0;

    if (written != NULL)
        *written = 0;
    if (data == NULL || written == NULL) {
        cmsfw__key_diag(diag, "cmsfw_pem_decode_into: NULL argument");
        return CMSFW_E_ARG;
    }
    for (;;) {
        e = cmsfw__pem_next(&pos, end, &b, &found, diag);
        if (e != CMSFW_OK)
            return e;
        if (!found) {
            cmsfw__key_diag(diag, "PEM: no block %zu labelled %s (found %zu)", index,
                            label != NULL ? label : "(any)", seen);
            return CMSFW_DECODE_FAILURE;
        }
        if (label != NULL && !cmsfw__pem_label_is(&b, label))
            continue;
        if (seen++ == index)
            break;
    }
    e = cmsfw__b64_decode(b.body, b.body_len, out, out_len, written, diag);
    if (e == CMSFW_OK && *written == 0) {
        cmsfw__key_diag(diag, "PEM: empty %.*s block", (int)b.label_len, (const char *)b.label);
        e = CMSFW_DECODE_FAILURE;
    }
    return e;
}

/* Append n bytes (or count them once out is full). */
static void
put(uint8_t *out, size_t out_len, size_t *o, const void *p, size_t n)
{
    if (out != NULL && n <= out_len && *o <= out_len - n)
        memcpy(out + *o, p, n);
    *o += n;
}

/* see cmsfw/keys.h */
cmsfw_err
cmsfw_pem_encode(const char *label, cmsfw_bytes der, uint8_t *out, size_t out_len,
                 size_t *written)
{
    size_t i, o = 0, col = 0, k, label_len;
    uint8_t quad[4], in3[3];
    uint32_t acc;

    if (written != NULL)
        *written = 0;
    if (label == NULL || written == NULL || (der.ptr == NULL && der.len > 0))
        return CMSFW_E_ARG;
    label_len = strlen(label);
    if (label_len == 0 || label_len > 64 || label[0] == ' ' || label[label_len - 1] == ' ')
        return CMSFW_E_ARG;
    for (i = 0; i < label_len; i++)
        if (label[i] < 0x20 || label[i] > 0x7E || label[i] == '-')
            return CMSFW_E_ARG;
    /* a size that cannot be represented is refused up front */
    if (der.len > (SIZE_MAX / 4) * 3 - 3 * PEM_LINE)
        return CMSFW_E_ARG;
    put(out, out_len, &o, PEM_BEGIN, sizeof(PEM_BEGIN) - 1);
    put(out, out_len, &o, label, label_len);
    put(out, out_len, &o, PEM_DASHES "\n", 6);
    for (i = 0; i < der.len; i += 3) {
        k = der.len - i < 3 ? der.len - i : 3;
        memset(in3, 0, sizeof(in3));
        memcpy(in3, der.ptr + i, k);
        acc = ((uint32_t)in3[0] << 16) | ((uint32_t)in3[1] << 8) | in3[2];
        quad[0] = (uint8_t)b64_alphabet[(acc >> 18) & 63u];
        quad[1] = (uint8_t)b64_alphabet[(acc >> 12) & 63u];
        quad[2] = k > 1 ? (uint8_t)b64_alphabet[(acc >> 6) & 63u] : (uint8_t)'=';
        quad[3] = k > 2 ? (uint8_t)b64_alphabet[acc & 63u] : (uint8_t)'=';
        put(out, out_len, &o, quad, 4);
        col += 4;
        if (col == PEM_LINE || i + 3 >= der.len) {
            put(out, out_len, &o, "\n", 1);
            col = 0;
        }
    }
    put(out, out_len, &o, PEM_END, sizeof(PEM_END) - 1);
    put(out, out_len, &o, label, label_len);
    put(out, out_len, &o, PEM_DASHES "\n", 6);
    *written = o;
    return (out != NULL && o > out_len) ? CMSFW_E_BUFFER : CMSFW_OK;
}
