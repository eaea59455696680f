/*
 * verify_run.c: stream the package into the processor, stage its eContent,
 * finish (every check), unwrap into the output, then write the receipt or
 * error report, update the state file and print the verdict.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmsfw/keys.h>

#include "tools/emit.h"
#include "tools/engine.h"
#include "tools/outfile.h"
#include "tools/report.h"
#include "tools/show_fw.h"
#include "tools/stage_file.h"
#include "tools/verify.h"

/* Bytes read before deciding whether the package is PEM text. */
#define PEEK_LEN 64
/* Smallest read(): large enough that system calls do not show in the time
 * of a large package; --chunk-size still decides the pushes. */
#define READ_LEN ((size_t)1 << 20)

typedef struct run {
    verify_args *a;
    int fd;                 /* the package */
    uint64_t size_hint;     /* its size when it is a regular file, else 0 */
    int rereadable;         /* a regular file: it can be read a second time */
    tool_engine eng;
    int eng_open;           /* eng holds a processor */
    tool_stage stage;
    tool_out out;
    int out_open;
    cmsfw_result res;       /* views into the processor */
    cmsfw_err err;
    const char *reason;
    int io_error;           /* the tool's own I/O failed: exit 2, no verdict */
} run;

/* ---------------------------------------------------------------- input */

static int
read_some(run *r, uint8_t *buf, size_t n, size_t *got)
{
    ssize_t k;

    for (;;) {
        k = read(r->fd, buf, n);
        if (k >= 0) {
            *got = (size_t)k;
            return 0;
        }
        if (errno != EINTR) {
            fprintf(stderr, "cmsfw verify: %s: %s\n", r->a->pkg, strerror(errno));
            r->io_error = 1;
            return -1;
        }
    }
}

/* Push @p n octets in --chunk-size pieces; stops at the first error. */
static void
feed(run *r, const uint8_t *p, size_t n)
{
    size_t take;

    while (n > 0 && r->err == CMSFW_OK) {
        take = n < r->a->chunk ? n : r->a->chunk;
        r->err = tool_engine_push(&r->eng, p, take);
        p += take;
        n -= take;
    }
}

static int
is_pem(const uint8_t *p, size_t n)
{
    size_t i = 0;

    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    return n - i >= 11 && memcmp(p + i, "-----BEGIN ", 11) == 0;
}

/* PEM: the text is read whole, decoded, then fed in chunks. */
static void
feed_pem(run *r, uint8_t *peek, size_t have)
{
    uint8_t *text = NULL, *grown, *der = NULL;
    size_t len = have, cap = have, got = 1, der_len = 0;
    cmsfw_diag diag = {""};

    if ((text = malloc(cap)) != NULL)
        memcpy(text, peek, have);
    while (text != NULL && got > 0) {
        if (len == cap) {
            cap = cap * 2 + 4096;
            if (cap > TOOL_STAGE_MEM_MAX * 1024 || (grown = realloc(text, cap)) == NULL) {
                fprintf(stderr, "cmsfw verify: %s: PEM package too large\n", r->a->pkg);
                r->io_error = 1;
                break;
            }
            text = grown;
        }
        if (read_some(r, text + len, cap - len, &got) != 0)
            break;
        len += got;
    }
    if (text == NULL) {
        fprintf(stderr, "cmsfw verify: out of memory\n");
        r->io_error = 1;
    }
    if (!r->io_error) {
        if (cmsfw_pem_decode(text, len, NULL, 0, &der, &der_len, &diag) == CMSFW_OK)
            feed(r, der, der_len);
        else
            r->err = CMSFW_DECODE_FAILURE; /* the text is not the package: decodeFailure */
    }
    free(der);
    free(text);
}

static void
feed_all(run *r)
{
    uint8_t peek[PEEK_LEN], *buf;
    size_t have = 0, got = 1;
    const size_t len = r->a->chunk > READ_LEN ? r->a->chunk : READ_LEN;

    while (have < sizeof peek && got > 0) {
        if (read_some(r, peek + have, sizeof peek - have, &got) != 0)
            return;
        have += got;
    }
    if (is_pem(peek, have)) {
        feed_pem(r, peek, have);
        return;
    }
    feed(r, peek, have);
    if ((buf = malloc(len)) == NULL) {
        fprintf(stderr, "cmsfw verify: out of memory\n");
        r->io_error = 1;
        return;
    }
    while (r->err == CMSFW_OK && got > 0) {
        if (read_some(r, buf, len, &got) != 0)
            break;
        feed(r, buf, got);
    }
    free(buf);
}

static int
open_input(run *r)
{
    struct stat st;

    if (strcmp(r->a->pkg, "-") == 0) {
        r->fd = STDIN_FILENO;
    } else if ((r->fd = open(r->a->pkg, O_RDONLY)) < 0) {
        fprintf(stderr, "cmsfw verify: %s: %s\n", r->a->pkg, strerror(errno));
        return -1;
    }
    if (fstat(r->fd, &st) == 0 && S_ISREG(st.st_mode)) {
        r->size_hint = (uint64_t)st.st_size;
        r->rereadable = 1;
    }
    return 0;
}

/* ------------------------------------------------------------ processing */

static int
sink_write(void *io, const uint8_t *p, size_t n)
{
    run *r = io;

    if (r->out_open)
        return tool_out_write(&r->out, p, n);
    return 0;
}

static void
unwrap(run *r)
{
    cmsfw_sink sink;

    if (r->stage.image == TOOL_IMAGE_TO_OUT) {
        /* a plain image already lies in the output's temporary file: the
         * library adopts it after the last check, the sink gets nothing */
        sink.write = sink_write;
        sink.io = r;
        r->err = tool_engine_unwrap(&r->eng, &sink);
        if (r->err == CMSFW_OK && tool_stage_commit(&r->stage) != 0)
            r->io_error = 1;
        return;
    }
    if (r->a->out != NULL) {
        if (tool_out_open(&r->out, r->a->out) != 0) {
            r->io_error = 1;
            return;
        }
        r->out_open = 1;
    }
    sink.write = sink_write;
    sink.io = r;
    r->err = tool_engine_unwrap(&r->eng, &sink);
    if (r->out_open) {
        r->out_open = 0;
        /* the image appears only when every step, the digest check
         * (badFirmware) included, succeeded */
        if (r->err != CMSFW_OK)
            tool_out_discard(&r->out);
        else if (tool_out_commit(&r->out) != 0)
            r->io_error = 1;
    }
}

static void
process(run *r)
{
    char dirbuf[TOOL_PATH_MAX];
    const char *dir = r->a->out != NULL ? tool_dir_of(r->a->out, dirbuf, sizeof dirbuf) : NULL;
    const cmsfw_result *now;

    if (tool_stage_open(&r->stage, dir, r->size_hint) != 0) {
        r->io_error = 1;
        return;
    }
    tool_stage_plain(&r->stage, r->a->out, r->a->out == NULL && r->rereadable);
    if (tool_engine_open(&r->eng, r->a->minimal, r->a->work_size, &r->a->device.dev,
                         &r->stage.stage) != 0) {
        r->io_error = 1;
        return;
    }
    r->eng_open = 1;
    feed_all(r);
    if (r->io_error)
        return;
    /* finish() also after a failed push: it fills what the result knows */
    r->err = tool_engine_finish(&r->eng, &r->res);
    if (r->err == CMSFW_OK)
        unwrap(r);
    now = tool_engine_result(&r->eng);
    if (now != NULL)
        r->res = *now;
    r->reason = tool_engine_reason(&r->eng);
}

/* The image was not staged, and firmware-package-message-digest uses
 * another hash than the signer's: read the package again, staging it. */
static void
reprocess(run *r)
{
    tool_engine_close(&r->eng);
    r->eng_open = 0;
    tool_stage_close(&r->stage);
    memset(&r->res, 0, sizeof r->res);
    r->err = CMSFW_OK;
    r->reason = "";
    r->rereadable = 0;
    if (lseek(r->fd, 0, SEEK_SET) != 0) {
        fprintf(stderr, "cmsfw verify: %s: %s\n", r->a->pkg, strerror(errno));
        r->io_error = 1;
        return;
    }
    process(r);
}

/* --------------------------------------------------------------- output */

/* The layers met; FirmwarePkgData only when the image was reached. */
static void
show_layers(emit *e, uint32_t layers, int reached)
{
    emit_arr_begin(e, "layers");
    emit_str(e, NULL, "SignedData");
    if (layers & CMSFW_LAYER_ENCRYPTED)
        emit_str(e, NULL, "EncryptedData");
    if (layers & CMSFW_LAYER_AUTH_ENVELOPED)
        emit_str(e, NULL, "AuthEnvelopedData");
    if (layers & CMSFW_LAYER_COMPRESSED)
        emit_str(e, NULL, "CompressedData");
    if (reached)
        emit_str(e, NULL, "FirmwarePkgData");
    emit_arr_end(e);
}

/* The minimal profile's own facts: the profile limits behind the verdict
 * and the work buffer's high-water mark. */
static void
show_minimal(emit *e, const tool_engine *eng)
{
    uint32_t limits = tool_engine_limits(eng);
    unsigned i;

    emit_str(e, "profile", "minimal");
    emit_arr_begin(e, "limits");
    for (i = 0; tool_engine_limit_names[i] != NULL; i++)
        if (limits & (1u << i))
            emit_str(e, NULL, tool_engine_limit_names[i]);
    emit_arr_end(e);
    emit_u64(e, "workUsed", tool_engine_work_used(eng));
}

static void
show_result(const run *r, const uint8_t digest[32], const char *receipt, const char *report)
{
    const cmsfw_result *res = &r->res;
    cmsfw_bytes d = {digest, 32};
    emit e;

    emit_init(&e, stdout, r->a->json);
    emit_str(&e, "status", r->err == CMSFW_OK ? "accepted" : "rejected");
    if (r->err != CMSFW_OK) {
        emit_str(&e, "error", cmsfw_err_name(r->err));
        emit_i64(&e, "error_code", r->err);
        emit_str(&e, "reason", r->reason[0] != '\0' ? r->reason : cmsfw_strerror(r->err));
    }
    emit_bool(&e, "authenticated", res->authenticated);
    if (res->has_pkg_id) {
        show_pkg_name(&e, "fwPkgName", &res->pkg_id.name);
        if (res->pkg_id.stale_form == CMSFW_STALE_PREFERRED)
            emit_u64(&e, "preferredStaleVerNum", res->pkg_id.stale_version);
        else if (res->pkg_id.stale_form == CMSFW_STALE_LEGACY)
            emit_hex(&e, "legacyStaleVersion", res->pkg_id.stale_legacy);
    }
    if (res->has_pkg_type)
        emit_i64(&e, "fwPkgType", res->pkg_type);
    if (res->trust_anchor_key_id.ptr != NULL)
        emit_hex(&e, "trustAnchorKeyID", res->trust_anchor_key_id);
    if (res->decrypt_key_id.ptr != NULL)
        emit_hex(&e, "decryptKeyID", res->decrypt_key_id);
    show_layers(&e, res->layers, r->err == CMSFW_OK);
    emit_u64(&e, "eContentLength", res->econtent_len);
    if (r->err == CMSFW_OK) {
        emit_u64(&e, "imageLength", res->image_len);
        emit_hex(&e, "sha256", d);
        if (r->a->out != NULL)
            emit_str(&e, "out", r->a->out);
    }
    if (receipt != NULL)
        emit_str(&e, "receipt", receipt);
    if (report != NULL)
        emit_str(&e, "errorReport", report);
    emit_arr_begin(&e, "warnings");
    if (res->downgrade_warning)
        emit_str(&e, NULL, "older than the installed version: accepted because of "
                           "--allow-downgrade");
    emit_arr_end(&e);
    if (r->a->minimal)
        show_minimal(&e, &r->eng);
    emit_finish(&e);
}

/* Receipt and state on acceptance; error report on rejection. */
static int
write_outputs(run *r, const char **receipt, const char **report)
{
    verify_args *a = r->a;
    const cmsfw_signer *signer = a->have_signer ? &a->signer.s : NULL;
    int code = r->err;
    int64_t vendor = 0;

    if (r->err == CMSFW_OK) {
        if (a->receipt != NULL) {
            if (a->minimal ? tool_engine_min_report(&r->eng, a->receipt, CMSFW_OK) != 0
                           : tool_receipt_write(a->receipt, &a->device.dev, &r->res, signer) != 0)
                return -1;
            *receipt = a->receipt;
        }
        if (a->state_path != NULL && (tool_state_record(&a->state, &r->res) != 0 ||
                                      tool_state_save(&a->state, a->state_path) != 0))
            return -1;
        return 0;
    }
    if (a->error_report == NULL)
        return 0;
    if (code < 0) {
        /* a local failure (memory, backend, stage I/O): otherError, with the
         * cmsfw code as vendorErrorCode */
        vendor = code;
        code = CMSFW_OTHER_ERROR;
    }
    if (a->minimal ? tool_engine_min_report(&r->eng, a->error_report, (cmsfw_err)code) != 0
                   : tool_error_report_write(a->error_report, &a->device.dev, &r->res, code,
                                             vendor, signer) != 0)
        return -1;
    *report = a->error_report;
    return 0;
}

int
verify_run(verify_args *a)
{
    run r;
    uint8_t digest[32];
    const char *receipt = NULL, *report = NULL;
    int rc = 2;

    memset(&r, 0, sizeof r);
    memset(digest, 0, sizeof digest);
    r.a = a;
    r.fd = -1;
    r.stage.fd = -1;
    r.reason = "";
    if (open_input(&r) != 0)
        return 2;
    process(&r);
    if (!r.io_error && r.err == CMSFW_E_STATE && r.stage.image == TOOL_IMAGE_SKIPPED)
        reprocess(&r);
    if (r.fd > STDIN_FILENO)
        close(r.fd);
    if (!r.io_error) {
        if (r.err == CMSFW_OK && r.res.has_image_sha256)
            memcpy(digest, r.res.image_sha256, sizeof digest);
        if (write_outputs(&r, &receipt, &report) == 0) {
            show_result(&r, digest, receipt, report);
            rc = r.err == CMSFW_OK ? 0 : r.err > 0 ? 1 : 2;
        }
        fflush(stdout); /* the verdict first, then the one-line reason */
        if (r.err != CMSFW_OK)
            fprintf(stderr, "cmsfw verify: %s: %s (%d): %s\n",
                    r.err > 0 ? "rejected" : "failed", cmsfw_err_name(r.err), (int)r.err,
                    r.reason[0] != '\0' ? r.reason : cmsfw_strerror(r.err));
    }
    if (r.eng_open)
        tool_engine_close(&r.eng);
    tool_stage_close(&r.stage);
    return rc;
}
