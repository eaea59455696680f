/* cmd_verify.c: `cmsfw verify`: the flags (see verify_run.c for the work). */
#include <stdio.h>
#include <string.h>

#include "tools/commands.h"
#include "tools/engine.h"
#include "tools/verify.h"

enum {
    V_TRUST, V_ANCHOR_NO_FW, V_HW_TYPE, V_HW_SERIAL, V_COMMUNITY, V_INSTALLED,
    V_INSTALLED_LEGACY, V_STALE, V_PKG_TYPE, V_ALLOW_DOWNGRADE, V_KEK, V_CEK, V_MAX_IMAGE,
    V_STATE, V_CHUNK_SIZE, V_OUT, V_RECEIPT, V_ERROR_REPORT, V_SIGN_KEY, V_SIGN_CERT,
    V_MINIMAL, V_WORK_SIZE, V_JSON, V_HELP, V_COUNT
};

static const tool_opt verify_opts[V_COUNT] = {
    [V_TRUST] = {"trust", "TA[:KEYIDHEX]", "trust anchor that may sign firmware (see cmsfw(1))"},
    [V_ANCHOR_NO_FW] = {"anchor-no-fw", "TA[:KEYIDHEX]",
                        "trust anchor that may not sign firmware (notAuthorized)"},
    [V_HW_TYPE] = {"hw-type", "OID", "the device's hardware type (required)"},
    [V_HW_SERIAL] = {"hw-serial", "HEX", "the device's serial number (required for reports)"},
    [V_COMMUNITY] = {"community", "OID", "a community the device belongs to"},
    [V_INSTALLED] = {"installed", "OID:VERSION[:TYPE]", "a package the device has installed"},
    [V_INSTALLED_LEGACY] = {"installed-legacy", "HEX[:TYPE]",
                            "an installed package with a legacy name"},
    [V_STALE] = {"stale", "OID:VERSION", "stale list entry: versions up to it are refused"},
    [V_PKG_TYPE] = {"pkg-type", "N", "a supported fwPkgType (default: any)"},
    [V_ALLOW_DOWNGRADE] = {"allow-downgrade", NULL,
                           "older than installed: a warning, not stalePackage"},
    [V_KEK] = {"kek", "IDHEX:KEYFILE",
               "key-encryption key: unwraps content keys only (16/32 octets, raw or hex)"},
    [V_CEK] = {"cek", "IDHEX:KEYFILE",
               "pre-shared content-encryption key named by decrypt-key-identifier"},
    [V_MAX_IMAGE] = {"max-image", "BYTES", "largest decompressed image accepted"},
    [V_STATE] = {"state", "FILE", "device state file: read, and updated on acceptance"},
    [V_CHUNK_SIZE] = {"chunk-size", "N", "push N octets at a time (default 65536)"},
    [V_OUT] = {"out", "FW", "write the firmware image (only when accepted)"},
    [V_RECEIPT] = {"receipt", "FILE", "on acceptance, write a load receipt"},
    [V_ERROR_REPORT] = {"error-report", "FILE", "on rejection, write a load error report"},
    [V_SIGN_KEY] = {"sign-key", "KEY", "sign the receipt or error report with this key"},
    [V_SIGN_CERT] = {"sign-cert", "CERT", "the certificate of --sign-key (required with it)"},
    [V_MINIMAL] = {"minimal", NULL,
                   "process with the minimal embedded profile (no certificate paths, "
                   "no compression; unsigned receipts)"},
    [V_WORK_SIZE] = {"work-size", "N", "the minimal profile's work buffer, in octets"},
    [V_JSON] = {"json", NULL, "print one JSON object"},
    [V_HELP] = {"help", NULL, "print this help"},
};

static const char verify_synopsis[] =
    "cmsfw verify PKG --trust TA [--trust TA]... --hw-type OID [options]\n"
    "Process a protected firmware package as a device does (RFC 4108): verify it,\n"
    "check it against the device description, and unwrap the image.\n"
    "Exit status: 0 accepted, 1 rejected (reason on stderr), 2 usage or I/O error.";

/* Values whose meaning depends on other flags, checked after the loop. */
typedef struct verify_flags {
    const char *sign_key;
    const char *sign_cert;
    int have_hw_type;
    int have_serial;
    int have_work_size;
} verify_flags;

static int
take_list_value(verify_args *a, tool_argctx *c, int k, const char *v)
{
    tool_device *d = &a->device;
    cmsfw_installed in;
    cmsfw_stale_entry st;
    cmsfw_bytes b;
    cmsfw_kek kek;
    int64_t t;

    switch (k) {
    case V_TRUST:
        return tool_device_add_anchor(d, c, v, CMSFW_ANCHOR_FIRMWARE_SIGNER);
    case V_ANCHOR_NO_FW:
        return tool_device_add_anchor(d, c, v, 0);
    case V_COMMUNITY:
        return arg_oid(c, v, &b) != 0 ? -1 : tool_device_add_community(d, b);
    case V_INSTALLED:
        return arg_installed(c, v, &in) != 0 ? -1 : tool_device_add_installed(d, &in);
    case V_INSTALLED_LEGACY:
        return arg_installed_legacy(c, v, &in) != 0 ? -1 : tool_device_add_installed(d, &in);
    case V_STALE:
        return arg_stale_entry(c, v, &st) != 0 ? -1 : tool_device_add_stale(d, &st);
    case V_PKG_TYPE:
        return arg_i64(c, v, &t) != 0 ? -1 : tool_device_add_pkg_type(d, t);
    case V_KEK:
    case V_CEK:
        if (arg_kek(c, v, &kek) != 0)
            return -1;
        kek.usage = k == V_CEK ? CMSFW_KEY_CEK : CMSFW_KEY_KEK;
        return tool_device_add_kek(d, &kek);
    default:
        return -1;
    }
}

static int
take_value(verify_args *a, verify_flags *f, tool_argctx *c, int k, const char *v)
{
    cmsfw_device *dev = &a->device.dev;
    uint64_t n;

    switch (k) {
    case V_HW_TYPE:
        f->have_hw_type = 1;
        return arg_oid(c, v, &dev->hw_type);
    case V_HW_SERIAL:
        f->have_serial = 1;
        if (v[0] == '\0') { /* an empty serial is legal in RFC 4108 */
            dev->hw_serial.ptr = (const uint8_t *)"";
            dev->hw_serial.len = 0;
            return 0;
        }
        return arg_hex(c, v, &dev->hw_serial);
    case V_ALLOW_DOWNGRADE:
        dev->policy |= CMSFW_POLICY_ALLOW_DOWNGRADE;
        return 0;
    case V_MAX_IMAGE:
        if (arg_u64(c, v, &n) != 0)
            return -1;
        if (n == 0)
            return arg_error(c, "must be at least 1");
        dev->max_image = n;
        return 0;
    case V_CHUNK_SIZE:
        if (arg_u64(c, v, &n) != 0)
            return -1;
        if (n == 0 || n > VERIFY_CHUNK_MAX)
            return arg_error(c, "must be between 1 and %lu", (unsigned long)VERIFY_CHUNK_MAX);
        a->chunk = (size_t)n;
        return 0;
    case V_STATE: a->state_path = v; return 0;
    case V_OUT: a->out = v; return 0;
    case V_RECEIPT: a->receipt = v; return 0;
    case V_ERROR_REPORT: a->error_report = v; return 0;
    case V_SIGN_KEY: f->sign_key = v; return 0;
    case V_SIGN_CERT: f->sign_cert = v; return 0;
    case V_JSON: a->json = 1; return 0;
    case V_MINIMAL: a->minimal = 1; return 0;
    case V_WORK_SIZE:
        if (arg_u64(c, v, &n) != 0)
            return -1;
        if (n > VERIFY_CHUNK_MAX)
            return arg_error(c, "must be at most %lu", (unsigned long)VERIFY_CHUNK_MAX);
        f->have_work_size = 1;
        a->work_size = (size_t)n;
        return 0;
    default:
        return take_list_value(a, c, k, v);
    }
}

/* The rules between flags; 0 when the combination is usable. */
static int
check_flags(verify_args *a, const verify_flags *f)
{
    const char *why = NULL;

    if (a->pkg == NULL)
        why = "no package given";
    else if (a->device.dev.n_anchors == 0)
        why = "at least one --trust (or --anchor-no-fw) anchor is required";
    else if (!f->have_hw_type)
        why = "--hw-type is required";
    else if ((a->receipt != NULL || a->error_report != NULL) && !f->have_serial)
        why = "--receipt and --error-report need --hw-serial (hwSerialNum is mandatory)";
    else if ((f->sign_cert != NULL) != (f->sign_key != NULL))
        why = "--sign-key and --sign-cert go together (the certificate names the signer)";
    else if (f->sign_key != NULL && a->receipt == NULL && a->error_report == NULL)
        why = "--sign-key signs --receipt or --error-report, and neither is given";
    else if (a->minimal && f->sign_key != NULL)
        why = "--minimal writes unsigned receipts and error reports: no --sign-key";
    else if (f->have_work_size && !a->minimal)
        why = "--work-size is the minimal profile's: it needs --minimal";
    if (why != NULL) {
        fprintf(stderr, "cmsfw verify: %s (try 'cmsfw verify --help')\n", why);
        return -1;
    }
    return 0;
}

static int
parse(verify_args *a, int argc, char **argv)
{
    tool_optscan s;
    tool_argctx c;
    verify_flags f;
    const char *v;
    int k;

    opt_scan_init(&s, "verify", argc, argv, verify_opts, V_COUNT);
    c.pool = a->device.pool;
    c.cmd = "verify";
    memset(&f, 0, sizeof f);
    while ((k = opt_next(&s, &v)) != OPT_END) {
        if (k == OPT_ERROR)
            return 2;
        if (k == V_HELP) {
            opt_usage(stdout, verify_synopsis, verify_opts, V_COUNT);
            return 0;
        }
        if (k == OPT_POSITIONAL) {
            if (a->pkg != NULL) {
                fprintf(stderr, "cmsfw verify: only one package is processed\n");
                return 2;
            }
            a->pkg = v;
            continue;
        }
        c.opt = verify_opts[k].name;
        if (take_value(a, &f, &c, k, v) != 0)
            return 2;
    }
    if (check_flags(a, &f) != 0)
        return 2;
    if (a->minimal && !f.have_work_size)
        a->work_size = tool_engine_work_default();
    if (f.sign_key != NULL) {
        if (tool_signer_load(&a->signer, "verify", f.sign_key, f.sign_cert) != 0)
            return 2;
        a->have_signer = 1;
    }
    return -1;
}

int
cmd_verify(int argc, char **argv)
{
    tool_pool pool = {NULL};
    verify_args a;
    int rc;

    memset(&a, 0, sizeof a);
    a.chunk = VERIFY_CHUNK_DEFAULT;
    tool_device_init(&a.device, &pool);
    rc = parse(&a, argc, argv);
    if (rc < 0 && a.state_path != NULL) {
        if (tool_state_load(&a.state, &pool, a.state_path) != 0 ||
            tool_state_to_device(&a.state, &a.device) != 0)
            rc = 2;
    }
    if (rc < 0)
        rc = verify_run(&a);
    tool_signer_free(&a.signer);
    tool_device_free(&a.device);
    pool_free(&pool);
    return rc;
}
