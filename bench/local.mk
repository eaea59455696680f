# bench/: `make bench` times cmsfw against the raw hash of its own backend
# and against peers (the openssl CLI, wolfSSL's PKCS#7 API). It builds
# cmsfw once per crypto backend in bench/build-BACKEND of the build tree
# and writes bench/RESULTS.md. Never part of `make check`; see
# bench/README.md.
EXTRA_DIST += scripts/build-backend.sh \
	bench/README.md \
	bench/RESULTS.md \
	bench/run.sh \
	bench/table.py \
	bench/runtime.c \
	bench/rawhash.c \
	bench/slurp.c \
	bench/slurp.h \
	bench/wolfssl_verify.c \
	bench/wolfssl_sign.c

bench:
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	CC='$(CC)' PYTHON3='$(PYTHON3)' $(SHELL) '$(abs_top_srcdir)/bench/run.sh'
.PHONY: bench
