# tools/: the cmsfw command-line tool. It links the installed libcmsfw and
# uses only the public headers of include/cmsfw/.
bin_PROGRAMS += tools/cmsfw
tools_cmsfw_SOURCES = tools/cmsfw.c tools/cmd_inspect.c tools/cmd_protect.c \
	tools/cmd_verify.c tools/verify_run.c tools/protect_args.c tools/args.c \
	tools/device.c tools/state.c tools/report.c tools/signer.c tools/outfile.c \
	tools/stage_file.c tools/writer.c tools/emit.c tools/show_fw.c tools/input.c tools/engine.c \
	tools/hss_key.c tools/cmd_keygen.c
if CMSFW_MINIMAL
tools_cmsfw_SOURCES += tools/engine_min.c
else
tools_cmsfw_SOURCES += tools/engine_nomin.c
endif
EXTRA_DIST += tools/engine_min.c tools/engine_nomin.c
noinst_HEADERS += tools/commands.h tools/emit.h tools/show_fw.h tools/input.h \
	tools/args.h tools/device.h tools/state.h tools/report.h tools/signer.h \
	tools/outfile.h tools/stage_file.h tools/writer.h tools/verify.h tools/protect_args.h \
	tools/engine.h tools/hss_key.h
tools_cmsfw_LDADD = libcmsfw.la

TESTS += tests/test_cli.sh tests/test_cli_protect_verify.sh tests/test_cli_reports.sh \
	tests/test_cli_docs.sh tests/test_cli_hss.sh
EXTRA_DIST += tests/test_cli.sh tests/test_cli_protect_verify.sh tests/test_cli_reports.sh \
	tests/test_cli_docs.sh tests/test_cli_hss.sh tests/cli_lib.sh
TESTS += tests/test_exports.sh
EXTRA_DIST += tests/test_exports.sh

# demo keys, certificates, KEKs and image (tests and scripts/demo.sh use them)
EXTRA_DIST += vectors/samples/gen-demo.sh \
	vectors/samples/demo-ca-p256.key vectors/samples/demo-ca-p256.pem \
	vectors/samples/demo-signer-p256.key vectors/samples/demo-signer-p256.pem \
	vectors/samples/demo-p384.key vectors/samples/demo-p384.pem \
	vectors/samples/demo-rsa2048.key vectors/samples/demo-rsa2048.pem \
	vectors/samples/demo-ed25519.key vectors/samples/demo-ed25519.pem \
	vectors/samples/demo-device-p256.key vectors/samples/demo-device-p256.pem \
	vectors/samples/demo-kek128.hex vectors/samples/demo-kek256.hex \
	vectors/samples/demo-firmware.bin

# The second-thread writer of large outputs, tested on its own.
check_PROGRAMS += tests/test_writer
TESTS += tests/test_writer
tests_test_writer_SOURCES = tests/test_writer.c tools/writer.c
tests_test_writer_CPPFLAGS = $(CMSFW_TEST_CPPFLAGS)
tests_test_writer_LDADD = $(CMSFW_TEST_LIBS)
