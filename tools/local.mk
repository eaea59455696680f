# tools/: the cmsfw command-line tool
bin_PROGRAMS += tools/cmsfw
tools_cmsfw_SOURCES = tools/cmsfw.c tools/cmd_inspect.c tools/emit.c tools/show_fw.c tools/input.c
noinst_HEADERS += tools/commands.h tools/emit.h tools/show_fw.h tools/input.h
tools_cmsfw_LDADD = libcmsfw.la

TESTS += tests/test_cli.sh
EXTRA_DIST += tests/test_cli.sh
TESTS += tests/test_exports.sh
EXTRA_DIST += tests/test_exports.sh
