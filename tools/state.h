/*
 * state.h: the device state file of `cmsfw verify --state FILE`: the
 * installed packages and the stale list, in a line-oriented text format,
 * read before processing and rewritten (atomically) after an acceptance.
 *
 *   # comment (also after an entry)
 *   installed OID VERSION [TYPE]
 *   installed-legacy HEX [TYPE]
 *   stale OID VERSION
 *
 * OIDs are dotted; VERSION and TYPE decimal; HEX the legacy name's octets.
 * A file that does not exist is an empty state.
 */
#ifndef CMSFW_TOOLS_STATE_H
#define CMSFW_TOOLS_STATE_H

#include <cmsfw/proc.h>

#include "tools/args.h"
#include "tools/device.h"

/* Longest line of a state file. */
#define TOOL_STATE_LINE_MAX 1024

typedef struct tool_state {
    tool_pool *pool;
    cmsfw_installed *installed;
    size_t n_installed, cap_installed;
    cmsfw_stale_entry *stale;
    size_t n_stale, cap_stale;
} tool_state;

/* Read @p path into @p st; -1 after printing "cmsfw: PATH:LINE: reason". */
int tool_state_load(tool_state *st, tool_pool *pool, const char *path);

/* Add the state's entries to the device description. */
int tool_state_to_device(const tool_state *st, tool_device *d);

/*
 * Record an accepted package: it replaces the installed entry with the same
 * fwPkgID (for a legacy name: the same octets), or is added; its fwPkgType
 * is recorded when the package has one (else an old entry's is kept). A
 * preferred stale version is merged into the stale list, keeping the larger
 * value per OID.
 */
int tool_state_record(tool_state *st, const cmsfw_result *res);

/* Write the state to @p path atomically. */
int tool_state_save(const tool_state *st, const char *path);

#endif
