/*
 * fwcodec_json.h: print RFC 4108 values of cmsfw/fw.h in the canonical
 * form the pyasn1 cross-check compares (see pyasn1_cross.py): one JSON
 * value, ASN.1 component names as keys, OIDs dotted, OCTET STRINGs and
 * AlgorithmIdentifier parameters (whole TLV) in lowercase hex, INTEGERs as
 * numbers, absent OPTIONAL components left out.
 */
#ifndef CMSFW_TESTS_FWCODEC_JSON_H
#define CMSFW_TESTS_FWCODEC_JSON_H

#include <cmsfw/fw.h>

#include <stdio.h>

/* An OCTET STRING as a hex string. */
void fwp_hex(FILE *f, cmsfw_bytes b);
/* An OID (content octets) as a dotted string, or "(unprintable OID)". */
void fwp_oid(FILE *f, cmsfw_bytes oid);

/* One printer per type of cmsfw/fw.h. */
void fwp_pkg_name(FILE *f, const cmsfw_pkg_name *n);
void fwp_pkg_id(FILE *f, const cmsfw_pkg_id *id);
void fwp_oid_list(FILE *f, const cmsfw_oid_list *l);
void fwp_communities(FILE *f, const cmsfw_communities *cs);
void fwp_pkg_info(FILE *f, const cmsfw_pkg_info *pi);
void fwp_fw_digest(FILE *f, const cmsfw_fw_digest *d);
void fwp_hw_module_name(FILE *f, const cmsfw_hw_module_name *h);
void fwp_wrapped_key(FILE *f, const cmsfw_wrapped_key *w);
void fwp_receipt(FILE *f, const cmsfw_receipt *r);
void fwp_error_report(FILE *f, const cmsfw_error_report *e);

#endif
