/* diag.c: the one-line failure reasons of cms/. */
#include <stdarg.h>
#include <stdio.h>

#include "cms/diag.h"

cmsfw_err
cmsfw__fail(cmsfw_diag *diag, cmsfw_err code, const char *fmt, ...)
{
    va_list ap;

    if (diag != NULL) {
        va_start(ap, fmt);
        vsnprintf(diag->msg, sizeof diag->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}
