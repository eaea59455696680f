/*
 * min_oid.h: the OIDs the minimal profile compares, as lists of DER
 * content octets (no table, no names in the image). Taken from the table of
 * asn1/oid.c; tests/test_minimal.c checks that every one equals its entry
 * there.
 *
 *   static const uint8_t sha256[] = {MIN_OID_ID_SHA256};
 */
#ifndef CMSFW_CMS_MIN_OID_H
#define CMSFW_CMS_MIN_OID_H

/* id-data 1.2.840.113549.1.7.1 */
#define MIN_OID_ID_DATA 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01
/* id-signedData 1.2.840.113549.1.7.2 */
#define MIN_OID_ID_SIGNEDDATA 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02
/* id-envelopedData 1.2.840.113549.1.7.3 */
#define MIN_OID_ID_ENVELOPEDDATA 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x03
/* id-encryptedData 1.2.840.113549.1.7.6 */
#define MIN_OID_ID_ENCRYPTEDDATA 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x06
/* id-ct-compressedData 1.2.840.113549.1.9.16.1.9 */
#define MIN_OID_ID_CT_COMPRESSEDDATA 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x01, 0x09
/* id-ct-firmwarePackage 1.2.840.113549.1.9.16.1.16 */
#define MIN_OID_ID_CT_FIRMWAREPACKAGE 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x01, 0x10
/* id-ct-firmwareLoadReceipt 1.2.840.113549.1.9.16.1.17 */
#define MIN_OID_ID_CT_FIRMWARELOADRECEIPT 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x01, 0x11
/* id-ct-firmwareLoadError 1.2.840.113549.1.9.16.1.18 */
#define MIN_OID_ID_CT_FIRMWARELOADERROR 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x01, 0x12
/* id-ct-authEnvelopedData 1.2.840.113549.1.9.16.1.23 */
#define MIN_OID_ID_CT_AUTHENVELOPEDDATA 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x01, 0x17
/* id-contentType 1.2.840.113549.1.9.3 */
#define MIN_OID_ID_CONTENTTYPE 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x03
/* id-messageDigest 1.2.840.113549.1.9.4 */
#define MIN_OID_ID_MESSAGEDIGEST 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x04
/* id-aa-CMSAlgorithmProtection 1.2.840.113549.1.9.52 */
#define MIN_OID_ID_AA_CMSALGORITHMPROTECTION 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x34
/* id-aa-firmwarePackageID 1.2.840.113549.1.9.16.2.35 */
#define MIN_OID_ID_AA_FIRMWAREPACKAGEID 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x02, 0x23
/* id-aa-targetHardwareIDs 1.2.840.113549.1.9.16.2.36 */
#define MIN_OID_ID_AA_TARGETHARDWAREIDS 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x02, 0x24
/* id-aa-decryptKeyID 1.2.840.113549.1.9.16.2.37 */
#define MIN_OID_ID_AA_DECRYPTKEYID 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x02, 0x25
/* id-aa-implCryptoAlgs 1.2.840.113549.1.9.16.2.38 */
#define MIN_OID_ID_AA_IMPLCRYPTOALGS 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x02, 0x26
/* id-aa-wrappedFirmwareKey 1.2.840.113549.1.9.16.2.39 */
#define MIN_OID_ID_AA_WRAPPEDFIRMWAREKEY 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x02, 0x27
/* id-aa-communityIdentifiers 1.2.840.113549.1.9.16.2.40 */
#define MIN_OID_ID_AA_COMMUNITYIDENTIFIERS 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x02, 0x28
/* id-aa-fwPkgMessageDigest 1.2.840.113549.1.9.16.2.41 */
#define MIN_OID_ID_AA_FWPKGMESSAGEDIGEST 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x02, 0x29
/* id-aa-firmwarePackageInfo 1.2.840.113549.1.9.16.2.42 */
#define MIN_OID_ID_AA_FIRMWAREPACKAGEINFO 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x02, 0x2a
/* id-aa-implCompressAlgs 1.2.840.113549.1.9.16.2.43 */
#define MIN_OID_ID_AA_IMPLCOMPRESSALGS 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x02, 0x2b
/* id-sha256 2.16.840.1.101.3.4.2.1 */
#define MIN_OID_ID_SHA256 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01
/* id-sha384 2.16.840.1.101.3.4.2.2 */
#define MIN_OID_ID_SHA384 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02
/* id-sha512 2.16.840.1.101.3.4.2.3 */
#define MIN_OID_ID_SHA512 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03
/* id-ecPublicKey 1.2.840.10045.2.1 */
#define MIN_OID_ID_ECPUBLICKEY 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01
/* prime256v1 1.2.840.10045.3.1.7 */
#define MIN_OID_PRIME256V1 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07
/* secp384r1 1.3.132.0.34 */
#define MIN_OID_SECP384R1 0x2b, 0x81, 0x04, 0x00, 0x22
/* ecdsa-with-SHA256 1.2.840.10045.4.3.2 */
#define MIN_OID_ECDSA_WITH_SHA256 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02
/* ecdsa-with-SHA384 1.2.840.10045.4.3.3 */
#define MIN_OID_ECDSA_WITH_SHA384 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03
/* ecdsa-with-SHA512 1.2.840.10045.4.3.4 */
#define MIN_OID_ECDSA_WITH_SHA512 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04
/* rsaEncryption 1.2.840.113549.1.1.1 */
#define MIN_OID_RSAENCRYPTION 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01
/* id-mgf1 1.2.840.113549.1.1.8 */
#define MIN_OID_ID_MGF1 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08
/* id-RSASSA-PSS 1.2.840.113549.1.1.10 */
#define MIN_OID_ID_RSASSA_PSS 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a
/* sha256WithRSAEncryption 1.2.840.113549.1.1.11 */
#define MIN_OID_SHA256WITHRSAENCRYPTION 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b
/* sha384WithRSAEncryption 1.2.840.113549.1.1.12 */
#define MIN_OID_SHA384WITHRSAENCRYPTION 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c
/* sha512WithRSAEncryption 1.2.840.113549.1.1.13 */
#define MIN_OID_SHA512WITHRSAENCRYPTION 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d
/* id-Ed25519 1.3.101.112 */
#define MIN_OID_ID_ED25519 0x2b, 0x65, 0x70
/* id-Ed448 1.3.101.113 */
#define MIN_OID_ID_ED448 0x2b, 0x65, 0x71
/* id-aes128-CBC 2.16.840.1.101.3.4.1.2 */
#define MIN_OID_ID_AES128_CBC 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x02
/* id-aes192-CBC 2.16.840.1.101.3.4.1.22 */
#define MIN_OID_ID_AES192_CBC 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x16
/* id-aes256-CBC 2.16.840.1.101.3.4.1.42 */
#define MIN_OID_ID_AES256_CBC 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2a
/* id-aes128-GCM 2.16.840.1.101.3.4.1.6 */
#define MIN_OID_ID_AES128_GCM 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x06
/* id-aes192-GCM 2.16.840.1.101.3.4.1.26 */
#define MIN_OID_ID_AES192_GCM 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x1a
/* id-aes256-GCM 2.16.840.1.101.3.4.1.46 */
#define MIN_OID_ID_AES256_GCM 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2e
/* id-aes128-wrap 2.16.840.1.101.3.4.1.5 */
#define MIN_OID_ID_AES128_WRAP 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x05
/* id-aes192-wrap 2.16.840.1.101.3.4.1.25 */
#define MIN_OID_ID_AES192_WRAP 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x19
/* id-aes256-wrap 2.16.840.1.101.3.4.1.45 */
#define MIN_OID_ID_AES256_WRAP 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2d
/* id-aes128-wrap-pad 2.16.840.1.101.3.4.1.8 */
#define MIN_OID_ID_AES128_WRAP_PAD 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x08
/* id-aes192-wrap-pad 2.16.840.1.101.3.4.1.28 */
#define MIN_OID_ID_AES192_WRAP_PAD 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x1c
/* id-aes256-wrap-pad 2.16.840.1.101.3.4.1.48 */
#define MIN_OID_ID_AES256_WRAP_PAD 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x30

/* For the test: every macro with the name it stands for. */
#define MIN_OID_FOR_EACH(X) \
    X(MIN_OID_ID_DATA, "id-data") \
    X(MIN_OID_ID_SIGNEDDATA, "id-signedData") \
    X(MIN_OID_ID_ENVELOPEDDATA, "id-envelopedData") \
    X(MIN_OID_ID_ENCRYPTEDDATA, "id-encryptedData") \
    X(MIN_OID_ID_CT_COMPRESSEDDATA, "id-ct-compressedData") \
    X(MIN_OID_ID_CT_FIRMWAREPACKAGE, "id-ct-firmwarePackage") \
    X(MIN_OID_ID_CT_FIRMWARELOADRECEIPT, "id-ct-firmwareLoadReceipt") \
    X(MIN_OID_ID_CT_FIRMWARELOADERROR, "id-ct-firmwareLoadError") \
    X(MIN_OID_ID_CT_AUTHENVELOPEDDATA, "id-ct-authEnvelopedData") \
    X(MIN_OID_ID_CONTENTTYPE, "id-contentType") \
    X(MIN_OID_ID_MESSAGEDIGEST, "id-messageDigest") \
    X(MIN_OID_ID_AA_CMSALGORITHMPROTECTION, "id-aa-CMSAlgorithmProtection") \
    X(MIN_OID_ID_AA_FIRMWAREPACKAGEID, "id-aa-firmwarePackageID") \
    X(MIN_OID_ID_AA_TARGETHARDWAREIDS, "id-aa-targetHardwareIDs") \
    X(MIN_OID_ID_AA_DECRYPTKEYID, "id-aa-decryptKeyID") \
    X(MIN_OID_ID_AA_IMPLCRYPTOALGS, "id-aa-implCryptoAlgs") \
    X(MIN_OID_ID_AA_WRAPPEDFIRMWAREKEY, "id-aa-wrappedFirmwareKey") \
    X(MIN_OID_ID_AA_COMMUNITYIDENTIFIERS, "id-aa-communityIdentifiers") \
    X(MIN_OID_ID_AA_FWPKGMESSAGEDIGEST, "id-aa-fwPkgMessageDigest") \
    X(MIN_OID_ID_AA_FIRMWAREPACKAGEINFO, "id-aa-firmwarePackageInfo") \
    X(MIN_OID_ID_AA_IMPLCOMPRESSALGS, "id-aa-implCompressAlgs") \
    X(MIN_OID_ID_SHA256, "id-sha256") \
    X(MIN_OID_ID_SHA384, "id-sha384") \
    X(MIN_OID_ID_SHA512, "id-sha512") \
    X(MIN_OID_ID_ECPUBLICKEY, "id-ecPublicKey") \
    X(MIN_OID_PRIME256V1, "prime256v1") \
    X(MIN_OID_SECP384R1, "secp384r1") \
    X(MIN_OID_ECDSA_WITH_SHA256, "ecdsa-with-SHA256") \
    X(MIN_OID_ECDSA_WITH_SHA384, "ecdsa-with-SHA384") \
    X(MIN_OID_ECDSA_WITH_SHA512, "ecdsa-with-SHA512") \
    X(MIN_OID_RSAENCRYPTION, "rsaEncryption") \
    X(MIN_OID_ID_MGF1, "id-mgf1") \
    X(MIN_OID_ID_RSASSA_PSS, "id-RSASSA-PSS") \
    X(MIN_OID_SHA256WITHRSAENCRYPTION, "sha256WithRSAEncryption") \
    X(MIN_OID_SHA384WITHRSAENCRYPTION, "sha384WithRSAEncryption") \
    X(MIN_OID_SHA512WITHRSAENCRYPTION, "sha512WithRSAEncryption") \
    X(MIN_OID_ID_ED25519, "id-Ed25519") \
    X(MIN_OID_ID_ED448, "id-Ed448") \
    X(MIN_OID_ID_AES128_CBC, "id-aes128-CBC") \
    X(MIN_OID_ID_AES192_CBC, "id-aes192-CBC") \
    X(MIN_OID_ID_AES256_CBC, "id-aes256-CBC") \
    X(MIN_OID_ID_AES128_GCM, "id-aes128-GCM") \
    X(MIN_OID_ID_AES192_GCM, "id-aes192-GCM") \
    X(MIN_OID_ID_AES256_GCM, "id-aes256-GCM") \
    X(MIN_OID_ID_AES128_WRAP, "id-aes128-wrap") \
    X(MIN_OID_ID_AES192_WRAP, "id-aes192-wrap") \
    X(MIN_OID_ID_AES256_WRAP, "id-aes256-wrap") \
    X(MIN_OID_ID_AES128_WRAP_PAD, "id-aes128-wrap-pad") \
    X(MIN_OID_ID_AES192_WRAP_PAD, "id-aes192-wrap-pad") \
    X(MIN_OID_ID_AES256_WRAP_PAD, "id-aes256-wrap-pad")

#endif
