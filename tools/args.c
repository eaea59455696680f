/* args.c: option table parsing, the pool, and value parsers. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/oid.h>

#include "tools/args.h"
#include "tools/input.h"

/* ----------------------------------------------------------------- pool */

struct pool_block {
    struct pool_block *next;
    size_t size;
    /* the caller's bytes follow, aligned for any object */
    union {
        long double ld;
        void *vp;
        uint64_t u;
    } align;
};

void *
pool_alloc(tool_pool *p, size_t n)
{
    struct pool_block *b;

    if (n > SIZE_MAX - sizeof *b || (b = calloc(1, sizeof *b + n)) == NULL) {
        fputs("cmsfw: out of memory\n", stderr);
        return NULL;
    }
    b->size = n;
    b->next = p->head;
    p->head = b;
    return &b->align;
}

void *
pool_array(tool_pool *p, size_t n, size_t sz)
{
    if (sz != 0 && n > SIZE_MAX / sz) {
        fputs("cmsfw: out of memory\n", stderr);
        return NULL;
    }
    return pool_alloc(p, n * sz + 1);
}

/* A volatile pointer keeps the compiler from dropping the wipe of memory
 * that is freed right after. */
static void
wipe(void *p, size_t n)
{
    volatile uint8_t *v = p;

    while (n-- > 0)
        *v++ = 0;
}

void
pool_free(tool_pool *p)
{
    struct pool_block *b = p->head, *next;

    while (b != NULL) {
        next = b->next;
        wipe(&b->align, b->size);
        free(b);
        b = next;
    }
    p->head = NULL;
}

/* -------------------------------------------------------- option table */

static int
opt_find(const tool_optscan *s, const char *name, size_t len)
{
    size_t k;

    for (k = 0; k < s->n_opts; k++)
        if (strlen(s->opts[k].name) == len && strncmp(s->opts[k].name, name, len) == 0)
            return (int)k;
    return -1;
}

void
opt_scan_init(tool_optscan *s, const char *cmd, int argc, char **argv, const tool_opt *opts,
              size_t n_opts)
{
    memset(s, 0, sizeof *s);
    s->argc = argc;
    s->argv = argv;
    s->i = 1;
    s->cmd = cmd;
    s->opts = opts;
    s->n_opts = n_opts;
}

int
opt_next(tool_optscan *s, const char **val)
{
    const char *a, *eq;
    int k;

    *val = NULL;
    if (s->i >= s->argc)
        return OPT_END;
    a = s->argv[s->i++];
    if (!s->only_positional && strcmp(a, "--") == 0) {
        s->only_positional = 1;
        if (s->i >= s->argc)
            return OPT_END;
        a = s->argv[s->i++];
    }
    if (s->only_positional || a[0] != '-' || a[1] == '\0') {
        *val = a;
        return OPT_POSITIONAL;
    }
    if (strcmp(a, "-h") == 0)
        a = "--help";
    if (a[1] != '-') {
        fprintf(stderr, "cmsfw %s: unknown option '%s' (try 'cmsfw %s --help')\n", s->cmd, a,
                s->cmd);
        return OPT_ERROR;
    }
    a += 2;
    eq = strchr(a, '=');
    k = opt_find(s, a, eq != NULL ? (size_t)(eq - a) : strlen(a));
    if (k < 0) {
        fprintf(stderr, "cmsfw %s: unknown option '--%s' (try 'cmsfw %s --help')\n", s->cmd, a,
                s->cmd);
        return OPT_ERROR;
    }
    if (s->opts[k].arg == NULL) {
        if (eq != NULL) {
            fprintf(stderr, "cmsfw %s: --%s takes no value\n", s->cmd, s->opts[k].name);
            return OPT_ERROR;
        }
        return k;
    }
    if (eq != NULL) {
        *val = eq + 1;
    } else if (s->i < s->argc) {
        *val = s->argv[s->i++];
    } else {
        fprintf(stderr, "cmsfw %s: --%s needs a value (%s)\n", s->cmd, s->opts[k].name,
                s->opts[k].arg);
        return OPT_ERROR;
    }
    return k;
}

void
opt_usage(FILE *f, const char *synopsis, const tool_opt *opts, size_t n_opts)
{
    size_t k, w;
    char left[64];

    fprintf(f, "usage: %s\n\noptions:\n", synopsis);
    for (k = 0; k < n_opts; k++) {
        if (opts[k].arg != NULL)
            snprintf(left, sizeof left, "--%s %s", opts[k].name, opts[k].arg);
        else
            snprintf(left, sizeof left, "--%s", opts[k].name);
        w = strlen(left);
        if (w <= 26)
            fprintf(f, "  %-26s %s\n", left, opts[k].help);
        else
            fprintf(f, "  %s\n  %-26s %s\n", left, "", opts[k].help);
    }
}

int
opt_index(const tool_opt *opts, size_t n_opts, const char *name)
{
    size_t k;

    for (k = 0; k < n_opts; k++)
        if (strcmp(opts[k].name, name) == 0)
            return (int)k;
    return -1;
}

/* ------------------------------------------------------------- values */

int
arg_error(const tool_argctx *c, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "cmsfw %s: --%s: ", c->cmd, c->opt);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return -1;
}

static int
hexval(int ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* see tools/args.h */
long
arg_hex_decode(const char *s, size_t len, uint8_t *out, int allow_sep)
{
    size_t i;
    long n = 0;
    int hi = -1, v;

    for (i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (allow_sep && (ch == ':' || isspace(ch)) && hi < 0)
            continue;
        if ((v = hexval(ch)) < 0)
            return -1;
        if (hi < 0) {
            hi = v;
        } else {
            if (out != NULL)
                out[n] = (uint8_t)(hi << 4 | v);
            n++;
            hi = -1;
        }
    }
    return hi < 0 ? n : -1;
}

int
arg_hex(const tool_argctx *c, const char *s, cmsfw_bytes *out)
{
    long n = arg_hex_decode(s, strlen(s), NULL, 1);
    uint8_t *buf;

    if (n <= 0)
        return arg_error(c, "'%s' is not hexadecimal octets", s);
    if ((buf = pool_alloc(c->pool, (size_t)n)) == NULL)
        return -1;
    (void)arg_hex_decode(s, strlen(s), buf, 1);
    out->ptr = buf;
    out->len = (size_t)n;
    return 0;
}

int
arg_oid(const tool_argctx *c, const char *s, cmsfw_bytes *out)
{
    const cmsfw_oid_entry *e = NULL;
    uint8_t tmp[CMSFW_OID_MAX_LEN], *buf;
    size_t n = 0;

    if (s[0] != '\0' && !isdigit((unsigned char)s[0])) {
        if ((e = cmsfw_oid_lookup(s)) == NULL)
            return arg_error(c, "'%s' is neither a dotted OID nor a known OID name", s);
        if (e->der_len > sizeof tmp)
            return arg_error(c, "'%s': OID too long", s);
        memcpy(tmp, e->der, e->der_len);
        n = e->der_len;
    } else if (cmsfw_oid_from_dotted(s, tmp, sizeof tmp, &n) != CMSFW_OK) {
        return arg_error(c, "'%s' is not an OBJECT IDENTIFIER (dotted, e.g. 1.3.6.1.4.1.32473.1)",
                         s);
    }
    if ((buf = pool_alloc(c->pool, n)) == NULL)
        return -1;
    memcpy(buf, tmp, n);
    out->ptr = buf;
    out->len = n;
    return 0;
}

int
arg_u64(const tool_argctx *c, const char *s, uint64_t *v)
{
    char *end = NULL;
    unsigned long long x;

    if (!isdigit((unsigned char)s[0]))
        return arg_error(c, "'%s' is not a non-negative decimal number", s);
    errno = 0;
    x = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0' || x > UINT64_MAX)
        return arg_error(c, "'%s' is not a non-negative decimal number", s);
    *v = (uint64_t)x;
    return 0;
}

int
arg_i64(const tool_argctx *c, const char *s, int64_t *v)
{
    char *end = NULL;
    long long x;

    if (!isdigit((unsigned char)s[0]) && !(s[0] == '-' && isdigit((unsigned char)s[1])))
        return arg_error(c, "'%s' is not a decimal number", s);
    errno = 0;
    x = strtoll(s, &end, 10);
    if (errno != 0 || *end != '\0' || x > INT64_MAX || x < INT64_MIN)
        return arg_error(c, "'%s' is not a decimal number", s);
    *v = (int64_t)x;
    return 0;
}

int
arg_split_last(const tool_argctx *c, const char *s, char **a, char **b)
{
    size_t n = strlen(s);
    char *copy = pool_alloc(c->pool, n + 1);
    char *colon;

    if (copy == NULL)
        return -1;
    memcpy(copy, s, n + 1);
    colon = strrchr(copy, ':');
    *a = copy;
    *b = NULL;
    if (colon != NULL) {
        *colon = '\0';
        *b = colon + 1;
    }
    return 0;
}

int
arg_pkg_name(const tool_argctx *c, const char *s, cmsfw_pkg_name *n)
{
    char *oid, *ver;

    memset(n, 0, sizeof *n);
    if (arg_split_last(c, s, &oid, &ver) != 0)
        return -1;
    if (ver == NULL)
        return arg_error(c, "'%s': expected OID:VERSION", s);
    n->form = CMSFW_NAME_PREFERRED;
    if (arg_oid(c, oid, &n->oid) != 0 || arg_u64(c, ver, &n->version) != 0)
        return -1;
    return 0;
}

int
arg_pkg_legacy(const tool_argctx *c, const char *s, cmsfw_pkg_name *n)
{
    memset(n, 0, sizeof *n);
    n->form = CMSFW_NAME_LEGACY;
    return arg_hex(c, s, &n->legacy);
}

int
arg_kek(const tool_argctx *c, const char *s, cmsfw_kek *kek)
{
    const char *colon = strchr(s, ':');
    char *idtext;
    uint8_t *file = NULL, *key;
    size_t len = 0;
    long n;
    int rc = -1;

    memset(kek, 0, sizeof *kek);
    if (colon == NULL || colon == s || colon[1] == '\0')
        return arg_error(c, "'%s': expected IDHEX:KEYFILE", s);
    if ((idtext = pool_alloc(c->pool, (size_t)(colon - s) + 1)) == NULL)
        return -1;
    memcpy(idtext, s, (size_t)(colon - s));
    if (arg_hex(c, idtext, &kek->id) != 0)
        return -1;
    if (tool_read_file(colon + 1, &file, &len) != 0)
        return -1;
    if ((key = pool_alloc(c->pool, 32)) == NULL)
        goto done;
    n = arg_hex_decode((const char *)file, len, NULL, 1);
    if (n == 16 || n == 32) {
        (void)arg_hex_decode((const char *)file, len, key, 1);
    } else if (len == 16 || len == 32) {
        memcpy(key, file, len);
        n = (long)len;
    } else {
        arg_error(c, "%s: a key is 16 or 32 octets, raw or as hex text", colon + 1);
        goto done;
    }
    kek->key.ptr = key;
    kek->key.len = (size_t)n;
    rc = 0;
done:
    wipe(file, len);
    free(file);
    return rc;
}
