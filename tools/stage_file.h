/*
 * stage_file.h: the host's stage (cmsfw_stage) and scratch space: memory
 * while small, a temporary file beyond TOOL_STAGE_MEM_MAX octets. The file
 * is unlinked as soon as it is created, so it disappears with the process
 * whatever way it ends (signals and crashes included). Memory is wiped on
 * close: after decryption it holds plain firmware.
 */
#ifndef CMSFW_TOOLS_STAGE_FILE_H
#define CMSFW_TOOLS_STAGE_FILE_H

#include <stddef.h>
#include <stdint.h>

#include <cmsfw/proc.h>

#include "tools/outfile.h"

/* Largest content kept in memory; beyond it the stage moves to a file. */
#define TOOL_STAGE_MEM_MAX ((uint64_t)1 << 20)

/* What the stage did with a plain image (eContent = the firmware itself). */
enum tool_stage_image {
    TOOL_IMAGE_NONE = 0,   /* not a plain image, or no choice offered */
    TOOL_IMAGE_TO_OUT = 1, /* staged straight into the output's temporary file */
    TOOL_IMAGE_SKIPPED = 2 /* verdict only: not staged at all */
};

typedef struct tool_stage {
    cmsfw_stage stage;  /* callbacks bound to this object */
    const char *dir;    /* where the file goes (NULL: $TMPDIR or /tmp) */
    int fd;             /* -1 while in memory */
    uint8_t *mem;
    size_t mem_cap;
    uint64_t size;      /* highest offset written + 1 */
    int error_reported;
    /* plain images (tool_stage_plain) */
    const char *image_path; /* the output a plain image is staged into */
    int may_skip;           /* no output wanted: a plain image is not staged */
    int image;              /* enum tool_stage_image */
    int adopted;            /* the library took the staged image as the output */
    tool_out out;           /* the output's temporary file when TO_OUT */
} tool_stage;

/*
 * Start an empty stage. @p size_hint is the expected content size (0 when
 * unknown): at or above TOOL_STAGE_MEM_MAX the stage starts as a file.
 * @p dir is borrowed. Returns 0, or -1 after printing why.
 */
int tool_stage_open(tool_stage *s, const char *dir, uint64_t size_hint);

/*
 * What to do when the eContent turns out to be the image itself, so that it
 * moves once: with @p out_path (borrowed), stage it straight into that
 * output's temporary file, which tool_stage_commit() renames into place
 * once the library has adopted it; with @p may_skip, do not stage it at all
 * (only the verdict is wanted). Call after tool_stage_open().
 */
void tool_stage_plain(tool_stage *s, const char *out_path, int may_skip);

/* Rename the adopted image into place (tool_out_commit); -1 after printing
 * why. The output is discarded when the image was not adopted. */
int tool_stage_commit(tool_stage *s);

/* Wipe and release; an uncommitted output is removed. Safe to call twice. */
void tool_stage_close(tool_stage *s);

/* The directory part of @p path ("." when none), in @p buf. */
const char *tool_dir_of(const char *path, char *buf, size_t buf_len);

#endif
