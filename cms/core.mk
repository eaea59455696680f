# cms/: content types, attributes, layers, the processor (core files)
libcmsfw_core_la_SOURCES += cms/err.c
libcmsfw_core_la_SOURCES += cms/diag.c cms/inspect.c cms/signed_view.c
noinst_HEADERS += cms/diag.h cms/signed_view.h
cmsfwinclude_HEADERS += include/cmsfw/inspect.h

check_PROGRAMS += tests/test_inspect
TESTS += tests/test_inspect
tests_test_inspect_SOURCES = tests/test_inspect.c
tests_test_inspect_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_inspect_LDADD = $(CMSFW_TEST_LIBS)
