/* sino_data.h - where the compiled dictionaries live. */
#ifndef SINO_DATA_H
#define SINO_DATA_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>

#include "sino_dict.h"
#include "sino_text.h"

/* The data directory: $SINO_DATA if set (even if it does not exist, so that a
 * wrong setting is reported rather than silently ignored); else the installed
 * directory compiled in as SINO_DATADIR when it holds the data; else
 * ../data relative to the running executable (the build tree). */
int sino_data_dir(char *out, size_t size, sino_error *err);

/* Full path of a data file; fails if the directory cannot be determined. */
int sino_data_path(const char *name, char *out, size_t size, sino_error *err);

/* Open the named compiled dictionary from the data directory and check its
 * kind. On failure the message names the full path. */
sino_dict *sino_data_open_dict(const char *name, const char *kind, sino_error *err);

#ifdef __cplusplus
}
#endif

#endif
