/*
 * args.h: command-line parsing for the tool: an option table (the one
 * source of both the parser and the --help text), a memory pool that owns
 * what the parsed values point to, and parsers for the value syntaxes
 * (hex, OIDs, OID:VERSION, numbers, key files).
 */
#ifndef CMSFW_TOOLS_ARGS_H
#define CMSFW_TOOLS_ARGS_H

#include <stdint.h>
#include <stdio.h>

#include <cmsfw/fw.h>
#include <cmsfw/proc.h>
#include <cmsfw/types.h>

/* ----------------------------------------------------------------- pool */

struct pool_block;

/* Every allocation lives until pool_free(), which wipes it (the pool holds
 * key-encryption keys) before releasing it. */
typedef struct tool_pool {
    struct pool_block *head;
} tool_pool;

/* Zeroed memory, or NULL after printing "cmsfw: out of memory". */
void *pool_alloc(tool_pool *p, size_t n);
/* An array of n elements of size sz (overflow-checked). */
void *pool_array(tool_pool *p, size_t n, size_t sz);
void pool_free(tool_pool *p);

/* -------------------------------------------------------- option table */

/* One option: `--name` or `--name VALUE` (also `--name=VALUE`). */
typedef struct tool_opt {
    const char *name;    /* without the leading "--" */
    const char *arg;     /* value placeholder ("FILE"), NULL for a switch */
    const char *help;    /* one line */
} tool_opt;

/* The parser's position. */
typedef struct tool_optscan {
    int argc;
    char **argv;
    int i;              /* next argv index */
    const char *cmd;    /* "verify": messages say "cmsfw verify: ..." */
    const tool_opt *opts;
    size_t n_opts;
    int only_positional;   /* set once "--" was seen */
} tool_optscan;

#define OPT_END (-1)   /* no more arguments */
#define OPT_ERROR (-2) /* unknown option or missing value; message printed */
#define OPT_POSITIONAL (-3)

/* Start scanning argv[1..argc-1] against @p opts. */
void opt_scan_init(tool_optscan *s, const char *cmd, int argc, char **argv, const tool_opt *opts,
                   size_t n_opts);

/*
 * The next argument: the index of the option in the table (its value, if
 * it takes one, in *val), OPT_POSITIONAL with the argument in *val,
 * OPT_END or OPT_ERROR. "--" ends options; "-" is a positional argument.
 */
int opt_next(tool_optscan *s, const char **val);

/* Print "usage: ..." then one line per option of the table. */
void opt_usage(FILE *f, const char *synopsis, const tool_opt *opts, size_t n_opts);

/* Index of option @p name in the table, for switch statements that name
 * options by text rather than by position. -1 when absent (a bug). */
int opt_index(const tool_opt *opts, size_t n_opts, const char *name);

/* ------------------------------------------------------------- values */

/* Each parser prints "cmsfw CMD: --OPT: reason" and returns -1 on a bad
 * value, 0 on success; byte results are allocated in the pool. */
typedef struct tool_argctx {
    tool_pool *pool;
    const char *cmd;
    const char *opt;
} tool_argctx;

/* Hexadecimal octets; empty text is refused. Colons and spaces between
 * pairs are allowed ("0a:0b", "0a 0b"). */
int arg_hex(const tool_argctx *c, const char *s, cmsfw_bytes *out);

/** Decode the hex digits of @p s[0..len), skipping ':' and white space
 *  between octets when @p allow_sep; @p out NULL counts only.
 *  @return the octet count, or -1 for any other character or an odd
 *  number of digits. */
long arg_hex_decode(const char *s, size_t len, uint8_t *out, int allow_sep);
/* An OID in dotted form or by its ASN.1 name from the OID table. */
int arg_oid(const tool_argctx *c, const char *s, cmsfw_bytes *out);
/* A decimal number without sign. */
int arg_u64(const tool_argctx *c, const char *s, uint64_t *v);
/* A decimal number, possibly negative. */
int arg_i64(const tool_argctx *c, const char *s, int64_t *v);
/* OID:VERSION as a preferred package name. */
int arg_pkg_name(const tool_argctx *c, const char *s, cmsfw_pkg_name *n);
/* HEX as a legacy package name. */
int arg_pkg_legacy(const tool_argctx *c, const char *s, cmsfw_pkg_name *n);
/*
 * IDHEX:KEYFILE, a key-encryption key. The file holds the key as hex text
 * (32 or 64 hex digits, white space ignored) or as 16 or 32 raw octets;
 * text that reads as hex is taken as hex.
 */
int arg_kek(const tool_argctx *c, const char *s, cmsfw_kek *kek);

/* Split "A:B" at the last colon into the pool; *b NULL when no colon. */
int arg_split_last(const tool_argctx *c, const char *s, char **a, char **b);

/* Print "cmsfw CMD: --OPT: MSG" (printf format) and return -1. */
int arg_error(const tool_argctx *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
