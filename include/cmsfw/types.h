/**
 * @file cmsfw/types.h
 * @brief Small value types shared by every cmsfw header.
 */
#ifndef CMSFW_TYPES_H
#define CMSFW_TYPES_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * A borrowed byte string: cmsfw never frees or writes through it.
 * Where a field is OPTIONAL, ptr == NULL means "absent"; a present but
 * empty value has a non-NULL ptr and len 0.
 */
typedef struct cmsfw_bytes {
    const uint8_t *ptr;
    size_t len;
} cmsfw_bytes;

/**
 * Optional diagnostic text. Functions that take a `cmsfw_diag *` (it may be
 * NULL) write one line there saying why they failed, e.g.
 * "FirmwarePackageLoadReceipt: 3 trailing bytes after the value".
 */
typedef struct cmsfw_diag {
    char msg[192];
} cmsfw_diag;

#ifdef __cplusplus
}
#endif
#endif
