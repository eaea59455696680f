/*
 * device.h: the device description (cmsfw_device) built from `cmsfw verify`
 * flags and the state file: trust anchors, communities, keys, installed
 * packages, the stale list, supported package types, policy.
 */
#ifndef CMSFW_TOOLS_DEVICE_H
#define CMSFW_TOOLS_DEVICE_H

#include <cmsfw/keys.h>
#include <cmsfw/proc.h>

#include "tools/args.h"

typedef struct tool_device {
    cmsfw_device dev;       /* the arrays below, as the library sees them */
    tool_pool *pool;
    cmsfw_anchor *anchors;
    size_t cap_anchors;
    cmsfw_key *keys;        /* loaded anchor files: anchors borrow their DER */
    size_t n_keys, cap_keys;
    cmsfw_bytes *communities;
    size_t cap_communities;
    cmsfw_kek *keks;
    size_t cap_keks;
    cmsfw_installed *installed;
    size_t cap_installed;
    cmsfw_stale_entry *stale;
    size_t cap_stale;
    int64_t *pkg_types;
    size_t cap_pkg_types;
} tool_device;

void tool_device_init(tool_device *d, tool_pool *pool);
/* Release the loaded keys (the pool owns the rest). */
void tool_device_free(tool_device *d);

/*
 * A trust anchor from SPEC: FILE or FILE:KEYIDHEX. FILE holds certificates
 * (each one an anchor; key id = KEYIDHEX, else the library's rule: SKI
 * extension, else SHA-1 of the key) or one SubjectPublicKeyInfo (then
 * KEYIDHEX is required). @p flags: CMSFW_ANCHOR_*.
 */
int tool_device_add_anchor(tool_device *d, const tool_argctx *c, const char *spec,
                           uint32_t flags);
int tool_device_add_community(tool_device *d, cmsfw_bytes oid);
int tool_device_add_kek(tool_device *d, const cmsfw_kek *kek);
int tool_device_add_installed(tool_device *d, const cmsfw_installed *in);
int tool_device_add_stale(tool_device *d, const cmsfw_stale_entry *st);
int tool_device_add_pkg_type(tool_device *d, int64_t type);

/* OID:VERSION[:TYPE] (--installed) and HEX[:TYPE] (--installed-legacy). */
int arg_installed(const tool_argctx *c, const char *s, cmsfw_installed *in);
int arg_installed_legacy(const tool_argctx *c, const char *s, cmsfw_installed *in);
/* OID:VERSION (--stale of verify). */
int arg_stale_entry(const tool_argctx *c, const char *s, cmsfw_stale_entry *st);

/* Grow a pool array of @p sz-octet elements holding @p n so that one more
 * fits; returns the (possibly new) array or NULL. */
void *pool_grow(tool_pool *p, void *arr, size_t n, size_t *cap, size_t sz);

#endif
