# cms/codec.mk: DER encoders and decoders of the RFC 4108 types
# (include/cmsfw/fw.h), one file per type, over the templates of asn1/.

libcmsfw_core_la_SOURCES += \
	cms/fw_common.c \
	cms/fw_name.c \
	cms/fw_attrs.c \
	cms/fw_community.c \
	cms/fw_hw_name.c \
	cms/fw_wrapped_key.c \
	cms/fw_receipt.c \
	cms/fw_error.c \
	cms/fw_content_info.c
noinst_HEADERS += cms/fw_common.h

check_PROGRAMS += tests/test_codec
TESTS += tests/test_codec
tests_test_codec_SOURCES = tests/test_codec.c tests/test_asn1_util.c
tests_test_codec_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_codec_LDADD = $(CMSFW_TEST_LIBS)

check_PROGRAMS += tests/test_codec_reports
TESTS += tests/test_codec_reports
tests_test_codec_reports_SOURCES = tests/test_codec_reports.c tests/test_asn1_util.c
tests_test_codec_reports_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_codec_reports_LDADD = $(CMSFW_TEST_LIBS)

check_PROGRAMS += tests/test_codec_wrapped
TESTS += tests/test_codec_wrapped
tests_test_codec_wrapped_SOURCES = tests/test_codec_wrapped.c tests/test_asn1_util.c
tests_test_codec_wrapped_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_codec_wrapped_LDADD = $(CMSFW_TEST_LIBS)
