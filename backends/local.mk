# backends/local.mk: the internal crypto interface. Exactly one library
# backend is compiled (configure --with-crypto); the other files are
# written once against backends/backend.h and built for every backend.

noinst_HEADERS += backends/backend.h backends/bk_internal.h backends/lms.h \
	backends/lms_priv.h

libcmsfw_core_la_SOURCES += \
	backends/common.c \
	backends/keyparse.c \
	backends/sig.c \
	backends/gcm.c \
	backends/aes_kw.c \
	backends/lms.c \
	backends/lms_stream.c \
	backends/lms_sign.c

if BACKEND_MBEDTLS
libcmsfw_core_la_SOURCES += backends/mbedtls.c
endif
if BACKEND_WOLFSSL
libcmsfw_core_la_SOURCES += backends/wolfssl.c backends/wolfssl_pk.c
endif
if BACKEND_OPENSSL
libcmsfw_core_la_SOURCES += backends/openssl.c backends/openssl_pk.c
endif

# Tests of the interface; they run unchanged on every backend and expect
# what the Debian 12 build of the chosen library provides.
BACKEND_TESTS = tests/test_backend_hash tests/test_backend_sym \
	tests/test_backend_keys tests/test_backend_sig tests/test_backend_lms \
	tests/test_lms_sign
check_PROGRAMS += $(BACKEND_TESTS)
TESTS += $(BACKEND_TESTS)
noinst_HEADERS += tests/test_backend_util.h

tests_test_backend_hash_SOURCES = tests/test_backend_hash.c tests/test_backend_util.c
tests_test_backend_hash_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_backend_hash_LDADD = $(CMSFW_TEST_LIBS)
tests_test_backend_sym_SOURCES = tests/test_backend_sym.c tests/test_backend_util.c
tests_test_backend_sym_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_backend_sym_LDADD = $(CMSFW_TEST_LIBS)
tests_test_backend_keys_SOURCES = tests/test_backend_keys.c tests/test_backend_util.c
tests_test_backend_keys_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_backend_keys_LDADD = $(CMSFW_TEST_LIBS)
tests_test_backend_sig_SOURCES = tests/test_backend_sig.c tests/test_backend_util.c
tests_test_backend_sig_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_backend_sig_LDADD = $(CMSFW_TEST_LIBS)
# the HSS/LMS vectors are read from vectors/published/ (srcdir); the
# H10/W8 and H20/W4 timing keys are made by the test-only signer
tests_test_backend_lms_SOURCES = tests/test_backend_lms.c tests/test_backend_util.c \
	tests/test_lms_signer.c tests/test_lms_signer.h
tests_test_backend_lms_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_backend_lms_LDADD = $(CMSFW_TEST_LIBS)
tests_test_lms_sign_SOURCES = tests/test_lms_sign.c tests/test_backend_util.c
tests_test_lms_sign_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_lms_sign_LDADD = $(CMSFW_TEST_LIBS)

# Keys generated once with `openssl genpkey` and signatures made with
# `openssl dgst` / `openssl pkeyutl` (tests/data/backend/README.md).
BACKEND_TEST_KEYS = ec-p256 ec-p384 ec-p521 rsa-1024 rsa-2048 rsa-3072 rsa-4096 \
	rsa-pss-2048 ed25519 ed448
EXTRA_DIST += \
	$(BACKEND_TEST_KEYS:%=tests/data/keys/%.pk8.der) \
	$(BACKEND_TEST_KEYS:%=tests/data/keys/%.spki.der) \
	tests/data/backend/README.md \
	tests/data/backend/message.txt \
	tests/data/backend/ec-p256-sha256.sig \
	tests/data/backend/ec-p384-sha384.sig \
	tests/data/backend/ed25519.sig \
	tests/data/backend/ed448.sig \
	tests/data/backend/rsa-2048-sha256-pkcs1.sig \
	tests/data/backend/rsa-2048-sha256-pss.sig \
	tests/data/backend/rsa-2048-sha256-pss-saltmax.sig \
	tests/data/backend/rsa-3072-sha384-pkcs1.sig \
	tests/data/backend/rsa-3072-sha384-pss.sig \
	tests/data/backend/rsa-4096-sha512-pkcs1.sig \
	tests/data/backend/rsa-4096-sha512-pss.sig
