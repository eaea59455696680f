/* cmd_inspect.c: `cmsfw inspect FILE [--trust CERT]... [--json]`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/inspect.h>
#include <cmsfw/oid.h>
#include <cmsfw/protect.h>

#include "tools/args.h"
#include "tools/commands.h"
#include "tools/device.h"
#include "tools/emit.h"
#include "tools/input.h"
#include "tools/show_fw.h"

static const char *const wrap_names[] = {"", "bare", "ContentInfo", "SignedData"};
static const char *const kind_names[] = {"", "FirmwarePkgData", "FirmwarePackageLoadReceipt",
                                         "FirmwarePackageLoadError"};

static void
show_signed(emit *e, const cmsfw_signed_view *s)
{
    size_t i;

    emit_obj_begin(e, "signedData");
    emit_i64(e, "version", s->version);
    emit_u64(e, "digestAlgorithmCount", s->n_digest_algs);
    if (s->n_digest_algs > 0)
        show_alg_id(e, "digestAlgorithm", &s->digest_alg);
    emit_obj_begin(e, "encapContentInfo");
    emit_oid(e, "eContentType", s->econtent_type);
    emit_bool(e, "eContentPresent", s->has_econtent);
    if (s->has_econtent) {
        emit_u64(e, "eContentLength", s->econtent_len);
        emit_u64(e, "eContentSegments", s->econtent_segments);
    }
    emit_obj_end(e);
    emit_u64(e, "certificateCount", s->n_certs);
    emit_bool(e, "crlsPresent", s->has_crls);
    emit_u64(e, "signerInfoCount", s->n_signers);
    if (s->n_signers > 0) {
        emit_obj_begin(e, "signerInfo");
        emit_i64(e, "version", s->signer_version);
        emit_obj_begin(e, "sid");
        if (s->sid_kind == CMSFW_SID_SKI) {
            emit_hex(e, "subjectKeyIdentifier", s->sid_ski);
        } else {
            emit_obj_begin(e, "issuerAndSerialNumber");
            emit_hex(e, "issuer", s->sid_issuer);
            emit_hex(e, "serialNumber", s->sid_serial);
            emit_obj_end(e);
        }
        emit_obj_end(e);
        show_alg_id(e, "digestAlgorithm", &s->signer_digest_alg);
        emit_arr_begin(e, "signedAttrs");
        for (i = 0; i < s->n_signed_attrs; i++)
            show_attribute(e, &s->signed_attrs[i]);
        emit_arr_end(e);
        show_alg_id(e, "signatureAlgorithm", &s->signature_alg);
        emit_hex(e, "signature", s->signature);
        if (s->n_unsigned_attrs > 0) {
            emit_arr_begin(e, "unsignedAttrs");
            for (i = 0; i < s->n_unsigned_attrs; i++)
                show_attribute(e, &s->unsigned_attrs[i]);
            emit_arr_end(e);
        }
        emit_obj_end(e);
    }
    emit_obj_end(e);
}

static void
show_inspection(emit *e, const cmsfw_inspection *in)
{
    emit_str(e, "content", kind_names[in->kind]);
    emit_str(e, "encapsulation", wrap_names[in->wrap]);
    if (in->content_type.ptr != NULL)
        emit_oid(e, "contentType", in->content_type);
    if (in->wrap == CMSFW_WRAP_SIGNED_DATA)
        show_signed(e, &in->signed_data);
    if (in->kind == CMSFW_INSPECT_RECEIPT) {
        show_receipt(e, &in->receipt);
    } else if (in->kind == CMSFW_INSPECT_ERROR) {
        show_error_report(e, &in->error);
    } else {
        emit_obj_begin(e, "FirmwarePkgData");
        if (in->layer_type.ptr != NULL)
            emit_oid(e, "protectionLayer", in->layer_type);
        emit_u64(e, "length", in->firmware_len);
        if (in->has_sha256) {
            cmsfw_bytes d = {in->sha256, sizeof in->sha256};
            emit_hex(e, "sha256", d);
        }
        emit_obj_end(e);
    }
}

enum { I_TRUST, I_JSON, I_HELP, I_COUNT };

static const tool_opt inspect_opts[I_COUNT] = {
    [I_TRUST] = {"trust", "CERT[:KEYIDHEX]",
                 "check a signed receipt or error report against it"},
    [I_JSON] = {"json", NULL, "print one JSON object"},
    [I_HELP] = {"help", NULL, "print this help"},
};

static const char inspect_synopsis[] =
    "cmsfw inspect FILE [--trust CERT]... [--json]\n"
    "Print every field of a firmware package, load receipt or load error report\n"
    "(DER or PEM; bare, in a ContentInfo, or inside SignedData). FILE may be -.\n"
    "With --trust, the signature of a signed receipt or error report is checked\n"
    "(\"signatureVerified\"; exit 1 when it does not verify).";

/* With --trust: check the signature of a signed receipt or error report;
 * returns 1 when it verifies. */
static int
check_signature(emit *e, const cmsfw_inspection *in, const uint8_t *der, size_t len,
                const tool_device *anchors)
{
    cmsfw_bytes ct, content;
    cmsfw_diag diag = {""};
    cmsfw_err err = CMSFW_BAD_CONTENT_INFO;
    const char *why = "only a signed receipt or error report has a signature to check";

    if (in->wrap == CMSFW_WRAP_SIGNED_DATA && in->kind != CMSFW_INSPECT_PACKAGE) {
        err = cmsfw_verify_content(der, len, anchors->dev.anchors, anchors->dev.n_anchors, &ct,
                                   &content, &diag);
        why = diag.msg[0] != '\0' ? diag.msg : cmsfw_strerror(err);
    }
    emit_bool(e, "signatureVerified", err == CMSFW_OK);
    if (err != CMSFW_OK) {
        emit_obj_begin(e, "signatureError");
        emit_str(e, "error", cmsfw_err_name(err));
        emit_i64(e, "error_code", err);
        emit_str(e, "reason", why);
        emit_obj_end(e);
        fprintf(stderr, "cmsfw inspect: signature not verified: %s (%d): %s\n",
                cmsfw_err_name(err), (int)err, why);
    }
    return err == CMSFW_OK;
}

/* Read the flags; -1 to go on, else the exit status. */
static int
parse(int argc, char **argv, const char **path, int *json, tool_device *anchors)
{
    tool_optscan s;
    tool_argctx c;
    const char *v;
    int k;

    opt_scan_init(&s, "inspect", argc, argv, inspect_opts, I_COUNT);
    c.pool = anchors->pool;
    c.cmd = "inspect";
    while ((k = opt_next(&s, &v)) != OPT_END) {
        if (k == OPT_ERROR)
            return 2;
        if (k == I_HELP) {
            opt_usage(stdout, inspect_synopsis, inspect_opts, I_COUNT);
            return 0;
        } else if (k == I_JSON) {
            *json = 1;
        } else if (k == I_TRUST) {
            c.opt = inspect_opts[k].name;
            if (tool_device_add_anchor(anchors, &c, v, 0) != 0)
                return 2;
        } else if (*path != NULL) {
            fprintf(stderr, "cmsfw inspect: only one FILE is inspected\n");
            return 2;
        } else {
            *path = v;
        }
    }
    if (*path == NULL) {
        opt_usage(stderr, inspect_synopsis, inspect_opts, I_COUNT);
        return 2;
    }
    return -1;
}

int
cmd_inspect(int argc, char **argv)
{
    const char *path = NULL;
    int json = 0, rc;
    uint8_t *buf = NULL;
    size_t len = 0;
    cmsfw_inspection in;
    cmsfw_diag diag = {""};
    cmsfw_err err;
    tool_pool pool = {NULL};
    tool_device anchors;
    emit e;

    tool_device_init(&anchors, &pool);
    rc = parse(argc, argv, &path, &json, &anchors);
    if (rc >= 0)
        goto done;
    rc = 2;
    if (tool_read_file(path, &buf, &len) != 0)
        goto done;
    rc = 1;
    if (tool_unpem(path, &buf, &len) != 0)
        goto done;
    err = cmsfw_inspect(&in, buf, len, &diag);
    if (err != CMSFW_OK) {
        fprintf(stderr, "cmsfw inspect: %s: %s (%s)\n", path, diag.msg[0] ? diag.msg : cmsfw_strerror(err),
                cmsfw_err_name(err));
        goto done;
    }
    emit_init(&e, stdout, json);
    show_inspection(&e, &in);
    rc = 0;
    if (anchors.dev.n_anchors > 0 && !check_signature(&e, &in, buf, len, &anchors))
        rc = 1;
    emit_finish(&e);
    cmsfw_inspection_free(&in);
done:
    free(buf);
    tool_device_free(&anchors);
    pool_free(&pool);
    return rc;
}
