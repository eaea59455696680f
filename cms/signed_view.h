/* signed_view.h: SignedData framing reader used by inspection (internal). */
#ifndef CMSFW_CMS_SIGNED_VIEW_H
#define CMSFW_CMS_SIGNED_VIEW_H

#include <cmsfw/inspect.h>

#include "asn1/der.h"

/* Read the SignedData TLV @p sd (BER) into @p v. @p econtent receives the
 * eContent OCTET STRING TLV (zeroed when absent). Returns the RFC 4108 code
 * of the structure found malformed. */
cmsfw_err cmsfw__signed_view_read(const cmsfw_der_tlv *sd, cmsfw_signed_view *v,
                                  cmsfw_der_tlv *econtent, cmsfw_diag *diag);

#endif
