/*
 * test_codec_negative.c: every decoder of cmsfw/fw.h against mechanical
 * mutations of a valid encoding made by its own encoder: every truncation,
 * every single-bit flip, oversize, past-the-end and 8- or 9-octet lengths on
 * every TLV, BER lengths on the whole value, trailing bytes; then free() on
 * zeroed and freed values and encoders facing short buffers and invalid
 * values. Hand-made hostile encodings are in test_codec_crafted.c.
 */
#include "tests/codec_neg.h"

/* ------------------------------------------------------------ samples */

/* 1.3.6.1.4.1.32473 .2.9, .3.1 and algorithm OIDs */

static const uint8_t oid_dep[] = { PEN_ARCS, 0x02, 0x09 };
static const uint8_t oid_comm[] = { PEN_ARCS, 0x03, 0x01 };
static const uint8_t oid_sha256[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01 };
static const uint8_t oid_aes_wrap[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x05 };
static const uint8_t oid_aes_cbc[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x02 };
static const uint8_t oid_oaep[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x07 };
static const uint8_t oid_fwpkg[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                                     0x01, 0x09, 0x10, 0x01, 0x10 };
static const uint8_t null_params[] = { 0x05, 0x00 };
static const uint8_t iv_params[] = { 0x04, 0x10, 0, 1, 2, 3, 4, 5, 6, 7,
                                     8,    9,    10, 11, 12, 13, 14, 15 };

#define B(a) { a, sizeof a }
#define BN(n) { filler, n }

static cmsfw_pkg_id s_pkg_id;
static cmsfw_pkg_id s_pkg_id_legacy;
static cmsfw_pkg_name s_pkg_name;
static cmsfw_bytes s_oids[3] = { B(oid_hw), B(oid_pkg), B(oid_fwpkg) };
static cmsfw_oid_list s_oid_list = { s_oids, 3 };
static cmsfw_serial_entry s_entries[3];
static cmsfw_community s_comm[2];
static cmsfw_communities s_communities = { s_comm, 2 };
static cmsfw_pkg_name s_deps[2];
static cmsfw_pkg_info s_pkg_info;
static cmsfw_fw_digest s_fw_digest;
static cmsfw_hw_module_name s_hwmn = { B(oid_hw), BN(4) };
static cmsfw_recipient s_recips[2];
static cmsfw_wrapped_key s_wrapped;
static cmsfw_receipt s_receipt;
static cmsfw_fw_config s_config[2];
static cmsfw_error_report s_error;
static cmsfw_bytes s_octets = BN(5);

static void
build_samples(void)
{
    const cmsfw_bytes pkg = B(oid_pkg);

    s_pkg_name.form = CMSFW_NAME_PREFERRED;
    s_pkg_name.oid = pkg;
    s_pkg_name.version = 7;
    s_pkg_id.name = s_pkg_name;
    s_pkg_id.stale_form = CMSFW_STALE_PREFERRED;
    s_pkg_id.stale_version = 4;
    s_pkg_id_legacy.name.form = CMSFW_NAME_LEGACY;
    s_pkg_id_legacy.name.legacy = (cmsfw_bytes)BN(4);
    s_pkg_id_legacy.stale_form = CMSFW_STALE_LEGACY;
    s_pkg_id_legacy.stale_legacy = (cmsfw_bytes)BN(2);

    s_entries[0].kind = CMSFW_SERIAL_ALL;
    s_entries[1].kind = CMSFW_SERIAL_SINGLE;
    s_entries[1].low = (cmsfw_bytes)BN(2);
    s_entries[2].kind = CMSFW_SERIAL_BLOCK;
    s_entries[2].low = (cmsfw_bytes)BN(2);
    s_entries[2].high = (cmsfw_bytes)BN(3);
    s_comm[0].kind = CMSFW_COMMUNITY_OID;
    s_comm[0].oid = (cmsfw_bytes)B(oid_comm);
    s_comm[1].kind = CMSFW_COMMUNITY_MODULES;
    s_comm[1].hw_type = (cmsfw_bytes)B(oid_hw);
    s_comm[1].entries = s_entries;
    s_comm[1].n_entries = 3;

    s_deps[0].form = CMSFW_NAME_PREFERRED;
    s_deps[0].oid = (cmsfw_bytes)B(oid_dep);
    s_deps[0].version = 3;
    s_deps[1].form = CMSFW_NAME_LEGACY;
    s_deps[1].legacy = (cmsfw_bytes)BN(3);
    s_pkg_info.has_type = 1;
    s_pkg_info.type = 2;
    s_pkg_info.has_deps = 1;
    s_pkg_info.deps = s_deps;
    s_pkg_info.n_deps = 2;

    s_fw_digest.alg.oid = (cmsfw_bytes)B(oid_sha256);
    s_fw_digest.alg.params = (cmsfw_bytes)B(null_params);
    s_fw_digest.digest = (cmsfw_bytes)BN(32);

    s_recips[0].kind = CMSFW_RECIPIENT_KEKRI;
    s_recips[0].version = 4;
    s_recips[0].key_id = (cmsfw_bytes)BN(4);
    s_recips[0].key_enc_alg.oid = (cmsfw_bytes)B(oid_aes_wrap);
    s_recips[0].encrypted_key = (cmsfw_bytes)BN(24);
    s_recips[1].kind = CMSFW_RECIPIENT_KTRI;
    s_recips[1].version = 2;
    s_recips[1].key_id = (cmsfw_bytes)BN(20);
    s_recips[1].key_enc_alg.oid = (cmsfw_bytes)B(oid_oaep);
    s_recips[1].encrypted_key = (cmsfw_bytes)BN(64);
    s_wrapped.version = 2;
    s_wrapped.recipients = s_recips;
    s_wrapped.n_recipients = 2;
    s_wrapped.content_type = (cmsfw_bytes)B(oid_fwpkg);
    s_wrapped.cek_alg.oid = (cmsfw_bytes)B(oid_aes_cbc);
    s_wrapped.cek_alg.params = (cmsfw_bytes)B(iv_params);

    s_receipt.hw_type = (cmsfw_bytes)B(oid_hw);
    s_receipt.hw_serial = (cmsfw_bytes)BN(4);
    s_receipt.name = s_pkg_name;
    s_receipt.trust_anchor_key_id = (cmsfw_bytes)BN(4);
    s_receipt.decrypt_key_id = (cmsfw_bytes)BN(2);

    s_config[0].has_type = 1;
    s_config[0].type = 1;
    s_config[0].name = s_pkg_name;
    s_config[1].name = s_deps[1];
    s_error.hw_type = (cmsfw_bytes)B(oid_hw);
    s_error.hw_serial = (cmsfw_bytes)BN(4);
    s_error.error_code = CMSFW_OTHER_ERROR;
    s_error.has_vendor_code = 1;
    s_error.vendor_code = -300;
    s_error.has_name = 1;
    s_error.name = s_deps[0];
    s_error.has_config = 1;
    s_error.config = s_config;
    s_error.n_config = 2;
}

/* One valid value per decoder (two forms of FirmwarePackageIdentifier). */
static const struct {
    const char *codec;
    const void *value;
} samples[] = {
    { "pkg_id", &s_pkg_id },
    { "pkg_id", &s_pkg_id_legacy },
    { "pkg_name", &s_pkg_name },
    { "oid_list", &s_oid_list },
    { "communities", &s_communities },
    { "pkg_info", &s_pkg_info },
    { "fw_digest", &s_fw_digest },
    { "hw_module_name", &s_hwmn },
    { "hw_module_othername", &s_hwmn },
    { "wrapped_key", &s_wrapped },
    { "receipt", &s_receipt },
    { "error_report", &s_error },
    { "octets", &s_octets },
};
#define N_SAMPLES (sizeof samples / sizeof samples[0])

/* ------------------------------------------------------------ helpers */

/* The encoding of sample @p i; *c receives its codec. */
static uint8_t *
sample_der(size_t i, const codec_ops **c, size_t *len)
{
    cmsfw_err rc = CMSFW_E_STATE;
    uint8_t *der;

    *c = codec(samples[i].codec);
    der = encode_alloc(*c, samples[i].value, len, &rc);
    CU_ASSERT_EQUAL_FATAL(rc, CMSFW_OK);
    return der;
}

/* One TLV of a valid DER encoding (single-octet tags: true of RFC 4108). */
typedef struct node {
    size_t off, hdr, len, parent_end;
} node;

#define MAX_NODES 256
#define WALK_DEPTH 16

/* List every TLV, depth first, without recursion. */
static size_t
walk(const uint8_t *d, size_t n, node *nodes)
{
    size_t ends[WALK_DEPTH];
    size_t depth = 0, count = 0, pos = 0;

    ends[0] = n;
    while (pos < n && count < MAX_NODES) {
        size_t hdr = 2, len = d[pos + 1], k;
        while (depth > 0 && pos >= ends[depth])
            depth--;
        if (len & 0x80) {
            hdr += len & 0x7f;
            for (len = 0, k = 2; k < hdr; k++)
                len = (len << 8) | d[pos + k];
        }
        nodes[count].off = pos;
        nodes[count].hdr = hdr;
        nodes[count].len = len;
        nodes[count].parent_end = ends[depth];
        count++;
        if ((d[pos] & 0x20) && depth + 1 < WALK_DEPTH) {
            ends[++depth] = pos + hdr + len;
            pos += hdr;
        } else {
            pos += hdr + len;
        }
    }
    return count;
}

/* -------------------------------------------------------------- tests */

static void
test_baseline(void)
{
    size_t i, n = 0;

    for (i = 0; i < N_SAMPLES; i++) {
        const codec_ops *c = NULL;
        uint8_t *der = sample_der(i, &c, &n);
        CU_ASSERT_TRUE(probe(c, der, n));
        free(der);
    }
}

static void
test_truncation(void)
{
    size_t i, len, n = 0;

    for (i = 0; i < N_SAMPLES; i++) {
        const codec_ops *c = NULL;
        uint8_t *der = sample_der(i, &c, &n);
        for (len = 0; len < n; len++)
            CU_ASSERT_TRUE(rejects(c, der, len));
        free(der);
    }
}

/* Every bit of every octet: tags, lengths and contents. */
static void
test_bit_flips(void)
{
    size_t i, pos, n = 0;
    unsigned int bit;

    for (i = 0; i < N_SAMPLES; i++) {
        const codec_ops *c = NULL;
        uint8_t *der = sample_der(i, &c, &n);
        for (pos = 0; pos < n; pos++) {
            for (bit = 0; bit < 8; bit++) {
                der[pos] ^= (uint8_t)(1u << bit);
                (void)probe(c, der, n);
                der[pos] ^= (uint8_t)(1u << bit);
            }
        }
        free(der);
    }
}

/* Copy of @p d with the length octets of node @p nd replaced by @p len_octets. */
static dbuf
with_length(const uint8_t *d, size_t n, const node *nd, const uint8_t *len_octets, size_t k)
{
    dbuf out = { NULL, 0, 0 };

    put(&out, d, nd->off + 1);
    put(&out, len_octets, k);
    put(&out, d + nd->off + nd->hdr, n - nd->off - nd->hdr);
    return out;
}

/* Lengths past the buffer or past the enclosing value, on every TLV. */
static void
test_oversize_lengths(void)
{
    static const uint8_t huge4[] = { 0x84, 0xff, 0xff, 0xff, 0xff };
    static const uint8_t huge8[] = { 0x88, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
    static const uint8_t nine[] = { 0x89, 0x01, 0, 0, 0, 0, 0, 0, 0, 0 };
    static const uint8_t reserved[] = { 0xff };
    node nodes[MAX_NODES];
    size_t i, j, n = 0, count;

    for (i = 0; i < N_SAMPLES; i++) {
        const codec_ops *c = NULL;
        uint8_t *der = sample_der(i, &c, &n);
        count = walk(der, n, nodes);
        CU_ASSERT_TRUE(count > 0);
        for (j = 0; j < count; j++) {
            const node *nd = &nodes[j];
            uint8_t past[4];
            size_t h, len = 0;
            dbuf b;

            b = with_length(der, n, nd, huge4, sizeof huge4);
            CU_ASSERT_TRUE(rejects(c, b.p, b.n));
            free(b.p);
            b = with_length(der, n, nd, huge8, sizeof huge8);
            CU_ASSERT_TRUE(rejects(c, b.p, b.n));
            free(b.p);
            b = with_length(der, n, nd, nine, sizeof nine);
            CU_ASSERT_TRUE(rejects(c, b.p, b.n));
            free(b.p);
            b = with_length(der, n, nd, reserved, sizeof reserved);
            CU_ASSERT_TRUE(rejects(c, b.p, b.n));
            free(b.p);
            /* one octet past the enclosing value (or the buffer), in minimal form */
            for (h = 2; h <= 4; h++) {
                len = nd->parent_end - nd->off - h + 1;
                if (hdr_size(len) == h)
                    break;
            }
            CU_ASSERT_FATAL(h <= 4);
            past[0] = (uint8_t)(h == 2 ? len : 0x80 | (h - 2));
            past[1] = (uint8_t)(h == 3 ? len : len >> 8);
            past[2] = (uint8_t)len;
            b = with_length(der, n, nd, past, h - 1);
            CU_ASSERT_TRUE(rejects(c, b.p, b.n));
            free(b.p);
        }
        free(der);
    }
}

/* The whole value in BER forms DER forbids: long-form lengths that fit the
 * short form, 8 length octets, redundant leading zero, indefinite length. */
static void
test_ber_outer_lengths(void)
{
    node nodes[MAX_NODES];
    size_t i, n = 0;

    for (i = 0; i < N_SAMPLES; i++) {
        const codec_ops *c = NULL;
        uint8_t *der = sample_der(i, &c, &n);
        size_t len;
        uint8_t l8[9] = { 0x88 }, l3[3] = { 0x82 }, l5[5] = { 0x84 }, indef[1] = { 0x80 };
        dbuf b;

        CU_ASSERT_FATAL(walk(der, n, nodes) > 0);
        len = nodes[0].len;
        l8[7] = (uint8_t)(len >> 8);
        l8[8] = (uint8_t)len;
        l3[1] = (uint8_t)(len >> 8);
        l3[2] = (uint8_t)len;
        l5[3] = (uint8_t)(len >> 8);
        l5[4] = (uint8_t)len;
        b = with_length(der, n, &nodes[0], l8, sizeof l8);
        CU_ASSERT_TRUE(rejects(c, b.p, b.n));
        free(b.p);
        b = with_length(der, n, &nodes[0], l5, sizeof l5);
        CU_ASSERT_TRUE(rejects(c, b.p, b.n));
        free(b.p);
        if (len < 0x100) {
            /* 82 00 LL (leading zero) or 82 LL LL for lengths under 256 */
            b = with_length(der, n, &nodes[0], l3, sizeof l3);
            CU_ASSERT_TRUE(rejects(c, b.p, b.n));
            free(b.p);
        }
        b = with_length(der, n, &nodes[0], indef, sizeof indef);
        put(&b, "\0\0", 2);
        CU_ASSERT_TRUE(rejects(c, b.p, b.n));
        free(b.p);
        free(der);
    }
}

static void
test_trailing_bytes(void)
{
    size_t i, n = 0;

    for (i = 0; i < N_SAMPLES; i++) {
        const codec_ops *c = NULL;
        uint8_t *der = sample_der(i, &c, &n);
        dbuf b = { NULL, 0, 0 };

        put(&b, der, n);
        put(&b, "\0", 1);
        CU_ASSERT_TRUE(rejects(c, b.p, b.n));
        put(&b, "\0", 1);
        CU_ASSERT_TRUE(rejects(c, b.p, b.n));
        b.n = n;
        put(&b, der, n);
        CU_ASSERT_TRUE(rejects(c, b.p, b.n));
        free(b.p);
        free(der);
    }
}

/* fw.h: free is safe on a zeroed value and on one already freed. */
static void
test_free_zeroed(void)
{
    size_t i;

    for (i = 0; i < N_CODECS; i++) {
        any_value v;
        memset(&v, 0, sizeof v);
        codec_table[i].release(&v);
        codec_table[i].release(&v);
        CU_ASSERT_TRUE(memcmp(&v, &zero_value, codec_table[i].size) == 0);
    }
}

/* Every output size short of the need: CMSFW_E_BUFFER, the need reported,
 * and nothing written past the (exact-size) buffer. */
static void
test_encode_short_buffer(void)
{
    size_t i, len, need, got, n = 0;

    for (i = 0; i < N_SAMPLES; i++) {
        const codec_ops *c = NULL;
        uint8_t *der = sample_der(i, &c, &n);
        need = 0;
        CU_ASSERT_EQUAL(c->encode(samples[i].value, NULL, 0, &need, NULL), CMSFW_OK);
        CU_ASSERT_EQUAL(need, n);
        for (len = 0; len < n; len++) {
            uint8_t *out = malloc(len ? len : 1);
            CU_ASSERT_PTR_NOT_NULL_FATAL(out);
            got = 0;
            CU_ASSERT_EQUAL(c->encode(samples[i].value, out, len, &got, NULL),
                            CMSFW_E_BUFFER);
            CU_ASSERT_EQUAL(got, n);
            free(out);
        }
        free(der);
    }
}

/* Values the encoders must refuse (fw.h): CMSFW_E_ARG, nothing written. */
static void
test_encode_refuses(void)
{
    cmsfw_error_report e = s_error;
    cmsfw_pkg_info pi;
    cmsfw_pkg_name pn = s_pkg_name;
    cmsfw_pkg_id id = s_pkg_id;
    cmsfw_receipt r = s_receipt;
    cmsfw_serial_entry se[1];
    cmsfw_community cm = s_comm[1];
    cmsfw_communities cms = { &cm, 1 };
    uint8_t out[512];
    size_t w = 0;

    e.error_code = 50;
    CU_ASSERT_EQUAL(cmsfw_error_report_encode(&e, out, sizeof out, &w, NULL), CMSFW_E_ARG);
    e.error_code = 0;
    CU_ASSERT_EQUAL(cmsfw_error_report_encode(&e, out, sizeof out, &w, NULL), CMSFW_E_ARG);
    e.error_code = CMSFW_OTHER_ERROR;
    e.has_vendor_code = 0;
    CU_ASSERT_EQUAL(cmsfw_error_report_encode(&e, out, sizeof out, &w, NULL), CMSFW_E_ARG);
    e.error_code = CMSFW_E_ARG;
    e.has_vendor_code = 1;
    CU_ASSERT_EQUAL(cmsfw_error_report_encode(&e, out, sizeof out, &w, NULL), CMSFW_E_ARG);

    memset(&pi, 0, sizeof pi);
    CU_ASSERT_EQUAL(cmsfw_pkg_info_encode(&pi, out, sizeof out, &w, NULL), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_pkg_info_encode(&pi, NULL, 0, &w, NULL), CMSFW_E_ARG);

    pn.form = (cmsfw_name_form)0;
    CU_ASSERT_EQUAL(cmsfw_pkg_name_encode(&pn, out, sizeof out, &w, NULL), CMSFW_E_ARG);
    id.stale_form = (cmsfw_stale_form)7;
    CU_ASSERT_EQUAL(cmsfw_pkg_id_encode(&id, out, sizeof out, &w, NULL), CMSFW_E_ARG);

    r.hw_type.ptr = NULL;
    r.hw_type.len = 0;
    CU_ASSERT_EQUAL(cmsfw_receipt_encode(&r, out, sizeof out, &w, NULL), CMSFW_E_ARG);
    r = s_receipt;
    r.name.form = (cmsfw_name_form)9;
    CU_ASSERT_EQUAL(cmsfw_receipt_encode(&r, out, sizeof out, &w, NULL), CMSFW_E_ARG);

    memset(se, 0, sizeof se);
    cm.entries = se;
    cm.n_entries = 1;
    CU_ASSERT_EQUAL(cmsfw_communities_encode(&cms, out, sizeof out, &w, NULL), CMSFW_E_ARG);
    cm.kind = (cmsfw_community_kind)0;
    CU_ASSERT_EQUAL(cmsfw_communities_encode(&cms, out, sizeof out, &w, NULL), CMSFW_E_ARG);
}

static int
suite_init(void)
{
    build_samples();
    return 0;
}

static int
suite_clean(void)
{
    printf("\n  %lu decodes, %lu accepted\n", n_decodes, n_accepted);
    return 0;
}

/* Found by fuzz/fuzz_fw: a long-form length whose octets the end of the
 * buffer cuts was read as a shorter length, at the top and inside a
 * SEQUENCE; and a size query said yes to content the encoding refuses. */
static void
test_fuzz_regressions(void)
{
    static const uint8_t cut_top[] = {0x04, 0x81};
    static const uint8_t cut_inner[] = {0x30, 0x0e, 0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04,
                                        0x01, 0x81, 0xfd, 0x59, 0x01, 0x01, 0x04, 0x81};
    static const uint8_t oid[] = {0x2b, 0x06, 0x01};
    static const uint8_t bad_bits[] = {0x03, 0x02, 0x64, 0x77}; /* 100 unused bits */
    cmsfw_bytes value, type = {oid, sizeof oid}, content = {bad_bits, sizeof bad_bits};
    cmsfw_hw_module_name hw;
    cmsfw_diag d;
    uint8_t out[64];
    size_t need = 1, w = 1;

    static const uint8_t tag0_params[] = {0x30, 0x14, 0x30, 0x0e, 0x06, 0x09, 0x60, 0x86, 0x48,
                                          0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x00, 0x01, 0x00,
                                          0x04, 0x02, 0xaa, 0xbb};
    cmsfw_fw_digest digest;

    /* parameters a primitive SEQUENCE, and a SEQUENCE whose OCTET STRING
     * runs past it (but not past the input) */
    static const uint8_t prim_seq[] = {0x30, 0x13, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86,
                                       0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x10,
                                       0x00, 0x04, 0x02, 0xaa, 0xbb};
    static const uint8_t overrun[] = {0x30, 0x16, 0x30, 0x10, 0x06, 0x09, 0x60, 0x86, 0x48,
                                      0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x30, 0x03, 0x04,
                                      0x05, 0x00, 0x04, 0x02, 0xaa, 0xbb};

    /* parameters [UNIVERSAL 0] { 00 }: no DER value has that tag */
    CU_ASSERT_EQUAL(cmsfw_fw_digest_decode(&digest, tag0_params, sizeof tag0_params, &d),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(cmsfw_fw_digest_decode(&digest, prim_seq, sizeof prim_seq, &d),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(cmsfw_fw_digest_decode(&digest, overrun, sizeof overrun, &d),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(cmsfw_octets_decode(&value, cut_top, sizeof cut_top, &d),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(cmsfw_hw_module_name_decode(&hw, cut_inner, sizeof cut_inner, &d),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(cmsfw_content_info_encode(type, content, NULL, 0, &need, &d), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_content_info_encode(type, content, out, sizeof out, &w, &d),
                    CMSFW_E_ARG);
    CU_ASSERT_EQUAL(need, 0);
    CU_ASSERT_EQUAL(w, 0);
}

static CU_TestInfo neg_tests[] = {
    { "fuzzer findings", test_fuzz_regressions },
    { "valid samples decode and re-encode", test_baseline },
    { "every truncation is rejected", test_truncation },
    { "every single-bit flip", test_bit_flips },
    { "oversize and past-the-end lengths", test_oversize_lengths },
    { "BER lengths on the whole value", test_ber_outer_lengths },
    { "trailing bytes", test_trailing_bytes },
    { "free on zeroed and freed values", test_free_zeroed },
    { "encode into short buffers", test_encode_short_buffer },
    { "encoders refuse invalid values", test_encode_refuses },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "codec_negative", suite_init, suite_clean, NULL, NULL, neg_tests },
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
