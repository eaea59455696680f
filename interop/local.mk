# interop/: the vector set of the device processor.
#
# vectors/MANIFEST lists every vector of vectors/generated/ (made by
# `cmsfw protect` and by the independent Python producer interop/pyproducer.py)
# and the published RFC 4108 sample, with the verdict a device must reach.
# tests/test_vectors.sh runs each through `cmsfw verify` at several input
# chunk sizes. The generators are run by hand (see vectors/README.md):
# interop/make_keys.sh (openssl) and interop/gen_vectors.sh.
TESTS += tests/test_vectors.sh tests/test_adversarial.sh
EXTRA_DIST += \
	tests/test_vectors.sh \
	tests/test_adversarial.sh \
	interop/adversarial.py \
	vectors/adversarial \
	tests/test_vectors.py \
	interop/make_keys.sh \
	interop/gen_vectors.sh \
	interop/pyproducer.py \
	interop/pysuite.py \
	interop/README.md \
	interop/run.sh \
	interop/lib.sh \
	interop/matrix.py \
	interop/limits.tsv \
	interop/peers \
	docs/conformance.md \
	vectors/MANIFEST \
	vectors/README.md \
	vectors/generated \
	vectors/keys

# `make interop`: cmsfw against OpenSSL, wolfSSL, GnuTLS, Bouncy Castle and
# pyasn1-modules, both ways; regenerates docs/conformance.md (interop/README.md).
interop:
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	CC='$(CC)' PYTHON3='$(PYTHON3)' $(SHELL) '$(abs_top_srcdir)/interop/run.sh'
.PHONY: interop
