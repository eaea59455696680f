# cms/checks.mk: the device checks of steps 4 and 6-20 (cms/proc_priv.h)
# and the verification of signed receipts and error reports.
libcmsfw_core_la_SOURCES += \
	cms/check_algs.c \
	cms/check_attrs.c \
	cms/check_certs.c \
	cms/check_keyid.c \
	cms/check_policy.c \
	cms/check_signed.c \
	cms/check_signer.c \
	cms/certpath.c \
	cms/verify_content.c
noinst_HEADERS += cms/check_priv.h

CHECKS_TEST_SOURCES = tests/checks_util.c tests/checks_util.h tests/test_backend_util.c
check_PROGRAMS += tests/test_checks
TESTS += tests/test_checks
tests_test_checks_SOURCES = tests/test_checks.c $(CHECKS_TEST_SOURCES)
tests_test_checks_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_checks_LDADD = $(CMSFW_TEST_LIBS)

EXTRA_DIST += \
	tests/data/checks/generate.sh \
	tests/data/checks/root.der tests/data/checks/root.pk8.der tests/data/checks/root.spki.der \
	tests/data/checks/ica.der tests/data/checks/ica2.der tests/data/checks/ica-rsa.der \
	tests/data/checks/notca.der \
	tests/data/checks/leaf.der tests/data/checks/leaf.pk8.der tests/data/checks/leaf.spki.der \
	tests/data/checks/leaf-noski.der tests/data/checks/leaf-ku.der \
	tests/data/checks/leaf-cc-deny.der tests/data/checks/leaf-cc-allow.der \
	tests/data/checks/leaf-crit.der tests/data/checks/leaf-notca.der \
	tests/data/checks/leaf-deep.der \
	tests/data/checks/leaf-ed.der tests/data/checks/leaf-ed.pk8.der \
	tests/data/checks/leaf-1024.der tests/data/checks/leaf-1024.pk8.der \
	tests/data/checks/receipt.der tests/data/checks/receipt-ski.der \
	tests/data/checks/receipt-isn.der

check_PROGRAMS += tests/test_checks_path
TESTS += tests/test_checks_path
tests_test_checks_path_SOURCES = tests/test_checks_path.c $(CHECKS_TEST_SOURCES)
tests_test_checks_path_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_checks_path_LDADD = $(CMSFW_TEST_LIBS)

check_PROGRAMS += tests/test_checks_policy
TESTS += tests/test_checks_policy
tests_test_checks_policy_SOURCES = tests/test_checks_policy.c $(CHECKS_TEST_SOURCES)
tests_test_checks_policy_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_checks_policy_LDADD = $(CMSFW_TEST_LIBS)

check_PROGRAMS += tests/test_checks_verify
TESTS += tests/test_checks_verify
tests_test_checks_verify_SOURCES = tests/test_checks_verify.c $(CHECKS_TEST_SOURCES)
tests_test_checks_verify_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_checks_verify_LDADD = $(CMSFW_TEST_LIBS)

check_PROGRAMS += tests/test_review_sig
TESTS += tests/test_review_sig
tests_test_review_sig_SOURCES = tests/test_review_sig.c $(CHECKS_TEST_SOURCES)
tests_test_review_sig_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_review_sig_LDADD = $(CMSFW_TEST_LIBS)
