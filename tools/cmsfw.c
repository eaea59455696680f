/* cmsfw.c: the command-line tool's entry point and subcommand dispatch. */
#include <stdio.h>
#include <string.h>

#include <cmsfw/cmsfw.h>

#include "tools/commands.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"protect", cmd_protect, "build a signed (compressed, encrypted) firmware package"},
    {"verify", cmd_verify, "process a package as a device does: verify, unwrap, report"},
    {"inspect", cmd_inspect, "print every field of a package, receipt or error report"},
    {"keygen", cmd_keygen, "generate a stateful HSS/LMS signing key"},
    {"keyinfo", cmd_keyinfo, "print an HSS/LMS key's parameters and signatures left"},
};

static void
usage(FILE *f)
{
    size_t i;

    fputs("usage: cmsfw COMMAND [ARGS...]\n"
          "       cmsfw --help | --version\n\n"
          "  cmsfw protect --in FW --out PKG --key KEY [--cert CERT]\n"
          "                (--pkg-id OID:VERSION | --pkg-legacy HEX) --target OID [options]\n"
          "  cmsfw verify  PKG --trust TA [--trust TA]... --hw-type OID [--hw-serial HEX]\n"
          "                [--out FW] [--receipt FILE] [--error-report FILE] [--json] [options]\n"
          "  cmsfw inspect FILE [--trust CERT]... [--json]\n"
          "  cmsfw keygen  --alg hss-lms [--levels L] --lms-type H --ots-type W --out KEY\n"
          "                [--pub SPKI]\n"
          "  cmsfw keyinfo KEY [--json]\n\n"
          "CMS-protected firmware packages (RFC 4108).\n\ncommands:\n",
          f);
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fputs("\n'cmsfw COMMAND --help' describes one command; see also cmsfw(1).\n"
          "exit status: 0 success, 1 rejected or undecodable input, 2 usage or I/O error\n",
          f);
}

int
main(int argc, char **argv)
{
    size_t i;

    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("cmsfw %s (crypto backend: %s)\n", CMSFW_VERSION_STRING, CMSFW_BACKEND_NAME);
        return 0;
    }
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "cmsfw: unknown command '%s' (try 'cmsfw --help')\n", argv[1]);
    return 2;
}
