/* dict_format.h - on-disk layout of compiled dictionaries (internal). */
#ifndef SINO_DICT_FORMAT_H
#define SINO_DICT_FORMAT_H

#include <stdint.h>

#define DICT_MAGIC "SINODICT"
#define DICT_ENDIAN_MARK 0x01020304u
#define DICT_KIND_LEN 32

/* All offsets are from the start of the file; sections are 8-byte aligned.
 * Layout: header | units (n_units x dict_unit) | values (n_keys x
 * dict_value_rec) | payload bytes. */
struct dict_header {
    char magic[8];
    uint32_t version;
    uint32_t header_size;
    uint32_t endian;
    uint32_t n_units;
    uint32_t n_keys;
    uint32_t max_key_len;
    uint64_t units_off;
    uint64_t values_off;
    uint64_t payload_off;
    uint64_t payload_size;
    uint64_t file_size;
    uint64_t body_hash;        /* sino_hash64 of bytes [header_size, file_size) */
    char kind[DICT_KIND_LEN];  /* NUL-padded */
    uint64_t aux[2];
    uint32_t reserved;
    uint32_t header_hash;      /* low 32 bits of sino_hash64 of the bytes before it */
};

/* A double-array unit. For an interior node s and byte c, the child is
 * t = base[s] + c + 1 with check[t] == s. A key ending at s has a terminal
 * child t = base[s] + 0 with check[t] == s, whose base holds the key index. */
struct dict_unit {
    int32_t base;
    int32_t check;
};

struct dict_value_rec {
    uint32_t num;
    uint32_t str_off;          /* into the payload */
    uint32_t str_len;
};

#define DICT_FREE (-1)
#define DICT_ROOT_CHECK (-2)

#endif
