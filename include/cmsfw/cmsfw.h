/**
 * @file cmsfw/cmsfw.h
 * @brief Umbrella header of libcmsfw: include this one.
 *
 * @mainpage cmsfw
 *
 * cmsfw protects firmware packages with CMS the way RFC 4108 does and
 * processes them the way a device must. Conventions that hold across the
 * whole API:
 *
 * - Every fallible call returns a ::cmsfw_err. Positive values are the RFC
 *   4108 FirmwarePackageLoadErrorCode values; negative ones are local.
 * - Input buffers are borrowed (::cmsfw_bytes) and never freed by cmsfw.
 * - Output buffers follow (out, out_len, written): out == NULL asks for the
 *   size needed, a short buffer gives CMSFW_E_BUFFER with *written set.
 * - OIDs are DER content octets (see cmsfw/oid.h).
 */
#ifndef CMSFW_CMSFW_H
#define CMSFW_CMSFW_H

#include <cmsfw/cmsfw_config.h>
#include <cmsfw/err.h>
#include <cmsfw/types.h>
#include <cmsfw/oid.h>
#include <cmsfw/fw.h>
#include <cmsfw/keys.h>
#include <cmsfw/inspect.h>
#include <cmsfw/proc.h>
#include <cmsfw/protect.h>
#if CMSFW_MINIMAL
#include <cmsfw/minimal.h>
#endif

#endif
