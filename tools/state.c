/* state.c: the device state file (installed packages, stale list). */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/oid.h>

#include "tools/outfile.h"
#include "tools/state.h"

static int
add_installed(tool_state *st, const cmsfw_installed *in)
{
    cmsfw_installed *a = pool_grow(st->pool, st->installed, st->n_installed,
                                   &st->cap_installed, sizeof *a);

    if (a == NULL)
        return -1;
    st->installed = a;
    a[st->n_installed++] = *in;
    return 0;
}

static int
add_stale(tool_state *st, const cmsfw_stale_entry *s)
{
    cmsfw_stale_entry *a = pool_grow(st->pool, st->stale, st->n_stale, &st->cap_stale,
                                     sizeof *a);

    if (a == NULL)
        return -1;
    st->stale = a;
    a[st->n_stale++] = *s;
    return 0;
}

/* One entry line, already split into words. */
static int
parse_entry(tool_state *st, const tool_argctx *c, char **w, int n)
{
    cmsfw_installed in;
    cmsfw_stale_entry s;
    cmsfw_pkg_name name;

    memset(&in, 0, sizeof in);
    if (strcmp(w[0], "installed") == 0 && (n == 3 || n == 4)) {
        in.name.form = CMSFW_NAME_PREFERRED;
        if (arg_oid(c, w[1], &in.name.oid) != 0 || arg_u64(c, w[2], &in.name.version) != 0)
            return -1;
    } else if (strcmp(w[0], "installed-legacy") == 0 && (n == 2 || n == 3)) {
        if (arg_pkg_legacy(c, w[1], &in.name) != 0)
            return -1;
    } else if (strcmp(w[0], "stale") == 0 && n == 3) {
        if (arg_oid(c, w[1], &name.oid) != 0 || arg_u64(c, w[2], &s.version) != 0)
            return -1;
        s.oid = name.oid;
        return add_stale(st, &s);
    } else {
        return arg_error(c, "expected 'installed OID VERSION [TYPE]', "
                            "'installed-legacy HEX [TYPE]' or 'stale OID VERSION'");
    }
    if (n == (in.name.form == CMSFW_NAME_PREFERRED ? 4 : 3)) {
        in.has_type = 1;
        if (arg_i64(c, w[n - 1], &in.type) != 0)
            return -1;
    }
    return add_installed(st, &in);
}

static int
parse_line(tool_state *st, const tool_argctx *c, char *line)
{
    char *w[6], *p = line;
    int n = 0;

    if ((p = strchr(line, '#')) != NULL)
        *p = '\0';
    for (p = strtok(line, " \t\r\n"); p != NULL; p = strtok(NULL, " \t\r\n")) {
        if (n == 5)
            return arg_error(c, "too many words");
        w[n++] = p;
    }
    if (n == 0)
        return 0;
    return parse_entry(st, c, w, n);
}

int
tool_state_load(tool_state *st, tool_pool *pool, const char *path)
{
    char line[TOOL_STATE_LINE_MAX + 2], where[TOOL_PATH_MAX + 32];
    tool_argctx c;
    FILE *f;
    unsigned long lineno = 0;
    int rc = 0;

    memset(st, 0, sizeof *st);
    st->pool = pool;
    if ((f = fopen(path, "r")) == NULL) {
        if (errno == ENOENT)
            return 0;
        fprintf(stderr, "cmsfw: %s: %s\n", path, strerror(errno));
        return -1;
    }
    c.pool = pool;
    c.cmd = "verify";
    c.opt = where;
    while (rc == 0 && fgets(line, sizeof line, f) != NULL) {
        lineno++;
        snprintf(where, sizeof where, "state %s:%lu", path, lineno);
        if (strlen(line) > TOOL_STATE_LINE_MAX)
            rc = arg_error(&c, "line too long");
        else
            rc = parse_line(st, &c, line);
    }
    if (rc == 0 && ferror(f)) {
        fprintf(stderr, "cmsfw: %s: read error\n", path);
        rc = -1;
    }
    fclose(f);
    return rc;
}

int
tool_state_to_device(const tool_state *st, tool_device *d)
{
    size_t i;

    for (i = 0; i < st->n_installed; i++)
        if (tool_device_add_installed(d, &st->installed[i]) != 0)
            return -1;
    for (i = 0; i < st->n_stale; i++)
        if (tool_device_add_stale(d, &st->stale[i]) != 0)
            return -1;
    return 0;
}

static int
same_name(const cmsfw_pkg_name *a, const cmsfw_pkg_name *b)
{
    if (a->form != b->form)
        return 0;
    if (a->form == CMSFW_NAME_PREFERRED)
        return cmsfw_oid_equal(a->oid, b->oid);
    return a->legacy.len == b->legacy.len &&
           (a->legacy.len == 0 || memcmp(a->legacy.ptr, b->legacy.ptr, a->legacy.len) == 0);
}

/* Copy @p b into the pool: the result's views die with the processor. */
static int
keep(tool_pool *pool, cmsfw_bytes *b)
{
    uint8_t *copy;

    if (b->ptr == NULL)
        return 0;
    if ((copy = pool_alloc(pool, b->len)) == NULL)
        return -1;
    if (b->len > 0)
        memcpy(copy, b->ptr, b->len);
    b->ptr = copy;
    return 0;
}

int
tool_state_record(tool_state *st, const cmsfw_result *res)
{
    cmsfw_installed in;
    cmsfw_stale_entry s;
    size_t i;

    if (!res->has_pkg_id)
        return 0;
    memset(&in, 0, sizeof in);
    in.name = res->pkg_id.name;
    if (keep(st->pool, &in.name.oid) != 0 || keep(st->pool, &in.name.legacy) != 0)
        return -1;
    in.has_type = res->has_pkg_type;
    in.type = res->pkg_type;
    for (i = 0; i < st->n_installed && !same_name(&st->installed[i].name, &in.name); i++)
        ;
    if (i < st->n_installed) {
        if (!in.has_type) {
            in.has_type = st->installed[i].has_type;
            in.type = st->installed[i].type;
        }
        st->installed[i] = in;
    } else if (add_installed(st, &in) != 0) {
        return -1;
    }
    if (res->pkg_id.stale_form != CMSFW_STALE_PREFERRED || in.name.form != CMSFW_NAME_PREFERRED)
        return 0;
    for (i = 0; i < st->n_stale; i++)
        if (cmsfw_oid_equal(st->stale[i].oid, in.name.oid)) {
            if (st->stale[i].version < res->pkg_id.stale_version)
                st->stale[i].version = res->pkg_id.stale_version;
            return 0;
        }
    s.oid = in.name.oid;
    s.version = res->pkg_id.stale_version;
    return add_stale(st, &s);
}

static void
put_hex(FILE *f, cmsfw_bytes b)
{
    size_t i;

    for (i = 0; i < b.len; i++)
        fprintf(f, "%02x", b.ptr[i]);
}

static int
put_oid(FILE *f, cmsfw_bytes oid)
{
    char dotted[CMSFW_OID_MAX_DOTTED];

    if (cmsfw_oid_to_dotted(oid, dotted, sizeof dotted) != CMSFW_OK)
        return -1;
    fputs(dotted, f);
    return 0;
}

int
tool_state_save(const tool_state *st, const char *path)
{
    char *text = NULL;
    size_t len = 0, i;
    FILE *f = open_memstream(&text, &len);
    int rc = -1;

    if (f == NULL) {
        fputs("cmsfw: out of memory\n", stderr);
        return -1;
    }
    fputs("# cmsfw device state (see cmsfw(1), --state)\n", f);
    for (i = 0; i < st->n_installed; i++) {
        const cmsfw_installed *in = &st->installed[i];
        if (in->name.form == CMSFW_NAME_PREFERRED) {
            fputs("installed ", f);
            if (put_oid(f, in->name.oid) != 0)
                goto done;
            fprintf(f, " %" PRIu64, in->name.version);
        } else {
            fputs("installed-legacy ", f);
            put_hex(f, in->name.legacy);
        }
        if (in->has_type)
            fprintf(f, " %" PRId64, in->type);
        fputc('\n', f);
    }
    for (i = 0; i < st->n_stale; i++) {
        fputs("stale ", f);
        if (put_oid(f, st->stale[i].oid) != 0)
            goto done;
        fprintf(f, " %" PRIu64 "\n", st->stale[i].version);
    }
    rc = 0;
done:
    if (fclose(f) != 0)
        rc = -1;
    if (rc == 0)
        rc = tool_out_write_file(path, (const uint8_t *)text, len);
    else
        fprintf(stderr, "cmsfw: %s: cannot write the state\n", path);
    free(text);
    return rc;
}
