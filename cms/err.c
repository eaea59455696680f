/* err.c: names and descriptions of the cmsfw_err values. */
#include <string.h>

#include <cmsfw/err.h>

struct err_entry {
    int code;
    const char *name; /* the ASN.1 identifier of RFC 4108, or a local name */
    const char *text;
};

/* RFC 4108 section 4, FirmwarePackageLoadErrorCode, in numeric order. */
static const struct err_entry err_table[] = {
    {CMSFW_OK, "ok", "success"},
    {CMSFW_DECODE_FAILURE, "decodeFailure", "input is not valid BER/DER"},
    {CMSFW_BAD_CONTENT_INFO, "badContentInfo", "ContentInfo invalid or not SignedData"},
    {CMSFW_BAD_SIGNED_DATA, "badSignedData", "SignedData invalid or unsupported version"},
    {CMSFW_BAD_ENCAP_CONTENT, "badEncapContent", "encapsulated content invalid or of unsupported type"},
    {CMSFW_BAD_CERTIFICATE, "badCertificate", "a certificate is invalid or of a forbidden type"},
    {CMSFW_BAD_SIGNER_INFO, "badSignerInfo", "SignerInfo invalid or unsupported version"},
    {CMSFW_BAD_SIGNED_ATTRS, "badSignedAttrs", "signed attributes invalid, not DER or incomplete"},
    {CMSFW_BAD_UNSIGNED_ATTRS, "badUnsignedAttrs", "unsigned attributes other than a wrapped firmware key"},
    {CMSFW_MISSING_CONTENT, "missingContent", "encapsulated content is absent"},
    {CMSFW_NO_TRUST_ANCHOR, "noTrustAnchor", "signer does not lead to an installed trust anchor"},
    {CMSFW_NOT_AUTHORIZED, "notAuthorized", "trust anchor not authorized to sign firmware packages"},
    {CMSFW_BAD_DIGEST_ALGORITHM, "badDigestAlgorithm", "digest algorithm unknown or unsupported"},
    {CMSFW_BAD_SIGNATURE_ALGORITHM, "badSignatureAlgorithm", "signature algorithm unknown or unsupported"},
    {CMSFW_UNSUPPORTED_KEY_SIZE, "unsupportedKeySize", "signer key size unsupported"},
    {CMSFW_SIGNATURE_FAILURE, "signatureFailure", "signature does not verify"},
    {CMSFW_CONTENT_TYPE_MISMATCH, "contentTypeMismatch", "eContentType differs from the content-type attribute"},
    {CMSFW_BAD_ENCRYPTED_DATA, "badEncryptedData", "EncryptedData invalid or unsupported version"},
    {CMSFW_UNPROTECTED_ATTRS_PRESENT, "unprotectedAttrsPresent", "unprotected attributes present"},
    {CMSFW_BAD_ENCRYPT_CONTENT, "badEncryptContent", "EncryptedContentInfo invalid or of unsupported type"},
    {CMSFW_BAD_ENCRYPT_ALGORITHM, "badEncryptAlgorithm", "content encryption algorithm unknown or unsupported"},
    {CMSFW_MISSING_CIPHERTEXT, "missingCiphertext", "encrypted content is absent"},
    {CMSFW_NO_DECRYPT_KEY, "noDecryptKey", "no key to decrypt the package"},
    {CMSFW_DECRYPT_FAILURE, "decryptFailure", "package did not decrypt"},
    {CMSFW_BAD_COMPRESS_ALGORITHM, "badCompressAlgorithm", "compression algorithm unknown or unsupported"},
    {CMSFW_MISSING_COMPRESSED_CONTENT, "missingCompressedContent", "compressed content is absent"},
    {CMSFW_DECOMPRESS_FAILURE, "decompressFailure", "package did not decompress"},
    {CMSFW_WRONG_HARDWARE, "wrongHardware", "package is not for this hardware type"},
    {CMSFW_STALE_PACKAGE, "stalePackage", "package is stale or older than the installed version"},
    {CMSFW_NOT_IN_COMMUNITY, "notInCommunity", "module is not in a community the package names"},
    {CMSFW_UNSUPPORTED_PACKAGE_TYPE, "unsupportedPackageType", "package type unsupported"},
    {CMSFW_MISSING_DEPENDENCY, "missingDependency", "a package this one depends on is missing"},
    {CMSFW_WRONG_DEPENDENCY_VERSION, "wrongDependencyVersion", "a package this one depends on is too old"},
    {CMSFW_INSUFFICIENT_MEMORY, "insufficientMemory", "not enough memory to load the package"},
    {CMSFW_BAD_FIRMWARE, "badFirmware", "firmware image not acceptable"},
    {CMSFW_UNSUPPORTED_PARAMETERS, "unsupportedParameters", "signature algorithm parameters unsupported"},
    {CMSFW_BREAKS_DEPENDENCY, "breaksDependency", "loading would break another package's dependency"},
    {CMSFW_OTHER_ERROR, "otherError", "other error"},
    {CMSFW_E_ARG, "E_ARG", "invalid argument"},
    {CMSFW_E_STATE, "E_STATE", "call out of order"},
    {CMSFW_E_BUFFER, "E_BUFFER", "output buffer too small"},
    {CMSFW_E_IO, "E_IO", "input/output error"},
    {CMSFW_E_BACKEND, "E_BACKEND", "crypto backend failure"},
    {CMSFW_E_NOMEM, "E_NOMEM", "out of memory"},
};

static const struct err_entry *
err_find(int code)
{
    size_t i;

    for (i = 0; i < sizeof(err_table) / sizeof(err_table[0]); i++)
        if (err_table[i].code == code)
            return &err_table[i];
    return NULL;
}

/* see cmsfw/err.h */
const char *
cmsfw_err_name(int e)
{
    const struct err_entry *x = err_find(e);

    return x != NULL ? x->name : "unknown";
}

/* see cmsfw/err.h */
const char *
cmsfw_strerror(int e)
{
    const struct err_entry *x = err_find(e);

    return x != NULL ? x->text : "unknown error code";
}

/* see cmsfw/err.h */
int
cmsfw_err_is_rfc(int code)
{
    return (code >= 1 && code <= 36) || code == 99;
}

/* see cmsfw/err.h */
int
cmsfw_err_from_name(const char *name)
{
    size_t i;

    if (name == NULL)
        return 0;
    for (i = 0; i < sizeof(err_table) / sizeof(err_table[0]); i++)
        if (cmsfw_err_is_rfc(err_table[i].code) && strcmp(err_table[i].name, name) == 0)
            return err_table[i].code;
    return 0;
}
