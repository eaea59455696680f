# cms/unwrap.mk: steps 21-25 of the device procedure (cmsfw__unwrap):
# EncryptedData / EnvelopedData / AuthEnvelopedData decrypted in place in
# the stage, CompressedData inflated to the sink, the image digest.
libcmsfw_core_la_SOURCES += cms/unwrap.c cms/unwrap_crypt.c cms/unwrap_keys.c \
	cms/unwrap_inflate.c cms/stage_reader.c
noinst_HEADERS += cms/unwrap_priv.h cms/stage_reader.h

# Tests: every layer and error code of steps 21-25, under the backend in
# use; OpenSSL-made layers in tests/data/unwrap (README.md there).
UNWRAP_TEST_SOURCES = tests/test_unwrap_util.c tests/test_unwrap_util.h
UNWRAP_TEST_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS) $(ZLIB_CFLAGS)
check_PROGRAMS += tests/test_unwrap tests/test_unwrap_crypt tests/test_unwrap_auth
TESTS += tests/test_unwrap tests/test_unwrap_crypt tests/test_unwrap_auth
tests_test_unwrap_SOURCES = tests/test_unwrap.c $(UNWRAP_TEST_SOURCES)
tests_test_unwrap_CPPFLAGS = $(UNWRAP_TEST_CPPFLAGS)
tests_test_unwrap_LDADD = $(CMSFW_TEST_LIBS)
tests_test_unwrap_crypt_SOURCES = tests/test_unwrap_crypt.c $(UNWRAP_TEST_SOURCES)
tests_test_unwrap_crypt_CPPFLAGS = $(UNWRAP_TEST_CPPFLAGS)
tests_test_unwrap_crypt_LDADD = $(CMSFW_TEST_LIBS)
tests_test_unwrap_auth_SOURCES = tests/test_unwrap_auth.c $(UNWRAP_TEST_SOURCES)
tests_test_unwrap_auth_CPPFLAGS = $(UNWRAP_TEST_CPPFLAGS)
tests_test_unwrap_auth_LDADD = $(CMSFW_TEST_LIBS)
EXTRA_DIST += tests/data/unwrap/README.md \
	tests/data/unwrap/ossl-pt-1000.bin tests/data/unwrap/ossl-pt-10000.bin \
	tests/data/unwrap/ossl-ed-aes256cbc.der tests/data/unwrap/ossl-ed-aes256cbc-indef.der \
	tests/data/unwrap/ossl-aed-aes256gcm.der tests/data/unwrap/ossl-env-aes128cbc-indef.der \
	tests/data/unwrap/ossl-cd-10000.der tests/data/unwrap/ossl-aed-aes128gcm-cd.der

# Review: adversarial layer removal, the stage reader at its limits, the
# producer's size planning.
check_PROGRAMS += tests/test_review_unwrap tests/test_review_stage
TESTS += tests/test_review_unwrap tests/test_review_stage
tests_test_review_unwrap_SOURCES = tests/test_review_unwrap.c $(UNWRAP_TEST_SOURCES)
tests_test_review_unwrap_CPPFLAGS = $(UNWRAP_TEST_CPPFLAGS)
tests_test_review_unwrap_LDADD = $(CMSFW_TEST_LIBS)
tests_test_review_stage_SOURCES = tests/test_review_stage.c $(UNWRAP_TEST_SOURCES)
tests_test_review_stage_CPPFLAGS = $(UNWRAP_TEST_CPPFLAGS)
tests_test_review_stage_LDADD = $(CMSFW_TEST_LIBS)
