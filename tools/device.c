/* device.c: verify's flags -> cmsfw_device. */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tools/device.h"

void *
pool_grow(tool_pool *p, void *arr, size_t n, size_t *cap, size_t sz)
{
    size_t want;
    void *grown;

    if (n < *cap)
        return arr;
    want = *cap == 0 ? 8 : *cap * 2;
    if ((grown = pool_array(p, want, sz)) == NULL)
        return NULL;
    if (n > 0)
        memcpy(grown, arr, n * sz);
    *cap = want;
    return grown; /* the old array stays in the pool until the end */
}

void
tool_device_init(tool_device *d, tool_pool *pool)
{
    memset(d, 0, sizeof *d);
    d->pool = pool;
}

void
tool_device_free(tool_device *d)
{
    size_t i;

    for (i = 0; i < d->n_keys; i++)
        cmsfw_key_free(&d->keys[i]);
    free(d->keys);
    d->keys = NULL;
    d->n_keys = 0;
}

static cmsfw_key *
new_key(tool_device *d)
{
    cmsfw_key *grown;
    size_t want;

    if (d->n_keys == d->cap_keys) {
        want = d->cap_keys == 0 ? 4 : d->cap_keys * 2;
        if ((grown = realloc(d->keys, want * sizeof *grown)) == NULL)
            return NULL;
        d->keys = grown;
        d->cap_keys = want;
    }
    memset(&d->keys[d->n_keys], 0, sizeof d->keys[0]);
    return &d->keys[d->n_keys++];
}

static int
push_anchor(tool_device *d, const cmsfw_key *k, cmsfw_bytes key_id, uint32_t flags)
{
    cmsfw_anchor *a;

    a = pool_grow(d->pool, d->anchors, d->dev.n_anchors, &d->cap_anchors, sizeof *a);
    if (a == NULL)
        return -1;
    d->anchors = a;
    d->dev.anchors = a;
    a = &d->anchors[d->dev.n_anchors++];
    a->spki = k->spki;
    a->key_id = key_id;
    if (k->kind == CMSFW_KEY_CERTIFICATE)
        a->cert = k->der;
    a->flags = flags;
    return 0;
}

/* Load every certificate of @p path, or its one public key. */
static int
load_anchor_file(tool_device *d, const tool_argctx *c, const char *path, cmsfw_bytes key_id,
                 uint32_t flags)
{
    cmsfw_diag diag = {""};
    size_t n = 0, i;
    cmsfw_key *k;
    cmsfw_err e;

    e = cmsfw_key_count_file(path, CMSFW_KEY_CERTIFICATE, &n, &diag);
    if (e == CMSFW_E_IO)
        return arg_error(c, "%s: cannot read the file", path);
    for (i = 0; e == CMSFW_OK && i < n; i++) {
        if ((k = new_key(d)) == NULL)
            return arg_error(c, "out of memory");
        e = cmsfw_key_load_file(k, path, CMSFW_KEY_CERTIFICATE, i, &diag);
        if (e != CMSFW_OK) {
            d->n_keys--;
            break;
        }
        if (push_anchor(d, k, key_id, flags) != 0)
            return -1;
    }
    if (e == CMSFW_OK && n > 0)
        return 0;
    if (e == CMSFW_OK) {
        if ((k = new_key(d)) == NULL)
            return arg_error(c, "out of memory");
        e = cmsfw_key_load_file(k, path, CMSFW_KEY_PUBLIC, 0, &diag);
        if (e != CMSFW_OK) {
            d->n_keys--;
            return arg_error(c, "%s: neither a certificate nor a public key (%s)", path,
                             diag.msg[0] ? diag.msg : cmsfw_err_name(e));
        }
        if (key_id.ptr == NULL)
            return arg_error(c, "%s is a public key: give its key identifier as %s:KEYIDHEX",
                             path, path);
        return push_anchor(d, k, key_id, flags);
    }
    return arg_error(c, "%s: %s", path, diag.msg[0] ? diag.msg : cmsfw_err_name(e));
}

int
tool_device_add_anchor(tool_device *d, const tool_argctx *c, const char *spec, uint32_t flags)
{
    cmsfw_bytes key_id = {NULL, 0};
    char *path, *idhex;

    /* A path that exists is taken whole, so that a file name with a colon
     * still works; otherwise the text after the last colon is the key id. */
    if (access(spec, F_OK) == 0)
        return load_anchor_file(d, c, spec, key_id, flags);
    if (arg_split_last(c, spec, &path, &idhex) != 0)
        return -1;
    if (idhex == NULL || access(path, F_OK) != 0)
        return arg_error(c, "%s: no such file", path);
    if (arg_hex(c, idhex, &key_id) != 0)
        return -1;
    return load_anchor_file(d, c, path, key_id, flags);
}

int
tool_device_add_community(tool_device *d, cmsfw_bytes oid)
{
    cmsfw_bytes *a = pool_grow(d->pool, d->communities, d->dev.n_communities,
                               &d->cap_communities, sizeof *a);

    if (a == NULL)
        return -1;
    d->communities = a;
    d->dev.communities = a;
    a[d->dev.n_communities++] = oid;
    return 0;
}

int
tool_device_add_kek(tool_device *d, const cmsfw_kek *kek)
{
    cmsfw_kek *a = pool_grow(d->pool, d->keks, d->dev.n_keks, &d->cap_keks, sizeof *a);

    if (a == NULL)
        return -1;
    d->keks = a;
    d->dev.keks = a;
    a[d->dev.n_keks++] = *kek;
    return 0;
}

int
tool_device_add_installed(tool_device *d, const cmsfw_installed *in)
{
    cmsfw_installed *a = pool_grow(d->pool, d->installed, d->dev.n_installed,
                                   &d->cap_installed, sizeof *a);

    if (a == NULL)
        return -1;
    d->installed = a;
    d->dev.installed = a;
    a[d->dev.n_installed++] = *in;
    return 0;
}

int
tool_device_add_stale(tool_device *d, const cmsfw_stale_entry *st)
{
    cmsfw_stale_entry *a = pool_grow(d->pool, d->stale, d->dev.n_stale, &d->cap_stale,
                                     sizeof *a);

    if (a == NULL)
        return -1;
    d->stale = a;
    d->dev.stale = a;
    a[d->dev.n_stale++] = *st;
    return 0;
}

int
tool_device_add_pkg_type(tool_device *d, int64_t type)
{
    int64_t *a = pool_grow(d->pool, d->pkg_types, d->dev.n_pkg_types, &d->cap_pkg_types,
                           sizeof *a);

    if (a == NULL)
        return -1;
    d->pkg_types = a;
    d->dev.pkg_types = a;
    a[d->dev.n_pkg_types++] = type;
    return 0;
}

/* Split at the first colon (OIDs and hex have none); *rest NULL if none. */
static int
split_first(const tool_argctx *c, const char *s, char **head, char **rest)
{
    size_t n = strlen(s);
    char *copy = pool_alloc(c->pool, n + 1), *colon;

    if (copy == NULL)
        return -1;
    memcpy(copy, s, n + 1);
    *head = copy;
    *rest = NULL;
    if ((colon = strchr(copy, ':')) != NULL) {
        *colon = '\0';
        *rest = colon + 1;
    }
    return 0;
}

int
arg_installed(const tool_argctx *c, const char *s, cmsfw_installed *in)
{
    char *oid, *ver, *type;

    memset(in, 0, sizeof *in);
    if (split_first(c, s, &oid, &ver) != 0)
        return -1;
    if (ver == NULL)
        return arg_error(c, "'%s': expected OID:VERSION[:TYPE]", s);
    if (split_first(c, ver, &ver, &type) != 0)
        return -1;
    in->name.form = CMSFW_NAME_PREFERRED;
    if (arg_oid(c, oid, &in->name.oid) != 0 || arg_u64(c, ver, &in->name.version) != 0)
        return -1;
    if (type != NULL) {
        in->has_type = 1;
        return arg_i64(c, type, &in->type);
    }
    return 0;
}

int
arg_installed_legacy(const tool_argctx *c, const char *s, cmsfw_installed *in)
{
    char *hex, *type;

    memset(in, 0, sizeof *in);
    if (split_first(c, s, &hex, &type) != 0)
        return -1;
    in->name.form = CMSFW_NAME_LEGACY;
    if (arg_hex(c, hex, &in->name.legacy) != 0)
        return -1;
    if (type != NULL) {
        in->has_type = 1;
        return arg_i64(c, type, &in->type);
    }
    return 0;
}

int
arg_stale_entry(const tool_argctx *c, const char *s, cmsfw_stale_entry *st)
{
    cmsfw_pkg_name n;

    memset(st, 0, sizeof *st);
    if (arg_pkg_name(c, s, &n) != 0)
        return -1;
    st->oid = n.oid;
    st->version = n.version;
    return 0;
}
