/*
 * test_asn1_util.h: helpers shared by the tests of the ASN.1 module and of
 * the RFC 4108 codec (tests/test_asn1_*.c, tests/test_codec*.c).
 */
#ifndef CMSFW_TESTS_TEST_ASN1_UTIL_H
#define CMSFW_TESTS_TEST_ASN1_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include <cmsfw/err.h>
#include <cmsfw/fw.h>
#include <cmsfw/types.h>

#include "asn1/tasn.h"

/* ---------------------------------------------------------------- bytes */

/* Hex text to bytes (stops at the first non-hex pair); returns the count. */
size_t tu_unhex(const char *hex, uint8_t *out, size_t cap);

/* Bytes from a scratch arena that tu_reset() empties (tests only). */
cmsfw_bytes tu_hex(const char *hex);
cmsfw_bytes tu_oid(const char *dotted);         /* content octets */
cmsfw_bytes tu_fill(size_t len, uint8_t first); /* first, first+1, ... */
void tu_reset(void);

/* Package names: preferred {OID, version} and legacy (hex octets). */
cmsfw_pkg_name tu_preferred(const char *dotted, uint64_t version);
cmsfw_pkg_name tu_legacy(const char *hex);

/* 1 when @oid holds the OID written @dotted. */
int tu_oid_is(cmsfw_bytes oid, const char *dotted);

/* 1 when @b holds exactly the bytes of @hex. */
int tu_bytes_are(cmsfw_bytes b, const char *hex);

/* vectors/published/@name, read whole (NULL and a failed assertion when
 * missing); the caller frees it. */
uint8_t *tu_load_vector(const char *name, size_t *len);

/* ------------------------------------------------------------ encoders */

/* Any cmsfw/fw.h encoder behind one signature (tests wrap each one). */
typedef cmsfw_err (*tu_enc_fn)(const void *in, uint8_t *out, size_t out_len, size_t *written,
                               cmsfw_diag *diag);

/*
 * @in must encode to exactly @hex, following every buffer rule of fw.h:
 * the size query, CMSFW_E_BUFFER one byte short (with the size needed and
 * nothing written past the end), an exact fit.
 */
void tu_check_encoding(tu_enc_fn fn, const void *in, const char *hex);

/* @fn refuses @in with CMSFW_E_ARG, *written 0, and a reason containing
 * @why; the size query refuses it too. */
void tu_check_refused(tu_enc_fn fn, const void *in, const char *why);

/* The reason in @d contains @why (asserted, and shown when not). */
void tu_check_reason(const cmsfw_diag *d, const char *why);

/* ------------------------------------------------------ tasn elements */

/* The element encodes back to exactly der[0..len) (asserted). */
void tu_assert_reencodes(const cmsfw__tasn *t, const uint8_t *der, size_t len);

/* Decode @der as @type and assert that it encodes back to itself. */
int tu_decode_ok(cmsfw__tasn *t, cmsfw__tasn_type type, const uint8_t *der, size_t len);

/* Decode the ContentInfo file @name, check its contentType, then decode
 * its content as @inner_type into @inner; *file keeps the bytes. */
int tu_decode_content_info(const char *name, const char *content_type, cmsfw__tasn_type inner_type,
                           cmsfw__tasn *inner, uint8_t **file);

/* Decode the TLV at (base, p) of @outer as a separate @type element. */
int tu_decode_part(const cmsfw__tasn *outer, const cmsfw__tasn_at *base, cmsfw__tasn_path p,
                   cmsfw__tasn_type type, cmsfw__tasn *t);

/* Positions: p (with index), or p then q (with qindex). */
cmsfw__tasn_at tu_at1(cmsfw__tasn_path p, size_t index);
cmsfw__tasn_at tu_at2(cmsfw__tasn_path p, size_t index, cmsfw__tasn_path q, size_t qindex);

#endif
