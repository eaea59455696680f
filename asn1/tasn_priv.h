/*
 * tasn_priv.h: what the files of asn1/tasn*.c share and nothing else sees.
 */
#ifndef CMSFW_ASN1_TASN_PRIV_H
#define CMSFW_ASN1_TASN_PRIV_H

#include <libtasn1.h>

#include "asn1/tasn.h"

#if defined(__GNUC__) || defined(__clang__)
#define CMSFW__TASN_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CMSFW__TASN_PRINTF(f, a)
#endif

/* Write "<Type>: <where>: <reason>" (or "<Type>: <reason>" when @where is
 * NULL or empty) to @diag when not NULL; return @code. */
cmsfw_err cmsfw__tasn_fail(cmsfw_diag *diag, cmsfw_err code, cmsfw__tasn_type type,
                           const char *where, const char *fmt, ...) CMSFW__TASN_PRINTF(5, 6);

/* @at = the path of (base, p), for a message only ("" if it cannot be
 * built). */
void cmsfw__tasn_where(cmsfw__tasn_at *at, const cmsfw__tasn_at *base, cmsfw__tasn_path p);

/* The status for a libtasn1 failure while building an element. */
cmsfw_err cmsfw__tasn_rc(int rc);

/* 1 when the node at @p is wrapped in an [n] EXPLICIT tag. */
int cmsfw__tasn_path_explicit(cmsfw__tasn_path p);

/* 1 when every arc of the OID content @oid is at most 2^63-1, the most
 * libtasn1 reads and writes right. */
int cmsfw__tasn_oid_arcs_fit(cmsfw_bytes oid);

/* der[0..len) is exactly one definite-length TLV (else a reason in diag). */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_check_one_tlv(const cmsfw__tasn *t, const uint8_t *der,
                                                     size_t len);

/* The DER rules on the decoded element @t of der[0..len): see tasn_der.c. */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_check_der(const cmsfw__tasn *t, const uint8_t *der,
                                                 size_t len);

#endif
