# asn1/oid: the OID table and dotted <-> DER conversion
libcmsfw_core_la_SOURCES += asn1/oid.c

check_PROGRAMS += tests/test_oid tests/test_err
TESTS += tests/test_oid tests/test_err
tests_test_oid_SOURCES = tests/test_oid.c
tests_test_oid_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_oid_LDADD = $(CMSFW_TEST_LIBS)
tests_test_err_SOURCES = tests/test_err.c
tests_test_err_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_err_LDADD = $(CMSFW_TEST_LIBS)
