/*
 * check_policy.c: steps 15 to 20 of the device procedure, on attributes
 * the signature has authenticated (RFC 4108 digest section 5.2 C).
 *
 * Project decisions applied here:
 * - an empty target list matches no hardware (trap T7), and so does an
 *   empty community list or an empty hwSerialEntries;
 * - a device that does not know its serial is not in any hwModuleList,
 *   whatever the entry (`all` included): RFC 4108 digest step 16, "it
 *   behaves as if it is not listed";
 * - `block` compares octet strings as unsigned big-endian integers, the
 *   shorter padded on the left with zeros; low > high matches nothing;
 * - stale list: a preferred name at or below the listed version is stale;
 *   rollback: below the installed version of the same fwPkgID is stale
 *   unless CMSFW_POLICY_ALLOW_DOWNGRADE, which only warns;
 * - legacy names have no vendor ordering yet: no stale or rollback
 *   decision is made for them, and a legacy dependency cannot be
 *   satisfied (missingDependency), as the digest's step 19 says;
 * - breaksDependency: cmsfw_device does not say what the installed
 *   packages depend on, so the one dependency set known is the new
 *   package's own: installing it replaces the installed package of the
 *   same name (fwPkgID, or legacy octets), and each of its dependencies
 *   must still hold in the configuration after that replacement.
 */
#include <string.h>

#include "cms/check_priv.h"
#include "cms/diag.h"

/* Step 15. */
static cmsfw_err
hardware(const cmsfw__signed *s, const cmsfw_device *dev, cmsfw_diag *diag)
{
    size_t i;

    for (i = 0; i < s->targets.n; i++)
        if (cmsfw__bytes_eq(s->targets.oids[i], dev->hw_type))
            return CMSFW_OK;
    return cmsfw__fail(diag, CMSFW_WRONG_HARDWARE, "the device's hwType is not among %zu targets",
                       s->targets.n);
}

/* Unsigned big-endian comparison, the shorter padded on the left. */
static int
cmp_serial(cmsfw_bytes a, cmsfw_bytes b)
{
    size_t n = a.len > b.len ? a.len : b.len, i;
    unsigned x, y;

    for (i = 0; i < n; i++) {
        x = i < n - a.len ? 0u : a.ptr[i - (n - a.len)];
        y = i < n - b.len ? 0u : b.ptr[i - (n - b.len)];
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

static int
entry_matches(const cmsfw_serial_entry *e, cmsfw_bytes serial)
{
    if (serial.ptr == NULL)
        return 0;
    switch (e->kind) {
    case CMSFW_SERIAL_ALL: return 1;
    case CMSFW_SERIAL_SINGLE: return cmsfw__bytes_eq(serial, e->low);
    case CMSFW_SERIAL_BLOCK:
        return serial.ptr != NULL && e->low.ptr != NULL && e->high.ptr != NULL &&
               cmp_serial(e->low, serial) <= 0 && cmp_serial(serial, e->high) <= 0;
    }
    return 0;
}

static int
community_matches(const cmsfw_community *c, const cmsfw_device *dev)
{
    size_t i;

    if (c->kind == CMSFW_COMMUNITY_OID) {
        for (i = 0; i < dev->n_communities; i++)
            if (cmsfw__bytes_eq(c->oid, dev->communities[i]))
                return 1;
        return 0;
    }
    if (c->kind != CMSFW_COMMUNITY_MODULES || !cmsfw__bytes_eq(c->hw_type, dev->hw_type))
        return 0;
    for (i = 0; i < c->n_entries; i++)
        if (entry_matches(&c->entries[i], dev->hw_serial))
            return 1;
    return 0;
}

/* Step 16. */
static cmsfw_err
community(const cmsfw__signed *s, const cmsfw_device *dev, cmsfw_diag *diag)
{
    size_t i;

    if (!s->has_communities)
        return CMSFW_OK;
    for (i = 0; i < s->communities.n; i++)
        if (community_matches(&s->communities.items[i], dev))
            return CMSFW_OK;
    return cmsfw__fail(diag, CMSFW_NOT_IN_COMMUNITY, "the device is in none of the %zu communities",
                       s->communities.n);
}

/* Step 17. */
static cmsfw_err
stale(const cmsfw__signed *s, const cmsfw_device *dev, cmsfw_result *res, cmsfw_diag *diag)
{
    const cmsfw_pkg_name *n = &s->pkg_id.name;
    const cmsfw_pkg_name *in;
    size_t i;

    if (n->form != CMSFW_NAME_PREFERRED)
        return CMSFW_OK;
    for (i = 0; i < dev->n_stale; i++)
        if (cmsfw__bytes_eq(n->oid, dev->stale[i].oid) && n->version <= dev->stale[i].version)
            return cmsfw__fail(
                diag, CMSFW_STALE_PACKAGE, "version %llu is at or below stale version %llu",
                (unsigned long long)n->version, (unsigned long long)dev->stale[i].version);
    for (i = 0; i < dev->n_installed; i++) {
        in = &dev->installed[i].name;
        if (in->form != CMSFW_NAME_PREFERRED || !cmsfw__bytes_eq(n->oid, in->oid) ||
            n->version >= in->version)
            continue;
        if (!(dev->policy & CMSFW_POLICY_ALLOW_DOWNGRADE))
            return cmsfw__fail(diag, CMSFW_STALE_PACKAGE,
                               "version %llu is older than the installed %llu",
                               (unsigned long long)n->version, (unsigned long long)in->version);
        if (res != NULL)
            res->downgrade_warning = 1;
    }
    return CMSFW_OK;
}

/* Step 18. */
static cmsfw_err
pkg_type(const cmsfw__signed *s, const cmsfw_device *dev, cmsfw_diag *diag)
{
    size_t i;

    if (!s->has_info || !s->info.has_type || dev->n_pkg_types == 0)
        return CMSFW_OK;
    for (i = 0; i < dev->n_pkg_types; i++)
        if (dev->pkg_types[i] == s->info.type)
            return CMSFW_OK;
    return cmsfw__fail(diag, CMSFW_UNSUPPORTED_PACKAGE_TYPE, "fwPkgType %lld not supported",
                       (long long)s->info.type);
}

/* Two names of the same package (a new version replaces the old one). */
static int
same_package(const cmsfw_pkg_name *a, const cmsfw_pkg_name *b)
{
    if (a->form != b->form)
        return 0;
    if (a->form == CMSFW_NAME_PREFERRED)
        return cmsfw__bytes_eq(a->oid, b->oid);
    return a->form == CMSFW_NAME_LEGACY && cmsfw__bytes_eq(a->legacy, b->legacy);
}

/* Is dependency @d met by the installed packages, or, when @repl is not
 * NULL, by the configuration once @repl has replaced its namesake? */
static cmsfw_err
dependency(const cmsfw_pkg_name *d, const cmsfw_device *dev, const cmsfw_pkg_name *repl)
{
    const cmsfw_pkg_name *x;
    uint64_t best = 0;
    size_t i;
    int found = 0;

    for (i = 0; i <= dev->n_installed; i++) {
        if (i == dev->n_installed) {
            x = repl;
        } else {
            x = &dev->installed[i].name;
            if (repl != NULL && same_package(x, repl))
                continue;
        }
        if (x == NULL || !same_package(x, d))
            continue;
        if (!found || x->version > best)
            best = x->version;
        found = 1;
    }
    /* no vendor ordering of legacy names: presence cannot be judged */
    if (!found || d->form == CMSFW_NAME_LEGACY)
        return CMSFW_MISSING_DEPENDENCY;
    if (d->form == CMSFW_NAME_PREFERRED && best < d->version)
        return CMSFW_WRONG_DEPENDENCY_VERSION;
    return CMSFW_OK;
}

/* Steps 19 and 20. */
static cmsfw_err
dependencies(const cmsfw__signed *s, const cmsfw_device *dev, cmsfw_diag *diag)
{
    size_t i;
    cmsfw_err e = CMSFW_OK;

    if (!s->has_info)
        return CMSFW_OK;
    for (i = 0; i < s->info.n_deps; i++) {
        e = dependency(&s->info.deps[i], dev, NULL);
        if (e == CMSFW_MISSING_DEPENDENCY)
            return cmsfw__fail(diag, e, "dependency %zu is not installed", i);
        if (e != CMSFW_OK)
            return cmsfw__fail(diag, e, "dependency %zu is installed at a lower version", i);
    }
    for (i = 0; i < s->info.n_deps; i++)
        if (dependency(&s->info.deps[i], dev, &s->pkg_id.name) != CMSFW_OK)
            return cmsfw__fail(diag, CMSFW_BREAKS_DEPENDENCY,
                               "dependency %zu would no longer hold once the package replaces "
                               "its installed version",
                               i);
    return CMSFW_OK;
}

/* see cms/proc_priv.h */
cmsfw_err
cmsfw__check_policy(const cmsfw__signed *s, const cmsfw_device *dev, cmsfw_result *res,
                    cmsfw_diag *diag)
{
    cmsfw_err e = CMSFW_E_ARG;

    if (s == NULL || dev == NULL)
        return cmsfw__fail(diag, e, "cmsfw__check_policy: NULL argument");
    if (!s->authenticated || !s->has_pkg_id)
        return cmsfw__fail(diag, CMSFW_E_STATE, "policy checks before the signature verified");
    e = hardware(s, dev, diag);
    if (e == CMSFW_OK)
        e = community(s, dev, diag);
    if (e == CMSFW_OK)
        e = stale(s, dev, res, diag);
    if (e == CMSFW_OK)
        e = pkg_type(s, dev, diag);
    if (e == CMSFW_OK)
        e = dependencies(s, dev, diag);
    return e;
}
