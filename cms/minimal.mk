# cms/minimal.mk: the minimal embedded profile (include/cmsfw/minimal.h,
# docs/minimal.md), built with configure --enable-minimal.
#
# Its files go into libcmsfw (so that the tool and the tests reach them)
# and, on their own with the DER cursor and the error names, into
# libcmsfw_min.a: the profile's code alone, which tests/test_min_nm.sh
# checks for any reference to the allocator.
CMSFW_MIN_CFILES = \
	cms/min_proc.c \
	cms/min_stream.c \
	cms/min_signer.c \
	cms/min_attrs.c \
	cms/min_algs.c \
	cms/min_policy.c \
	cms/min_unwrap.c \
	cms/min_layer.c \
	cms/min_layer_ber.c \
	cms/min_layer_hdr.c \
	cms/min_layer_key.c \
	cms/min_report.c
CMSFW_MIN_HFILES = cms/min_priv.h cms/min_oid.h cms/min_check.h cms/min_layer.h

EXTRA_DIST += $(CMSFW_MIN_CFILES) include/cmsfw/minimal.h
noinst_HEADERS += $(CMSFW_MIN_HFILES)

if CMSFW_MINIMAL
cmsfwinclude_HEADERS += include/cmsfw/minimal.h
libcmsfw_core_la_SOURCES += $(CMSFW_MIN_CFILES)

noinst_LIBRARIES = libcmsfw_min.a
libcmsfw_min_a_SOURCES = $(CMSFW_MIN_CFILES) asn1/der.c cms/err.c
libcmsfw_min_a_CPPFLAGS = $(AM_CPPFLAGS) $(CRYPTO_CFLAGS)
endif

# the profile against the full one over every vector; its code against
# the allocator
EXTRA_DIST += tests/test_min_diff.sh tests/test_min_diff.py tests/test_min_nm.sh
if CMSFW_MINIMAL
TESTS += tests/test_min_nm.sh tests/test_min_diff.sh
# make check-valgrind also runs `cmsfw verify --minimal` over the vectors
VALGRIND_MINIMAL = yes
else
VALGRIND_MINIMAL = no
endif

if CMSFW_MINIMAL
# Each part of the profile against the full profile's: the core (init,
# push, finish, the tokenizer) on the shipped vectors; the receipt and
# error report encoders against the template encoders; steps 21-24 on the
# encrypted vectors; steps 6-20 (the hand-written SignerInfo and attribute
# decoders and the checks) on crafted, mutated and shipped SignerInfos.
CMSFW_MIN_TESTS = tests/test_min_proc tests/test_min_report tests/test_min_unwrap \
	tests/test_min_signer
check_PROGRAMS += $(CMSFW_MIN_TESTS)
TESTS += $(CMSFW_MIN_TESTS)
tests_test_min_proc_SOURCES = tests/test_min_proc.c
tests_test_min_proc_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_min_proc_LDADD = $(CMSFW_TEST_LIBS)
tests_test_min_report_SOURCES = tests/test_min_report.c
tests_test_min_report_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_min_report_LDADD = $(CMSFW_TEST_LIBS)
tests_test_min_unwrap_SOURCES = tests/test_min_unwrap.c
tests_test_min_unwrap_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_min_unwrap_LDADD = $(CMSFW_TEST_LIBS)
tests_test_min_signer_SOURCES = tests/test_min_signer.c $(CHECKS_TEST_SOURCES)
tests_test_min_signer_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_min_signer_LDADD = $(CMSFW_TEST_LIBS)
endif
