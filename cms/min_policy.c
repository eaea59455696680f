/*
 * min_policy.c: steps 15 to 20 of the device procedure in the minimal
 * profile, on attributes the signature has authenticated, with the rules
 * of the full profile's cms/check_policy.c (its file comment lists the
 * project decisions): an empty target or community list matches nothing;
 * a device that does not know its serial is in no hwModuleList; `block`
 * compares serials as unsigned big-endian integers; stale list and
 * rollback apply to preferred names only; a legacy dependency is
 * missingDependency; breaksDependency judges the package's own
 * dependencies once it has replaced its installed namesake.
 *
 * The attribute values are walked again here with the DER cursor: step 7
 * has checked them, and nothing was copied out of them.
 */
#include <string.h>

#include "cms/min_check.h"

#define T_NULL CMSFW_DER_TAG_NULL
#define T_OCTETS CMSFW_DER_TAG_OCTET_STRING
#define T_OID CMSFW_DER_TAG_OID
#define T_SEQ CMSFW_DER_TAG_SEQUENCE

/* Both present and byte-equal. */
static int
same(cmsfw_bytes a, cmsfw_bytes b)
{
    return b.ptr != NULL && cmsfw__min_eq(a, b.ptr, b.len);
}

static cmsfw_bytes
contents(const cmsfw_der_tlv *t)
{
    cmsfw_bytes b;

    b.ptr = t->val;
    b.len = t->len;
    return b;
}

/* Step 15: the device's hwType is among the targets. */
static int
hardware(const cmsfw_min *m)
{
    cmsfw_der_tlv t;
    cmsfw_der_cur in;

    if (!cmsfw__min_one(m->s.targets, MIN_UNIV, 1, T_SEQ, &t, &in))
        return 0;
    while (cmsfw__min_expect(&in, T_OID, &t))
        if (same(contents(&t), m->dev->hw_type))
            return 1;
    return 0;
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

/* HardwareSerialEntry at the cursor holds @serial (known). */
static int
entry_matches(cmsfw_der_cur *c, cmsfw_bytes serial)
{
    cmsfw_der_tlv t, lo, hi;
    cmsfw_der_cur in;

    if (cmsfw__min_expect(c, T_NULL, &t))
        return 1;
    if (cmsfw__min_expect(c, T_OCTETS, &t))
        return same(serial, contents(&t));
    if (!cmsfw__min_expect(c, T_SEQ, &t))
        return 0;
    cmsfw_der_enter(&in, &t, 0);
    return cmsfw__min_expect(&in, T_OCTETS, &lo) && cmsfw__min_expect(&in, T_OCTETS, &hi) &&
           cmp_serial(contents(&lo), serial) <= 0 && cmp_serial(serial, contents(&hi)) <= 0;
}

/* hwModuleList: the device's hwType, and its serial in an entry. */
static int
modules_match(const cmsfw_der_tlv *list, const cmsfw_device *dev)
{
    cmsfw_der_tlv t;
    cmsfw_der_cur in, ent;

    cmsfw_der_enter(&in, list, 0);
    if (!cmsfw__min_expect(&in, T_OID, &t) || !same(contents(&t), dev->hw_type) ||
        dev->hw_serial.ptr == NULL || !cmsfw__min_expect(&in, T_SEQ, &t))
        return 0;
    cmsfw_der_enter(&ent, &t, 0);
    while (!cmsfw_der_at_end(&ent))
        if (entry_matches(&ent, dev->hw_serial))
            return 1;
    return 0;
}

/* Step 16: community-identifiers absent, or the device is in one. */
static int
community(const cmsfw_min *m)
{
    const cmsfw_device *dev = m->dev;
    cmsfw_der_tlv t;
    cmsfw_der_cur in;
    size_t i;

    if (m->s.communities.ptr == NULL)
        return 1;
    if (!cmsfw__min_one(m->s.communities, MIN_UNIV, 1, T_SEQ, &t, &in))
        return 0;
    while (!cmsfw_der_at_end(&in)) {
        if (cmsfw__min_expect(&in, T_OID, &t)) {
            for (i = 0; i < dev->n_communities; i++)
                if (same(contents(&t), dev->communities[i]))
                    return 1;
        } else if (!cmsfw__min_expect(&in, T_SEQ, &t)) {
            return 0;
        } else if (modules_match(&t, dev)) {
            return 1;
        }
    }
    return 0;
}

/* Step 17: stale list, then rollback against the installed version. */
static cmsfw_err
stale(cmsfw_min *m)
{
    const cmsfw_device *dev = m->dev;
    const cmsfw_pkg_name *n = &m->res.pkg_id.name;
    const cmsfw_pkg_name *in;
    size_t i;

    if (n->form != CMSFW_NAME_PREFERRED)
        return CMSFW_OK;
    for (i = 0; i < dev->n_stale; i++)
        if (same(n->oid, dev->stale[i].oid) && n->version <= dev->stale[i].version)
            return CMSFW_STALE_PACKAGE;
    for (i = 0; i < dev->n_installed; i++) {
        in = &dev->installed[i].name;
        if (in->form != CMSFW_NAME_PREFERRED || !same(n->oid, in->oid) || n->version >= in->version)
            continue;
        if (!(dev->policy & CMSFW_POLICY_ALLOW_DOWNGRADE))
            return CMSFW_STALE_PACKAGE;
        m->res.downgrade_warning = 1;
    }
    return CMSFW_OK;
}

/* Two names of the same package (a new version replaces the old one). */
static int
same_package(const cmsfw_pkg_name *a, const cmsfw_pkg_name *b)
{
    if (a->form != b->form)
        return 0;
    if (a->form == CMSFW_NAME_PREFERRED)
        return same(a->oid, b->oid);
    return a->form == CMSFW_NAME_LEGACY && same(a->legacy, b->legacy);
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

/* Steps 18 to 20 on firmware-package-info. */
static cmsfw_err
package_info(cmsfw_min *m)
{
    const cmsfw_device *dev = m->dev;
    cmsfw_der_cur deps, c;
    cmsfw_pkg_name d;
    int64_t type = 0;
    int has_type = 0, pass;
    size_t i;
    cmsfw_err e;

    if (m->s.info.ptr == NULL)
        return CMSFW_OK;
    cmsfw__min_info_read(m->s.info, &has_type, &type, &deps);
    if (has_type && dev->n_pkg_types > 0) {
        for (i = 0; i < dev->n_pkg_types && dev->pkg_types[i] != type; i++)
            continue;
        if (i == dev->n_pkg_types)
            return CMSFW_UNSUPPORTED_PACKAGE_TYPE;
    }
    /* pass 0: against what is installed; pass 1: once this package has
     * replaced its installed namesake */
    for (pass = 0; pass < 2; pass++) {
        c = deps;
        while (cmsfw__min_name_read(&c, &d)) {
            e = dependency(&d, dev, pass ? &m->res.pkg_id.name : NULL);
            if (e != CMSFW_OK)
                return pass ? CMSFW_BREAKS_DEPENDENCY : e;
        }
    }
    return CMSFW_OK;
}

/* see cms/min_priv.h */
cmsfw_err
cmsfw__min_check_policy(cmsfw_min *m)
{
    cmsfw_err e;

    if (m->dev == NULL || !m->s.authenticated || !m->res.has_pkg_id)
        return cmsfw__min_fail(m, CMSFW_E_STATE, 0, "signature not verified");
    if (!hardware(m))
        return cmsfw__min_fail(m, CMSFW_WRONG_HARDWARE, 0, "hwType not a target");
    if (!community(m))
        return cmsfw__min_fail(m, CMSFW_NOT_IN_COMMUNITY, 0, "in no community");
    e = stale(m);
    if (e == CMSFW_OK)
        e = package_info(m);
    if (e != CMSFW_OK)
        return cmsfw__min_fail(m, e, 0, "version, type or dependency");
    return CMSFW_OK;
}
