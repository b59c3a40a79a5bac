/* io_int.h - reader internals shared with cli.c (not installed). */
#ifndef SINO_IO_INT_H
#define SINO_IO_INT_H

#include <stdint.h>

#include "sino_io.h"

/* Mark r's invalid-byte warning as given; returns whether it already was. */
int sino_reader_reported(sino_reader *r);

/* Whether r now hands out the rest of its input unchanged and reads it from
 * a descriptor (a file decided to be UTF-8, or read as raw bytes): then
 * *ahead is how many bytes r has read from it past the last one it handed
 * out, and a caller may take the rest of the input from the file itself. */
int sino_reader_passthrough(const sino_reader *r, uint64_t *ahead);

#endif
