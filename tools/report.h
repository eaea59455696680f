/*
 * report.h: what `cmsfw verify` writes for the vendor: the load receipt on
 * acceptance, the load error report on rejection (RFC 4108 sections 3
 * and 4), each in a ContentInfo, or signed by the device (SignedData).
 */
#ifndef CMSFW_TOOLS_REPORT_H
#define CMSFW_TOOLS_REPORT_H

#include <cmsfw/proc.h>
#include <cmsfw/protect.h>

/*
 * FirmwarePackageLoadReceipt: hwType and hwSerialNum of @p dev, fwPkgName,
 * trustAnchorKeyID and (when the package was decrypted) decryptKeyID of
 * @p res. @p signer NULL: unsigned. Written atomically to @p path.
 * Returns 0, or -1 after printing why.
 */
int tool_receipt_write(const char *path, const cmsfw_device *dev, const cmsfw_result *res,
                       const cmsfw_signer *signer);

/*
 * FirmwarePackageLoadError with errorCode @p code (an RFC 4108 value;
 * otherError needs @p vendor_code), fwPkgName when @p res has the package
 * identifier, and the device's installed packages as config.
 */
int tool_error_report_write(const char *path, const cmsfw_device *dev, const cmsfw_result *res,
                            int code, int64_t vendor_code, const cmsfw_signer *signer);

#endif
