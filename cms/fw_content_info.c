/*
 * fw_content_info.c: the outer ContentInfo of unsigned receipts and error
 * reports (RFC 4108 sections 3 and 4; RFC 5652 section 3).
 *
 * ContentInfo ::= SEQUENCE {
 *   contentType ContentType,
 *   content     [0] EXPLICIT ANY DEFINED BY contentType }
 */
#include "cms/fw_common.h"

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_content_info_encode(cmsfw_bytes content_type, cmsfw_bytes content, uint8_t *out,
                          size_t out_len, size_t *written, cmsfw_diag *diag)
{
    cmsfw__tasn t;
    cmsfw_err st = CMSFW_E_ARG;

    if (written == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, CMSFW__TASN_CONTENT_INFO, "NULL argument");
    *written = 0;
    st = cmsfw__tasn_new(&t, CMSFW__TASN_CONTENT_INFO, diag);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_put_oid(&t, NULL, CMSFW__TASN_CI_CONTENT_TYPE, content_type);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_put_tlv(&t, NULL, CMSFW__TASN_CI_CONTENT, content);
    return cmsfw__fw_finish(&t, st, out, out_len, written, diag);
}
