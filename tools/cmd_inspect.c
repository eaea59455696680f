/* cmd_inspect.c: `cmsfw inspect FILE [--json]`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/inspect.h>
#include <cmsfw/oid.h>

#include "tools/commands.h"
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

static void
usage(FILE *f)
{
    fputs("usage: cmsfw inspect FILE [--json]\n"
          "Print every field of a firmware package, load receipt or load error report\n"
          "(DER or PEM; bare, in a ContentInfo, or inside SignedData). FILE may be -.\n",
          f);
}

int
cmd_inspect(int argc, char **argv)
{
    const char *path = NULL;
    int json = 0, i, rc = 1;
    uint8_t *buf = NULL;
    size_t len = 0;
    cmsfw_inspection in;
    cmsfw_diag diag = {""};
    cmsfw_err err;
    emit e;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "cmsfw inspect: unknown option '%s'\n", argv[i]);
            return 2;
        } else if (path == NULL) {
            path = argv[i];
        } else {
            fprintf(stderr, "cmsfw inspect: only one FILE is inspected\n");
            return 2;
        }
    }
    if (path == NULL) {
        usage(stderr);
        return 2;
    }
    if (tool_read_file(path, &buf, &len) != 0)
        return 2;
    if (tool_unpem(path, &buf, &len) != 0) {
        free(buf);
        return 1;
    }
    err = cmsfw_inspect(&in, buf, len, &diag);
    if (err != CMSFW_OK) {
        fprintf(stderr, "cmsfw inspect: %s: %s (%s)\n", path, diag.msg[0] ? diag.msg : cmsfw_strerror(err),
                cmsfw_err_name(err));
    } else {
        emit_init(&e, stdout, json);
        show_inspection(&e, &in);
        emit_finish(&e);
        cmsfw_inspection_free(&in);
        rc = 0;
    }
    free(buf);
    return rc;
}
