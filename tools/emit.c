/* emit.c: text and JSON renderings of one field walk. */
#include <inttypes.h>
#include <string.h>

#include <cmsfw/oid.h>

#include "tools/emit.h"

void
emit_init(emit *e, FILE *f, int json)
{
    memset(e, 0, sizeof *e);
    e->f = f;
    e->json = json;
    if (json)
        fputc('{', f);
}

void
emit_finish(emit *e)
{
    if (e->json)
        fputc('}', e->f);
    fputc('\n', e->f);
}

static void
json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s != '\0'; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            fprintf(f, "\\%c", ch);
        else if (ch < 0x20 || ch >= 0x7f)
            fprintf(f, "\\u%04x", ch);
        else
            fputc(ch, f);
    }
    fputc('"', f);
}

/* Start a member: separator and key in JSON, indentation and key in text. */
static void
member(emit *e, const char *key, int opens)
{
    int d = e->depth;

    if (e->json) {
        if (e->count[d]++ > 0)
            fputc(',', e->f);
        if (!e->is_array[d] && key != NULL) {
            json_string(e->f, key);
            fputc(':', e->f);
        }
        return;
    }
    fprintf(e->f, "%*s", 2 * d, "");
    if (e->is_array[d])
        fputs("- ", e->f);
    else if (key != NULL)
        fprintf(e->f, "%s:%s", key, opens ? "" : " ");
    if (opens)
        fputc('\n', e->f);
}

static void
push(emit *e, int array)
{
    if (e->depth + 1 < EMIT_MAX_DEPTH) {
        e->depth++;
        e->count[e->depth] = 0;
        e->is_array[e->depth] = array;
    }
}

void
emit_obj_begin(emit *e, const char *key)
{
    member(e, key, 1);
    if (e->json)
        fputc('{', e->f);
    push(e, 0);
}

void
emit_obj_end(emit *e)
{
    if (e->depth > 0)
        e->depth--;
    if (e->json)
        fputc('}', e->f);
}

void
emit_arr_begin(emit *e, const char *key)
{
    member(e, key, 1);
    if (e->json)
        fputc('[', e->f);
    push(e, 1);
}

void
emit_arr_end(emit *e)
{
    if (e->depth > 0)
        e->depth--;
    if (e->json)
        fputc(']', e->f);
}

void
emit_str(emit *e, const char *key, const char *s)
{
    member(e, key, 0);
    if (e->json)
        json_string(e->f, s);
    else
        fprintf(e->f, "%s\n", s);
}

void
emit_hex(emit *e, const char *key, cmsfw_bytes b)
{
    size_t i;

    member(e, key, 0);
    if (e->json)
        fputc('"', e->f);
    for (i = 0; i < b.len; i++)
        fprintf(e->f, "%02x", b.ptr[i]);
    if (e->json)
        fputc('"', e->f);
    else
        fputc('\n', e->f);
}

void
emit_oid(emit *e, const char *key, cmsfw_bytes oid)
{
    char dotted[CMSFW_OID_MAX_DOTTED];
    const char *name = cmsfw_oid_name(oid);

    if (cmsfw_oid_to_dotted(oid, dotted, sizeof dotted) != CMSFW_OK) {
        emit_hex(e, key, oid); /* not a valid OID: show what is there */
        return;
    }
    member(e, key, 0);
    if (e->json)
        json_string(e->f, dotted);
    else if (name != NULL)
        fprintf(e->f, "%s (%s)\n", dotted, name);
    else
        fprintf(e->f, "%s\n", dotted);
}

void
emit_u64(emit *e, const char *key, uint64_t v)
{
    member(e, key, 0);
    if (e->json && v > (UINT64_C(1) << 53))
        fprintf(e->f, "\"%" PRIu64 "\"", v);
    else
        fprintf(e->f, "%" PRIu64 "%s", v, e->json ? "" : "\n");
}

void
emit_i64(emit *e, const char *key, int64_t v)
{
    int64_t lim = (int64_t)1 << 53;

    member(e, key, 0);
    if (e->json && (v > lim || v < -lim))
        fprintf(e->f, "\"%" PRId64 "\"", v);
    else
        fprintf(e->f, "%" PRId64 "%s", v, e->json ? "" : "\n");
}

void
emit_bool(emit *e, const char *key, int v)
{
    member(e, key, 0);
    fprintf(e->f, "%s%s", v ? "true" : "false", e->json ? "" : "\n");
}
