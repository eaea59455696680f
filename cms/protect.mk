# cms/protect.mk: the package producer (include/cmsfw/protect.h):
# compress -> encrypt -> sign in one streaming pass, and signed receipts
# and error reports (cmsfw_sign_content).
libcmsfw_core_la_SOURCES += \
	cms/sign.c \
	cms/sign_attrs.c \
	cms/sign_info.c \
	cms/sign_content.c \
	cms/protect.c \
	cms/protect_encrypt.c \
	cms/protect_compress.c \
	cms/protect_buffer.c
noinst_HEADERS += cms/sign.h cms/protect_priv.h

check_PROGRAMS += tests/test_protect
TESTS += tests/test_protect
noinst_HEADERS += tests/test_protect_util.h
tests_test_protect_SOURCES = tests/test_protect.c tests/test_protect_util.c \
	tests/test_protect_unwrap.c tests/test_backend_util.c
tests_test_protect_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS) $(ZLIB_CFLAGS)
tests_test_protect_LDADD = $(CMSFW_TEST_LIBS)

# Certificates for the test keys of tests/data/keys, made by generate.sh.
EXTRA_DIST += \
	tests/data/protect/generate.sh \
	tests/data/protect/ec-p256.cert.der \
	tests/data/protect/ec-p384.cert.der \
	tests/data/protect/ed25519.cert.der \
	tests/data/protect/rsa-2048.cert.der \
	tests/data/protect/rsa-2048-leaf.cert.der \
	tests/data/protect/rsa-3072.cert.der \
	tests/data/protect/rsa-3072-noski.cert.der \
	tests/data/protect/rsa-3072-noski.keyid.hex \
	tests/data/protect/rsa-4096.cert.der

check_PROGRAMS += tests/test_protect_api
TESTS += tests/test_protect_api
tests_test_protect_api_SOURCES = tests/test_protect_api.c tests/test_protect_util.c \
	tests/test_protect_unwrap.c tests/test_backend_util.c
tests_test_protect_api_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS) $(ZLIB_CFLAGS)
tests_test_protect_api_LDADD = $(CMSFW_TEST_LIBS)

# Large images through the streaming call, in bounded memory.
check_PROGRAMS += tests/test_protect_stream
TESTS += tests/test_protect_stream
tests_test_protect_stream_SOURCES = tests/test_protect_stream.c tests/test_protect_util.c \
	tests/test_protect_unwrap.c tests/test_backend_util.c
tests_test_protect_stream_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS) $(ZLIB_CFLAGS)
tests_test_protect_stream_LDADD = $(CMSFW_TEST_LIBS)

# What the producer makes, the device processor accepts.
check_PROGRAMS += tests/test_protect_roundtrip
TESTS += tests/test_protect_roundtrip
tests_test_protect_roundtrip_SOURCES = tests/test_protect_roundtrip.c tests/test_protect_util.c \
	tests/test_protect_unwrap.c tests/test_backend_util.c
tests_test_protect_roundtrip_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS) $(ZLIB_CFLAGS)
tests_test_protect_roundtrip_LDADD = $(CMSFW_TEST_LIBS)
