/* io_int.h - reader internals shared with cli.c (not installed). */
#ifndef SINO_IO_INT_H
#define SINO_IO_INT_H

#include "sino_io.h"

/* Mark r's invalid-byte warning as given; returns whether it already was. */
int sino_reader_reported(sino_reader *r);

#endif
