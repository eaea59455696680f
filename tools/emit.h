/*
 * emit.h: one walk over a value, two renderings. Every printer in tools/
 * describes fields through these calls; the emitter writes either indented
 * "key: value" text for people or one JSON object whose keys are the ASN.1
 * field names (ARCHITECTURE.md, command-line contract).
 */
#ifndef CMSFW_TOOLS_EMIT_H
#define CMSFW_TOOLS_EMIT_H

#include <stdint.h>
#include <stdio.h>

#include <cmsfw/types.h>

#define EMIT_MAX_DEPTH 32

typedef struct emit {
    FILE *f;
    int json;
    int depth;
    int count[EMIT_MAX_DEPTH]; /* members written at each level (JSON commas) */
    int is_array[EMIT_MAX_DEPTH];
} emit;

void emit_init(emit *e, FILE *f, int json);
/* Finish the output (closes the root JSON object, adds the newline). */
void emit_finish(emit *e);

/* key is the member name; inside an array it is ignored (pass NULL). */
void emit_obj_begin(emit *e, const char *key);
void emit_obj_end(emit *e);
void emit_arr_begin(emit *e, const char *key);
void emit_arr_end(emit *e);
void emit_str(emit *e, const char *key, const char *s);
void emit_hex(emit *e, const char *key, cmsfw_bytes b);
/* OID: dotted in JSON; dotted plus the table name, if any, in text. */
void emit_oid(emit *e, const char *key, cmsfw_bytes oid);
/* Unsigned: a JSON number up to 2^53, a JSON string above (precision). */
void emit_u64(emit *e, const char *key, uint64_t v);
void emit_i64(emit *e, const char *key, int64_t v);
void emit_bool(emit *e, const char *key, int v);

#endif
