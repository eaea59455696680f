/* diag.h: writing the one-line reason of a failure (internal to cms/). */
#ifndef CMSFW_CMS_DIAG_H
#define CMSFW_CMS_DIAG_H

#include <cmsfw/err.h>
#include <cmsfw/types.h>

#if defined(__GNUC__) || defined(__clang__)
#define CMSFW__PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CMSFW__PRINTF(f, a)
#endif

/* Format the reason into diag (when not NULL) and return code unchanged. */
cmsfw_err cmsfw__fail(cmsfw_diag *diag, cmsfw_err code, const char *fmt, ...) CMSFW__PRINTF(3, 4);

#endif
