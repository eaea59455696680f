# cms/keys: keys and certificates from PEM or DER files.
# key_parse.c and pem.c never allocate (usable by the minimal profile);
# keys.c loads into owned buffers and reads files.
libcmsfw_core_la_SOURCES += cms/key_parse.c cms/pem.c cms/keys.c
cmsfwinclude_HEADERS += include/cmsfw/keys.h
noinst_HEADERS += cms/pem.h

check_PROGRAMS += tests/test_keys
TESTS += tests/test_keys
tests_test_keys_SOURCES = tests/test_keys.c tests/test_keys_neg.c tests/test_keys.h
tests_test_keys_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_keys_LDADD = $(CMSFW_TEST_LIBS)

# Made once with the openssl tool by generate.sh; committed.
EXTRA_DIST += \
	tests/data/keys-loader/cert-leaf.der \
	tests/data/keys-loader/cert-leaf.issuer.der \
	tests/data/keys-loader/cert-leaf.pem \
	tests/data/keys-loader/cert-leaf.serial.hex \
	tests/data/keys-loader/cert-leaf.ski.hex \
	tests/data/keys-loader/cert-leaf.spki.der \
	tests/data/keys-loader/cert-noski.der \
	tests/data/keys-loader/cert-noski.issuer.der \
	tests/data/keys-loader/cert-noski.pem \
	tests/data/keys-loader/cert-noski.serial.hex \
	tests/data/keys-loader/cert-noski.ski.hex \
	tests/data/keys-loader/cert-noski.spki.der \
	tests/data/keys-loader/cert-ski-text.pem \
	tests/data/keys-loader/cert-ski.der \
	tests/data/keys-loader/cert-ski.issuer.der \
	tests/data/keys-loader/cert-ski.pem \
	tests/data/keys-loader/cert-ski.serial.hex \
	tests/data/keys-loader/cert-ski.ski.hex \
	tests/data/keys-loader/cert-ski.spki.der \
	tests/data/keys-loader/cert-v1.der \
	tests/data/keys-loader/cert-v1.issuer.der \
	tests/data/keys-loader/cert-v1.pem \
	tests/data/keys-loader/cert-v1.serial.hex \
	tests/data/keys-loader/cert-v1.ski.hex \
	tests/data/keys-loader/cert-v1.spki.der \
	tests/data/keys-loader/chain.der \
	tests/data/keys-loader/chain.pem \
	tests/data/keys-loader/ec-p256-encrypted.der \
	tests/data/keys-loader/ec-p256-encrypted.pem \
	tests/data/keys-loader/ec-p256-priv.der \
	tests/data/keys-loader/ec-p256-priv.pem \
	tests/data/keys-loader/ec-p256-pub.der \
	tests/data/keys-loader/ec-p256-pub.pem \
	tests/data/keys-loader/ec-p256-traditional.der \
	tests/data/keys-loader/ec-p256-traditional.pem \
	tests/data/keys-loader/ec-p256.privkey.bin \
	tests/data/keys-loader/ed25519-priv.der \
	tests/data/keys-loader/ed25519-priv.pem \
	tests/data/keys-loader/ed25519-pub.der \
	tests/data/keys-loader/ed25519-pub.pem \
	tests/data/keys-loader/ed25519.privkey.bin \
	tests/data/keys-loader/generate.sh \
	tests/data/keys-loader/key-and-cert.pem \
	tests/data/keys-loader/rfc9802-hss.issuer.der \
	tests/data/keys-loader/rfc9802-hss.serial.hex \
	tests/data/keys-loader/rfc9802-hss.ski.hex \
	tests/data/keys-loader/rfc9802-hss.spki.der \
	tests/data/keys-loader/rfc9881-mldsa44-pub.der \
	tests/data/keys-loader/rfc9881-mldsa44.issuer.der \
	tests/data/keys-loader/rfc9881-mldsa44.serial.hex \
	tests/data/keys-loader/rfc9881-mldsa44.ski.hex \
	tests/data/keys-loader/rfc9881-mldsa44.spki.der \
	tests/data/keys-loader/rsa2048-priv.der \
	tests/data/keys-loader/rsa2048-priv.pem \
	tests/data/keys-loader/rsa2048-pub.der \
	tests/data/keys-loader/rsa2048-pub.pem \
	tests/data/keys-loader/rsa2048-traditional-encrypted.pem \
	tests/data/keys-loader/rsa2048-traditional.pem \
	tests/data/keys-loader/rsa2048.privkey.bin

# left behind only if test_keys dies inside its file-size test
CLEANFILES += test_keys_big.tmp
