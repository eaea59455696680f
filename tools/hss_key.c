/*
 * hss_key.c: the HSS/LMS private key file and its durable state.
 *
 * Format (text, one field per line, in this order, LF line ends):
 *
 *   -----BEGIN CMSFW HSS PRIVATE KEY-----
 *   format: 1
 *   levels: L                       1..8
 *   lms: T1 ... TL                  LMS type codes, top level first (5..7)
 *   ots: T1 ... TL                  LM-OTS type codes (1..4)
 *   seed: 64 hex digits             SEED of the top tree (secret)
 *   id: 32 hex digits               I of the top tree
 *   public: 120 hex digits          the raw HSS public key
 *   next: N                         decimal: the next unused leaf index
 *   -----END CMSFW HSS PRIVATE KEY-----
 *
 * Lower trees are not stored: they follow from seed, I and next
 * (cmsfw/protect.h, cmsfw_hss_key).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tools/args.h"
#include "tools/hss_key.h"
#include "tools/stage_file.h"

#define TOOL_HSS_END "-----END CMSFW HSS PRIVATE KEY-----"
#define KEY_TEXT_MAX 1024

static const char *const lms_names[] = {"LMS_SHA256_M32_H5", "LMS_SHA256_M32_H10",
                                        "LMS_SHA256_M32_H15", "LMS_SHA256_M32_H20",
                                        "LMS_SHA256_M32_H25"};
static const char *const ots_names[] = {"LMOTS_SHA256_N32_W1", "LMOTS_SHA256_N32_W2",
                                        "LMOTS_SHA256_N32_W4", "LMOTS_SHA256_N32_W8"};

const char *
tool_hss_lms_name(uint32_t type)
{
    return type >= 5 && type <= 9 ? lms_names[type - 5] : "unknown";
}

const char *
tool_hss_ots_name(uint32_t type)
{
    return type >= 1 && type <= 4 ? ots_names[type - 1] : "unknown";
}

static void
put_hex(char *out, const uint8_t *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;

    for (i = 0; i < n; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
    out[2 * n] = '\0';
}

/* The key as text; its length, or 0 when it does not fit. */
static size_t
format_key(const cmsfw_hss_key *k, char *out, size_t cap)
{
    char seed[65], id[33], pub[2 * CMSFW_HSS_PUB_LEN + 1], lms[64] = "", ots[64] = "";
    unsigned i;
    int n;

    for (i = 0; i < k->levels && i < CMSFW_HSS_MAX_LEVELS; i++) {
        snprintf(lms + strlen(lms), sizeof lms - strlen(lms), " %u", (unsigned)k->lms_type[i]);
        snprintf(ots + strlen(ots), sizeof ots - strlen(ots), " %u", (unsigned)k->ots_type[i]);
    }
    put_hex(seed, k->seed, sizeof k->seed);
    put_hex(id, k->id, sizeof k->id);
    put_hex(pub, k->pub, sizeof k->pub);
    n = snprintf(out, cap,
                 TOOL_HSS_BEGIN "\nformat: 1\nlevels: %u\nlms:%s\nots:%s\nseed: %s\nid: %s\n"
                 "public: %s\nnext: %" PRIu64 "\n" TOOL_HSS_END "\n",
                 k->levels, lms, ots, seed, id, pub, k->next);
    memset(seed, 0, sizeof seed);
    return n > 0 && (size_t)n < cap ? (size_t)n : 0;
}

/* The value after "NAME: " on the next line, NUL-terminated in place. */
static char *
field(char **cur, const char *name)
{
    char *line = *cur, *nl = strchr(line, '\n');
    size_t n = strlen(name);

    if (nl == NULL)
        return NULL;
    *nl = '\0';
    *cur = nl + 1;
    if (strncmp(line, name, n) != 0 || line[n] != ':')
        return NULL;
    line += n + 1;
    return *line == ' ' || *line == '\0' ? line + (*line == ' ') : NULL;
}

/* Exactly 2 * @n hex digits. */
static int
hex_value(const char *s, uint8_t *out, size_t n)
{
    return strlen(s) == 2 * n && arg_hex_decode(s, 2 * n, out, 0) == (long)n ? 0 : -1;
}

/* Exactly @n small numbers separated by single spaces. */
static int
type_list(const char *s, uint32_t *out, unsigned n)
{
    unsigned i;
    char *end;
    unsigned long v;

    for (i = 0; i < n; i++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = strtoul(s, &end, 10);
        if (v > 99 || (i + 1 < n ? *end != ' ' : *end != '\0'))
            return -1;
        out[i] = (uint32_t)v;
        s = end + (i + 1 < n);
    }
    return 0;
}

static int
parse_next(const char *s, uint64_t *v)
{
    char *end;
    unsigned long long x;

    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    x = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0')
        return -1;
    *v = (uint64_t)x;
    return 0;
}

/* Parse the text (modified in place); the reason on failure. */
static const char *
parse_key(char *text, cmsfw_hss_key *k)
{
    char *cur = text, *v;
    unsigned long levels;

    memset(k, 0, sizeof *k);
    v = strchr(cur, '\n');
    if (v == NULL || (size_t)(v - cur) != strlen(TOOL_HSS_BEGIN) ||
        strncmp(cur, TOOL_HSS_BEGIN, strlen(TOOL_HSS_BEGIN)) != 0)
        return "not an HSS private key file";
    cur = v + 1;
    if ((v = field(&cur, "format")) == NULL || strcmp(v, "1") != 0)
        return "unknown key file format";
    if ((v = field(&cur, "levels")) == NULL || strlen(v) != 1 || v[0] < '1' || v[0] > '8')
        return "bad levels line";
    levels = (unsigned long)(v[0] - '0');
    k->levels = (unsigned)levels;
    if ((v = field(&cur, "lms")) == NULL || type_list(v, k->lms_type, k->levels) != 0)
        return "bad lms line";
    if ((v = field(&cur, "ots")) == NULL || type_list(v, k->ots_type, k->levels) != 0)
        return "bad ots line";
    if ((v = field(&cur, "seed")) == NULL || hex_value(v, k->seed, sizeof k->seed) != 0)
        return "bad seed line";
    if ((v = field(&cur, "id")) == NULL || hex_value(v, k->id, sizeof k->id) != 0)
        return "bad id line";
    if ((v = field(&cur, "public")) == NULL || hex_value(v, k->pub, sizeof k->pub) != 0)
        return "bad public line";
    if ((v = field(&cur, "next")) == NULL || parse_next(v, &k->next) != 0)
        return "bad next line";
    v = strchr(cur, '\n');
    if (v == NULL || strncmp(cur, TOOL_HSS_END, strlen(TOOL_HSS_END)) != 0 ||
        (size_t)(v - cur) != strlen(TOOL_HSS_END) || v[1] != '\0')
        return "bad end of key file";
    return NULL;
}

/* Read all of @fd (at most KEY_TEXT_MAX - 1 octets) from its start. */
static int
read_text(int fd, char *text)
{
    size_t len = 0;
    ssize_t n;

    if (lseek(fd, 0, SEEK_SET) != 0)
        return -1;
    for (;;) {
        n = read(fd, text + len, KEY_TEXT_MAX - 1 - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        len += (size_t)n;
        if (len == KEY_TEXT_MAX - 1)
            return -1;
    }
    text[len] = '\0';
    return strlen(text) == len ? 0 : -1;
}

/* Read, parse and check the key of an open file. */
static int
load_fd(const char *cmd, const char *path, int fd, cmsfw_hss_key *k)
{
    char text[KEY_TEXT_MAX];
    cmsfw_diag diag = {""};
    const char *why;
    int rc = -1;

    if (read_text(fd, text) != 0)
        fprintf(stderr, "cmsfw %s: %s: cannot read the key file: %s\n", cmd, path,
                errno != 0 ? strerror(errno) : "too long");
    else if ((why = parse_key(text, k)) != NULL)
        fprintf(stderr, "cmsfw %s: %s: %s\n", cmd, path, why);
    else if (cmsfw_key_hss_check(k, &diag) != CMSFW_OK)
        fprintf(stderr, "cmsfw %s: %s: %s\n", cmd, path, diag.msg);
    else
        rc = 0;
    memset(text, 0, sizeof text);
    return rc;
}

int
tool_hss_is_key(const char *path)
{
    char head[sizeof TOOL_HSS_BEGIN];
    FILE *f = fopen(path, "r");
    size_t n;

    if (f == NULL)
        return 0;
    n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    head[n] = '\0';
    return strcmp(head, TOOL_HSS_BEGIN) == 0;
}

int
tool_hss_read(const char *cmd, const char *path, cmsfw_hss_key *key)
{
    int fd = open(path, O_RDONLY), rc;

    if (fd < 0) {
        fprintf(stderr, "cmsfw %s: %s: %s\n", cmd, path, strerror(errno));
        return -1;
    }
    errno = 0;
    rc = load_fd(cmd, path, fd, key);
    close(fd);
    return rc;
}

static int
sync_dir(const char *path)
{
    char buf[4096];
    int fd = open(tool_dir_of(path, buf, sizeof buf), O_RDONLY);
    int rc;

    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

static int
write_all(int fd, const char *p, size_t n)
{
    ssize_t k;

    while (n > 0) {
        k = write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

int
tool_hss_create(const char *cmd, const char *path, const cmsfw_hss_key *key)
{
    char text[KEY_TEXT_MAX];
    size_t len = format_key(key, text, sizeof text);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600), rc = -1;

    if (fd < 0) {
        fprintf(stderr, "cmsfw %s: %s: %s%s\n", cmd, path, strerror(errno),
                errno == EEXIST ? " (an HSS key is never overwritten)" : "");
        memset(text, 0, sizeof text);
        return -1;
    }
    if (len != 0 && write_all(fd, text, len) == 0 && fsync(fd) == 0)
        rc = 0;
    if (close(fd) != 0 || (rc == 0 && sync_dir(path) != 0))
        rc = -1;
    if (rc != 0) {
        fprintf(stderr, "cmsfw %s: %s: cannot write the key: %s\n", cmd, path, strerror(errno));
        unlink(path);
    }
    memset(text, 0, sizeof text);
    return rc;
}

/*
 * Replace the key file by the advanced state: a temporary file in the
 * same directory, fsync, rename over the key, fsync of the directory. The
 * lock stays on the old file until close; a process that waits for it
 * sees afterwards that the name now points elsewhere and starts again.
 */
static cmsfw_err
commit(void *ctx, const cmsfw_hss_key *key)
{
    tool_hss *h = ctx;
    char tmp[sizeof h->path + 16], text[KEY_TEXT_MAX];
    size_t len = format_key(key, text, sizeof text);
    int fd, ok = 0;

    if (len == 0 || snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", h->path) >= (int)sizeof tmp)
        return CMSFW_E_IO;
    fd = mkstemp(tmp);
    if (fd >= 0) {
        ok = fchmod(fd, 0600) == 0 && write_all(fd, text, len) == 0 && fsync(fd) == 0;
        ok = close(fd) == 0 && ok;
        ok = ok && rename(tmp, h->path) == 0;
        if (!ok)
            unlink(tmp);
        ok = ok && sync_dir(h->path) == 0;
    }
    memset(text, 0, sizeof text);
    if (!ok) {
        fprintf(stderr, "cmsfw %s: %s: cannot record the key state: %s\n", h->cmd, h->path,
                strerror(errno));
        return CMSFW_E_IO;
    }
    return CMSFW_OK;
}

/* Lock the file the name points to now (retrying when it was replaced
 * while this process waited for the lock). */
static int
open_locked(tool_hss *h)
{
    struct stat a, b;
    int tries;

    for (tries = 0; tries < 1000; tries++) {
        h->fd = open(h->path, O_RDWR);
        if (h->fd < 0)
            return -1;
        while (flock(h->fd, LOCK_EX) != 0) {
            if (errno != EINTR) {
                close(h->fd);
                h->fd = -1;
                return -1;
            }
        }
        if (fstat(h->fd, &a) == 0 && stat(h->path, &b) == 0 && a.st_ino == b.st_ino &&
            a.st_dev == b.st_dev)
            return 0;
        close(h->fd);
        h->fd = -1;
    }
    errno = EAGAIN;
    return -1;
}

tool_hss *
tool_hss_open(const char *cmd, const char *path)
{
    tool_hss *h = calloc(1, sizeof *h);
    size_t sig_len;

    if (h == NULL) {
        fprintf(stderr, "cmsfw %s: out of memory\n", cmd);
        return NULL;
    }
    h->fd = -1;
    h->cmd = cmd;
    if (strlen(path) >= sizeof h->path) {
        fprintf(stderr, "cmsfw %s: %s: path too long\n", cmd, path);
        tool_hss_close(h);
        return NULL;
    }
    strcpy(h->path, path);
    if (open_locked(h) != 0) {
        fprintf(stderr, "cmsfw %s: %s: %s\n", cmd, path, strerror(errno));
        tool_hss_close(h);
        return NULL;
    }
    errno = 0;
    if (load_fd(cmd, path, h->fd, &h->key) != 0) {
        tool_hss_close(h);
        return NULL;
    }
    if (cmsfw_key_hss_remaining(&h->key) == 0) {
        fprintf(stderr, "cmsfw %s: %s: HSS/LMS key exhausted: all %" PRIu64
                        " signatures used\n", cmd, path, cmsfw_key_hss_total(&h->key));
        tool_hss_close(h);
        return NULL;
    }
    sig_len = cmsfw_key_hss_sig_len(&h->key);
    h->hs.sig = malloc(sig_len);
    if (h->hs.sig == NULL) {
        fprintf(stderr, "cmsfw %s: out of memory\n", cmd);
        tool_hss_close(h);
        return NULL;
    }
    h->hs.sig_size = sig_len;
    h->hs.key = &h->key;
    h->hs.commit = commit;
    h->hs.ctx = h;
    return h;
}

void
tool_hss_close(tool_hss *h)
{
    if (h == NULL)
        return;
    if (h->fd >= 0)
        close(h->fd); /* releases the lock */
    free(h->hs.sig);
    memset(h, 0, sizeof *h);
    free(h);
}
