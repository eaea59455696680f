# fuzz/: libFuzzer targets (fuzz/README.md). `make fuzz` builds them with
# clang against a private sanitizer build of cmsfw in fuzz/build of the
# build tree; `make fuzz-smoke` also replays fuzz/regressions/ and runs
# each target for FUZZ_SECONDS (default 25), and fails on any crash, leak,
# timeout or sanitizer report. Never part of `make check`.
EXTRA_DIST += \
	fuzz/README.md \
	fuzz/run.sh \
	fuzz/seeds.py \
	fuzz/gen-dict.py \
	fuzz/cmsfw.dict \
	fuzz/fuzz_util.h \
	fuzz/fuzz_device.h \
	fuzz/fuzz_device.c \
	fuzz/fuzz_der.c \
	fuzz/fuzz_fw.c \
	fuzz/fuzz_keys.c \
	fuzz/fuzz_inspect.c \
	fuzz/fuzz_proc.c \
	fuzz/fuzz_proc_chunked.c \
	fuzz/fuzz_min.c \
	fuzz/fuzz_min_diff.c \
	fuzz/regressions

FUZZ_RUN = top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	PYTHON3='$(PYTHON3)' $(SHELL) '$(abs_top_srcdir)/fuzz/run.sh'

fuzz:
	$(FUZZ_RUN) build
fuzz-smoke:
	$(FUZZ_RUN) smoke
fuzz-clean:
	rm -rf fuzz/build
.PHONY: fuzz fuzz-smoke fuzz-clean
