/*
 * pem.h: PEM framing and base64, internal to the key loader (cms/keys.c,
 * cms/pem.c, cms/key_parse.c).
 */
#ifndef CMSFW_CMS_PEM_H
#define CMSFW_CMS_PEM_H

#include <stddef.h>
#include <stdint.h>

#include <cmsfw/err.h>
#include <cmsfw/types.h>

#if defined(__GNUC__) || defined(__clang__)
#define CMSFW__KEYS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CMSFW__KEYS_PRINTF(f, a)
#endif

/* One PEM block: the label, the base64 body between the BEGIN and END
 * lines, and where the next block may start. */
typedef struct cmsfw__pem_block {
    const uint8_t *label;
    size_t label_len;
    const uint8_t *body;
    size_t body_len;
    const uint8_t *next;
} cmsfw__pem_block;

/*
 * Find the next block at or after *pos (BEGIN at the start of a line) and
 * check its framing (END line present, same label). *found = 0 and
 * CMSFW_OK when there is none; *pos moves past the block found.
 */
cmsfw_err cmsfw__pem_next(const uint8_t **pos, const uint8_t *end, cmsfw__pem_block *b,
                          int *found, cmsfw_diag *diag);

/* 1 when the block's label is exactly the NUL-terminated label. */
int cmsfw__pem_label_is(const cmsfw__pem_block *b, const char *label);

/*
 * Strict base64 (RFC 4648 alphabet, white space ignored, padding required
 * and canonical). out == NULL counts. CMSFW_E_BUFFER when out_cap is too
 * small (*written = size needed; out is then partly written).
 */
cmsfw_err cmsfw__b64_decode(const uint8_t *in, size_t n, uint8_t *out, size_t out_cap,
                            size_t *written, cmsfw_diag *diag);

/* Write one line of diagnostics (diag may be NULL). */
void cmsfw__key_diag(cmsfw_diag *diag, const char *fmt, ...) CMSFW__KEYS_PRINTF(2, 3);

/* Overwrite n bytes in a way the compiler may not drop. */
void cmsfw__key_wipe(void *p, size_t n);

#endif
