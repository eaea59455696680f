/* test_err.c: the error enum is the RFC 4108 code space. */
#include <string.h>

#include <cmsfw/err.h>

#include "cu_main.h"

/* The ENUMERATED of RFC 4108 section 4, in order, as printed in the RFC. */
static const char *const rfc_names[] = {
    "decodeFailure", "badContentInfo", "badSignedData", "badEncapContent", "badCertificate",
    "badSignerInfo", "badSignedAttrs", "badUnsignedAttrs", "missingContent", "noTrustAnchor",
    "notAuthorized", "badDigestAlgorithm", "badSignatureAlgorithm", "unsupportedKeySize",
    "signatureFailure", "contentTypeMismatch", "badEncryptedData", "unprotectedAttrsPresent",
    "badEncryptContent", "badEncryptAlgorithm", "missingCiphertext", "noDecryptKey",
    "decryptFailure", "badCompressAlgorithm", "missingCompressedContent", "decompressFailure",
    "wrongHardware", "stalePackage", "notInCommunity", "unsupportedPackageType",
    "missingDependency", "wrongDependencyVersion", "insufficientMemory", "badFirmware",
    "unsupportedParameters", "breaksDependency"};

static void
test_names_match_rfc(void)
{
    int i;

    for (i = 1; i <= 36; i++) {
        CU_ASSERT_STRING_EQUAL(cmsfw_err_name(i), rfc_names[i - 1]);
        CU_ASSERT_EQUAL(cmsfw_err_from_name(rfc_names[i - 1]), i);
        CU_ASSERT(cmsfw_err_is_rfc(i));
    }
    CU_ASSERT_STRING_EQUAL(cmsfw_err_name(99), "otherError");
    CU_ASSERT_EQUAL(cmsfw_err_from_name("otherError"), 99);
    CU_ASSERT_EQUAL(CMSFW_BREAKS_DEPENDENCY, 36);
    CU_ASSERT_EQUAL(CMSFW_STALE_PACKAGE, 28);
}

static void
test_unassigned(void)
{
    int i;

    CU_ASSERT(!cmsfw_err_is_rfc(0));
    for (i = 37; i <= 98; i++) {
        CU_ASSERT(!cmsfw_err_is_rfc(i));
        CU_ASSERT_STRING_EQUAL(cmsfw_err_name(i), "unknown");
        CU_ASSERT_STRING_EQUAL(cmsfw_strerror(i), "unknown error code");
    }
    CU_ASSERT(!cmsfw_err_is_rfc(100));
    CU_ASSERT(!cmsfw_err_is_rfc(-1));
    CU_ASSERT_EQUAL(cmsfw_err_from_name("E_ARG"), 0);
    CU_ASSERT_EQUAL(cmsfw_err_from_name("nosuch"), 0);
    CU_ASSERT_EQUAL(cmsfw_err_from_name(NULL), 0);
}

static void
test_local_codes(void)
{
    CU_ASSERT_STRING_EQUAL(cmsfw_err_name(CMSFW_E_BUFFER), "E_BUFFER");
    CU_ASSERT(strlen(cmsfw_strerror(CMSFW_E_IO)) > 0);
    CU_ASSERT(strcmp(cmsfw_strerror(CMSFW_STALE_PACKAGE), "unknown error code") != 0);
}

static CU_TestInfo err_tests[] = {
    {"names and numbers match RFC 4108", test_names_match_rfc},
    {"unassigned codes", test_unassigned},
    {"local codes", test_local_codes},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"err", NULL, NULL, NULL, NULL, err_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
