/*
 * hss_key.h: the HSS/LMS private key file of the tool, and the durable,
 * locked state update that signing with it requires.
 *
 * The file is text (tools/hss_key.c has the grammar; cmsfw(1) documents
 * it). Its last field, next, is the state: the index of the next unused
 * one-time key. Signing holds an exclusive lock on the key file from
 * reading the state until the advanced state has replaced the file
 * (temporary file, fsync, rename, fsync of the directory); only then does
 * the signature leave the library.
 */
#ifndef CMSFW_TOOLS_HSS_KEY_H
#define CMSFW_TOOLS_HSS_KEY_H

#include <stddef.h>

#include <cmsfw/protect.h>

/* The first line of a key file. */
#define TOOL_HSS_BEGIN "-----BEGIN CMSFW HSS PRIVATE KEY-----"

/* A key open for signing: the locked file and the library's signer. */
typedef struct tool_hss {
    cmsfw_hss_signer hs; /* first member: cmsfw_signer.hss points here */
    cmsfw_hss_key key;
    int fd;              /* the locked key file, -1 when closed */
    const char *cmd;
    char path[4096];
} tool_hss;

/* 1 when @p path starts with TOOL_HSS_BEGIN, else 0 (also when it cannot
 * be read: the ordinary key loader then says why). */
int tool_hss_is_key(const char *path);

/* Read and check a key file without locking it. Prints "cmsfw CMD: FILE:
 * reason" and returns -1 on failure. */
int tool_hss_read(const char *cmd, const char *path, cmsfw_hss_key *key);

/* Write a new key file (refusing to replace an existing one), synced
 * with its directory. Prints why and returns -1 on failure. */
int tool_hss_create(const char *cmd, const char *path, const cmsfw_hss_key *key);

/* Open @p path for signing: lock it exclusively, read the state, and fill
 * the signer (commit callback, signature buffer). Refuses an exhausted key.
 * NULL after printing why. */
tool_hss *tool_hss_open(const char *cmd, const char *path);

/* Unlock, wipe and release (NULL is fine). */
void tool_hss_close(tool_hss *h);

/* "LMS_SHA256_M32_H10" and "LMOTS_SHA256_N32_W4" for the type codes. */
const char *tool_hss_lms_name(uint32_t type);
const char *tool_hss_ots_name(uint32_t type);

#endif
