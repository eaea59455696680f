/* protect_args.c: the flags of `cmsfw protect`. */
#include <stdio.h>
#include <string.h>

#include <cmsfw/oid.h>

#include "tools/device.h"
#include "tools/hss_key.h"
#include "tools/protect_args.h"

enum {
    P_IN, P_OUT, P_KEY, P_CERT, P_CHAIN, P_SIG_ALG, P_DIGEST, P_SID, P_SKI, P_NO_CERTS,
    P_PKG_ID, P_PKG_LEGACY, P_STALE, P_STALE_LEGACY, P_TARGET, P_COMMUNITY,
    P_COMMUNITY_MODULE, P_PKG_TYPE, P_DEPENDENCY, P_DEPENDENCY_LEGACY, P_IMPL_CRYPTO,
    P_IMPL_COMPRESS, P_COMPRESS, P_ENCRYPT, P_KEK, P_OUTFORM, P_HELP, P_COUNT
};

static const tool_opt protect_opts[P_COUNT] = {
    [P_IN] = {"in", "FW", "the firmware image (a regular file)"},
    [P_OUT] = {"out", "PKG", "the package to write"},
    [P_KEY] = {"key", "KEY", "the signer's private key (PKCS#8, PEM or DER, or an HSS key file)"},
    [P_CERT] = {"cert", "CERT", "the signer's certificate (included in the package)"},
    [P_CHAIN] = {"chain", "CERT", "more certificates to include (every one in the file)"},
    [P_SIG_ALG] = {"sig-alg", "ALG", "ecdsa, rsa-pss, rsa-pkcs1 or ed25519 (default: from the key)"},
    [P_DIGEST] = {"digest", "ALG", "sha256, sha384 or sha512 (default: from the key)"},
    [P_SID] = {"sid", "KIND", "signer identifier: ski (default) or issuer-serial"},
    [P_SKI] = {"ski", "HEX", "subjectKeyIdentifier to put in the sid"},
    [P_NO_CERTS] = {"no-certs", NULL, "include no certificate"},
    [P_PKG_ID] = {"pkg-id", "OID:VERSION", "the package identifier (preferred form)"},
    [P_PKG_LEGACY] = {"pkg-legacy", "HEX", "the package identifier (legacy form)"},
    [P_STALE] = {"stale", "VERSION", "versions at or below are stale once this is installed"},
    [P_STALE_LEGACY] = {"stale-legacy", "HEX", "legacy stale version"},
    [P_TARGET] = {"target", "OID", "a target hardware type (at least one)"},
    [P_COMMUNITY] = {"community", "OID", "a community identifier"},
    [P_COMMUNITY_MODULE] = {"community-module", "SPEC",
                            "HWOID:all, HWOID:single:HEX or HWOID:block:LOWHEX-HIGHHEX"},
    [P_PKG_TYPE] = {"pkg-type", "N", "fwPkgType in firmware-package-info"},
    [P_DEPENDENCY] = {"dependency", "OID:VERSION", "a package this one needs (minimum version)"},
    [P_DEPENDENCY_LEGACY] = {"dependency-legacy", "HEX", "a dependency with a legacy name"},
    [P_IMPL_CRYPTO] = {"impl-crypto", "OID", "an implemented crypto algorithm (attribute)"},
    [P_IMPL_COMPRESS] = {"impl-compress", "OID", "an implemented compression algorithm"},
    [P_COMPRESS] = {"compress", "zlib", "compress the image (CompressedData)"},
    [P_ENCRYPT] = {"encrypt", "ALG", "aes128-gcm, aes256-gcm, aes128-cbc or aes256-cbc"},
    [P_KEK] = {"kek", "IDHEX:KEYFILE", "the device's key-encryption key (16/32 octets, raw or hex)"},
    [P_OUTFORM] = {"outform", "FORM", "der (default) or pem"},
    [P_HELP] = {"help", NULL, "print this help"},
};

static const char protect_synopsis[] =
    "cmsfw protect --in FW --out PKG --key KEY [--cert CERT]\n"
    "                     (--pkg-id OID:VERSION | --pkg-legacy HEX) --target OID [options]\n"
    "Build a firmware package (RFC 4108): optionally compress, optionally encrypt,\n"
    "then sign. The output appears whole or not at all.\n"
    "Exit status: 0 written, 1 the library refused to build it, 2 usage or I/O error.";

/* Flags read in the loop and checked together afterwards. */
typedef struct protect_flags {
    const char *key, *cert;
    int have_name, have_stale, have_kek;
} protect_flags;

/* Pick @p s from @p names (NULL-terminated); the index + 1, or 0. */
static int
choose(const tool_argctx *c, const char *s, const char *const *names)
{
    int i;

    for (i = 0; names[i] != NULL; i++)
        if (strcmp(s, names[i]) == 0)
            return i + 1;
    arg_error(c, "'%s' is not one of the accepted values (see --help)", s);
    return 0;
}

static int
add_oid(protect_args *a, const tool_argctx *c, cmsfw_oid_list *l, size_t *cap, const char *v)
{
    cmsfw_bytes *arr = pool_grow(c->pool, l->oids, l->n, cap, sizeof *arr);

    if (arr == NULL)
        return -1;
    l->oids = arr;
    (void)a;
    return arg_oid(c, v, &l->oids[l->n++]);
}

static cmsfw_community *
new_community(protect_args *a, const tool_argctx *c)
{
    cmsfw_communities *cs = &a->communities;
    cmsfw_community *arr = pool_grow(c->pool, cs->items, cs->n, &a->cap_communities, sizeof *arr);

    if (arr == NULL)
        return NULL;
    cs->items = arr;
    memset(&arr[cs->n], 0, sizeof arr[0]);
    a->opts.communities = cs;
    return &arr[cs->n++];
}

/* HWOID:all | HWOID:single:HEX | HWOID:block:LOWHEX-HIGHHEX. Entries for
 * the same HWOID join one hwModuleList, in the order given. */
static int
add_module(protect_args *a, const tool_argctx *c, const char *v)
{
    static const char *const kinds[] = {"all", "single", "block", NULL};
    cmsfw_serial_entry e, *arr;
    cmsfw_community *m = NULL;
    cmsfw_bytes hw;
    char *copy, *kind, *val, *dash;
    size_t i, cap;
    int k;

    if (arg_split_last(c, v, &copy, &val) != 0)
        return -1;
    memset(&e, 0, sizeof e);
    if (val != NULL && strcmp(val, "all") == 0) {
        kind = val;
        val = NULL;
    } else if (val == NULL || (kind = strrchr(copy, ':')) == NULL) {
        return arg_error(c, "'%s': expected HWOID:all, HWOID:single:HEX or HWOID:block:LOW-HIGH", v);
    } else {
        *kind++ = '\0';
    }
    if ((k = choose(c, kind, kinds)) == 0 || arg_oid(c, copy, &hw) != 0)
        return -1;
    e.kind = k == 1 ? CMSFW_SERIAL_ALL : k == 2 ? CMSFW_SERIAL_SINGLE : CMSFW_SERIAL_BLOCK;
    if (k == 2 && arg_hex(c, val, &e.low) != 0)
        return -1;
    if (k == 3) {
        if ((dash = strchr(val, '-')) == NULL)
            return arg_error(c, "'%s': a block is LOWHEX-HIGHHEX", v);
        *dash = '\0';
        if (arg_hex(c, val, &e.low) != 0 || arg_hex(c, dash + 1, &e.high) != 0)
            return -1;
    }
    for (i = 0; i < a->communities.n && m == NULL; i++)
        if (a->communities.items[i].kind == CMSFW_COMMUNITY_MODULES &&
            cmsfw_oid_equal(a->communities.items[i].hw_type, hw))
            m = &a->communities.items[i];
    if (m == NULL) {
        if ((m = new_community(a, c)) == NULL)
            return -1;
        m->kind = CMSFW_COMMUNITY_MODULES;
        m->hw_type = hw;
    }
    cap = m->n_entries; /* grown one at a time: lists are short */
    if ((arr = pool_grow(c->pool, m->entries, m->n_entries, &cap, sizeof *arr)) == NULL)
        return -1;
    m->entries = arr;
    arr[m->n_entries++] = e;
    return 0;
}

static int
add_dependency(protect_args *a, const tool_argctx *c, const char *v, int legacy)
{
    cmsfw_pkg_name *arr = pool_grow(c->pool, a->info.deps, a->info.n_deps, &a->cap_deps,
                                    sizeof *arr);

    if (arr == NULL)
        return -1;
    a->info.deps = arr;
    a->info.has_deps = 1;
    a->opts.info = &a->info;
    if (legacy)
        return arg_pkg_legacy(c, v, &arr[a->info.n_deps++]);
    return arg_pkg_name(c, v, &arr[a->info.n_deps++]);
}

static int
take_list_value(protect_args *a, const tool_argctx *c, int k, const char *v)
{
    cmsfw_community *m;
    cmsfw_oid_list targets;

    switch (k) {
    case P_TARGET:
        targets.oids = a->targets;
        targets.n = a->opts.n_targets;
        if (add_oid(a, c, &targets, &a->cap_targets, v) != 0)
            return -1;
        a->targets = targets.oids;
        a->opts.targets = targets.oids;
        a->opts.n_targets = targets.n;
        return 0;
    case P_COMMUNITY:
        if ((m = new_community(a, c)) == NULL)
            return -1;
        m->kind = CMSFW_COMMUNITY_OID;
        return arg_oid(c, v, &m->oid);
    case P_COMMUNITY_MODULE:
        return add_module(a, c, v);
    case P_DEPENDENCY:
        return add_dependency(a, c, v, 0);
    case P_DEPENDENCY_LEGACY:
        return add_dependency(a, c, v, 1);
    case P_IMPL_CRYPTO:
        a->opts.impl_crypto = &a->impl_crypto;
        return add_oid(a, c, &a->impl_crypto, &a->cap_crypto, v);
    case P_IMPL_COMPRESS:
        a->opts.impl_compress = &a->impl_compress;
        return add_oid(a, c, &a->impl_compress, &a->cap_compress, v);
    default:
        return -1;
    }
}

static int
take_name_value(protect_args *a, protect_flags *f, const tool_argctx *c, int k, const char *v)
{
    cmsfw_pkg_id *id = &a->opts.pkg_id;

    if ((k == P_PKG_ID || k == P_PKG_LEGACY) && f->have_name++)
        return arg_error(c, "the package has one identifier: one --pkg-id or --pkg-legacy");
    if ((k == P_STALE || k == P_STALE_LEGACY) && f->have_stale++)
        return arg_error(c, "one --stale or --stale-legacy");
    switch (k) {
    case P_PKG_ID:
        return arg_pkg_name(c, v, &id->name);
    case P_PKG_LEGACY:
        return arg_pkg_legacy(c, v, &id->name);
    case P_STALE:
        id->stale_form = CMSFW_STALE_PREFERRED;
        return arg_u64(c, v, &id->stale_version);
    case P_STALE_LEGACY:
        id->stale_form = CMSFW_STALE_LEGACY;
        return arg_hex(c, v, &id->stale_legacy);
    default:
        return take_list_value(a, c, k, v);
    }
}

static int
take_value(protect_args *a, protect_flags *f, const tool_argctx *c, int k, const char *v)
{
    static const char *const sig_algs[] = {"ecdsa", "rsa-pss", "rsa-pkcs1", "ed25519", NULL};
    static const char *const digests[] = {"sha256", "sha384", "sha512", NULL};
    static const char *const sids[] = {"ski", "issuer-serial", NULL};
    static const char *const encs[] = {"aes128-cbc", "aes256-cbc", "aes128-gcm", "aes256-gcm",
                                       NULL};
    static const char *const zlib[] = {"zlib", NULL};
    static const char *const forms[] = {"der", "pem", NULL};
    cmsfw_signer *s = &a->signer.s;
    int n;

    switch (k) {
    case P_IN: a->in = v; return 0;
    case P_OUT: a->out = v; return 0;
    case P_KEY: f->key = v; return 0;
    case P_CERT: f->cert = v; return 0;
    case P_CHAIN: return tool_signer_add_chain(&a->signer, "protect", v);
    case P_NO_CERTS: s->omit_certs = 1; return 0;
    case P_SKI: return arg_hex(c, v, &s->ski);
    case P_SIG_ALG:
        n = choose(c, v, sig_algs); /* 1..4 are CMSFW_SIG_ECDSA..ED25519 */
        s->sig_alg = (cmsfw_sig_alg)n;
        return n == 0 ? -1 : 0;
    case P_DIGEST:
        n = choose(c, v, digests); /* 1..3 are CMSFW_DIGEST_SHA256..SHA512 */
        s->digest = (cmsfw_digest_alg)n;
        return n == 0 ? -1 : 0;
    case P_SID:
        n = choose(c, v, sids);
        s->use_issuer_serial = n == 2;
        return n == 0 ? -1 : 0;
    case P_ENCRYPT:
        n = choose(c, v, encs); /* 1..4 are CMSFW_ENCRYPT_AES128_CBC..AES256_GCM */
        a->opts.encrypt = (cmsfw_encrypt_alg)n;
        return n == 0 ? -1 : 0;
    case P_KEK:
        f->have_kek = 1;
        return arg_kek(c, v, &a->opts.kek);
    case P_COMPRESS:
        a->opts.compress = choose(c, v, zlib);
        return a->opts.compress == 0 ? -1 : 0;
    case P_OUTFORM:
        n = choose(c, v, forms);
        a->pem = n == 2;
        return n == 0 ? -1 : 0;
    case P_PKG_TYPE:
        a->info.has_type = 1;
        a->opts.info = &a->info;
        return arg_i64(c, v, &a->info.type);
    default:
        return take_name_value(a, f, c, k, v);
    }
}

static int
check_flags(const protect_args *a, const protect_flags *f)
{
    const char *why = NULL;

    if (a->in == NULL || a->out == NULL || f->key == NULL)
        why = "--in, --out and --key are required";
    else if (!f->have_name)
        why = "a package identifier is required: --pkg-id OID:VERSION or --pkg-legacy HEX";
    else if (a->opts.n_targets == 0)
        why = "at least one --target OID is required";
    else if (a->opts.encrypt != CMSFW_ENCRYPT_NONE && !f->have_kek)
        why = "--encrypt needs --kek IDHEX:KEYFILE";
    else if (a->opts.encrypt == CMSFW_ENCRYPT_NONE && f->have_kek)
        why = "--kek is only used with --encrypt";
    else if (a->signer.s.use_issuer_serial && f->cert == NULL)
        why = "--sid issuer-serial needs --cert";
    else if (f->cert == NULL && a->signer.s.ski.ptr == NULL && !tool_hss_is_key(f->key))
        why = "without --cert, --ski HEX must name the signer's key";
    if (why != NULL) {
        fprintf(stderr, "cmsfw protect: %s (try 'cmsfw protect --help')\n", why);
        return -1;
    }
    return 0;
}

/*
 * An HSS/LMS key file: lock it and read its state now; the lock is held
 * until the signer is freed, after the advanced state was recorded.
 */
static int
load_hss_signer(protect_args *a, const protect_flags *f)
{
    cmsfw_diag diag = {""};
    tool_hss *h;
    cmsfw_err e;

    if (f->cert != NULL) {
        e = cmsfw_key_load_file(&a->signer.cert, f->cert, CMSFW_KEY_CERTIFICATE, 0, &diag);
        if (e != CMSFW_OK) {
            fprintf(stderr, "cmsfw protect: %s: %s\n", f->cert,
                    diag.msg[0] != '\0' ? diag.msg : cmsfw_strerror(e));
            return -1;
        }
        a->signer.s.cert = a->signer.cert.der;
    }
    if ((h = tool_hss_open("protect", f->key)) == NULL)
        return -1;
    a->signer.s.hss = &h->hs;
    return 0;
}

/* Load the key and certificate, keeping what the loop set in the signer. */
static int
load_signer(protect_args *a, const protect_flags *f)
{
    cmsfw_signer keep = a->signer.s;

    cmsfw_key_free(&a->signer.key);
    cmsfw_key_free(&a->signer.cert);
    if (tool_hss_is_key(f->key))
        return load_hss_signer(a, f);
    {
        tool_signer loaded;
        if (tool_signer_load(&loaded, "protect", f->key, f->cert) != 0) {
            tool_signer_free(&loaded);
            return -1;
        }
        a->signer.key = loaded.key;
        a->signer.cert = loaded.cert;
    }
    keep.key = a->signer.key.der;
    keep.cert = a->signer.cert.der;
    a->signer.s = keep;
    return 0;
}

int
protect_args_parse(protect_args *a, tool_pool *pool, int argc, char **argv)
{
    tool_optscan s;
    tool_argctx c;
    protect_flags f;
    const char *v;
    int k;

    memset(a, 0, sizeof *a);
    memset(&f, 0, sizeof f);
    opt_scan_init(&s, "protect", argc, argv, protect_opts, P_COUNT);
    c.pool = pool;
    c.cmd = "protect";
    while ((k = opt_next(&s, &v)) != OPT_END) {
        if (k == OPT_ERROR)
            return 2;
        if (k == P_HELP) {
            opt_usage(stdout, protect_synopsis, protect_opts, P_COUNT);
            return 0;
        }
        if (k == OPT_POSITIONAL) {
            fprintf(stderr, "cmsfw protect: unexpected argument '%s' (the image is --in FW)\n", v);
            return 2;
        }
        c.opt = protect_opts[k].name;
        if (take_value(a, &f, &c, k, v) != 0)
            return 2;
    }
    if (check_flags(a, &f) != 0 || load_signer(a, &f) != 0)
        return 2;
    return -1;
}
