# asn1/tasn.mk: the ASN.1 module asn1/cmsfw.asn, compiled to libtasn1
# templates at build time, and the typed access to them (asn1/tasn.c).
#
# asn1Parser writes asn1/cmsfw_asn1_tab.c into the build tree (never the
# source tree, which is read-only under `make distcheck`); the file is not
# distributed, so a tarball always regenerates it from the .asn.

libcmsfw_core_la_SOURCES += asn1/tasn.c asn1/tasn_der.c asn1/tasn_rw.c
nodist_libcmsfw_core_la_SOURCES = asn1/cmsfw_asn1_tab.c
noinst_HEADERS += asn1/tasn.h asn1/tasn_priv.h
BUILT_SOURCES += asn1/cmsfw_asn1_tab.c
CLEANFILES += asn1/cmsfw_asn1_tab.c
EXTRA_DIST += asn1/cmsfw.asn

asn1/cmsfw_asn1_tab.c: $(srcdir)/asn1/cmsfw.asn
	$(AM_V_GEN)$(MKDIR_P) asn1 && \
	$(ASN1PARSER) -n cmsfw__asn1_tab -o $@-t $(srcdir)/asn1/cmsfw.asn >/dev/null && \
	mv -f $@-t $@

# The templates against the published CMS, PKIX and RFC 4108 vectors, and
# every name tasn.c gives libtasn1. The helpers are shared with the codec
# tests of cms/codec.mk.
check_PROGRAMS += tests/test_asn1_module tests/test_asn1_names
TESTS += tests/test_asn1_module tests/test_asn1_names
noinst_HEADERS += tests/test_asn1_util.h
tests_test_asn1_module_SOURCES = tests/test_asn1_module.c tests/test_asn1_util.c
tests_test_asn1_module_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_asn1_module_LDADD = $(CMSFW_TEST_LIBS)
tests_test_asn1_names_SOURCES = tests/test_asn1_names.c tests/test_asn1_util.c
tests_test_asn1_names_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_asn1_names_LDADD = $(CMSFW_TEST_LIBS)
# (the vector files are distributed by vectors/local.mk)
