# tests/local.mk: codec tests that are not tied to one module.
#
# test_codec_negative and test_codec_crafted feed every RFC 4108 decoder
# hostile input (mutations of valid encodings, and hand-made BER, deep
# nesting, out-of-range INTEGERs and OIDs). pyasn1_cross.sh checks the codec
# against an independent implementation, pyasn1-modules, in both directions;
# configure enables it only when python3 can import pyasn1_modules.rfc4108.

check_PROGRAMS += tests/test_codec_negative tests/test_codec_crafted
TESTS += tests/test_codec_negative tests/test_codec_crafted
tests_test_codec_negative_SOURCES = tests/test_codec_negative.c tests/codec_neg.h
tests_test_codec_negative_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_codec_negative_LDADD = $(CMSFW_TEST_LIBS)
tests_test_codec_crafted_SOURCES = tests/test_codec_crafted.c tests/codec_neg.h
tests_test_codec_crafted_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_codec_crafted_LDADD = $(CMSFW_TEST_LIBS)

if HAVE_PYASN1
check_PROGRAMS += tests/fwcodec_check
tests_fwcodec_check_SOURCES = tests/fwcodec_check.c tests/fwcodec_json.c tests/fwcodec_json.h
tests_fwcodec_check_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_fwcodec_check_LDADD = $(CMSFW_TEST_LIBS)
check_SCRIPTS += tests/pyasn1_cross.sh
TESTS += tests/pyasn1_cross.sh
endif

EXTRA_DIST += tests/pyasn1_cross.py tests/pyasn1_cross.sh
