/*
 * test_asn1_names.c: every name asn1/tasn.c hands to libtasn1 (types,
 * component paths, CHOICE alternatives) exists in asn1/cmsfw.asn, so a
 * misspelt path fails here rather than hiding in a rarely used branch.
 *
 * A path is shown to exist by finding it in a decoded sample (published
 * vectors, the RFC 4108 worked examples, values built by the codec), or,
 * for an OPTIONAL component that no sample carries, by a writer accepting
 * to leave it out of a new element.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/fw.h>
#include <cmsfw/oid.h>

#include "asn1/tasn.h"
#include "tests/cu_main.h"
#include "tests/test_asn1_util.h"

/* Samples the path table below refers to. */
enum {
    SM_RECEIPT_V1,
    SM_ERROR,
    SM_PKG_ID_PREF,
    SM_PKG_ID_LEGACY,
    SM_COMMUNITIES,
    SM_PKG_INFO,
    SM_FW_DIGEST,
    SM_OTHERNAME,
    SM_CONTENT_INFO,
    SM_WRAPPED,
    SM_AUTHENV,
    SM_KEMRI,
    SM_SIGNED_DATA,
    SM_SIGNER_INFO,
    SM_SIGNER_INFO_SKI,
    SM_ECI,
    SM_ATTR,
    SM_CAP,
    SM_COMPRESSED,
    SM_GCM,
    SM_CERT,
    SM_COUNT
};

typedef struct sample {
    cmsfw__tasn t;
    uint8_t *owned; /* bytes t points into, when allocated here */
} sample;

static sample samples[SM_COUNT];
static uint8_t *sample_files[4];

/* Encode with a cmsfw/fw.h encoder into a new buffer. */
#define ENCODE(fn, value, buf, len)                                                                \
    do {                                                                                           \
        CU_ASSERT_EQUAL_FATAL(fn(value, NULL, 0, &(len), NULL), CMSFW_OK);                         \
        (buf) = malloc(len);                                                                       \
        CU_ASSERT_PTR_NOT_NULL_FATAL(buf);                                                         \
        CU_ASSERT_EQUAL_FATAL(fn(value, buf, len, &(len), NULL), CMSFW_OK);                        \
    } while (0)

static void
sample_hex(int id, cmsfw__tasn_type type, const char *hex)
{
    uint8_t *buf = malloc(strlen(hex) / 2);
    size_t n;

    CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
    n = tu_unhex(hex, buf, strlen(hex) / 2);
    samples[id].owned = buf;
    CU_ASSERT(tu_decode_ok(&samples[id].t, type, buf, n));
}

static void
sample_owned(int id, cmsfw__tasn_type type, uint8_t *buf, size_t n)
{
    samples[id].owned = buf;
    CU_ASSERT(tu_decode_ok(&samples[id].t, type, buf, n));
}

#define PEN "2b0601040181fd59"

static const uint8_t serial4[4] = { 0, 1, 2, 3 };

static void
build_codec_samples(void)
{
    static const uint8_t hw_type[] = { 0x2b, 0x06, 0x01, 0x04, 0x01, 0x81, 0xfd, 0x59, 1, 1 };
    static const uint8_t legacy[] = { 'R', '1', '.', '2' };
    static const uint8_t sha256[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01 };
    static const uint8_t null_params[] = { 0x05, 0x00 };
    cmsfw_fw_config cfg;
    cmsfw_error_report er;
    cmsfw_pkg_id id;
    cmsfw_fw_digest dg;
    cmsfw_hw_module_name hw;
    uint8_t *buf;
    size_t n = 0;

    memset(&er, 0, sizeof er);
    memset(&cfg, 0, sizeof cfg);
    er.hw_type = (cmsfw_bytes){ hw_type, sizeof hw_type };
    er.hw_serial = (cmsfw_bytes){ serial4, sizeof serial4 };
    er.error_code = CMSFW_OTHER_ERROR;
    er.has_vendor_code = 1;
    er.vendor_code = -7;
    er.has_name = 1;
    er.name.form = CMSFW_NAME_LEGACY;
    er.name.legacy = (cmsfw_bytes){ legacy, sizeof legacy };
    cfg.has_type = 1;
    cfg.type = 1;
    cfg.name = er.name;
    er.has_config = 1;
    er.config = &cfg;
    er.n_config = 1;
    ENCODE(cmsfw_error_report_encode, &er, buf, n);
    sample_owned(SM_ERROR, CMSFW__TASN_LOAD_ERROR, buf, n);

    memset(&id, 0, sizeof id);
    id.name = er.name;
    id.stale_form = CMSFW_STALE_LEGACY;
    id.stale_legacy = (cmsfw_bytes){ legacy, 2 };
    ENCODE(cmsfw_pkg_id_encode, &id, buf, n);
    sample_owned(SM_PKG_ID_LEGACY, CMSFW__TASN_PACKAGE_ID, buf, n);

    memset(&dg, 0, sizeof dg);
    dg.alg.oid = (cmsfw_bytes){ sha256, sizeof sha256 };
    dg.alg.params = (cmsfw_bytes){ null_params, sizeof null_params };
    dg.digest = (cmsfw_bytes){ hw_type, 8 };
    ENCODE(cmsfw_fw_digest_encode, &dg, buf, n);
    sample_owned(SM_FW_DIGEST, CMSFW__TASN_FW_MESSAGE_DIGEST, buf, n);

    hw.hw_type = er.hw_type;
    hw.hw_serial = er.hw_serial;
    ENCODE(cmsfw_hw_module_othername_encode, &hw, buf, n);
    sample_owned(SM_OTHERNAME, CMSFW__TASN_GENERAL_NAME, buf, n);
}

/* A KEKRecipientInfo with kekid.date and kekid.other, which the codec
 * never builds itself; plus a ktri and all the optional parts. */
static void
build_wrapped_sample(void)
{
    static const char kekri_hex[] =
        "a240020104301c0402aabb180f32303234303130313030303030305a300506032a0304"
        "300b060960864801650304010504100102030405060708090a0b0c0d0e0f10";
    static const uint8_t orig[] = { 0xa0, 0x00 };
    static const uint8_t attrs[] = { 0xa1, 0x0d, 0x30, 0x0b, 0x06, 0x03, 0x2a, 0x03,
                                     0x04, 0x31, 0x04, 0x04, 0x02, 0xaa, 0xbb };
    static const uint8_t aes_wrap[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x05 };
    static const uint8_t fw_pkg[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                                      0x01, 0x09, 0x10, 0x01, 0x10 };
    uint8_t kekri[80];
    cmsfw_recipient r[2];
    cmsfw_wrapped_key w;
    uint8_t *buf;
    size_t n = 0;

    memset(r, 0, sizeof r);
    memset(&w, 0, sizeof w);
    r[0].kind = CMSFW_RECIPIENT_KEKRI;
    r[0].raw.ptr = kekri;
    r[0].raw.len = tu_unhex(kekri_hex, kekri, sizeof kekri);
    r[1].kind = CMSFW_RECIPIENT_KTRI;
    r[1].version = 2;
    r[1].key_id = (cmsfw_bytes){ serial4, 4 };
    r[1].key_enc_alg.oid = (cmsfw_bytes){ aes_wrap, sizeof aes_wrap };
    r[1].encrypted_key = (cmsfw_bytes){ serial4, 4 };
    w.version = 2;
    w.recipients = r;
    w.n_recipients = 2;
    w.content_type = (cmsfw_bytes){ fw_pkg, sizeof fw_pkg };
    w.cek_alg.oid = (cmsfw_bytes){ aes_wrap, sizeof aes_wrap };
    w.has_content = 1;
    w.content = (cmsfw_bytes){ serial4, 4 };
    w.has_originator_info = 1;
    w.originator_info = (cmsfw_bytes){ orig, sizeof orig };
    w.has_unprotected_attrs = 1;
    w.unprotected_attrs = (cmsfw_bytes){ attrs, sizeof attrs };
    ENCODE(cmsfw_wrapped_key_encode, &w, buf, n);
    sample_owned(SM_WRAPPED, CMSFW__TASN_ENVELOPED_DATA, buf, n);
}

/* Decode the content of a ContentInfo file into samples[id]. */
static void
sample_content(int id, int file_slot, const char *name, cmsfw__tasn_type type)
{
    cmsfw__tasn ci;
    cmsfw_bytes content;
    size_t len = 0;

    sample_files[file_slot] = tu_load_vector(name, &len);
    if (sample_files[file_slot] == NULL ||
        !tu_decode_ok(&ci, CMSFW__TASN_CONTENT_INFO, sample_files[file_slot], len))
        return;
    if (cmsfw__tasn_get_tlv(&ci, NULL, CMSFW__TASN_CI_CONTENT, &content) == CMSFW_OK)
        CU_ASSERT(tu_decode_ok(&samples[id].t, type, content.ptr, content.len));
    cmsfw__tasn_free(&ci);
}

static void
build_samples(void)
{
    cmsfw__tasn sd4108;
    cmsfw__tasn_at signer = tu_at2(CMSFW__TASN_SD_SIGNER_INFOS, 0, CMSFW__TASN_ITEM, 1);
    cmsfw__tasn_at a3 = tu_at2(CMSFW__TASN_SI_SIGNED_ATTRS, 0, CMSFW__TASN_ITEM, 3);
    cmsfw__tasn_at v1 = tu_at2(CMSFW__TASN_ATTR_VALUES, 0, CMSFW__TASN_ITEM, 1);
    cmsfw__tasn_at ri = tu_at2(CMSFW__TASN_ENV_RECIPIENT_INFOS, 0, CMSFW__TASN_ITEM, 1);
    size_t len = 0;

    memset(samples, 0, sizeof samples);
    sample_hex(SM_RECEIPT_V1, CMSFW__TASN_LOAD_RECEIPT,
               "3030020101060a" PEN "0101040400010203300f060a" PEN
               "02010201070404aaaaaaaa8102bbbb");
    sample_hex(SM_PKG_ID_PREF, CMSFW__TASN_PACKAGE_ID, "3014300f060a" PEN "0201020107020104");
    sample_hex(SM_COMMUNITIES, CMSFW__TASN_COMMUNITY_IDENTIFIERS,
               "302c060a" PEN "0301301e060a" PEN "01013010050004020010300804020100040201ff");
    sample_hex(SM_PKG_INFO, CMSFW__TASN_PACKAGE_INFO, "30160201023011300f060a" PEN "0209020103");
    build_codec_samples();
    build_wrapped_sample();
    sample_files[0] = tu_load_vector("pyasn1-rfc6211-ecdsa-p384-signed-data.der", &len);
    if (sample_files[0] != NULL)
        CU_ASSERT(tu_decode_ok(&samples[SM_CONTENT_INFO].t, CMSFW__TASN_CONTENT_INFO,
                               sample_files[0], len));
    sample_content(SM_SIGNED_DATA, 1, "pyasn1-rfc6211-ecdsa-p384-signed-data.der",
                   CMSFW__TASN_SIGNED_DATA);
    sample_content(SM_AUTHENV, 2, "rfc9936-mlkem512-auth-enveloped-data.der",
                   CMSFW__TASN_AUTH_ENVELOPED_DATA);
    sample_content(SM_COMPRESSED, 3, "pyasn1-rfc3274-compressed-data.der",
                   CMSFW__TASN_COMPRESSED_DATA);
    (void)tu_decode_part(&samples[SM_SIGNED_DATA].t, &signer, CMSFW__TASN_SELF,
                         CMSFW__TASN_SIGNER_INFO, &samples[SM_SIGNER_INFO].t);
    (void)tu_decode_part(&samples[SM_SIGNED_DATA].t, NULL, CMSFW__TASN_SD_ENCAP_CONTENT_INFO,
                         CMSFW__TASN_ENCAPSULATED_CONTENT_INFO, &samples[SM_ECI].t);
    (void)tu_decode_part(&samples[SM_SIGNER_INFO].t, &a3, CMSFW__TASN_SELF, CMSFW__TASN_ATTRIBUTE,
                         &samples[SM_ATTR].t);
    (void)tu_decode_part(&samples[SM_ATTR].t, &v1, CMSFW__TASN_SELF,
                         CMSFW__TASN_CMS_ALGORITHM_PROTECTION, &samples[SM_CAP].t);
    (void)tu_decode_part(&samples[SM_AUTHENV].t, &ri, CMSFW__TASN_RI_ORI_VALUE,
                         CMSFW__TASN_KEM_RECIPIENT_INFO, &samples[SM_KEMRI].t);
    if (tu_decode_content_info("pyasn1-rfc4108-signed-firmware-package.der", "1.2.840.113549.1.7.2",
                               CMSFW__TASN_SIGNED_DATA, &sd4108,
                               &samples[SM_SIGNER_INFO_SKI].owned))
        (void)tu_decode_part(&sd4108, &signer, CMSFW__TASN_SELF, CMSFW__TASN_SIGNER_INFO,
                             &samples[SM_SIGNER_INFO_SKI].t);
    cmsfw__tasn_free(&sd4108);
    samples[SM_GCM].owned = tu_load_vector("pyasn1-rfc5084-gcm-parameters.der", &len);
    if (samples[SM_GCM].owned != NULL)
        CU_ASSERT(tu_decode_ok(&samples[SM_GCM].t, CMSFW__TASN_GCM_PARAMETERS,
                               samples[SM_GCM].owned, len));
    samples[SM_CERT].owned = tu_load_vector("rfc9881-mldsa44-certificate.der", &len);
    if (samples[SM_CERT].owned != NULL)
        CU_ASSERT(tu_decode_ok(&samples[SM_CERT].t, CMSFW__TASN_CERTIFICATE, samples[SM_CERT].owned,
                               len));
}

static void
free_samples(void)
{
    size_t i;

    for (i = 0; i < SM_COUNT; i++) {
        cmsfw__tasn_free(&samples[i].t);
        free(samples[i].owned);
    }
    for (i = 0; i < sizeof sample_files / sizeof sample_files[0]; i++) {
        free(sample_files[i]);
        sample_files[i] = NULL;
    }
}

/* How a path is shown to exist. */
enum { HAS, ABSENT_OK };

/* One path, and where it can be found: a node (base steps, then the path
 * with its index) present in a decoded sample (HAS), or, for an OPTIONAL
 * component that no sample carries, accepted as "absent" by a writer on a
 * new element of the sample's type (ABSENT_OK). */
typedef struct path_case {
    cmsfw__tasn_path path;
    size_t index;
    int sample;
    int mode;
    cmsfw__tasn_path b[3];
    size_t bi[3];
} path_case;

#define S CMSFW__TASN_SELF
#define I CMSFW__TASN_ITEM
#define P(x) CMSFW__TASN_##x
#define NB                                                                                         \
    { S, S, S },                                                                                   \
    {                                                                                              \
        0, 0, 0                                                                                    \
    }
#define RI1                                                                                        \
    { P(ENV_RECIPIENT_INFOS), I, S },                                                              \
    {                                                                                              \
        0, 1, 0                                                                                    \
    }
#define RI2                                                                                        \
    { P(ENV_RECIPIENT_INFOS), I, S },                                                              \
    {                                                                                              \
        0, 2, 0                                                                                    \
    }

static const path_case path_cases[] = {
    { P(SELF), 0, SM_RECEIPT_V1, HAS, NB },
    { P(ITEM), 2, SM_COMMUNITIES, HAS, NB },
    { P(ALG_ALGORITHM), 0, SM_FW_DIGEST, HAS, { P(DIGEST_ALGORITHM), S, S }, { 0, 0, 0 } },
    { P(ALG_PARAMETERS), 0, SM_FW_DIGEST, HAS, { P(DIGEST_ALGORITHM), S, S }, { 0, 0, 0 } },
    { P(NAME_PREFERRED_ID), 0, SM_RECEIPT_V1, HAS, { P(FW_PKG_NAME), S, S }, { 0, 0, 0 } },
    { P(NAME_PREFERRED_VERNUM), 0, SM_RECEIPT_V1, HAS, { P(FW_PKG_NAME), S, S }, { 0, 0, 0 } },
    { P(NAME_LEGACY), 0, SM_ERROR, HAS, { P(FW_PKG_NAME), S, S }, { 0, 0, 0 } },
    { P(PKGID_NAME), 0, SM_PKG_ID_PREF, HAS, NB },
    { P(PKGID_STALE), 0, SM_PKG_ID_PREF, HAS, NB },
    { P(PKGID_STALE_VERNUM), 0, SM_PKG_ID_PREF, HAS, NB },
    { P(PKGID_STALE_LEGACY), 0, SM_PKG_ID_LEGACY, HAS, NB },
    { P(COMMUNITY_OID), 0, SM_COMMUNITIES, HAS, { I, S, S }, { 1, 0, 0 } },
    { P(COMMUNITY_HW_TYPE), 0, SM_COMMUNITIES, HAS, { I, S, S }, { 2, 0, 0 } },
    { P(COMMUNITY_ENTRIES), 0, SM_COMMUNITIES, HAS, { I, S, S }, { 2, 0, 0 } },
    { P(SERIAL_SINGLE), 0, SM_COMMUNITIES, HAS, { I, P(COMMUNITY_ENTRIES), I }, { 2, 0, 2 } },
    { P(SERIAL_LOW), 0, SM_COMMUNITIES, HAS, { I, P(COMMUNITY_ENTRIES), I }, { 2, 0, 3 } },
    { P(SERIAL_HIGH), 0, SM_COMMUNITIES, HAS, { I, P(COMMUNITY_ENTRIES), I }, { 2, 0, 3 } },
    { P(FW_PKG_TYPE), 0, SM_PKG_INFO, HAS, NB },
    { P(INFO_DEPENDENCIES), 0, SM_PKG_INFO, HAS, NB },
    { P(DIGEST_ALGORITHM), 0, SM_FW_DIGEST, HAS, NB },
    { P(DIGEST_VALUE), 0, SM_FW_DIGEST, HAS, NB },
    { P(VERSION), 0, SM_RECEIPT_V1, HAS, NB },
    { P(HW_TYPE), 0, SM_RECEIPT_V1, HAS, NB },
    { P(HW_SERIAL), 0, SM_RECEIPT_V1, HAS, NB },
    { P(FW_PKG_NAME), 0, SM_RECEIPT_V1, HAS, NB },
    { P(RECEIPT_TA_KEY_ID), 0, SM_RECEIPT_V1, HAS, NB },
    { P(RECEIPT_DECRYPT_KEY_ID), 0, SM_RECEIPT_V1, HAS, NB },
    { P(ERROR_CODE), 0, SM_ERROR, HAS, NB },
    { P(ERROR_VENDOR_CODE), 0, SM_ERROR, HAS, NB },
    { P(ERROR_CONFIG), 0, SM_ERROR, HAS, NB },
    { P(GN_OTHER_TYPE_ID), 0, SM_OTHERNAME, HAS, NB },
    { P(GN_OTHER_VALUE), 0, SM_OTHERNAME, HAS, NB },
    { P(CI_CONTENT_TYPE), 0, SM_CONTENT_INFO, HAS, NB },
    { P(CI_CONTENT), 0, SM_CONTENT_INFO, HAS, NB },
    { P(ENV_ORIGINATOR_INFO), 0, SM_WRAPPED, HAS, NB },
    { P(ENV_RECIPIENT_INFOS), 0, SM_WRAPPED, HAS, NB },
    { P(ENV_CONTENT_TYPE), 0, SM_WRAPPED, HAS, NB },
    { P(ENV_CONTENT_ALG), 0, SM_WRAPPED, HAS, NB },
    { P(ENV_CONTENT), 0, SM_WRAPPED, HAS, NB },
    { P(ENV_UNPROTECTED_ATTRS), 0, SM_WRAPPED, HAS, NB },
    { P(AUTHENV_CONTENT_TYPE), 0, SM_AUTHENV, HAS, NB },
    { P(AUTHENV_CONTENT_ALG), 0, SM_AUTHENV, HAS, NB },
    { P(AUTHENV_CONTENT), 0, SM_AUTHENV, HAS, NB },
    { P(AUTHENV_AUTH_ATTRS), 0, SM_AUTHENV, ABSENT_OK, NB },
    { P(AUTHENV_MAC), 0, SM_AUTHENV, HAS, NB },
    /* DER sorts the SET OF: the ktri (30 ..) comes before the kekri (a2 ..) */
    { P(RI_KTRI_VERSION), 0, SM_WRAPPED, HAS, RI1 },
    { P(RI_KTRI_RID), 0, SM_WRAPPED, HAS, RI1 },
    { P(RI_KTRI_SKI), 0, SM_WRAPPED, HAS, RI1 },
    { P(RI_KTRI_KEY_ENC_ALG), 0, SM_WRAPPED, HAS, RI1 },
    { P(RI_KTRI_ENCRYPTED_KEY), 0, SM_WRAPPED, HAS, RI1 },
    { P(RI_KEKRI_VERSION), 0, SM_WRAPPED, HAS, RI2 },
    { P(RI_KEKRI_KEY_ID), 0, SM_WRAPPED, HAS, RI2 },
    { P(RI_KEKRI_DATE), 0, SM_WRAPPED, HAS, RI2 },
    { P(RI_KEKRI_OTHER), 0, SM_WRAPPED, HAS, RI2 },
    { P(RI_KEKRI_KEY_ENC_ALG), 0, SM_WRAPPED, HAS, RI2 },
    { P(RI_KEKRI_ENCRYPTED_KEY), 0, SM_WRAPPED, HAS, RI2 },
    { P(RI_ORI_TYPE), 0, SM_AUTHENV, HAS, RI1 },
    { P(RI_ORI_VALUE), 0, SM_AUTHENV, HAS, RI1 },
    { P(KEMRI_KEM), 0, SM_KEMRI, HAS, NB },
    { P(KEMRI_KDF), 0, SM_KEMRI, HAS, NB },
    { P(KEMRI_KEK_LENGTH), 0, SM_KEMRI, HAS, NB },
    { P(KEMRI_WRAP), 0, SM_KEMRI, HAS, NB },
    { P(SD_DIGEST_ALGORITHMS), 0, SM_SIGNED_DATA, HAS, NB },
    { P(SD_ENCAP_CONTENT_INFO), 0, SM_SIGNED_DATA, HAS, NB },
    { P(SD_CONTENT_TYPE), 0, SM_SIGNED_DATA, HAS, NB },
    { P(SD_CONTENT), 0, SM_SIGNED_DATA, HAS, NB },
    { P(SD_CERTIFICATES), 0, SM_SIGNED_DATA, HAS, NB },
    { P(SD_CRLS), 0, SM_SIGNED_DATA, ABSENT_OK, NB },
    { P(SD_SIGNER_INFOS), 0, SM_SIGNED_DATA, HAS, NB },
    { P(ECI_CONTENT_TYPE), 0, SM_ECI, HAS, NB },
    { P(ECI_CONTENT), 0, SM_ECI, HAS, NB },
    { P(CD_ALGORITHM), 0, SM_COMPRESSED, HAS, NB },
    { P(SI_SID), 0, SM_SIGNER_INFO, HAS, NB },
    { P(SI_SID_SKI), 0, SM_SIGNER_INFO_SKI, HAS, NB },
    { P(SI_SID_ISSUER), 0, SM_SIGNER_INFO, HAS, NB },
    { P(SI_SID_SERIAL), 0, SM_SIGNER_INFO, HAS, NB },
    { P(SI_DIGEST_ALGORITHM), 0, SM_SIGNER_INFO, HAS, NB },
    { P(SI_SIGNED_ATTRS), 0, SM_SIGNER_INFO, HAS, NB },
    { P(SI_SIGNATURE_ALGORITHM), 0, SM_SIGNER_INFO, HAS, NB },
    { P(SI_SIGNATURE), 0, SM_SIGNER_INFO, HAS, NB },
    { P(SI_UNSIGNED_ATTRS), 0, SM_SIGNER_INFO, ABSENT_OK, NB },
    { P(ATTR_TYPE), 0, SM_ATTR, HAS, NB },
    { P(ATTR_VALUES), 0, SM_ATTR, HAS, NB },
    { P(AES_NONCE), 0, SM_GCM, HAS, NB },
    { P(AES_ICV_LEN), 0, SM_GCM, HAS, NB },
    { P(CAP_DIGEST_ALGORITHM), 0, SM_CAP, HAS, NB },
    { P(CAP_SIGNATURE_ALGORITHM), 0, SM_CAP, HAS, NB },
    { P(CAP_MAC_ALGORITHM), 0, SM_CAP, ABSENT_OK, NB },
    { P(CERT_TBS), 0, SM_CERT, HAS, NB },
    { P(CERT_VERSION), 0, SM_CERT, HAS, NB },
    { P(CERT_SERIAL), 0, SM_CERT, HAS, NB },
    { P(CERT_ISSUER), 0, SM_CERT, HAS, NB },
    { P(CERT_SUBJECT), 0, SM_CERT, HAS, NB },
    { P(CERT_SPKI), 0, SM_CERT, HAS, NB },
    { P(CERT_SPKI_ALGORITHM), 0, SM_CERT, HAS, NB },
    { P(CERT_SPKI_KEY), 0, SM_CERT, HAS, NB },
    { P(CERT_EXTENSIONS), 0, SM_CERT, HAS, NB },
    { P(CERT_SIGNATURE_ALGORITHM), 0, SM_CERT, HAS, NB },
    { P(CERT_SIGNATURE), 0, SM_CERT, HAS, NB },
    /* the first extension is a critical keyUsage */
    { P(EXT_ID), 0, SM_CERT, HAS, { P(CERT_EXTENSIONS), I, S }, { 0, 1, 0 } },
    { P(EXT_CRITICAL), 0, SM_CERT, HAS, { P(CERT_EXTENSIONS), I, S }, { 0, 1, 0 } },
    { P(EXT_VALUE), 0, SM_CERT, HAS, { P(CERT_EXTENSIONS), I, S }, { 0, 1, 0 } },
};

static int
path_case_holds(const path_case *c)
{
    const cmsfw__tasn *t = &samples[c->sample].t;
    cmsfw__tasn_at base[4], full;
    cmsfw__tasn fresh;
    size_t k;
    int ok;

    memset(base, 0, sizeof base);
    for (k = 0; k < 3; k++) {
        if (c->b[k] == S)
            base[k + 1] = base[k];
        else if (cmsfw__tasn_at_set(&base[k + 1], &base[k], c->b[k], c->bi[k]) != CMSFW_OK)
            return 0;
    }
    if (cmsfw__tasn_at_set(&full, &base[3], c->path, c->index) != CMSFW_OK)
        return 0;
    if (c->mode == HAS)
        return t->node != NULL && cmsfw__tasn_has(t, &full, CMSFW__TASN_SELF);
    if (cmsfw__tasn_new(&fresh, t->type, NULL) != CMSFW_OK)
        return 0;
    ok = cmsfw__tasn_put_absent(&fresh, &full, CMSFW__TASN_SELF) == CMSFW_OK;
    cmsfw__tasn_free(&fresh);
    return ok;
}

static void
test_every_path_resolves(void)
{
    unsigned char seen[CMSFW__TASN_PATH_COUNT];
    size_t i;

    memset(seen, 0, sizeof seen);
    build_samples();
    for (i = 0; i < sizeof path_cases / sizeof path_cases[0]; i++) {
        const path_case *c = &path_cases[i];
        int ok = path_case_holds(c);

        if (!ok)
            fprintf(stderr, "\n  path \"%s\" not found in sample %d\n",
                    cmsfw__tasn_path_text(c->path), c->sample);
        CU_ASSERT(ok);
        seen[c->path] = 1;
    }
    for (i = 0; i < CMSFW__TASN_PATH_COUNT; i++) {
        CU_ASSERT_PTR_NOT_NULL(cmsfw__tasn_path_text((cmsfw__tasn_path)i));
        if (!seen[i])
            fprintf(stderr, "\n  path %zu (\"%s\") has no test case\n", i,
                    cmsfw__tasn_path_text((cmsfw__tasn_path)i));
        CU_ASSERT(seen[i]);
    }
    /* a name that is not in the module is not found */
    CU_ASSERT_FALSE(cmsfw__tasn_has(&samples[SM_RECEIPT_V1].t, NULL, CMSFW__TASN_ERROR_CODE));
    free_samples();
}

/* One CHOICE alternative and a node where writing it must work. */
typedef struct arm_case {
    cmsfw__tasn_arm arm;
    cmsfw__tasn_type type;
    cmsfw__tasn_path list; /* SELF, or a list to add an item to first */
    cmsfw__tasn_path path; /* the CHOICE node (inside the item, if any) */
} arm_case;

static const arm_case arm_cases[] = {
    { CMSFW__TASN_ARM_PREFERRED, CMSFW__TASN_PACKAGE_NAME, S, S },
    { CMSFW__TASN_ARM_LEGACY, CMSFW__TASN_PACKAGE_NAME, S, S },
    { CMSFW__TASN_ARM_STALE_VERNUM, CMSFW__TASN_PACKAGE_ID, S, P(PKGID_STALE) },
    { CMSFW__TASN_ARM_STALE_LEGACY, CMSFW__TASN_PACKAGE_ID, S, P(PKGID_STALE) },
    { CMSFW__TASN_ARM_COMMUNITY_OID, CMSFW__TASN_COMMUNITY_IDENTIFIERS, S, S },
    { CMSFW__TASN_ARM_HW_MODULE_LIST, CMSFW__TASN_COMMUNITY_IDENTIFIERS, S, S },
    { CMSFW__TASN_ARM_ALL, CMSFW__TASN_LOAD_ERROR, S, P(FW_PKG_NAME) }, /* must fail */
    { CMSFW__TASN_ARM_KTRI, CMSFW__TASN_RECIPIENT_INFO, S, S },
    { CMSFW__TASN_ARM_KARI, CMSFW__TASN_RECIPIENT_INFO, S, S },
    { CMSFW__TASN_ARM_KEKRI, CMSFW__TASN_RECIPIENT_INFO, S, S },
    { CMSFW__TASN_ARM_PWRI, CMSFW__TASN_RECIPIENT_INFO, S, S },
    { CMSFW__TASN_ARM_ORI, CMSFW__TASN_RECIPIENT_INFO, S, S },
    { CMSFW__TASN_ARM_ISSUER_AND_SERIAL, CMSFW__TASN_SIGNER_INFO, S, P(SI_SID) },
    { CMSFW__TASN_ARM_SUBJECT_KEY_ID, CMSFW__TASN_SIGNER_INFO, S, P(SI_SID) },
    { CMSFW__TASN_ARM_OTHER_NAME, CMSFW__TASN_GENERAL_NAME, S, S },
    { CMSFW__TASN_ARM_RFC822_NAME, CMSFW__TASN_GENERAL_NAME, S, S },
    { CMSFW__TASN_ARM_DNS_NAME, CMSFW__TASN_GENERAL_NAME, S, S },
    { CMSFW__TASN_ARM_X400_ADDRESS, CMSFW__TASN_GENERAL_NAME, S, S },
    { CMSFW__TASN_ARM_DIRECTORY_NAME, CMSFW__TASN_GENERAL_NAME, S, S },
    { CMSFW__TASN_ARM_EDI_PARTY_NAME, CMSFW__TASN_GENERAL_NAME, S, S },
    { CMSFW__TASN_ARM_URI, CMSFW__TASN_GENERAL_NAME, S, S },
    { CMSFW__TASN_ARM_IP_ADDRESS, CMSFW__TASN_GENERAL_NAME, S, S },
    { CMSFW__TASN_ARM_REGISTERED_ID, CMSFW__TASN_GENERAL_NAME, S, S },
    { CMSFW__TASN_ARM_CERTIFICATE, CMSFW__TASN_SIGNED_DATA, P(SD_CERTIFICATES), S },
    { CMSFW__TASN_ARM_EXTENDED_CERT, CMSFW__TASN_SIGNED_DATA, P(SD_CERTIFICATES), S },
    { CMSFW__TASN_ARM_V1_ATTR_CERT, CMSFW__TASN_SIGNED_DATA, P(SD_CERTIFICATES), S },
    { CMSFW__TASN_ARM_V2_ATTR_CERT, CMSFW__TASN_SIGNED_DATA, P(SD_CERTIFICATES), S },
    { CMSFW__TASN_ARM_OTHER, CMSFW__TASN_SIGNED_DATA, P(SD_CERTIFICATES), S },
    { CMSFW__TASN_ARM_CRL, CMSFW__TASN_SIGNED_DATA, P(SD_CRLS), S },
};

static void
test_every_arm_resolves(void)
{
    unsigned char seen[CMSFW__TASN_ARM_COUNT];
    size_t i;

    memset(seen, 0, sizeof seen);
    for (i = 0; i < sizeof arm_cases / sizeof arm_cases[0]; i++) {
        const arm_case *c = &arm_cases[i];
        cmsfw__tasn t;
        cmsfw__tasn_at item, *base = NULL;
        int expect = c->arm != CMSFW__TASN_ARM_ALL;
        cmsfw_err st;

        CU_ASSERT_EQUAL_FATAL(cmsfw__tasn_new(&t, c->type, NULL), CMSFW_OK);
        if (c->list != S || c->path == S) {
            /* lists and root CHOICEs of list type get one item first */
            if (cmsfw__tasn_put_item(&t, NULL, c->list) == CMSFW_OK &&
                cmsfw__tasn_at_set(&item, NULL, c->list, 0) == CMSFW_OK &&
                cmsfw__tasn_at_set(&item, &item, CMSFW__TASN_ITEM, 1) == CMSFW_OK)
                base = &item;
        }
        st = cmsfw__tasn_put_choice(&t, base, c->path, c->arm);
        if ((st == CMSFW_OK) != expect)
            fprintf(stderr, "\n  alternative %s: %d\n", cmsfw__tasn_arm_name(c->arm), (int)st);
        CU_ASSERT_EQUAL(st == CMSFW_OK, expect);
        cmsfw__tasn_free(&t);
        seen[c->arm] = 1;
    }
    /* HardwareSerialEntry.all: inside a hwModuleList item */
    {
        static const cmsfw__tasn_arm entry_arms[3] = { CMSFW__TASN_ARM_ALL, CMSFW__TASN_ARM_SINGLE,
                                                       CMSFW__TASN_ARM_BLOCK };
        cmsfw__tasn t;
        cmsfw__tasn_at item, entry;
        size_t k;

        CU_ASSERT_EQUAL_FATAL(cmsfw__tasn_new(&t, CMSFW__TASN_COMMUNITY_IDENTIFIERS, NULL),
                              CMSFW_OK);
        CU_ASSERT_EQUAL(cmsfw__tasn_put_item(&t, NULL, S), CMSFW_OK);
        CU_ASSERT_EQUAL(cmsfw__tasn_at_set(&item, NULL, I, 1), CMSFW_OK);
        CU_ASSERT_EQUAL(cmsfw__tasn_put_choice(&t, &item, S, CMSFW__TASN_ARM_HW_MODULE_LIST),
                        CMSFW_OK);
        /* one entry per alternative: choosing one removes the others */
        for (k = 1; k <= 3; k++) {
            CU_ASSERT_EQUAL(cmsfw__tasn_put_item(&t, &item, P(COMMUNITY_ENTRIES)), CMSFW_OK);
            CU_ASSERT_EQUAL(cmsfw__tasn_at_set(&entry, &item, P(COMMUNITY_ENTRIES), 0), CMSFW_OK);
            CU_ASSERT_EQUAL(cmsfw__tasn_at_set(&entry, &entry, I, k), CMSFW_OK);
            CU_ASSERT_EQUAL(cmsfw__tasn_put_choice(&t, &entry, S, entry_arms[k - 1]), CMSFW_OK);
        }
        CU_ASSERT_NOT_EQUAL(cmsfw__tasn_put_choice(&t, &entry, S, CMSFW__TASN_ARM_NONE), CMSFW_OK);
        CU_ASSERT_NOT_EQUAL(cmsfw__tasn_put_choice(&t, &entry, S, CMSFW__TASN_ARM_KTRI), CMSFW_OK);
        cmsfw__tasn_free(&t);
        seen[CMSFW__TASN_ARM_ALL] = seen[CMSFW__TASN_ARM_SINGLE] = 1;
        seen[CMSFW__TASN_ARM_BLOCK] = 1;
    }
    for (i = 1; i < CMSFW__TASN_ARM_COUNT; i++) {
        CU_ASSERT_PTR_NOT_NULL(cmsfw__tasn_arm_name((cmsfw__tasn_arm)i));
        CU_ASSERT(seen[i]);
    }
    CU_ASSERT_PTR_NULL(cmsfw__tasn_arm_name(CMSFW__TASN_ARM_NONE));
    CU_ASSERT_PTR_NULL(cmsfw__tasn_arm_name(CMSFW__TASN_ARM_COUNT));
}

static void
test_every_type_loads(void)
{
    size_t i;

    for (i = 0; i < CMSFW__TASN_TYPE_COUNT; i++) {
        cmsfw__tasn t;
        cmsfw_diag diag = { "" };

        CU_ASSERT_EQUAL(cmsfw__tasn_new(&t, (cmsfw__tasn_type)i, &diag), CMSFW_OK);
        CU_ASSERT_PTR_NOT_NULL(t.node);
        CU_ASSERT_STRING_NOT_EQUAL(cmsfw__tasn_type_name((cmsfw__tasn_type)i), "?");
        cmsfw__tasn_free(&t);
        CU_ASSERT_PTR_NULL(t.node);
    }
    CU_ASSERT_EQUAL(cmsfw__tasn_new(&(cmsfw__tasn){ 0 }, CMSFW__TASN_TYPE_COUNT, NULL),
                    CMSFW_E_ARG);
    CU_ASSERT_STRING_EQUAL(cmsfw__tasn_type_name(CMSFW__TASN_LOAD_RECEIPT),
                           "FirmwarePackageLoadReceipt");
}

#undef S
#undef I
#undef P
#undef NB
#undef RI1
#undef RI2

static CU_TestInfo name_tests[] = {
    { "every type is in the module", test_every_type_loads },
    { "every component path resolves", test_every_path_resolves },
    { "every CHOICE alternative resolves", test_every_arm_resolves },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "asn1 module: names", NULL, NULL, NULL, NULL, name_tests },
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
