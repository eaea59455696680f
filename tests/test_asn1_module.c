/*
 * test_asn1_module.c: the templates of asn1/cmsfw.asn, through asn1/tasn.h.
 *
 * - The published CMS and PKIX vectors decode as their types in strict DER
 *   and encode back to the same bytes; a few fields of each are checked.
 * - The decoder's strictness (one TLV, definite and shortest lengths,
 *   canonical form) and the typed readers' and writers' range checks.
 *
 * tests/test_asn1_names.c checks the names asn1/tasn.c gives libtasn1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/fw.h>
#include <cmsfw/oid.h>

#include "asn1/tasn.h"
#include "tests/cu_main.h"
#include "tests/test_asn1_util.h"

#define PEN "2b0601040181fd59"

/* ------------------------------------------------------------- vectors */

static void
test_signed_data_rfc6211(void)
{
    cmsfw__tasn sd, si, attr, cap, cert;
    cmsfw__tasn_at signer = tu_at2(CMSFW__TASN_SD_SIGNER_INFOS, 0, CMSFW__TASN_ITEM, 1);
    cmsfw__tasn_arm arm;
    cmsfw_bytes oid, content;
    uint8_t *file = NULL;
    int64_t version = -1;
    size_t n = 0;

    if (!tu_decode_content_info("pyasn1-rfc6211-ecdsa-p384-signed-data.der", "1.2.840.113549.1.7.2",
                                CMSFW__TASN_SIGNED_DATA, &sd, &file))
        goto out;
    CU_ASSERT_EQUAL(cmsfw__tasn_get_int(&sd, NULL, CMSFW__TASN_VERSION, &version), CMSFW_OK);
    CU_ASSERT_EQUAL(version, 1);
    CU_ASSERT_EQUAL(cmsfw__tasn_get_oid(&sd, NULL, CMSFW__TASN_SD_CONTENT_TYPE, &oid), CMSFW_OK);
    CU_ASSERT(tu_oid_is(oid, "1.2.840.113549.1.7.1"));
    CU_ASSERT_EQUAL(cmsfw__tasn_get_value(&sd, NULL, CMSFW__TASN_SD_CONTENT, &content), CMSFW_OK);
    CU_ASSERT(content.len == 66 && memcmp(content.ptr, "Content-Type: text/plain", 24) == 0);
    CU_ASSERT_EQUAL(cmsfw__tasn_count(&sd, NULL, CMSFW__TASN_SD_CERTIFICATES, &n), CMSFW_OK);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_FALSE(cmsfw__tasn_has(&sd, NULL, CMSFW__TASN_SD_CRLS));
    CU_ASSERT_EQUAL(cmsfw__tasn_count(&sd, NULL, CMSFW__TASN_SD_SIGNER_INFOS, &n), CMSFW_OK);
    CU_ASSERT_EQUAL(n, 1);

    /* the one certificate is a plain X.509 certificate that decodes too */
    {
        cmsfw__tasn_at c = tu_at2(CMSFW__TASN_SD_CERTIFICATES, 0, CMSFW__TASN_ITEM, 1);
        CU_ASSERT_EQUAL(cmsfw__tasn_get_choice(&sd, &c, CMSFW__TASN_SELF, &arm), CMSFW_OK);
        CU_ASSERT_EQUAL(arm, CMSFW__TASN_ARM_CERTIFICATE);
        if (tu_decode_part(&sd, &c, CMSFW__TASN_SELF, CMSFW__TASN_CERTIFICATE, &cert))
            cmsfw__tasn_free(&cert);
    }

    if (!tu_decode_part(&sd, &signer, CMSFW__TASN_SELF, CMSFW__TASN_SIGNER_INFO, &si))
        goto out;
    CU_ASSERT_EQUAL(cmsfw__tasn_get_choice(&si, NULL, CMSFW__TASN_SI_SID, &arm), CMSFW_OK);
    CU_ASSERT_EQUAL(arm, CMSFW__TASN_ARM_ISSUER_AND_SERIAL);
    CU_ASSERT_EQUAL(cmsfw__tasn_get_value(&si, NULL, CMSFW__TASN_SI_SID_SERIAL, &content),
                    CMSFW_OK);
    CU_ASSERT(content.len == 9 && content.ptr[0] == 0x00 && content.ptr[1] == 0xa5);
    CU_ASSERT_EQUAL(cmsfw__tasn_count(&si, NULL, CMSFW__TASN_SI_SIGNED_ATTRS, &n), CMSFW_OK);
    CU_ASSERT_EQUAL(n, 5);
    /* DER order puts CMSAlgorithmProtection (30 28) third */
    {
        cmsfw__tasn_at a3 = tu_at2(CMSFW__TASN_SI_SIGNED_ATTRS, 0, CMSFW__TASN_ITEM, 3);
        if (tu_decode_part(&si, &a3, CMSFW__TASN_SELF, CMSFW__TASN_ATTRIBUTE, &attr)) {
            cmsfw__tasn_at v1 = tu_at2(CMSFW__TASN_ATTR_VALUES, 0, CMSFW__TASN_ITEM, 1);
            CU_ASSERT_EQUAL(cmsfw__tasn_get_oid(&attr, NULL, CMSFW__TASN_ATTR_TYPE, &oid),
                            CMSFW_OK);
            CU_ASSERT(tu_oid_is(oid, "1.2.840.113549.1.9.52"));
            if (tu_decode_part(&attr, &v1, CMSFW__TASN_SELF, CMSFW__TASN_CMS_ALGORITHM_PROTECTION,
                               &cap)) {
                cmsfw__tasn_at d = tu_at1(CMSFW__TASN_CAP_DIGEST_ALGORITHM, 0);
                cmsfw__tasn_at s = tu_at1(CMSFW__TASN_CAP_SIGNATURE_ALGORITHM, 0);
                CU_ASSERT_EQUAL(cmsfw__tasn_get_oid(&cap, &d, CMSFW__TASN_ALG_ALGORITHM, &oid),
                                CMSFW_OK);
                CU_ASSERT(tu_oid_is(oid, "2.16.840.1.101.3.4.2.2"));
                CU_ASSERT_EQUAL(cmsfw__tasn_get_oid(&cap, &s, CMSFW__TASN_ALG_ALGORITHM, &oid),
                                CMSFW_OK);
                CU_ASSERT(tu_oid_is(oid, "1.2.840.10045.4.3.3"));
                CU_ASSERT_FALSE(cmsfw__tasn_has(&cap, NULL, CMSFW__TASN_CAP_MAC_ALGORITHM));
                cmsfw__tasn_free(&cap);
            }
            cmsfw__tasn_free(&attr);
        }
    }
    cmsfw__tasn_free(&si);
out:
    cmsfw__tasn_free(&sd);
    free(file);
}

/* The signed attribute of type @dotted in SignerInfo @si: its one value. */
static int
find_attr_value(const cmsfw__tasn *si, const char *dotted, cmsfw_bytes *value)
{
    size_t i, n = 0;

    CU_ASSERT_EQUAL(cmsfw__tasn_count(si, NULL, CMSFW__TASN_SI_SIGNED_ATTRS, &n), CMSFW_OK);
    for (i = 1; i <= n; i++) {
        cmsfw__tasn_at a = tu_at2(CMSFW__TASN_SI_SIGNED_ATTRS, 0, CMSFW__TASN_ITEM, i);
        cmsfw__tasn_at v, item;
        cmsfw_bytes type;

        if (cmsfw__tasn_get_oid(si, &a, CMSFW__TASN_ATTR_TYPE, &type) != CMSFW_OK ||
            !tu_oid_is(type, dotted))
            continue;
        if (cmsfw__tasn_at_set(&v, &a, CMSFW__TASN_ATTR_VALUES, 0) != CMSFW_OK ||
            cmsfw__tasn_at_set(&item, &v, CMSFW__TASN_ITEM, 1) != CMSFW_OK)
            return 0;
        return cmsfw__tasn_get_tlv(si, &item, CMSFW__TASN_SELF, value) == CMSFW_OK;
    }
    return 0;
}

static void
test_signed_data_rfc4108(void)
{
    cmsfw__tasn sd, si;
    cmsfw__tasn_at signer = tu_at2(CMSFW__TASN_SD_SIGNER_INFOS, 0, CMSFW__TASN_ITEM, 1);
    cmsfw__tasn_arm arm;
    cmsfw_bytes oid, content, value;
    cmsfw_oid_list targets;
    cmsfw_fw_digest digest;
    uint8_t *file = NULL;
    size_t i;
    int found = 0;

    if (!tu_decode_content_info("pyasn1-rfc4108-signed-firmware-package.der",
                                "1.2.840.113549.1.7.2", CMSFW__TASN_SIGNED_DATA, &sd, &file))
        goto out;
    CU_ASSERT_EQUAL(cmsfw__tasn_get_oid(&sd, NULL, CMSFW__TASN_SD_CONTENT_TYPE, &oid), CMSFW_OK);
    CU_ASSERT(tu_oid_is(oid, "1.2.840.113549.1.9.16.1.16"));
    CU_ASSERT_EQUAL(cmsfw__tasn_get_value(&sd, NULL, CMSFW__TASN_SD_CONTENT, &content), CMSFW_OK);
    CU_ASSERT_EQUAL(content.len, 512);
    if (!tu_decode_part(&sd, &signer, CMSFW__TASN_SELF, CMSFW__TASN_SIGNER_INFO, &si))
        goto out;
    CU_ASSERT_EQUAL(cmsfw__tasn_get_choice(&si, NULL, CMSFW__TASN_SI_SID, &arm), CMSFW_OK);
    CU_ASSERT_EQUAL(arm, CMSFW__TASN_ARM_SUBJECT_KEY_ID);
    CU_ASSERT_EQUAL(cmsfw__tasn_get_value(&si, NULL, CMSFW__TASN_SI_SID_SKI, &value), CMSFW_OK);
    CU_ASSERT_EQUAL(value.len, 20);

    /* the RFC 4108 attributes, through the public codec */
    CU_ASSERT(find_attr_value(&si, "1.2.840.113549.1.9.16.2.36", &value));
    CU_ASSERT_EQUAL_FATAL(cmsfw_oid_list_decode(&targets, value.ptr, value.len, NULL), CMSFW_OK);
    CU_ASSERT_EQUAL(targets.n, 2);
    for (i = 0; i < targets.n; i++)
        found |= tu_oid_is(targets.oids[i], "1.3.6.1.4.1.221121.1.1.42");
    CU_ASSERT(found);
    cmsfw_oid_list_free(&targets);
    CU_ASSERT(find_attr_value(&si, "1.2.840.113549.1.9.16.2.41", &value));
    CU_ASSERT_EQUAL(cmsfw_fw_digest_decode(&digest, value.ptr, value.len, NULL), CMSFW_OK);
    CU_ASSERT(tu_oid_is(digest.alg.oid, "2.16.840.1.101.3.4.2.1"));
    CU_ASSERT(digest.digest.len == 32 && digest.digest.ptr[0] == 0x00 &&
              digest.digest.ptr[1] == 0x97);
    cmsfw_fw_digest_free(&digest);
    CU_ASSERT_FALSE(find_attr_value(&si, "1.2.840.113549.1.9.16.2.35", &value));
    cmsfw__tasn_free(&si);
out:
    cmsfw__tasn_free(&sd);
    free(file);
}

static void
test_signed_data_mldsa(void)
{
    static const char *const files[3] = { "rfc9882-mldsa44-signed-data.der",
                                          "rfc9882-mldsa65-signed-data.der",
                                          "rfc9882-mldsa87-signed-data.der" };
    static const char *const algs[3] = { "2.16.840.1.101.3.4.3.17", "2.16.840.1.101.3.4.3.18",
                                         "2.16.840.1.101.3.4.3.19" };
    size_t k;

    for (k = 0; k < 3; k++) {
        cmsfw__tasn sd;
        cmsfw__tasn_at signer = tu_at2(CMSFW__TASN_SD_SIGNER_INFOS, 0, CMSFW__TASN_ITEM, 1);
        cmsfw__tasn_at sig_alg,
            dig = tu_at2(CMSFW__TASN_SD_DIGEST_ALGORITHMS, 0, CMSFW__TASN_ITEM, 1);
        cmsfw__tasn_arm arm;
        cmsfw_bytes oid, content;
        uint8_t *file = NULL;

        if (tu_decode_content_info(files[k], "1.2.840.113549.1.7.2", CMSFW__TASN_SIGNED_DATA, &sd,
                                   &file)) {
            CU_ASSERT_EQUAL(cmsfw__tasn_get_oid(&sd, &dig, CMSFW__TASN_ALG_ALGORITHM, &oid),
                            CMSFW_OK);
            CU_ASSERT(tu_oid_is(oid, "2.16.840.1.101.3.4.2.3"));
            CU_ASSERT_EQUAL(cmsfw__tasn_get_value(&sd, NULL, CMSFW__TASN_SD_CONTENT, &content),
                            CMSFW_OK);
            CU_ASSERT(content.len > 9 && memcmp(content.ptr, "ML-DSA-", 7) == 0);
            CU_ASSERT_EQUAL(cmsfw__tasn_get_choice(&sd, &signer, CMSFW__TASN_SI_SID, &arm),
                            CMSFW_OK);
            CU_ASSERT_EQUAL(arm, CMSFW__TASN_ARM_ISSUER_AND_SERIAL);
            CU_ASSERT_EQUAL(
                cmsfw__tasn_at_set(&sig_alg, &signer, CMSFW__TASN_SI_SIGNATURE_ALGORITHM, 0),
                CMSFW_OK);
            CU_ASSERT_EQUAL(cmsfw__tasn_get_oid(&sd, &sig_alg, CMSFW__TASN_ALG_ALGORITHM, &oid),
                            CMSFW_OK);
            CU_ASSERT(tu_oid_is(oid, algs[k]));
            /* pure ML-DSA: parameters absent */
            CU_ASSERT_FALSE(cmsfw__tasn_has(&sd, &sig_alg, CMSFW__TASN_ALG_PARAMETERS));
        }
        cmsfw__tasn_free(&sd);
        free(file);
    }
}

static void
test_compressed_data(void)
{
    cmsfw__tasn cd;
    cmsfw__tasn_at alg = tu_at1(CMSFW__TASN_CD_ALGORITHM, 0);
    cmsfw_bytes oid, content;
    uint8_t *file = NULL;
    int64_t version = -1;

    if (tu_decode_content_info("pyasn1-rfc3274-compressed-data.der", "1.2.840.113549.1.9.16.1.9",
                               CMSFW__TASN_COMPRESSED_DATA, &cd, &file)) {
        CU_ASSERT_EQUAL(cmsfw__tasn_get_int(&cd, NULL, CMSFW__TASN_VERSION, &version), CMSFW_OK);
        CU_ASSERT_EQUAL(version, 0);
        CU_ASSERT_EQUAL(cmsfw__tasn_get_oid(&cd, &alg, CMSFW__TASN_ALG_ALGORITHM, &oid), CMSFW_OK);
        CU_ASSERT(tu_oid_is(oid, "1.2.840.113549.1.9.16.3.8"));
        CU_ASSERT_FALSE(cmsfw__tasn_has(&cd, &alg, CMSFW__TASN_ALG_PARAMETERS));
        CU_ASSERT_EQUAL(cmsfw__tasn_get_oid(&cd, NULL, CMSFW__TASN_SD_CONTENT_TYPE, &oid),
                        CMSFW_OK);
        CU_ASSERT(tu_oid_is(oid, "1.2.840.113549.1.7.1"));
        CU_ASSERT_EQUAL(cmsfw__tasn_get_value(&cd, NULL, CMSFW__TASN_SD_CONTENT, &content),
                        CMSFW_OK);
        CU_ASSERT(content.len == 433 && content.ptr[0] == 0x78 && content.ptr[1] == 0x9c);
    }
    cmsfw__tasn_free(&cd);
    free(file);
}

static void
test_auth_enveloped_rfc5083(void)
{
    cmsfw__tasn ae, gcm;
    cmsfw__tasn_at alg = tu_at1(CMSFW__TASN_AUTHENV_CONTENT_ALG, 0);
    cmsfw__tasn_at ri = tu_at2(CMSFW__TASN_ENV_RECIPIENT_INFOS, 0, CMSFW__TASN_ITEM, 1);
    cmsfw__tasn_arm arm;
    cmsfw_bytes oid, value;
    uint8_t *file = NULL;
    uint64_t icv = 0;

    if (tu_decode_content_info("pyasn1-rfc5083-auth-enveloped-data.der",
                               "1.2.840.113549.1.9.16.1.23", CMSFW__TASN_AUTH_ENVELOPED_DATA, &ae,
                               &file)) {
        CU_ASSERT_EQUAL(cmsfw__tasn_get_choice(&ae, &ri, CMSFW__TASN_SELF, &arm), CMSFW_OK);
        CU_ASSERT_EQUAL(arm, CMSFW__TASN_ARM_ORI);
        CU_ASSERT_EQUAL(cmsfw__tasn_get_oid(&ae, &ri, CMSFW__TASN_RI_ORI_TYPE, &oid), CMSFW_OK);
        CU_ASSERT(tu_oid_is(oid, "1.2.840.113549.1.9.16.13.1"));
        CU_ASSERT_EQUAL(cmsfw__tasn_get_oid(&ae, &alg, CMSFW__TASN_ALG_ALGORITHM, &oid), CMSFW_OK);
        CU_ASSERT(tu_oid_is(oid, "2.16.840.1.101.3.4.1.46"));
        if (tu_decode_part(&ae, &alg, CMSFW__TASN_ALG_PARAMETERS, CMSFW__TASN_GCM_PARAMETERS,
                           &gcm)) {
            CU_ASSERT_EQUAL(cmsfw__tasn_get_value(&gcm, NULL, CMSFW__TASN_AES_NONCE, &value),
                            CMSFW_OK);
            CU_ASSERT_EQUAL(value.len, 12);
            /* ICVlen 12 is the DEFAULT, so it is left out */
            CU_ASSERT_FALSE(cmsfw__tasn_has(&gcm, NULL, CMSFW__TASN_AES_ICV_LEN));
            CU_ASSERT_NOT_EQUAL(cmsfw__tasn_get_uint(&gcm, NULL, CMSFW__TASN_AES_ICV_LEN, &icv),
                                CMSFW_OK);
            cmsfw__tasn_free(&gcm);
        }
        CU_ASSERT_EQUAL(cmsfw__tasn_get_value(&ae, NULL, CMSFW__TASN_AUTHENV_CONTENT, &value),
                        CMSFW_OK);
        CU_ASSERT_EQUAL(value.len, 13);
        CU_ASSERT_FALSE(cmsfw__tasn_has(&ae, NULL, CMSFW__TASN_AUTHENV_AUTH_ATTRS));
        CU_ASSERT_EQUAL(cmsfw__tasn_get_value(&ae, NULL, CMSFW__TASN_AUTHENV_MAC, &value),
                        CMSFW_OK);
        CU_ASSERT(value.len > 0);
    }
    cmsfw__tasn_free(&ae);
    free(file);
}

static void
test_auth_enveloped_rfc9936(void)
{
    cmsfw__tasn ae, kem;
    cmsfw__tasn_at ri = tu_at2(CMSFW__TASN_ENV_RECIPIENT_INFOS, 0, CMSFW__TASN_ITEM, 1);
    cmsfw__tasn_at kem_alg = tu_at1(CMSFW__TASN_KEMRI_KEM, 0),
                   kdf = tu_at1(CMSFW__TASN_KEMRI_KDF, 0);
    cmsfw__tasn_at wrap = tu_at1(CMSFW__TASN_KEMRI_WRAP, 0);
    cmsfw_bytes oid;
    uint8_t *file = NULL;
    uint64_t kek_len = 0;

    if (tu_decode_content_info("rfc9936-mlkem512-auth-enveloped-data.der",
                               "1.2.840.113549.1.9.16.1.23", CMSFW__TASN_AUTH_ENVELOPED_DATA, &ae,
                               &file)) {
        CU_ASSERT_EQUAL(cmsfw__tasn_get_oid(&ae, &ri, CMSFW__TASN_RI_ORI_TYPE, &oid), CMSFW_OK);
        CU_ASSERT(tu_oid_is(oid, "1.2.840.113549.1.9.16.13.3"));
        if (tu_decode_part(&ae, &ri, CMSFW__TASN_RI_ORI_VALUE, CMSFW__TASN_KEM_RECIPIENT_INFO,
                           &kem)) {
            CU_ASSERT_EQUAL(cmsfw__tasn_get_oid(&kem, &kem_alg, CMSFW__TASN_ALG_ALGORITHM, &oid),
                            CMSFW_OK);
            CU_ASSERT(tu_oid_is(oid, "2.16.840.1.101.3.4.4.1"));
            CU_ASSERT_EQUAL(cmsfw__tasn_get_oid(&kem, &kdf, CMSFW__TASN_ALG_ALGORITHM, &oid),
                            CMSFW_OK);
            CU_ASSERT(tu_oid_is(oid, "1.2.840.113549.1.9.16.3.28"));
            CU_ASSERT_EQUAL(
                cmsfw__tasn_get_uint(&kem, NULL, CMSFW__TASN_KEMRI_KEK_LENGTH, &kek_len), CMSFW_OK);
            CU_ASSERT_EQUAL(kek_len, 16);
            CU_ASSERT_EQUAL(cmsfw__tasn_get_oid(&kem, &wrap, CMSFW__TASN_ALG_ALGORITHM, &oid),
                            CMSFW_OK);
            CU_ASSERT(tu_oid_is(oid, "2.16.840.1.101.3.4.1.5"));
            cmsfw__tasn_free(&kem);
        }
    }
    cmsfw__tasn_free(&ae);
    free(file);
}

static void
test_gcm_ccm_parameters(void)
{
    static const char *const files[2] = { "pyasn1-rfc5084-gcm-parameters.der",
                                          "pyasn1-rfc5084-ccm-parameters.der" };
    static const cmsfw__tasn_type types[2] = { CMSFW__TASN_GCM_PARAMETERS,
                                               CMSFW__TASN_CCM_PARAMETERS };
    static const uint64_t icv[2] = { 16, 4 };
    size_t k;

    for (k = 0; k < 2; k++) {
        cmsfw__tasn t;
        cmsfw_bytes nonce;
        uint64_t v = 0;
        size_t len = 0;
        uint8_t *file = tu_load_vector(files[k], &len);

        memset(&t, 0, sizeof t);
        if (file != NULL && tu_decode_ok(&t, types[k], file, len)) {
            CU_ASSERT_EQUAL(cmsfw__tasn_get_value(&t, NULL, CMSFW__TASN_AES_NONCE, &nonce),
                            CMSFW_OK);
            CU_ASSERT(nonce.len == 12 && nonce.ptr[0] == 0x4d && nonce.ptr == file + 4);
            CU_ASSERT_EQUAL(cmsfw__tasn_get_uint(&t, NULL, CMSFW__TASN_AES_ICV_LEN, &v), CMSFW_OK);
            CU_ASSERT_EQUAL(v, icv[k]);
        }
        cmsfw__tasn_free(&t);
        free(file);
    }
}

static void
test_certificates(void)
{
    static const char *const files[4] = { "rfc9802-hss-certificate.der",
                                          "rfc9881-mldsa44-certificate.der",
                                          "rfc9881-mldsa65-certificate.der",
                                          "rfc9881-mldsa87-certificate.der" };
    static const char *const algs[4] = { "1.2.840.113549.1.9.16.3.17", "2.16.840.1.101.3.4.3.17",
                                         "2.16.840.1.101.3.4.3.18", "2.16.840.1.101.3.4.3.19" };
    size_t k;

    for (k = 0; k < 4; k++) {
        cmsfw__tasn cert;
        cmsfw__tasn_at spki_alg = tu_at1(CMSFW__TASN_CERT_SPKI_ALGORITHM, 0);
        cmsfw__tasn_at sig_alg = tu_at1(CMSFW__TASN_CERT_SIGNATURE_ALGORITHM, 0);
        cmsfw_bytes oid, key;
        int64_t version = -1;
        size_t len = 0;
        uint8_t *file = tu_load_vector(files[k], &len);

        memset(&cert, 0, sizeof cert);
        if (file != NULL && tu_decode_ok(&cert, CMSFW__TASN_CERTIFICATE, file, len)) {
            CU_ASSERT_EQUAL(cmsfw__tasn_get_int(&cert, NULL, CMSFW__TASN_CERT_VERSION, &version),
                            CMSFW_OK);
            CU_ASSERT_EQUAL(version, 2);
            CU_ASSERT_EQUAL(cmsfw__tasn_get_oid(&cert, &spki_alg, CMSFW__TASN_ALG_ALGORITHM, &oid),
                            CMSFW_OK);
            CU_ASSERT(tu_oid_is(oid, algs[k]));
            /* self-signed: the signature uses the subject key's algorithm */
            CU_ASSERT_EQUAL(cmsfw__tasn_get_oid(&cert, &sig_alg, CMSFW__TASN_ALG_ALGORITHM, &oid),
                            CMSFW_OK);
            CU_ASSERT(tu_oid_is(oid, algs[k]));
            CU_ASSERT_EQUAL(cmsfw__tasn_get_value(&cert, NULL, CMSFW__TASN_CERT_SPKI_KEY, &key),
                            CMSFW_OK);
            /* BIT STRING content: unused-bits octet, then the key (HSS: 60 octets) */
            CU_ASSERT(key.len > 1 && key.ptr[0] == 0);
            if (k == 0)
                CU_ASSERT_EQUAL(key.len, 61);
            CU_ASSERT(cmsfw__tasn_has(&cert, NULL, CMSFW__TASN_CERT_EXTENSIONS));
        }
        cmsfw__tasn_free(&cert);
        free(file);
    }
}

/* ----------------------------------------------------------- strictness */

/* Decode hex as @type; returns the status and leaves the reason in diag. */
static cmsfw_err
decode_hex(cmsfw__tasn_type type, const char *hex, cmsfw_diag *diag)
{
    uint8_t buf[256];
    size_t n = tu_unhex(hex, buf, sizeof buf);
    cmsfw__tasn t;
    cmsfw_err st;

    diag->msg[0] = '\0';
    st = cmsfw__tasn_decode(&t, type, buf, n, diag);
    cmsfw__tasn_free(&t);
    return st;
}

#define HW "060a" PEN "0101"

static void
test_decode_strictness(void)
{
    cmsfw_diag d;
    cmsfw__tasn t;

    /* the reference value, then one defect at a time */
    CU_ASSERT_EQUAL(decode_hex(CMSFW__TASN_HARDWARE_MODULE_NAME, "3012" HW "040400010203", &d),
                    CMSFW_OK);
    CU_ASSERT_EQUAL(decode_hex(CMSFW__TASN_HARDWARE_MODULE_NAME, "3012" HW "04040001020300", &d),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "1 trailing bytes"));
    CU_ASSERT_EQUAL(decode_hex(CMSFW__TASN_HARDWARE_MODULE_NAME, "3013" HW "040400010203", &d),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "past the end"));
    CU_ASSERT_EQUAL(decode_hex(CMSFW__TASN_HARDWARE_MODULE_NAME, "3080" HW "0404000102030000", &d),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "indefinite"));
    /* long-form length where the short form fits: caught by re-encoding */
    CU_ASSERT_EQUAL(decode_hex(CMSFW__TASN_HARDWARE_MODULE_NAME, "308112" HW "040400010203", &d),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "not DER"));
    CU_ASSERT_EQUAL(decode_hex(CMSFW__TASN_HARDWARE_MODULE_NAME, "3013" HW "04810400010203", &d),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "not DER"));
    /* constructed OCTET STRING (BER) */
    CU_ASSERT_EQUAL(decode_hex(CMSFW__TASN_HARDWARE_MODULE_NAME, "3014" HW "2406040400010203", &d),
                    CMSFW_DECODE_FAILURE);
    /* wrong tag */
    CU_ASSERT_EQUAL(decode_hex(CMSFW__TASN_HARDWARE_MODULE_NAME, "3112" HW "040400010203", &d),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(decode_hex(CMSFW__TASN_HARDWARE_MODULE_NAME, "3012" HW "030400010203", &d),
                    CMSFW_DECODE_FAILURE);
    /* BOOLEAN TRUE must be FF in DER */
    CU_ASSERT_EQUAL(decode_hex(CMSFW__TASN_EXTENSION, "300a06035504130101ff0400", &d), CMSFW_OK);
    CU_ASSERT_EQUAL(decode_hex(CMSFW__TASN_EXTENSION, "300a06035504130101010400", &d),
                    CMSFW_DECODE_FAILURE);
    /* rules the header walk checks for universal types */
    CU_ASSERT_EQUAL(decode_hex(CMSFW__TASN_ATTRIBUTE,
                               "300f06032a03043108"
                               "0402aaaa0402bbbb",
                               &d),
                    CMSFW_OK);
    CU_ASSERT_EQUAL(decode_hex(CMSFW__TASN_ATTRIBUTE,
                               "300f06032a03043108"
                               "0402bbbb0402aaaa",
                               &d),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "out of order"));
    CU_ASSERT_EQUAL(decode_hex(CMSFW__TASN_KEY_USAGE, "03020186", &d), CMSFW_OK);
    CU_ASSERT_EQUAL(decode_hex(CMSFW__TASN_KEY_USAGE, "030100", &d), CMSFW_OK);
    CU_ASSERT_EQUAL(decode_hex(CMSFW__TASN_KEY_USAGE, "03020187", &d), CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "unused bits"));
    CU_ASSERT_EQUAL(decode_hex(CMSFW__TASN_KEY_USAGE, "030101", &d), CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(decode_hex(CMSFW__TASN_EXTENSION, "300a060355041301010f0400", &d),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "BOOLEAN"));
    /* empty input, NULL input */
    CU_ASSERT_EQUAL(
        cmsfw__tasn_decode(&t, CMSFW__TASN_HARDWARE_MODULE_NAME, (const uint8_t *)"", 0, &d),
        CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NULL(t.node);
    CU_ASSERT_EQUAL(cmsfw__tasn_decode(&t, CMSFW__TASN_HARDWARE_MODULE_NAME, NULL, 4, &d),
                    CMSFW_E_ARG);
}

/* Decode a FirmwarePackageLoadError whose vendorErrorCode content is @hex
 * and read it with get_int / get_uint. */
static void
read_vendor_code(const char *content_hex, cmsfw_err want_int, int64_t want_i, cmsfw_err want_uint,
                 uint64_t want_u)
{
    char hex[200];
    uint8_t buf[100];
    size_t clen = strlen(content_hex) / 2, n;
    cmsfw__tasn t;
    cmsfw_diag d = { "" };
    int64_t i = 0;
    uint64_t u = 0;

    snprintf(hex, sizeof hex,
             "30%02zx" HW "04000a0163"
             "02%02zx%s",
             17 + 2 + clen, clen, content_hex);
    n = tu_unhex(hex, buf, sizeof buf);
    CU_ASSERT_EQUAL_FATAL(cmsfw__tasn_decode(&t, CMSFW__TASN_LOAD_ERROR, buf, n, &d), CMSFW_OK);
    CU_ASSERT_EQUAL(cmsfw__tasn_get_int(&t, NULL, CMSFW__TASN_ERROR_VENDOR_CODE, &i), want_int);
    if (want_int == CMSFW_OK)
        CU_ASSERT_EQUAL(i, want_i);
    CU_ASSERT_EQUAL(cmsfw__tasn_get_uint(&t, NULL, CMSFW__TASN_ERROR_VENDOR_CODE, &u), want_uint);
    if (want_uint == CMSFW_OK)
        CU_ASSERT_EQUAL(u, want_u);
    cmsfw__tasn_free(&t);
}

static void
test_integer_readers(void)
{
    const cmsfw_err F = CMSFW_DECODE_FAILURE, K = CMSFW_OK;

    read_vendor_code("00", K, 0, K, 0);
    read_vendor_code("7f", K, 127, K, 127);
    read_vendor_code("0080", K, 128, K, 128);
    read_vendor_code("ff", K, -1, F, 0);
    read_vendor_code("80", K, -128, F, 0);
    read_vendor_code("7fffffffffffffff", K, INT64_MAX, K, (uint64_t)INT64_MAX);
    read_vendor_code("8000000000000000", K, INT64_MIN, F, 0);
    read_vendor_code("008000000000000000", F, 0, K, (uint64_t)INT64_MAX + 1u);
    read_vendor_code("00ffffffffffffffff", F, 0, K, UINT64_MAX);
    read_vendor_code("010000000000000000", F, 0, F, 0);
    read_vendor_code("ff7fffffffffffffff", F, 0, F, 0);
}

/* libtasn1 accepts a non-minimal INTEGER; the DER walk of the decoder
 * does not. */
static void
test_integer_not_minimal(void)
{
    static const char *const contents[] = { "0001", "ff80", "00007f" };
    size_t k;

    for (k = 0; k < 3; k++) {
        char hex[200];
        size_t clen = strlen(contents[k]) / 2;
        cmsfw_diag d = { "" };

        snprintf(hex, sizeof hex,
                 "30%02zx" HW "04000a0163"
                 "02%02zx%s",
                 19 + clen, clen, contents[k]);
        CU_ASSERT_EQUAL(decode_hex(CMSFW__TASN_LOAD_ERROR, hex, &d), CMSFW_DECODE_FAILURE);
        CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "not minimally encoded"));
    }
}

static void
test_writers(void)
{
    static const uint8_t two_tlvs[] = { 0x05, 0x00, 0x05, 0x00 };
    static const uint8_t bad_oid[] = { 0x2a, 0x80, 0x01 };
    static const uint8_t ok_oid[] = { 0x2a, 0x03 };
    uint8_t out[64];
    cmsfw__tasn t;
    cmsfw__tasn_at at;
    cmsfw_diag d = { "" };
    size_t n = 0;
    int64_t values[] = { 0, 1, -1, 127, 128, -128, -129, INT64_MAX, INT64_MIN };
    size_t k;

    CU_ASSERT_EQUAL_FATAL(cmsfw__tasn_new(&t, CMSFW__TASN_ALGORITHM_IDENTIFIER, &d), CMSFW_OK);
    CU_ASSERT_EQUAL(
        cmsfw__tasn_put_tlv(&t, NULL, CMSFW__TASN_ALG_PARAMETERS, (cmsfw_bytes){ two_tlvs, 4 }),
        CMSFW_E_ARG);
    CU_ASSERT_EQUAL(
        cmsfw__tasn_put_oid(&t, NULL, CMSFW__TASN_ALG_ALGORITHM, (cmsfw_bytes){ bad_oid, 3 }),
        CMSFW_E_ARG);
    CU_ASSERT_EQUAL(
        cmsfw__tasn_put_oid(&t, NULL, CMSFW__TASN_ALG_ALGORITHM, (cmsfw_bytes){ NULL, 0 }),
        CMSFW_E_ARG);
    /* mandatory algorithm missing: the encoder says so */
    CU_ASSERT_EQUAL(cmsfw__tasn_put_absent(&t, NULL, CMSFW__TASN_ALG_PARAMETERS), CMSFW_OK);
    CU_ASSERT_EQUAL(cmsfw__tasn_encode(&t, out, sizeof out, &n), CMSFW_E_ARG);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "algorithm"));
    CU_ASSERT_EQUAL(
        cmsfw__tasn_put_oid(&t, NULL, CMSFW__TASN_ALG_ALGORITHM, (cmsfw_bytes){ ok_oid, 2 }),
        CMSFW_OK);
    CU_ASSERT_EQUAL(cmsfw__tasn_encode(&t, NULL, 0, &n), CMSFW_OK);
    CU_ASSERT_EQUAL(n, 6);
    CU_ASSERT_EQUAL(cmsfw__tasn_encode(&t, out, 5, &n), CMSFW_E_BUFFER);
    CU_ASSERT_EQUAL(n, 6);
    CU_ASSERT_EQUAL(cmsfw__tasn_encode(&t, out, 6, &n), CMSFW_OK);
    CU_ASSERT(n == 6 && memcmp(out, "\x30\x04\x06\x02\x2a\x03", 6) == 0);
    cmsfw__tasn_free(&t);
    cmsfw__tasn_free(&t); /* twice is harmless */

    /* signed INTEGERs come out minimal and read back the same */
    for (k = 0; k < sizeof values / sizeof values[0]; k++) {
        cmsfw__tasn r;
        int64_t v = 0;

        CU_ASSERT_EQUAL_FATAL(cmsfw__tasn_new(&t, CMSFW__TASN_SIGNER_INFO, NULL), CMSFW_OK);
        CU_ASSERT_EQUAL(cmsfw__tasn_put_int(&t, NULL, CMSFW__TASN_VERSION, values[k]), CMSFW_OK);
        CU_ASSERT_EQUAL(
            cmsfw__tasn_put_choice(&t, NULL, CMSFW__TASN_SI_SID, CMSFW__TASN_ARM_SUBJECT_KEY_ID),
            CMSFW_OK);
        CU_ASSERT_EQUAL(
            cmsfw__tasn_put_octets(&t, NULL, CMSFW__TASN_SI_SID_SKI, (cmsfw_bytes){ ok_oid, 0 }),
            CMSFW_OK);
        CU_ASSERT_EQUAL(cmsfw__tasn_at_set(&at, NULL, CMSFW__TASN_SI_DIGEST_ALGORITHM, 0),
                        CMSFW_OK);
        CU_ASSERT_EQUAL(
            cmsfw__tasn_put_oid(&t, &at, CMSFW__TASN_ALG_ALGORITHM, (cmsfw_bytes){ ok_oid, 2 }),
            CMSFW_OK);
        CU_ASSERT_EQUAL(cmsfw__tasn_put_absent(&t, &at, CMSFW__TASN_ALG_PARAMETERS), CMSFW_OK);
        CU_ASSERT_EQUAL(cmsfw__tasn_at_set(&at, NULL, CMSFW__TASN_SI_SIGNATURE_ALGORITHM, 0),
                        CMSFW_OK);
        CU_ASSERT_EQUAL(
            cmsfw__tasn_put_oid(&t, &at, CMSFW__TASN_ALG_ALGORITHM, (cmsfw_bytes){ ok_oid, 2 }),
            CMSFW_OK);
        CU_ASSERT_EQUAL(cmsfw__tasn_put_absent(&t, &at, CMSFW__TASN_ALG_PARAMETERS), CMSFW_OK);
        CU_ASSERT_EQUAL(cmsfw__tasn_put_absent(&t, NULL, CMSFW__TASN_SI_SIGNED_ATTRS), CMSFW_OK);
        CU_ASSERT_EQUAL(cmsfw__tasn_put_absent(&t, NULL, CMSFW__TASN_SI_UNSIGNED_ATTRS), CMSFW_OK);
        CU_ASSERT_EQUAL(
            cmsfw__tasn_put_octets(&t, NULL, CMSFW__TASN_SI_SIGNATURE, (cmsfw_bytes){ ok_oid, 1 }),
            CMSFW_OK);
        CU_ASSERT_EQUAL_FATAL(cmsfw__tasn_encode(&t, out, sizeof out, &n), CMSFW_OK);
        CU_ASSERT_EQUAL_FATAL(cmsfw__tasn_decode(&r, CMSFW__TASN_SIGNER_INFO, out, n, NULL),
                              CMSFW_OK);
        CU_ASSERT_EQUAL(cmsfw__tasn_get_int(&r, NULL, CMSFW__TASN_VERSION, &v), CMSFW_OK);
        CU_ASSERT_EQUAL(v, values[k]);
        cmsfw__tasn_free(&r);
        cmsfw__tasn_free(&t);
    }
}

static void
test_positions_and_tlvs(void)
{
    static const uint8_t two[] = { 0x04, 0x01, 0xaa, 0x05, 0x00 };
    cmsfw__tasn_at a, b;
    cmsfw_bytes rest = { two, sizeof two }, tlv, content;
    size_t k;

    CU_ASSERT_EQUAL(cmsfw__tasn_at_set(&a, NULL, CMSFW__TASN_ITEM, 12), CMSFW_OK);
    CU_ASSERT_STRING_EQUAL(a.path, "?12");
    CU_ASSERT_EQUAL(cmsfw__tasn_at_set(&b, &a, CMSFW__TASN_COMMUNITY_ENTRIES, 0), CMSFW_OK);
    CU_ASSERT_STRING_EQUAL(b.path, "?12.hwModuleList.hwSerialEntries");
    CU_ASSERT_EQUAL(cmsfw__tasn_at_set(&b, &b, CMSFW__TASN_SELF, 0), CMSFW_OK);
    CU_ASSERT_STRING_EQUAL(b.path, "?12.hwModuleList.hwSerialEntries");
    CU_ASSERT_EQUAL(cmsfw__tasn_at_set(&b, &a, CMSFW__TASN_ITEM, 0), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw__tasn_at_set(&b, NULL, CMSFW__TASN_PATH_COUNT, 0), CMSFW_E_ARG);
    /* nesting past CMSFW__TASN_AT_MAX is refused, not truncated */
    for (k = 0; k < 40 && cmsfw__tasn_at_set(&a, &a, CMSFW__TASN_ITEM, 99999) == CMSFW_OK; k++)
        continue;
    CU_ASSERT(k < 40);
    CU_ASSERT(strlen(a.path) < CMSFW__TASN_AT_MAX);

    CU_ASSERT_EQUAL(cmsfw__tasn_tlv_next(&rest, &tlv), CMSFW_OK);
    CU_ASSERT(tlv.ptr == two && tlv.len == 3 && rest.len == 2);
    CU_ASSERT_EQUAL(cmsfw__tasn_tlv_content(tlv, &content), CMSFW_OK);
    CU_ASSERT(content.ptr == two + 2 && content.len == 1);
    CU_ASSERT_EQUAL(cmsfw__tasn_tlv_next(&rest, &tlv), CMSFW_OK);
    CU_ASSERT(tlv.len == 2 && rest.len == 0);
    rest = (cmsfw_bytes){ two, 2 };
    CU_ASSERT_EQUAL(cmsfw__tasn_tlv_next(&rest, &tlv), CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(cmsfw__tasn_tlv_content((cmsfw_bytes){ two, sizeof two }, &content),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NULL(content.ptr);
}

static CU_TestInfo vector_tests[] = {
    { "SignedData, RFC 6211 ECDSA P-384", test_signed_data_rfc6211 },
    { "SignedData, RFC 4108 sample package", test_signed_data_rfc4108 },
    { "SignedData, RFC 9882 ML-DSA-44/65/87", test_signed_data_mldsa },
    { "CompressedData, RFC 3274", test_compressed_data },
    { "AuthEnvelopedData, RFC 5083", test_auth_enveloped_rfc5083 },
    { "AuthEnvelopedData, RFC 9936 ML-KEM", test_auth_enveloped_rfc9936 },
    { "GCM and CCM parameters, RFC 5084", test_gcm_ccm_parameters },
    { "Certificates, RFC 9802 and RFC 9881", test_certificates },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo strict_tests[] = {
    { "strict DER decoding", test_decode_strictness },
    { "INTEGER readers", test_integer_readers },
    { "INTEGER not minimal", test_integer_not_minimal },
    { "writers and the encoder", test_writers },
    { "positions and TLV helpers", test_positions_and_tlvs },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "asn1 module: published vectors", NULL, NULL, NULL, NULL, vector_tests },
    { "asn1 module: strictness", NULL, NULL, NULL, NULL, strict_tests },
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
