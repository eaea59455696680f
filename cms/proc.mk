# cms/proc: the streaming device processor (push, finish, unwrap)
libcmsfw_core_la_SOURCES += cms/proc.c cms/proc_stream.c cms/process.c
noinst_HEADERS += cms/proc_priv.h cms/proc_state.h tests/ber_builder.h

check_PROGRAMS += tests/test_proc
TESTS += tests/test_proc
tests_test_proc_SOURCES = tests/test_proc.c
tests_test_proc_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_proc_LDADD = $(CMSFW_TEST_LIBS)
EXTRA_DIST += docs/procedure.md

# The stage's image() and adopt() callbacks over the shipped plain vectors.
check_PROGRAMS += tests/test_proc_plain
TESTS += tests/test_proc_plain
tests_test_proc_plain_SOURCES = tests/test_proc_plain.c
tests_test_proc_plain_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_proc_plain_LDADD = $(CMSFW_TEST_LIBS)
