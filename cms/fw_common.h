/*
 * fw_common.h: pieces shared by the codec files cms/fw_*.c (internal).
 *
 * Every encoder builds a libtasn1 element through asn1/tasn.h and ends in
 * cmsfw__fw_finish(); every decoder decodes one through cmsfw__tasn_decode()
 * and copies byte ranges out of it. The helpers here read and write the
 * productions that several RFC 4108 types share.
 */
#ifndef CMSFW_CMS_FW_COMMON_H
#define CMSFW_CMS_FW_COMMON_H

#include <cmsfw/fw.h>

#include "asn1/tasn.h"
#include "cms/diag.h"

/*
 * Turn the element into the caller's buffer (fw.h buffer convention) when
 * @st is CMSFW_OK, then free it. Returns the final status; *written is 0
 * after any failure other than CMSFW_E_BUFFER.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw__fw_finish(cmsfw__tasn *t, cmsfw_err st, uint8_t *out,
                                            size_t out_len, size_t *written, cmsfw_diag *diag);

/*
 * As cmsfw__fw_finish, but the encoding must also decode as @check_as:
 * for encoders that copy caller-supplied TLVs libtasn1 cannot check.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw__fw_finish_checked(cmsfw__tasn *t, cmsfw_err st,
                                                    cmsfw__tasn_type check_as, uint8_t *out,
                                                    size_t out_len, size_t *written,
                                                    cmsfw_diag *diag);

/* Write "<Type>: <reason>" to diag and return @code. */
cmsfw_err cmsfw__fw_fail(cmsfw_diag *diag, cmsfw_err code, cmsfw__tasn_type type, const char *fmt,
                         ...) CMSFW__PRINTF(4, 5);

/* The SEQUENCE OF at (@base, @path): *n receives its length and *p an
 * array of *n zeroed elements of @size octets (NULL when *n is 0). */
CMSFW_MUST_CHECK cmsfw_err cmsfw__fw_list(const cmsfw__tasn *t, const cmsfw__tasn_at *base,
                                          cmsfw__tasn_path path, size_t size, void **p,
                                          size_t *n);

/*
 * A version field that is FWReceiptVersion / FWErrorVersion DEFAULT v1:
 * absent, or present as 1 (accepted though DER leaves it out).
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw__fw_check_v1(const cmsfw__tasn *t);

/*
 * PreferredOrLegacyPackageIdentifier at @at (the CHOICE node itself;
 * NULL = the element).
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw__fw_get_name(const cmsfw__tasn *t, const cmsfw__tasn_at *at,
                                              cmsfw_pkg_name *out);
CMSFW_MUST_CHECK cmsfw_err cmsfw__fw_put_name(cmsfw__tasn *t, const cmsfw__tasn_at *at,
                                              const cmsfw_pkg_name *in);

/* AlgorithmIdentifier at @at (the SEQUENCE node itself). */
CMSFW_MUST_CHECK cmsfw_err cmsfw__fw_get_alg(const cmsfw__tasn *t, const cmsfw__tasn_at *at,
                                             cmsfw_alg_id *out);
CMSFW_MUST_CHECK cmsfw_err cmsfw__fw_put_alg(cmsfw__tasn *t, const cmsfw__tasn_at *at,
                                             const cmsfw_alg_id *in);

/* An OPTIONAL OCTET STRING: absent <-> ptr == NULL. */
CMSFW_MUST_CHECK cmsfw_err cmsfw__fw_get_opt_octets(const cmsfw__tasn *t,
                                                    const cmsfw__tasn_at *base, cmsfw__tasn_path p,
                                                    cmsfw_bytes *out);
CMSFW_MUST_CHECK cmsfw_err cmsfw__fw_put_opt_octets(cmsfw__tasn *t, const cmsfw__tasn_at *base,
                                                    cmsfw__tasn_path p, cmsfw_bytes v);

/* @at = item @index (0-based) of the list at (@base, @p). */
CMSFW_MUST_CHECK cmsfw_err cmsfw__fw_item(const cmsfw__tasn *t, cmsfw__tasn_at *at,
                                          const cmsfw__tasn_at *base, cmsfw__tasn_path p,
                                          size_t index);

#endif
