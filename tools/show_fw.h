/* show_fw.h: describe RFC 4108 values through the emitter. */
#ifndef CMSFW_TOOLS_SHOW_FW_H
#define CMSFW_TOOLS_SHOW_FW_H

#include <cmsfw/fw.h>
#include <cmsfw/inspect.h>

#include "tools/emit.h"

void show_pkg_name(emit *e, const char *key, const cmsfw_pkg_name *n);
void show_alg_id(emit *e, const char *key, const cmsfw_alg_id *a);
void show_receipt(emit *e, const cmsfw_receipt *r);
void show_error_report(emit *e, const cmsfw_error_report *r);
/* One attribute: its type and, for the types cmsfw knows, its decoded value. */
void show_attribute(emit *e, const cmsfw_attr_view *a);

#endif
