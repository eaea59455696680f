/*
 * fwcodec_check.c: the C side of the pyasn1 cross-check (pyasn1_cross.py).
 *
 *   fwcodec_check encode DIR       writes one DER file per sample value into
 *                                  DIR and DIR/manifest.jsonl, one JSON object
 *                                  a line: {"file", "type", "value"}
 *   fwcodec_check decode TYPE FILE decodes FILE as TYPE with cmsfw and prints
 *                                  the value as one JSON object
 *
 * Both modes print values in the same canonical form, which the Python side
 * rebuilds from pyasn1 objects: ASN.1 component names as keys, OIDs dotted,
 * OCTET STRINGs (and AlgorithmIdentifier parameters, as whole TLVs) in
 * lowercase hex, INTEGERs as JSON numbers, absent OPTIONAL fields left out.
 * The samples are built from dotted OIDs and hex text so that the expected
 * values do not depend on the encoder being tested.
 */
#include <cmsfw/fw.h>
#include <cmsfw/oid.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fwcodec_json.h"

/* ------------------------------------------------------------ sample data */

/* Sample values borrow their bytes from one static arena. */
static uint8_t arena[16384];
static size_t arena_used;

static void
die(const char *what, const char *detail)
{
    fprintf(stderr, "fwcodec_check: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(2);
}

static cmsfw_bytes
oid(const char *dotted)
{
    cmsfw_bytes b = { NULL, 0 };
    size_t n = 0;

    if (cmsfw_oid_from_dotted(dotted, arena + arena_used, sizeof arena - arena_used, &n) !=
        CMSFW_OK)
        die("bad sample OID", dotted);
    b.ptr = arena + arena_used;
    b.len = n;
    arena_used += n;
    return b;
}

static cmsfw_bytes
hx(const char *hex)
{
    cmsfw_bytes b = { NULL, 0 };
    size_t n = strlen(hex) / 2, i;

    if (strlen(hex) % 2 != 0 || n > sizeof arena - arena_used)
        die("bad sample hex", hex);
    for (i = 0; i < n; i++) {
        unsigned int v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1)
            die("bad sample hex", hex);
        arena[arena_used + i] = (uint8_t)v;
    }
    b.ptr = arena + arena_used;
    arena_used += n;
    b.len = n;
    return b;
}

/* n bytes counting up from @p first: long values without long literals. */
static cmsfw_bytes
ramp(size_t n, uint8_t first)
{
    cmsfw_bytes b;
    size_t i;

    if (n > sizeof arena - arena_used)
        die("sample arena full", NULL);
    for (i = 0; i < n; i++)
        arena[arena_used + i] = (uint8_t)(first + i);
    b.ptr = arena + arena_used;
    b.len = n;
    arena_used += n;
    return b;
}

static cmsfw_pkg_name
preferred(const char *dotted, uint64_t version)
{
    cmsfw_pkg_name n;

    memset(&n, 0, sizeof n);
    n.form = CMSFW_NAME_PREFERRED;
    n.oid = oid(dotted);
    n.version = version;
    return n;
}

static cmsfw_pkg_name
legacy(const char *hex)
{
    cmsfw_pkg_name n;

    memset(&n, 0, sizeof n);
    n.form = CMSFW_NAME_LEGACY;
    n.legacy = hx(hex);
    return n;
}

/* ---------------------------------------------------------------- output */

static const char *out_dir;
static FILE *manifest;
static unsigned int n_written;

/* Shared tail of every sample: check the size query, encode, write. */
typedef cmsfw_err (*encode_fn)(const void *in, uint8_t *out, size_t out_len, size_t *written,
                               cmsfw_diag *diag);
typedef void (*print_fn)(FILE *f, const void *v);

static void
emit(const char *name, const char *type, encode_fn enc, print_fn print, const void *value)
{
    cmsfw_diag diag;
    size_t need = 0, got = 0;
    uint8_t *buf;
    char path[4096];
    FILE *f;

    memset(&diag, 0, sizeof diag);
    if (enc(value, NULL, 0, &need, &diag) != CMSFW_OK || need == 0)
        die("size query failed", name);
    buf = malloc(need);
    if (buf == NULL)
        die("out of memory", NULL);
    if (enc(value, buf, need, &got, &diag) != CMSFW_OK || got != need) {
        fprintf(stderr, "fwcodec_check: %s: %s\n", name, diag.msg);
        die("encoding failed", name);
    }
    snprintf(path, sizeof path, "%s/%s.der", out_dir, name);
    f = fopen(path, "wb");
    if (f == NULL || fwrite(buf, 1, got, f) != got || fclose(f) != 0)
        die("cannot write", path);
    free(buf);
    fprintf(manifest, "{\"file\":\"%s.der\",\"type\":\"%s\",\"value\":", name, type);
    print(manifest, value);
    fputs("}\n", manifest);
    n_written++;
}

/* Adapters from the typed codec functions to emit(). */
#define ADAPT(T)                                                                               \
    static cmsfw_err enc_##T(const void *in, uint8_t *out, size_t out_len, size_t *written,   \
                             cmsfw_diag *diag)                                                 \
    {                                                                                          \
        return cmsfw_##T##_encode((const cmsfw_##T *)in, out, out_len, written, diag);        \
    }                                                                                          \
    static void prn_##T(FILE *f, const void *v) { fwp_##T(f, (const cmsfw_##T *)v); }
ADAPT(pkg_id)
ADAPT(pkg_name)
ADAPT(oid_list)
ADAPT(communities)
ADAPT(pkg_info)
ADAPT(fw_digest)
ADAPT(hw_module_name)
ADAPT(wrapped_key)
ADAPT(receipt)
ADAPT(error_report)
#undef ADAPT

static cmsfw_err
enc_othername(const void *in, uint8_t *out, size_t out_len, size_t *written, cmsfw_diag *diag)
{
    return cmsfw_hw_module_othername_encode((const cmsfw_hw_module_name *)in, out, out_len,
                                            written, diag);
}

static cmsfw_err
enc_octets(const void *in, uint8_t *out, size_t out_len, size_t *written, cmsfw_diag *diag)
{
    return cmsfw_octets_encode(*(const cmsfw_bytes *)in, out, out_len, written, diag);
}

static void
prn_octets(FILE *f, const void *v)
{
    fwp_hex(f, *(const cmsfw_bytes *)v);
}

#define EMIT(name, T, v) emit(name, #T, enc_##T, prn_##T, v)

/* --------------------------------------------------------------- samples */

#define PEN "1.3.6.1.4.1.32473"

static void
samples_names(void)
{
    cmsfw_pkg_name n;
    cmsfw_pkg_id id;

    n = preferred(PEN ".2.1", 7);
    EMIT("pkg_name_preferred", pkg_name, &n);
    n = preferred(PEN ".2.2", UINT64_MAX);
    EMIT("pkg_name_preferred_max", pkg_name, &n);
    n = legacy("52312e32");
    EMIT("pkg_name_legacy", pkg_name, &n);
    n = legacy("");
    EMIT("pkg_name_legacy_empty", pkg_name, &n);

    memset(&id, 0, sizeof id);
    id.name = preferred(PEN ".2.1", 7);
    EMIT("pkg_id_preferred", pkg_id, &id);
    id.stale_form = CMSFW_STALE_PREFERRED;
    id.stale_version = 4;
    EMIT("pkg_id_preferred_stale", pkg_id, &id);
    id.name = preferred(PEN ".2.3", 0);
    id.stale_version = 0;
    EMIT("pkg_id_preferred_stale_zero", pkg_id, &id);
    id.name = preferred(PEN ".2.3", 0x8000000000000000u);
    id.stale_version = 0x7fffffffffffffffu;
    EMIT("pkg_id_preferred_stale_big", pkg_id, &id);
    memset(&id, 0, sizeof id);
    id.name = legacy("76322e302e302d726331");
    EMIT("pkg_id_legacy", pkg_id, &id);
    id.stale_form = CMSFW_STALE_LEGACY;
    id.stale_legacy = hx("76312e39");
    EMIT("pkg_id_legacy_stale", pkg_id, &id);
}

static void
samples_lists(void)
{
    cmsfw_bytes oids[4];
    cmsfw_oid_list l;

    l.oids = oids;
    l.n = 0;
    EMIT("oid_list_empty", oid_list, &l);
    oids[0] = oid(PEN ".1.1");
    l.n = 1;
    EMIT("oid_list_one", oid_list, &l);
    oids[1] = oid("1.2.840.113549.1.9.16.2.36");
    oids[2] = oid("2.999.1");
    oids[3] = oid("2.25.18446744073709551615");
    l.n = 4;
    EMIT("oid_list_four", oid_list, &l);
}

static void
samples_communities(void)
{
    cmsfw_serial_entry e[3];
    cmsfw_community c[3];
    cmsfw_communities cs;

    cs.items = c;
    cs.n = 0;
    EMIT("communities_empty", communities, &cs);

    memset(c, 0, sizeof c);
    memset(e, 0, sizeof e);
    c[0].kind = CMSFW_COMMUNITY_OID;
    c[0].oid = oid(PEN ".3.1");
    c[1].kind = CMSFW_COMMUNITY_MODULES;
    c[1].hw_type = oid(PEN ".1.1");
    c[1].entries = e;
    c[1].n_entries = 3;
    e[0].kind = CMSFW_SERIAL_ALL;
    e[1].kind = CMSFW_SERIAL_SINGLE;
    e[1].low = hx("0010");
    e[2].kind = CMSFW_SERIAL_BLOCK;
    e[2].low = hx("0100");
    e[2].high = hx("01ff");
    cs.n = 2;
    EMIT("communities_rfc_example", communities, &cs);

    c[0] = c[1];
    c[0].n_entries = 0;
    c[1].kind = CMSFW_COMMUNITY_OID;
    c[1].oid = oid(PEN ".3.2");
    c[2].kind = CMSFW_COMMUNITY_MODULES;
    c[2].hw_type = oid(PEN ".1.2");
    c[2].entries = e + 1;
    c[2].n_entries = 1;
    cs.n = 3;
    EMIT("communities_mixed", communities, &cs);
}

static void
samples_pkg_info(void)
{
    cmsfw_pkg_name deps[3];
    cmsfw_pkg_info i;

    memset(&i, 0, sizeof i);
    i.has_type = 1;
    i.type = 2;
    EMIT("pkg_info_type", pkg_info, &i);
    i.type = -129;
    EMIT("pkg_info_type_negative", pkg_info, &i);
    i.has_type = 0;
    i.has_deps = 1;
    i.deps = deps;
    deps[0] = preferred(PEN ".2.9", 3);
    i.n_deps = 1;
    EMIT("pkg_info_deps", pkg_info, &i);
    deps[1] = legacy("626f6f746c6f61646572");
    deps[2] = preferred(PEN ".2.10", 65536);
    i.n_deps = 3;
    EMIT("pkg_info_deps_three", pkg_info, &i);
    i.has_type = 1;
    i.type = 2;
    i.n_deps = 1;
    EMIT("pkg_info_both", pkg_info, &i);
}

static void
samples_digest_names(void)
{
    cmsfw_fw_digest d;
    cmsfw_hw_module_name h;

    memset(&d, 0, sizeof d);
    d.alg.oid = oid("2.16.840.1.101.3.4.2.1");
    d.digest = ramp(32, 0xa0);
    EMIT("fw_digest_sha256", fw_digest, &d);
    d.alg.oid = oid("2.16.840.1.101.3.4.2.3");
    d.alg.params = hx("0500");
    d.digest = ramp(64, 0x10);
    EMIT("fw_digest_sha512_null", fw_digest, &d);

    h.hw_type = oid(PEN ".1.1");
    h.hw_serial = hx("00010203");
    EMIT("hw_module_name", hw_module_name, &h);
    emit("hw_module_othername", "hw_module_othername", enc_othername, prn_hw_module_name, &h);
    h.hw_serial = ramp(200, 0);
    emit("hw_module_othername_long", "hw_module_othername", enc_othername, prn_hw_module_name,
         &h);
}

static void
samples_wrapped_key(void)
{
    cmsfw_recipient r[2];
    cmsfw_wrapped_key w;

    memset(r, 0, sizeof r);
    memset(&w, 0, sizeof w);
    r[0].kind = CMSFW_RECIPIENT_KEKRI;
    r[0].version = 4;
    r[0].key_id = hx("6b656b2d3031");
    r[0].key_enc_alg.oid = oid("2.16.840.1.101.3.4.1.5");
    r[0].encrypted_key = ramp(24, 0x30);
    w.version = 2;
    w.recipients = r;
    w.n_recipients = 1;
    w.content_type = oid("1.2.840.113549.1.9.16.1.16");
    w.cek_alg.oid = oid("2.16.840.1.101.3.4.1.2");
    w.cek_alg.params = hx("0410000102030405060708090a0b0c0d0e0f");
    EMIT("wrapped_key_kekri", wrapped_key, &w);

    r[1].kind = CMSFW_RECIPIENT_KTRI;
    r[1].version = 2;
    r[1].key_id = ramp(20, 0x40);
    r[1].key_enc_alg.oid = oid("1.2.840.113549.1.1.7");
    r[1].key_enc_alg.params = hx("3000");
    r[1].encrypted_key = ramp(256, 0x01);
    w.n_recipients = 2;
    w.cek_alg.oid = oid("2.16.840.1.101.3.4.1.46");
    w.cek_alg.params = hx("3011040c0102030405060708090a0b0c020110");
    w.content_type = oid("1.2.840.113549.1.9.16.1.9");
    EMIT("wrapped_key_kekri_ktri", wrapped_key, &w);

    /* a copied recipient (pwri), copied [0] and [1] fields, and content */
    r[1].kind = CMSFW_RECIPIENT_PWRI;
    r[1].raw = hx("a31c0201003014060b2a864886f70d01091003090605"
                  "2b0e03020704011f");
    w.has_originator_info = 1;
    w.originator_info = hx("a00ba109a10706032a03040500");
    w.has_unprotected_attrs = 1;
    w.unprotected_attrs = hx("a11e301c06092a864886f70d010905310f170d3234303130313030303030305a");
    w.has_content = 1;
    w.content = ramp(48, 0x99);
    w.version = 3;
    EMIT("wrapped_key_copied_fields", wrapped_key, &w);
}

static void
samples_receipts(void)
{
    cmsfw_receipt r;

    memset(&r, 0, sizeof r);
    r.hw_type = oid(PEN ".1.1");
    r.hw_serial = hx("00010203");
    r.name = preferred(PEN ".2.1", 7);
    r.trust_anchor_key_id = hx("aaaaaaaa");
    r.decrypt_key_id = hx("bbbb");
    EMIT("receipt_full", receipt, &r);
    r.decrypt_key_id.ptr = NULL;
    r.decrypt_key_id.len = 0;
    EMIT("receipt_ta_only", receipt, &r);
    r.trust_anchor_key_id.ptr = NULL;
    r.trust_anchor_key_id.len = 0;
    r.decrypt_key_id = hx("");
    r.name = legacy("52312e32");
    EMIT("receipt_dk_empty", receipt, &r);
    r.decrypt_key_id.ptr = NULL;
    r.hw_serial = hx("");
    EMIT("receipt_minimal", receipt, &r);
}

static void
samples_error_reports(void)
{
    cmsfw_fw_config cfg[3];
    cmsfw_error_report e;

    memset(&e, 0, sizeof e);
    memset(cfg, 0, sizeof cfg);
    e.hw_type = oid(PEN ".1.1");
    e.hw_serial = hx("00010203");
    e.error_code = CMSFW_STALE_PACKAGE;
    e.has_name = 1;
    e.name = legacy("52312e32");
    e.has_config = 1;
    e.config = cfg;
    e.n_config = 1;
    cfg[0].has_type = 1;
    cfg[0].type = 1;
    cfg[0].name = preferred(PEN ".2.1", 9);
    EMIT("error_report_rfc_example", error_report, &e);

    e.has_name = 0;
    e.has_config = 0;
    e.error_code = CMSFW_DECODE_FAILURE;
    EMIT("error_report_minimal", error_report, &e);
    e.error_code = CMSFW_BREAKS_DEPENDENCY;
    e.has_vendor_code = 1;
    e.vendor_code = 0;
    EMIT("error_report_vendor_zero", error_report, &e);

    e.error_code = CMSFW_OTHER_ERROR;
    e.vendor_code = -70000;
    e.has_name = 1;
    e.name = preferred(PEN ".2.4", 12);
    e.has_config = 1;
    e.n_config = 3;
    cfg[1].name = legacy("6c6f61646572");
    cfg[2].has_type = 1;
    cfg[2].type = -1;
    cfg[2].name = preferred(PEN ".2.5", INT64_MAX);
    EMIT("error_report_full", error_report, &e);
}

/* ContentInfo has an encoder only: the sample pairs a receipt with its type. */
typedef struct ci_sample {
    cmsfw_bytes content_type;
    cmsfw_receipt receipt;
} ci_sample;

static cmsfw_err
enc_content_info(const void *in, uint8_t *out, size_t out_len, size_t *written, cmsfw_diag *diag)
{
    const ci_sample *ci = in;
    uint8_t der[512];
    cmsfw_bytes content = { der, 0 };
    cmsfw_err rc = cmsfw_receipt_encode(&ci->receipt, der, sizeof der, &content.len, diag);

    if (rc != CMSFW_OK)
        return rc;
    return cmsfw_content_info_encode(ci->content_type, content, out, out_len, written, diag);
}

static void
prn_content_info(FILE *f, const void *v)
{
    const ci_sample *ci = v;

    fputs("{\"contentType\":", f);
    fwp_oid(f, ci->content_type);
    fputs(",\"content\":{\"receipt\":", f);
    fwp_receipt(f, &ci->receipt);
    fputs("}}", f);
}

static void
samples_misc(void)
{
    cmsfw_bytes v;
    ci_sample ci;

    v = hx("");
    EMIT("octets_empty", octets, &v);
    v = ramp(300, 7);
    EMIT("octets_long", octets, &v);

    memset(&ci, 0, sizeof ci);
    ci.content_type = oid("1.2.840.113549.1.9.16.1.17");
    ci.receipt.hw_type = oid(PEN ".1.7");
    ci.receipt.hw_serial = hx("0a0b0c0d0e0f");
    ci.receipt.name = preferred(PEN ".2.7", 70000);
    ci.receipt.trust_anchor_key_id = ramp(20, 0x80);
    EMIT("content_info_receipt", content_info, &ci);
}

static int
do_encode(const char *dir)
{
    char path[4096];

    out_dir = dir;
    snprintf(path, sizeof path, "%s/manifest.jsonl", dir);
    manifest = fopen(path, "w");
    if (manifest == NULL)
        die("cannot create", path);
    samples_names();
    samples_lists();
    samples_communities();
    samples_pkg_info();
    samples_digest_names();
    samples_wrapped_key();
    samples_receipts();
    samples_error_reports();
    samples_misc();
    if (fclose(manifest) != 0)
        die("cannot write", path);
    printf("%u samples written to %s\n", n_written, dir);
    return 0;
}

/* ---------------------------------------------------------------- decode */

static uint8_t *
read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t cap = 0, n = 0;

    if (f == NULL)
        die("cannot open", path);
    for (;;) {
        size_t got;
        if (n == cap) {
            uint8_t *nb;
            cap = cap ? 2 * cap : 4096;
            nb = realloc(buf, cap);
            if (nb == NULL)
                die("out of memory", NULL);
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f))
        die("cannot read", path);
    fclose(f);
    *len = n;
    return buf;
}

/* One decode-print-free adapter per type, chosen by name. */
typedef int (*decode_fn)(const uint8_t *der, size_t len, cmsfw_diag *diag);

#define DECODE_ADAPTER(T, print)                                                               \
    static int dec_##T(const uint8_t *der, size_t len, cmsfw_diag *diag)                      \
    {                                                                                          \
        cmsfw_##T v;                                                                           \
        cmsfw_err rc = cmsfw_##T##_decode(&v, der, len, diag);                                 \
        if (rc == CMSFW_OK)                                                                    \
            print(stdout, &v);                                                                 \
        cmsfw_##T##_free(&v);                                                                  \
        return (int)rc;                                                                        \
    }
DECODE_ADAPTER(pkg_id, fwp_pkg_id)
DECODE_ADAPTER(pkg_name, fwp_pkg_name)
DECODE_ADAPTER(oid_list, fwp_oid_list)
DECODE_ADAPTER(communities, fwp_communities)
DECODE_ADAPTER(pkg_info, fwp_pkg_info)
DECODE_ADAPTER(fw_digest, fwp_fw_digest)
DECODE_ADAPTER(hw_module_name, fwp_hw_module_name)
DECODE_ADAPTER(wrapped_key, fwp_wrapped_key)
DECODE_ADAPTER(receipt, fwp_receipt)
DECODE_ADAPTER(error_report, fwp_error_report)
#undef DECODE_ADAPTER

static int
dec_hw_module_othername(const uint8_t *der, size_t len, cmsfw_diag *diag)
{
    cmsfw_hw_module_name v;
    cmsfw_err rc = cmsfw_hw_module_othername_decode(&v, der, len, diag);

    if (rc == CMSFW_OK)
        fwp_hw_module_name(stdout, &v);
    return (int)rc;
}

static int
dec_octets(const uint8_t *der, size_t len, cmsfw_diag *diag)
{
    cmsfw_bytes v;
    cmsfw_err rc = cmsfw_octets_decode(&v, der, len, diag);

    if (rc == CMSFW_OK)
        fwp_hex(stdout, v);
    return (int)rc;
}

static const struct {
    const char *type;
    decode_fn decode;
} decoders[] = {
    { "pkg_id", dec_pkg_id },
    { "pkg_name", dec_pkg_name },
    { "oid_list", dec_oid_list },
    { "communities", dec_communities },
    { "pkg_info", dec_pkg_info },
    { "fw_digest", dec_fw_digest },
    { "hw_module_name", dec_hw_module_name },
    { "hw_module_othername", dec_hw_module_othername },
    { "wrapped_key", dec_wrapped_key },
    { "receipt", dec_receipt },
    { "error_report", dec_error_report },
    { "octets", dec_octets },
};

static int
do_decode(const char *type, const char *path)
{
    cmsfw_diag diag;
    int rc = CMSFW_E_ARG;
    size_t len = 0, i;
    uint8_t *der;

    for (i = 0; i < sizeof decoders / sizeof decoders[0]; i++)
        if (strcmp(type, decoders[i].type) == 0)
            break;
    if (i == sizeof decoders / sizeof decoders[0])
        die("unknown type", type);
    der = read_file(path, &len);
    memset(&diag, 0, sizeof diag);
    rc = decoders[i].decode(der, len, &diag);
    free(der);
    if (rc != CMSFW_OK) {
        fprintf(stderr, "fwcodec_check: %s: %s (%s)\n", path, cmsfw_err_name(rc), diag.msg);
        return 1;
    }
    putchar('\n');
    return fflush(stdout) == 0 ? 0 : 2;
}

int
main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "encode") == 0)
        return do_encode(argv[2]);
    if (argc == 4 && strcmp(argv[1], "decode") == 0)
        return do_decode(argv[2], argv[3]);
    fputs("usage: fwcodec_check encode DIR | fwcodec_check decode TYPE FILE\n", stderr);
    return 2;
}
