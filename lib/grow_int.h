/* grow_int.h - the library's one way to grow an array (not installed; byte
 * buffers that hold text are sino_buf, lib/sino_text.h). */
#ifndef SINO_GROW_INT_H
#define SINO_GROW_INT_H

#include <stddef.h>

#include "sino_text.h"

/* Make room for need items of item_size bytes in the array *items_ptr (a
 * pointer to the array's pointer, of any object type) that has room for
 * *cap: nothing when need <= *cap, else the capacity doubles (from 16 when
 * it was 0) until it holds need, and the array is reallocated. Returns
 * SINO_OK, or SINO_ERR_NOMEM (need * item_size overflows size_t, or no
 * memory) with the array and *cap untouched. Items past the old capacity
 * are not initialised. */
int sino_grow(void *items_ptr, size_t *cap, size_t need, size_t item_size);

/* The call as written at a site: SINO_GROW(t->v, t->cap, t->n + 1) where
 * t->v is a T * and t->cap a size_t. The room check is inline, so a push
 * that fits costs no call; the arguments are evaluated more than once and
 * must not have side effects. */
#define SINO_GROW(items, cap, need) \
    ((need) <= (cap) ? SINO_OK : sino_grow(&(items), &(cap), (need), sizeof *(items)))

#endif
