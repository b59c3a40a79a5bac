/* data.c - locating the data directory and opening dictionaries in it. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sino_data.h"

#ifndef SINO_DATADIR
#define SINO_DATADIR "/usr/local/share/sino"
#endif

/* The stamp file the build writes last into a complete data directory. */
#define DATA_STAMP "sino-data.stamp"

static int has_data(const char *dir)
{
    char path[PATH_MAX];
    struct stat st;
    if (snprintf(path, sizeof path, "%s/%s", dir, DATA_STAMP) >= (int)sizeof path)
        return 0;
    return stat(path, &st) == 0;
}

static int copy_out(char *out, size_t size, const char *s, sino_error *err)
{
    if (snprintf(out, size, "%s", s) >= (int)size)
        return sino_fail(err, SINO_ERR_USAGE, "data path too long");
    return SINO_OK;
}

int sino_data_dir(char *out, size_t size, sino_error *err)
{
    const char *env = getenv("SINO_DATA");
    if (env && *env) return copy_out(out, size, env, err);
    if (has_data(SINO_DATADIR)) return copy_out(out, size, SINO_DATADIR, err);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char cand[PATH_MAX + 16];
            snprintf(cand, sizeof cand, "%s/../data", exe);
            if (has_data(cand)) return copy_out(out, size, cand, err);
        }
    }
    return sino_fail(err, SINO_ERR_IO,
                     "no data directory: set SINO_DATA, or install sino (looked in %s "
                     "and next to the program)", SINO_DATADIR);
}

int sino_data_path(const char *name, char *out, size_t size, sino_error *err)
{
    char dir[PATH_MAX];
    int st = sino_data_dir(dir, sizeof dir, err);
    if (st != SINO_OK) return st;
    if (snprintf(out, size, "%s/%s", dir, name) >= (int)size)
        return sino_fail(err, SINO_ERR_USAGE, "data path too long");
    return SINO_OK;
}

sino_dict *sino_data_open_dict(const char *name, const char *kind, sino_error *err)
{
    char path[PATH_MAX];
    if (sino_data_path(name, path, sizeof path, err) != SINO_OK) return NULL;
    sino_dict *d = sino_dict_open(path, kind, err);
    if (!d) sino_error_prefix(err, path);
    return d;
}
