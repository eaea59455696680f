# asn1/der: the zero-copy DER/BER cursor and DER writer (both profiles)
libcmsfw_core_la_SOURCES += asn1/der.c
noinst_HEADERS += asn1/der.h

check_PROGRAMS += tests/test_der
TESTS += tests/test_der
tests_test_der_SOURCES = tests/test_der.c tests/test_der_write.c
tests_test_der_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_der_LDADD = $(CMSFW_TEST_LIBS)
