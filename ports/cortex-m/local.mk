# ports/cortex-m/local.mk: the Cortex-M cross build (ports/cortex-m/README.md).
#
#   make check-cortex-m   cross-build the minimal profile with the device
#                         backend, with decryption ("aes"), without
#                         ("plain"), with HSS/LMS alone ("lms") and with
#                         HSS/LMS alone for one-level keys ("lms1"), run
#                         the test firmware on qemu-system-arm
#                         (mps2-an385 Cortex-M3, mps2-an386 Cortex-M4) and
#                         compare every verdict and image hash with the host
#   make size-report      flash and RAM per CPU (M0+, M3, M4) and
#                         configuration against
#                         ports/cortex-m/budget.tsv; writes
#                         ports/cortex-m/SIZE.md in the build tree
#
# Both need the packages and the deb-src entry of scripts/install-deps.sh.

CORTEX_M_FILES = \
	ports/cortex-m/Makefile ports/cortex-m/README.md ports/cortex-m/budget.tsv \
	ports/cortex-m/check.py ports/cortex-m/known-diff.tsv ports/cortex-m/fetch-mbedtls.sh \
	ports/cortex-m/gen_vectors.py \
	ports/cortex-m/mbedtls_config.h ports/cortex-m/mps2.ld ports/cortex-m/noheap.c \
	ports/cortex-m/port.h ports/cortex-m/port_cases.h ports/cortex-m/size_main.c \
	ports/cortex-m/size_report.py ports/cortex-m/startup.c ports/cortex-m/test_main.c \
	backends/mbedtls_device.c backends/mbedtls_device.h
EXTRA_DIST += $(CORTEX_M_FILES)

CORTEX_M_MAKE = $(MAKE) -f $(abs_top_srcdir)/ports/cortex-m/Makefile \
	SRCDIR='$(abs_top_srcdir)' B='$(abs_top_builddir)/ports/cortex-m' PYTHON3='$(PYTHON3)'

# The host's `cmsfw verify --minimal` is the second reference when this
# build has the minimal profile; the manifests' verdicts always are.
if CMSFW_MINIMAL
CORTEX_M_HOST = HOST_CMSFW='$(abs_top_builddir)/tools/cmsfw'
else
CORTEX_M_HOST =
endif

check-cortex-m: $(bin_PROGRAMS)
	+$(CORTEX_M_MAKE) $(CORTEX_M_HOST) check

size-report:
	+$(CORTEX_M_MAKE) size-report

clean-local: clean-cortex-m
clean-cortex-m:
	-rm -rf ports/cortex-m/m0plus ports/cortex-m/m3 ports/cortex-m/m4 \
	  ports/cortex-m/m0plus-plain ports/cortex-m/m3-plain ports/cortex-m/m4-plain \
	  ports/cortex-m/m0plus-lms ports/cortex-m/m3-lms ports/cortex-m/m4-lms \
	  ports/cortex-m/m0plus-lms1 ports/cortex-m/m3-lms1 ports/cortex-m/m4-lms1 \
	  ports/cortex-m/cases.c ports/cortex-m/cases.S ports/cortex-m/cases.tsv \
	  ports/cortex-m/cases-lms.c ports/cortex-m/cases-lms.S ports/cortex-m/cases-lms.tsv \
	  ports/cortex-m/SIZE.md ports/cortex-m/qemu-*.log

.PHONY: check-cortex-m size-report clean-cortex-m
