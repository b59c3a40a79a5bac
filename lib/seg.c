/* seg.c - word segmentation, token-identical to jieba 0.42.1 (jieba.cut).
 *
 * What jieba does, and so what this file does, for one input string:
 *  1. Block split: maximal runs of "han" characters (U+4E00..U+9FD5, ASCII
 *     letters and digits, + # & . _ % -) are segmented; between them every
 *     character is a token of its own, "\r\n" being one token.
 *  2. In a run: the DAG of dictionary words starting at each character (a
 *     character is always a candidate for itself), and the route of maximum
 *     log probability, log(freq or 1) - log(total), computed from the right;
 *     on equal scores the longer word wins.
 *  3. Without HMM: consecutive single ASCII letters/digits on the route are
 *     joined. With HMM: consecutive single characters on the route are
 *     buffered; a buffer of two or more that is not a dictionary word goes
 *     to the HMM (finalseg), else it is emitted character by character.
 *  4. finalseg: runs of U+4E00..U+9FD5 are labelled B/M/E/S by Viterbi with
 *     jieba's tables (missing emissions count as MIN_FLOAT = -3.14e100, ties
 *     go to the later state letter); the other characters are split into
 *     [a-zA-Z0-9]+(\.[0-9]+)?%? and what lies between.
 * Floating point is done in the same order as jieba's Python, so the doubles
 * (and the ties) are bit for bit the same.
 *
 * Positions are characters ("chars") of the view: the text itself, or with
 * SINO_SEG_T2S its character-by-character Simplified form. Tokens are mapped
 * back to byte offsets of the original text. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow_int.h"
#include "sino_data.h"
#include "sino_dict.h"
#include "sino_io.h"
#include "seg_int.h"
#include "sino_seg.h"

#define MIN_FLOAT (-3.14e100)

enum { ST_B, ST_E, ST_M, ST_S };


/* A character's bytes in the re-keyed dictionary (sseg-words.sdict): n of
 * b; n == 0 for characters outside jieba's han blocks. */
typedef struct ekey {
    unsigned char b[3], n;
} ekey;


/* A character of jieba's han blocks for the DAG walk (see hchar_of): its
 * bytes in sseg-words.sdict, and where the walk from it stands after the
 * character itself: its node (NO_NODE: no word starts with it; WALK_NODE: not
 * kept, take the step) and its frequency ID (0: not a word). Kept at open
 * for ASCII and for the swapped characters (the frequent ones): their nodes
 * lie close to the root, so finding them touches few pages of the table. */
struct hchar {
    uint32_t node, id;
    ekey e;
};
#define NO_NODE UINT32_MAX
#define WALK_NODE (UINT32_MAX - 1)

struct sino_seg {
    sino_dict *words;       /* jieba.sdict */
    sino_dict *dag;         /* sseg-words.sdict: the same words re-keyed, for the DAG */
    sino_dict *udag;        /* the user entries re-keyed (num: frequency), or NULL */
    sino_dict_builder *udb; /* those while loading */
    uint32_t nfreq;         /* distinct frequencies of sseg-words.sdict */
    double *flog;           /* log of an ID's frequency (the same double as log() gives) */
    struct hchar *hot;      /* the swapped characters in slot order, then ASCII */
    uint32_t nslots;        /* swapped characters */
    uint16_t *slotmap;      /* U+4E00..U+9FD5: 1 + index into hot, 0 if not swapped */
    uint16_t *slot_cp;      /* below SLOT_LIMIT: the Chinese character a code point stands for */
    sino_dict *hmm;         /* sseg-hmm.sdict */
    sino_dict *t2s;         /* sseg-t2s.sdict */
    sino_dict *t2sp;        /* sseg-t2sp.sdict: OpenCC's t2s, phrases and characters */
    sino_dict *user;        /* compiled user entries (payload: flag byte + tag), or NULL */
    sino_dict_builder *ub;  /* user entries while loading */
    int user_dirty;         /* ub has entries not yet in user */
    sino_buf pending;       /* those entries' words: (uint32 length, bytes)... */
    size_t n_pending;
    uint64_t total;
    double logtotal;
    double start[4];
    double trans[4][4];
    struct pos_model *pm;    /* jieba.posseg's HMM (sseg-pos.sdict) */
    const char *emit_dense;  /* emissions of U+4E00..U+9FD5, 64 hex digits each */
    uint8_t t2s_map[8192];   /* bitmap of the BMP: which characters map (sseg-t2s.sdict's "B") */
    uint8_t simp_map[8192];  /* ... which only Simplified text uses (sseg-t2sp.sdict's " S") */
};


/* jieba.posseg's HMM: 256 (position, tag) states numbered in Python's
 * tuple order. Transitions are kept sparse: tidx[from][to] is 1 + the
 * index of the entry in tp, 0 when missing. */
#define POS_STATES 256
struct pos_model {
    sino_dict *d;
    int n;                          /* states */
    double start[POS_STATES];
    char letter[POS_STATES];        /* B M E S */
    const char *tag[POS_STATES];    /* into the mapped names */
    uint8_t tag_len[POS_STATES];
    uint16_t ntrans[POS_STATES];    /* transitions out of each state */
    uint8_t *targets[POS_STATES];   /* their target states */
    uint16_t tidx[POS_STATES][POS_STATES];
    double *tp;
};

/* ---- character classes ---- */

enum { C_HAN = 1, C_ALNUM = 2, C_INTERNAL = 4 };
#define C_AL (C_HAN | C_ALNUM | C_INTERNAL)
/* ASCII: in jieba's han blocks ([a-zA-Z0-9+#&._%-]), a letter or digit,
 * in jieba.posseg's blocks (the same without % and -) */
static const unsigned char ascii_class[128] = {
    ['+'] = C_HAN | C_INTERNAL, ['#'] = C_HAN | C_INTERNAL, ['&'] = C_HAN | C_INTERNAL,
    ['.'] = C_HAN | C_INTERNAL, ['_'] = C_HAN | C_INTERNAL, ['%'] = C_HAN, ['-'] = C_HAN,
    ['0'] = C_AL, ['1'] = C_AL, ['2'] = C_AL, ['3'] = C_AL, ['4'] = C_AL, ['5'] = C_AL,
    ['6'] = C_AL, ['7'] = C_AL, ['8'] = C_AL, ['9'] = C_AL,
    ['A'] = C_AL, ['B'] = C_AL, ['C'] = C_AL, ['D'] = C_AL, ['E'] = C_AL, ['F'] = C_AL,
    ['G'] = C_AL, ['H'] = C_AL, ['I'] = C_AL, ['J'] = C_AL, ['K'] = C_AL, ['L'] = C_AL,
    ['M'] = C_AL, ['N'] = C_AL, ['O'] = C_AL, ['P'] = C_AL, ['Q'] = C_AL, ['R'] = C_AL,
    ['S'] = C_AL, ['T'] = C_AL, ['U'] = C_AL, ['V'] = C_AL, ['W'] = C_AL, ['X'] = C_AL,
    ['Y'] = C_AL, ['Z'] = C_AL,
    ['a'] = C_AL, ['b'] = C_AL, ['c'] = C_AL, ['d'] = C_AL, ['e'] = C_AL, ['f'] = C_AL,
    ['g'] = C_AL, ['h'] = C_AL, ['i'] = C_AL, ['j'] = C_AL, ['k'] = C_AL, ['l'] = C_AL,
    ['m'] = C_AL, ['n'] = C_AL, ['o'] = C_AL, ['p'] = C_AL, ['q'] = C_AL, ['r'] = C_AL,
    ['s'] = C_AL, ['t'] = C_AL, ['u'] = C_AL, ['v'] = C_AL, ['w'] = C_AL, ['x'] = C_AL,
    ['y'] = C_AL, ['z'] = C_AL};

static int is_cjk(int32_t c) { return c >= EMIT_FIRST && c < EMIT_FIRST + EMIT_COUNT; }

/* In jieba's han blocks: U+4E00..U+9FD5, ASCII letters and digits, +#&._%- */
static int is_han_block(int32_t c)
{
    return is_cjk(c) || (c >= 0 && c < 0x80 && (ascii_class[c] & C_HAN));
}

/* In jieba.posseg's blocks (% and - are not). */
static int is_han_internal(int32_t c)
{
    return is_cjk(c) || (c >= 0 && c < 0x80 && (ascii_class[c] & C_INTERNAL));
}

static int is_alnum(int32_t c) { return c >= 0 && c < 0x80 && (ascii_class[c] & C_ALNUM); }


/* ---- tokens ---- */

void sino_tokens_init(sino_tokens *t)
{
    t->v = NULL;
    t->n = t->cap = 0;
    t->joined = NULL;
    t->njoined = t->jcap = 0;
}

void sino_tokens_free(sino_tokens *t)
{
    free(t->v);
    free(t->joined);
    sino_tokens_init(t);
}

void sino_tokens_clear(sino_tokens *t)
{
    t->n = t->njoined = 0;
}

int sino_tokens_push(sino_tokens *t, size_t start, size_t end)
{
    if (SINO_GROW(t->v, t->cap, t->n + 1)) return SINO_ERR_NOMEM;
    t->v[t->n].start = start;
    t->v[t->n].end = end;
    t->n++;
    return SINO_OK;
}

/* Append a token whose text continues the last one's. */
static int tokens_push_joined(sino_tokens *t, size_t start, size_t end)
{
    if (SINO_GROW(t->joined, t->jcap, t->njoined + 1)) return SINO_ERR_NOMEM;
    t->joined[t->njoined++] = t->n;
    return sino_tokens_push(t, start, end);
}

/* ---- tables ---- */

#define HX16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
/* hex digit values, -1 for every other byte */
static const int8_t hex_tab[256] = {
    HX16(-1), HX16(-1), HX16(-1),
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -1, -1, -1, -1, -1,
    -1, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1, HX16(-1),
    -1, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1, HX16(-1),
    HX16(-1), HX16(-1), HX16(-1), HX16(-1), HX16(-1), HX16(-1), HX16(-1), HX16(-1)};

static int hexval(int c) { return hex_tab[c & 0xFF]; }

/* n doubles from 16-hex-digit bit patterns; 0 on a malformed payload. */
static int decode_doubles(const char *p, size_t len, double *out, int n)
{
    if (len != (size_t)n * 16) return 0;
    for (int i = 0; i < n; i++) {
        uint64_t bits = 0;
        int bad = 0;
        for (int j = 0; j < 16; j++) {
            int h = hex_tab[(unsigned char)p[i * 16 + j]];
            bad |= h;
            bits = bits << 4 | (uint64_t)(h & 15);
        }
        if (bad < 0) return 0;
        memcpy(&out[i], &bits, sizeof bits);
    }
    return 1;
}

static void pos_close(struct pos_model *m)
{
    if (!m) return;
    sino_dict_close(m->d);
    for (int i = 0; i < POS_STATES; i++) free(m->targets[i]);
    free(m->tp);
    free(m);
}

int sino_seg_load_pos(sino_seg *s, sino_error *err)
{
    if (!s) return sino_fail(err, SINO_ERR_USAGE, "sino_seg_load_pos: no segmenter");
    if (s->pm) return SINO_OK;
    struct pos_model *m = calloc(1, sizeof *m);
    if (!m) return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    s->pm = m;
    m->d = sino_data_open_dict("sseg-pos.sdict", "sseg-pos", err);
    if (!m->d) return err ? err->code : SINO_ERR_FORMAT;
    sino_dict_value v;
    if (!sino_dict_get(m->d, "N", 1, &v)) goto bad;
    /* names "B:n B:nr ..." */
    const char *p = v.str, *end = v.str + v.len;
    while (p < end && m->n < POS_STATES) {
        const char *q = memchr(p, ' ', (size_t)(end - p));
        if (!q) q = end;
        if (q - p < 3 || p[1] != ':' || q - p - 2 > 255) goto bad;
        m->letter[m->n] = p[0];
        m->tag[m->n] = p + 2;
        m->tag_len[m->n] = (uint8_t)(q - p - 2);
        m->n++;
        p = q < end ? q + 1 : end;
    }
    if (p < end || m->n == 0) goto bad;
    if (!sino_dict_get(m->d, "S", 1, &v) || !decode_doubles(v.str, v.len, m->start, m->n)) goto bad;
    size_t total = 0;
    for (int i = 0; i < m->n; i++) {
        char key[16];
        int kl = snprintf(key, sizeof key, "T:%d", i);
        if (!sino_dict_get(m->d, key, (size_t)kl, &v) || v.len % 18) goto bad;
        total += v.len / 18;
    }
    m->tp = malloc((total ? total : 1) * sizeof *m->tp);
    if (!m->tp) return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    size_t k = 0;
    for (int i = 0; i < m->n; i++) {
        char key[16];
        int kl = snprintf(key, sizeof key, "T:%d", i);
        sino_dict_get(m->d, key, (size_t)kl, &v);
        size_t cnt = v.len / 18;
        m->ntrans[i] = (uint16_t)cnt;
        m->targets[i] = malloc(cnt ? cnt : 1);
        if (!m->targets[i]) return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        for (size_t e = 0; e < cnt; e++) {
            const char *q = v.str + e * 18;
            int h1 = hexval((unsigned char)q[0]), h2 = hexval((unsigned char)q[1]);
            if (h1 < 0 || h2 < 0 || h1 * 16 + h2 >= m->n || !decode_doubles(q + 2, 16, &m->tp[k], 1))
                goto bad;
            m->targets[i][e] = (uint8_t)(h1 * 16 + h2);
            m->tidx[i][h1 * 16 + h2] = (uint16_t)(k + 1);
            k++;
        }
    }
    return SINO_OK;
bad:
    return sino_fail(err, SINO_ERR_FORMAT, "sseg-pos.sdict: malformed part-of-speech model");
}

/* n numbers separated by single spaces into out (as uint32); 0 if malformed. */
static int parse_nums(const char *p, size_t len, uint32_t *out, uint32_t n)
{
    uint32_t k = 0;
    uint64_t f = 0;
    int digits = 0;
    for (size_t i = 0; i <= len; i++) {
        char ch = i < len ? p[i] : ' ';
        if (ch >= '0' && ch <= '9') {
            f = f * 10 + (uint64_t)(ch - '0');
            if (f > UINT32_MAX) return 0;
            digits = 1;
        } else if (ch == ' ' && digits && k < n) {
            out[k++] = (uint32_t)f;
            f = 0;
            digits = 0;
        } else {
            return 0;
        }
    }
    return k == n;
}

static uint32_t count_nums(const char *p, size_t len)
{
    uint32_t n = 1;
    for (size_t i = 0; i < len; i++) n += p[i] == ' ';
    return n;
}

/* Open sseg-words.sdict and read its character swap (" R"), the IDs of the
 * swapped characters as words (" I") and its frequencies (" F"); see
 * data/sseg-words.py. */
static int load_dag(sino_seg *s, sino_error *err)
{
    if (!s->dag) s->dag = sino_data_open_dict("sseg-words.sdict", "sseg-words", err);
    if (!s->dag) return err ? err->code : SINO_ERR_FORMAT;
    sino_dict_value v, vi;
    if (!sino_dict_get(s->dag, " R", 2, &v) || !sino_dict_get(s->dag, " I", 2, &vi)) goto bad;
    uint32_t nslots = count_nums(vi.str, vi.len);
    if (nslots > SLOT_LIMIT) goto bad;
    s->nslots = nslots;
    s->hot = malloc((nslots + 128) * sizeof *s->hot);
    s->slotmap = calloc(EMIT_COUNT, sizeof *s->slotmap);
    s->slot_cp = calloc(SLOT_LIMIT, sizeof *s->slot_cp);
    uint32_t *ids = malloc(nslots * sizeof *ids);
    if (!s->hot || !s->slotmap || !s->slot_cp || !ids) {
        free(ids);
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    }
    int ok = parse_nums(vi.str, vi.len, ids, nslots);
    uint32_t slot = 0x20, k = 0;
    for (size_t i = 0; ok && i < v.len; k++) {
        int32_t c;
        int l = sino_utf8_decode((const unsigned char *)v.str + i, v.len - i, &c);
        do slot++;
        while (slot < SLOT_LIMIT && !seg_is_slot(slot));
        if (!is_cjk(c) || slot >= SLOT_LIMIT || k >= nslots || s->slotmap[c - EMIT_FIRST]) {
            ok = 0;
            break;
        }
        struct hchar *h = &s->hot[k];
        if (slot < 0x80) {
            h->e.b[0] = (unsigned char)slot;
            h->e.n = 1;
        } else {
            h->e.b[0] = (unsigned char)(0xC0 | slot >> 6);
            h->e.b[1] = (unsigned char)(0x80 | (slot & 0x3F));
            h->e.n = 2;
        }
        h->id = ids[k];
        s->slot_cp[slot] = (uint16_t)c;
        s->slotmap[c - EMIT_FIRST] = (uint16_t)(k + 1);
        i += (size_t)l;
    }
    free(ids);
    if (!ok || k != nslots) goto bad;
    if (!sino_dict_get(s->dag, " F", 2, &v)) goto bad;
    uint32_t n = count_nums(v.str, v.len);
    uint32_t *fv = malloc(n * sizeof *fv);
    s->flog = malloc(n * sizeof *s->flog);
    if (!fv || !s->flog) {
        free(fv);
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    }
    ok = parse_nums(v.str, v.len, fv, n) && fv[0] == 0;
    for (uint32_t i = 0; ok && i < n; i++) s->flog[i] = log((double)fv[i]);
    free(fv);
    if (!ok) goto bad;
    s->nfreq = n;
    /* where the walk stands after each kept character */
    for (uint32_t i = 0; i < nslots + 128; i++) {
        struct hchar *h = &s->hot[i];
        if (i >= nslots) {   /* ASCII: one byte, next to the root */
            int32_t c = (int32_t)(i - nslots);
            h->e.b[0] = (unsigned char)c;
            h->e.n = is_han_block(c) ? 1 : 0;
            uint32_t node = SINO_DICT_ROOT, id = 0;
            int r = h->e.n ? sino_dict_step(s->dag, &node, h->e.b, 1, &id) : 0;
            h->node = r ? node : NO_NODE;
            h->id = r == 2 && id < n ? id : 0;
            continue;
        }
        uint32_t node = SINO_DICT_ROOT;
        h->node = sino_dict_walk(s->dag, &node, h->e.b, h->e.n) ? node : NO_NODE;
        if (h->id >= n || h->node == NO_NODE) h->id = 0;
    }
    return SINO_OK;
bad:
    return sino_fail(err, SINO_ERR_FORMAT, "sseg-words.sdict: missing or malformed character or frequency table");
}

/* The hchar of a han-block character c: kept, or made in *tmp (a rare
 * character: its UTF-8 bytes, walked when met). */
static const struct hchar *hchar_of(const sino_seg *s, int32_t c, struct hchar *tmp)
{
    if (c < 0x80) return &s->hot[s->nslots + (uint32_t)c];
    uint16_t i = s->slotmap[c - EMIT_FIRST];
    if (i) return &s->hot[i - 1];
    tmp->e.b[0] = (unsigned char)(0xE0 | c >> 12);
    tmp->e.b[1] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
    tmp->e.b[2] = (unsigned char)(0x80 | (c & 0x3F));
    tmp->e.n = 3;
    tmp->node = WALK_NODE;
    tmp->id = 0;
    return tmp;
}

sino_seg *sino_seg_open(sino_error *err)
{
    return sino_seg_open_dict(NULL, err);
}

sino_seg *sino_seg_open_dict(const char *main_dict, sino_error *err)
{
    sino_seg *s = calloc(1, sizeof *s);
    if (!s) {
        sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        return NULL;
    }
    if (main_dict) {
        if (seg_build_main(main_dict, &s->words, &s->dag, err) != SINO_OK) goto fail;
    } else {
        s->words = sino_data_open_dict("jieba.sdict", "jieba-words", err);
        if (!s->words) goto fail;
    }
    s->hmm = sino_data_open_dict("sseg-hmm.sdict", "sseg-hmm", err);
    if (!s->hmm) goto fail;
    s->t2s = sino_data_open_dict("sseg-t2s.sdict", "sseg-t2s", err);
    if (!s->t2s) goto fail;
    s->t2sp = sino_data_open_dict("sseg-t2sp.sdict", "sseg-t2sp", err);
    if (!s->t2sp) goto fail;
    if (load_dag(s, err) != SINO_OK) goto fail;
    s->total = sino_dict_aux(s->words, 0);
    if (s->total == 0) {
        sino_fail(err, SINO_ERR_FORMAT, "jieba.sdict: total frequency (aux0) is 0");
        goto fail;
    }
    s->logtotal = log((double)s->total);
    sino_dict_value v;
    double tr[16];
    if (!sino_dict_get(s->hmm, "start", 5, &v) || !decode_doubles(v.str, v.len, s->start, 4) ||
        !sino_dict_get(s->hmm, "trans", 5, &v) || !decode_doubles(v.str, v.len, tr, 16)) {
        sino_fail(err, SINO_ERR_FORMAT, "sseg-hmm.sdict: missing or malformed start/trans tables");
        goto fail;
    }
    for (int i = 0; i < 16; i++) s->trans[i / 4][i % 4] = tr[i];
    if (!sino_dict_get(s->hmm, "E", 1, &v) || v.len != (uint32_t)EMIT_COUNT * 64) {
        sino_fail(err, SINO_ERR_FORMAT, "sseg-hmm.sdict: missing or malformed emission table");
        goto fail;
    }
    s->emit_dense = v.str;
    if (!sino_dict_get(s->t2s, "B", 1, &v) || v.len != 16384) {
        sino_fail(err, SINO_ERR_FORMAT, "sseg-t2s.sdict: missing or malformed bitmap");
        goto fail;
    }
    for (int i = 0; i < 8192; i++) {
        int hi = hexval((unsigned char)v.str[2 * i]), lo = hexval((unsigned char)v.str[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            sino_fail(err, SINO_ERR_FORMAT, "sseg-t2s.sdict: malformed bitmap");
            goto fail;
        }
        s->t2s_map[i] = (uint8_t)(hi << 4 | lo);
    }
    if (!sino_dict_get(s->t2sp, " S", 2, &v) || v.len != 16384) {
        sino_fail(err, SINO_ERR_FORMAT, "sseg-t2sp.sdict: missing or malformed bitmap");
        goto fail;
    }
    for (int i = 0; i < 8192; i++) {
        int hi = hexval((unsigned char)v.str[2 * i]), lo = hexval((unsigned char)v.str[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            sino_fail(err, SINO_ERR_FORMAT, "sseg-t2sp.sdict: malformed bitmap");
            goto fail;
        }
        s->simp_map[i] = (uint8_t)(hi << 4 | lo);
    }
    return s;
fail:
    sino_seg_close(s);
    return NULL;
}

void sino_seg_close(sino_seg *s)
{
    if (!s) return;
    sino_dict_close(s->words);
    sino_dict_close(s->hmm);
    sino_dict_close(s->t2s);
    sino_dict_close(s->t2sp);
    sino_dict_close(s->user);
    sino_dict_builder_free(s->ub);
    sino_dict_close(s->dag);
    sino_dict_close(s->udag);
    sino_dict_builder_free(s->udb);
    free(s->hot);
    free(s->slotmap);
    free(s->slot_cp);
    free(s->flog);
    sino_buf_free(&s->pending);
    pos_close(s->pm);
    free(s);
}

/* ---- lookups in the base dictionary plus the user overlay ---- */

typedef struct cursor {
    uint32_t b, u;
    int bok, uok;
} cursor;

static void cur_init(const sino_seg *s, cursor *c)
{
    c->b = c->u = SINO_DICT_ROOT;
    c->bok = 1;
    c->uok = s->user != NULL;
}

/* Follow n bytes; 1 while the path so far is a prefix of some word. */
static int cur_step(const sino_seg *s, cursor *c, const char *p, size_t n)
{
    if (c->bok) c->bok = sino_dict_walk(s->words, &c->b, p, n);
    if (c->uok) c->uok = sino_dict_walk(s->user, &c->u, p, n);
    return c->bok || c->uok;
}

/* Is the path a word (a key, maybe with frequency 0)? *freq gets jieba's FREQ. */
static int cur_value(const sino_seg *s, const cursor *c, uint32_t *freq)
{
    sino_dict_value v;
    if (c->uok && sino_dict_node_value(s->user, c->u, &v)) {
        *freq = v.num;
        return 1;
    }
    if (c->bok && sino_dict_node_value(s->words, c->b, &v)) {
        *freq = v.num;
        return 1;
    }
    return 0;
}

/* jieba's FREQ.get(word): 1 and *freq when word is a key; *is_prefix (when
 * not NULL) tells whether it is in FREQ at all (jieba also stores every prefix
 * of a word, with frequency 0). */
static int lookup(const sino_seg *s, const char *w, size_t n, uint32_t *freq, int *is_prefix)
{
    cursor c;
    cur_init(s, &c);
    *freq = 0;
    if (!cur_step(s, &c, w, n)) {
        if (is_prefix) *is_prefix = 0;
        return 0;
    }
    if (is_prefix) *is_prefix = 1;
    return cur_value(s, &c, freq);
}

uint32_t sino_seg_word_freq(const sino_seg *s, const char *word, size_t len)
{
    uint32_t f = 0;
    if (!s || !word || len == 0) return 0;
    lookup(s, word, len, &f, NULL);
    return f;
}

/* ---- working state of one cut ---- */

#define SMALL_CHARS 512   /* texts of fewer bytes: route's block on the stack */
#define SMALL_VIT 32      /* HMM runs of at most this many chars: the same */

typedef struct work {
    const sino_seg *s;
    unsigned flags;
    const char *text;        /* original bytes */
    uint32_t n;              /* chars */
    int32_t *cp;             /* view code points (-1: invalid byte sequence) */
    uint32_t *off;           /* n+1 original byte offsets */
    const char *vb;          /* view bytes (the text itself when nothing maps) */
    uint32_t *voff;          /* n+1 view byte offsets (== off when nothing maps) */
    char *vbuf;
    double *route;           /* n+1 scores */
    uint32_t *next;          /* route: end char (exclusive) of the word at i */
    double *vit;             /* Viterbi scores, 4 per char of the HMM run */
    unsigned char *back;     /* Viterbi back pointers, 4 per char */
    unsigned char *states;
    size_t vit_cap;          /* chars the three Viterbi arrays hold */
    sino_tokens *out;
    size_t out_start;        /* tokens of this cut begin here in out */
    sino_tags *tags;         /* part-of-speech mode: a tag per token */
    sino_tokens eng;         /* full mode: jieba's eng_buf, its pieces (char indices) */
    uint16_t *mem;           /* posseg Viterbi back pointers, 256 per char */
    size_t mem_cap;
    /* short texts (most lines) need no allocation: */
    double small[SMALL_CHARS * 5 / 2];           /* route's block */
    double vit_small[SMALL_VIT * 4];             /* the Viterbi arrays' */
    unsigned char vit_small_b[SMALL_VIT * 5];
} work;

static int emit(work *w, uint32_t a, uint32_t b)
{
    sino_tokens *t = w->out;
    if (t->n == t->cap) return sino_tokens_push(t, w->off[a], w->off[b]);
    t->v[t->n].start = w->off[a];
    t->v[t->n].end = w->off[b];
    t->n++;
    return SINO_OK;
}


/* Bytes of the view between chars a and b. */
static const char *vptr(const work *w, uint32_t a) { return w->vb + w->voff[a]; }
static size_t vlen(const work *w, uint32_t a, uint32_t b) { return w->voff[b] - w->voff[a]; }

/* Route of maximum probability over chars [a, b) (jieba's get_DAG + calc):
 * from each char the words of the DAG are walked in the re-keyed dictionary
 * (and the user entries, which win). An edge's score is log(freq) - log(total)
 * plus the route after it; a char that starts no word scores log(1) - log(total). */
static void calc_route(work *w, uint32_t a, uint32_t b)
{
    const sino_seg *s = w->s;
    const sino_dict *dag = s->dag, *udag = s->udag;
    const int32_t *cp = w->cp;
    struct hchar tk;
    const double lt = s->logtotal;
    const uint32_t nfreq = s->nfreq;
    double *route = w->route;
    route[b] = 0.0;
    for (uint32_t k = b; k-- > a;) {
        double best = (0.0 - lt) + route[k + 1];   /* no word: log(1) - log(total) */
        uint32_t best_end = k + 1;
        int have = 0;
        /* the character itself: its first step is kept at open */
        const struct hchar *h = hchar_of(s, cp[k], &tk);
        uint32_t nb = h->node, nu = SINO_DICT_ROOT, id = h->id, uf = 0;
        int rb = 1, ru = 0;
        if (nb == WALK_NODE) {
            nb = SINO_DICT_ROOT;
            rb = sino_dict_step(dag, &nb, h->e.b, h->e.n, &id);
            if (rb != 2 || id >= nfreq) id = 0;
        } else if (nb == NO_NODE) {
            rb = 0;
        }
        if (udag) ru = sino_dict_step(udag, &nu, h->e.b, h->e.n, &uf);
        uint32_t i = k;
        for (;;) {
            double lf = 0;
            int edge = 0;
            if (ru == 2) {
                if (uf) {
                    lf = log((double)uf);
                    edge = 1;
                }
            } else if (id) {
                lf = s->flog[id];
                edge = 1;
            }
            if (edge) {
                double p = (lf - lt) + route[i + 1];
                if (!have || p >= best) {   /* max((p, x)): ties to the larger x */
                    best = p;
                    best_end = i + 1;
                    have = 1;
                }
            }
            if (++i >= b) break;
            id = 0;
            h = hchar_of(s, cp[i], &tk);
            if (rb) {
                rb = sino_dict_step(dag, &nb, h->e.b, h->e.n, &id);
                if (rb != 2 || id >= nfreq) id = 0;
            }
            if (ru) ru = sino_dict_step(udag, &nu, h->e.b, h->e.n, &uf);
            if (!rb && !ru) break;
        }
        route[k] = best;
        w->next[k] = best_end;
    }
}

/* Is jieba's FREQ.get(text of chars [a, b)) non-zero? Through the re-keyed
 * tables. */
static int dag_word(const work *w, uint32_t a, uint32_t b)
{
    const sino_seg *s = w->s;
    uint32_t nb = SINO_DICT_ROOT, nu = SINO_DICT_ROOT, id = 0, uf = 0;
    int rb = 1, ru = s->udag != NULL;
    for (uint32_t i = a; i < b; i++) {
        if (!is_han_block(w->cp[i])) {   /* not from a han block: the plain tables */
            uint32_t f = 0;
            lookup(s, vptr(w, a), vlen(w, a, b), &f, NULL);
            return f != 0;
        }
        struct hchar tmp;
        const ekey *e = &hchar_of(s, w->cp[i], &tmp)->e;
        if (rb) rb = sino_dict_step(s->dag, &nb, e->b, e->n, &id);
        if (ru) ru = sino_dict_step(s->udag, &nu, e->b, e->n, &uf);
        if (!rb && !ru) return 0;
    }
    if (ru == 2) return uf != 0;
    return rb == 2 && id != 0 && id < s->nfreq;
}

static int user_force_split(const sino_seg *s, const char *p, size_t n)
{
    if (!s->user) return 0;
    sino_dict_value v;
    return sino_dict_get(s->user, p, n, &v) && v.len >= 1 && v.str[0] == '1';
}

/* A word found by the HMM, unless the user deleted it (frequency 0). */
static int emit_hmm_word(work *w, uint32_t a, uint32_t b)
{
    if (b - a > 1 && user_force_split(w->s, vptr(w, a), vlen(w, a, b))) {
        for (uint32_t k = a; k < b; k++)
            if (emit(w, k, k + 1)) return SINO_ERR_NOMEM;
        return SINO_OK;
    }
    return emit(w, a, b);
}

/* 16 hex digits (most significant first) to their 64 bits. The dense
 * emission rows are not checked digit by digit (a damaged table gives wrong
 * numbers, never an out-of-bounds read). */
static uint64_t hex16(const char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t r = 0;
    for (int h = 0; h < 2; h++) {
        uint64_t x;
        memcpy(&x, p + 8 * h, 8);   /* p[0] in the low byte */
        /* each byte to its digit value: '0'..'9' -> 0..9, 'a'..'f' -> 10..15 */
        x = (x & 0x0F0F0F0F0F0F0F0Full) + ((x >> 6) & 0x0101010101010101ull) * 9;
        x = ((x << 4) | (x >> 8)) & 0x00FF00FF00FF00FFull;   /* digit pairs to bytes */
        x = ((x << 8) | (x >> 16)) & 0x0000FFFF0000FFFFull;
        x = ((x << 16) | (x >> 32)) & 0xFFFFFFFFull;
        r = r << 32 | x;
    }
    return r;
#else
    uint64_t r = 0;
    for (int j = 0; j < 16; j++) r = r << 4 | (uint64_t)(hex_tab[(unsigned char)p[j]] & 15);
    return r;
#endif
}

/* Emission log probabilities of a character (MIN_FLOAT when unknown). */
static void emission(const work *w, uint32_t i, double e[4])
{
    int32_t c = w->cp[i];
    if (c >= EMIT_FIRST && c < EMIT_FIRST + EMIT_COUNT) {
        const char *row = w->s->emit_dense + (size_t)(c - EMIT_FIRST) * 64;
        for (int y = 0; y < 4; y++) {
            uint64_t bits = hex16(row + 16 * y);
            memcpy(&e[y], &bits, sizeof bits);
        }
        return;
    }
    sino_dict_value v;
    if (!sino_dict_get(w->s->hmm, vptr(w, i), vlen(w, i, i + 1), &v) ||
        !decode_doubles(v.str, v.len, e, 4))
        e[0] = e[1] = e[2] = e[3] = MIN_FLOAT;
}

/* finalseg.__cut over the CJK chars [a, b): Viterbi, then B..E / S words. */
static int hmm_cut_han(work *w, uint32_t a, uint32_t b)
{
    static const int prev[4][2] = {
        [ST_B] = {ST_E, ST_S}, [ST_M] = {ST_M, ST_B},
        [ST_S] = {ST_S, ST_E}, [ST_E] = {ST_B, ST_M}};
    const sino_seg *s = w->s;
    uint32_t n = b - a;
    if (n > w->vit_cap) {
        size_t cap = n < 256 ? 256 : n;
        if (w->vit != w->vit_small) free(w->vit);
        w->vit = malloc(cap * (4 * sizeof *w->vit + 5));   /* back and states after */
        w->vit_cap = w->vit ? cap : 0;
        if (!w->vit) return SINO_ERR_NOMEM;
        w->back = (unsigned char *)(w->vit + cap * 4);
        w->states = w->back + cap * 4;
    }
    double *V = w->vit;
    unsigned char *bk = w->back;
    double e[4];
    emission(w, a, e);
    for (int y = 0; y < 4; y++) V[y] = s->start[y] + e[y];
    for (uint32_t t = 1; t < n; t++) {
        emission(w, a + t, e);
        for (int y = 0; y < 4; y++) {
            double best = 0;
            int bs = -1;
            for (int j = 0; j < 2; j++) {
                int y0 = prev[y][j];
                double p = V[(t - 1) * 4 + y0] + s->trans[y0][y] + e[y];
                if (bs < 0 || p > best || (p == best && y0 > bs)) {
                    best = p;
                    bs = y0;
                }
            }
            V[t * 4 + y] = best;
            bk[t * 4 + y] = (unsigned char)bs;
        }
    }
    double pe = V[(n - 1) * 4 + ST_E], ps = V[(n - 1) * 4 + ST_S];
    int st = ps >= pe ? ST_S : ST_E;
    for (uint32_t t = n; t-- > 0;) {
        w->states[t] = (unsigned char)st;
        if (t) st = bk[t * 4 + st];
    }
    uint32_t begin = 0, nexti = 0;
    for (uint32_t i = 0; i < n; i++) {
        int pos = w->states[i];
        uint32_t ws = 0, we = 0;
        if (pos == ST_B) {
            begin = i;
            continue;
        } else if (pos == ST_E) {
            ws = begin;
            we = i + 1;
        } else if (pos == ST_S) {
            ws = i;
            we = i + 1;
        } else {
            continue;
        }
        nexti = i + 1;
        if (emit_hmm_word(w, a + ws, a + we)) return SINO_ERR_NOMEM;
    }
    if (nexti < n && emit_hmm_word(w, a + nexti, b)) return SINO_ERR_NOMEM;
    return SINO_OK;
}

/* finalseg.cut over chars [a, b) (all from the han-block class). */
static int hmm_cut(work *w, uint32_t a, uint32_t b)
{
    uint32_t i = a;
    while (i < b) {
        if (is_cjk(w->cp[i])) {
            uint32_t j = i + 1;
            while (j < b && is_cjk(w->cp[j])) j++;
            int r = hmm_cut_han(w, i, j);
            if (r) return r;
            i = j;
            continue;
        }
        /* re_skip.split: ([a-zA-Z0-9]+(?:\.\d+)?%?) and the text between */
        uint32_t j = i;
        while (j < b && !is_cjk(w->cp[j])) j++;
        uint32_t gap = i;
        uint32_t k = i;
        while (k < j) {
            if (!is_alnum(w->cp[k])) {
                k++;
                continue;
            }
            uint32_t m = k;
            while (m < j && is_alnum(w->cp[m])) m++;
            if (m + 1 < j && w->cp[m] == '.' && w->cp[m + 1] >= '0' && w->cp[m + 1] <= '9') {
                m += 2;
                while (m < j && w->cp[m] >= '0' && w->cp[m] <= '9') m++;
            }
            if (m < j && w->cp[m] == '%') m++;
            if (gap < k && emit(w, gap, k)) return SINO_ERR_NOMEM;
            if (emit(w, k, m)) return SINO_ERR_NOMEM;
            gap = k = m;
        }
        if (gap < j && emit(w, gap, j)) return SINO_ERR_NOMEM;
        i = j;
    }
    return SINO_OK;
}

/* cut_for_search: before each word longer than 2 chars, its dictionary
 * 2-grams, and before each longer than 3, its 3-grams. */
static int search_expand(work *w, sino_tokens *tmp)
{
    sino_tokens *out = w->out;
    for (size_t t = 0; t < tmp->n; t++) {
        size_t a = tmp->v[t].start, b = tmp->v[t].end;   /* char indices */
        size_t len = b - a;
        for (int g = 2; g <= 3; g++) {
            if (len <= (size_t)g) continue;
            for (size_t i = a; i + g <= b; i++) {
                if (dag_word(w, (uint32_t)i, (uint32_t)(i + g)) && sino_tokens_push(out, w->off[i], w->off[i + g])) return SINO_ERR_NOMEM;
            }
        }
        if (sino_tokens_push(out, w->off[a], w->off[b])) return SINO_ERR_NOMEM;
    }
    return SINO_OK;
}

static void work_init(work *w, const sino_seg *s, unsigned flags, const char *text,
                      sino_tokens *out, sino_tags *tags)
{
    w->s = s;
    w->flags = flags;
    w->text = text;
    w->n = 0;
    w->cp = NULL;
    w->off = w->voff = w->next = NULL;
    w->vb = text;
    w->vbuf = NULL;
    w->route = NULL;
    w->vit = w->vit_small;
    w->back = w->vit_small_b;
    w->states = w->vit_small_b + SMALL_VIT * 4;
    w->vit_cap = SMALL_VIT;
    w->out = out;
    w->out_start = out ? out->n : 0;
    w->tags = tags;
    w->mem = NULL;
    w->mem_cap = 0;
    sino_tokens_init(&w->eng);
}

static void work_free(work *w)
{
    free(w->mem);
    sino_tokens_free(&w->eng);
    if (w->voff != w->off) free(w->voff);   /* cp, off and next live in route's block */
    free(w->vbuf);
    if (w->route != w->small) free(w->route);
    if (w->vit != w->vit_small) free(w->vit);
}

/* ---- the Traditional view ---- */

/* A character that only Traditional text uses (a key of sseg-t2s.sdict:
 * not also a Simplified character). */
static int is_trad_only(const work *w, uint32_t i)
{
    int32_t c = w->cp[i];
    if (c < 0x80) return 0;
    if (c < 0x10000) return w->s->t2s_map[c >> 3] >> (c & 7) & 1;
    sino_dict_value v;
    return sino_dict_get(w->s->t2s, w->text + w->off[i], w->off[i + 1] - w->off[i], &v);
}

/* The end (exclusive) of the sentence that starts at char a: after a run of
 * sentence-final punctuation, or after a line break. */
static uint32_t sentence_end(const work *w, uint32_t a)
{
    uint32_t i = a;
    while (i < w->n) {
        int32_t c = w->cp[i++];
        if (c == '\n') break;
        if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == '!' || c == '?' ||
            c == ';') {
            while (i < w->n && (w->cp[i] == 0x3002 || w->cp[i] == 0xFF01 || w->cp[i] == 0xFF1F))
                i++;
            break;
        }
    }
    return i;
}

/* The script of the sentence [a, b): 1 when it holds a character only
 * Traditional text uses, -1 when (without one) it holds one only
 * Simplified text uses, 0 when it tells nothing (由於 alone). */
static int sentence_script(const work *w, uint32_t a, uint32_t b)
{
    int simp = 0;
    for (uint32_t i = a; i < b; i++) {
        int32_t c = w->cp[i];
        if (c < 0x80) continue;
        if (is_trad_only(w, i)) return 1;
        if (c < 0x10000 && (w->s->simp_map[c >> 3] >> (c & 7) & 1)) simp = 1;
    }
    return simp ? -1 : 0;
}

/* The script of the first sentence from char a on that tells one (0 if
 * none does). */
static int first_script(const work *w, uint32_t a)
{
    for (uint32_t x = a; x < w->n;) {
        uint32_t y = sentence_end(w, x);
        int sc = sentence_script(w, x, y);
        if (sc) return sc;
        x = y;
    }
    return 0;
}

/* Append the original chars [a, b) to the view from byte o; the new o. */
static size_t view_copy(work *w, uint32_t a, uint32_t b, size_t o)
{
    for (uint32_t i = a; i < b; i++) {
        size_t l = w->off[i + 1] - w->off[i];
        w->voff[i] = (uint32_t)o;
        memcpy(w->vbuf + o, w->text + w->off[i], l);
        o += l;
    }
    return o;
}

/* The chars [a, a + m) replaced by val (m characters, checked): 1, or 0 when
 * val is not m well-formed characters (then nothing is changed). */
static int view_put(work *w, uint32_t a, uint32_t m, const char *val, size_t len, size_t *o)
{
    int32_t cs[16];
    uint32_t nc = 0;
    for (size_t i = 0; i < len; nc++) {
        int32_t c;
        int l = sino_utf8_decode((const unsigned char *)val + i, len - i, &c);
        if (c < 0 || nc >= m || nc >= 16) return 0;
        cs[nc] = c;
        i += (size_t)l;
    }
    if (nc != m) return 0;
    size_t vo = 0;
    for (uint32_t t = 0; t < m; t++) {
        w->voff[a + t] = (uint32_t)(*o + vo);
        w->cp[a + t] = cs[t];
        vo += (size_t)sino_utf8_encode((uint32_t)cs[t], (unsigned char *)w->vbuf + *o + vo);
    }
    *o += vo;
    return 1;
}

/* A Traditional sentence [a, b) as `opencc -c t2s` converts it: at each
 * char the longest key of OpenCC's TSPhrases and TSCharacters, replaced by
 * its first candidate (of as many characters: offsets stay one to one);
 * a char no key starts with goes through the character-level table (the
 * tw/hk variants OpenCC's t2s leaves alone), or stays. */
static size_t view_trad(work *w, uint32_t a, uint32_t b, size_t o)
{
    const sino_seg *s = w->s;
    for (uint32_t i = a; i < b;) {
        sino_dict_value v;
        size_t kl = w->cp[i] >= 0x80 ?
            sino_dict_longest(s->t2sp, w->text + w->off[i], w->off[b] - w->off[i], &v) : 0;
        if (kl) {
            uint32_t j = i;
            while (j < b && w->off[j] - w->off[i] < kl) j++;
            if (w->off[j] - w->off[i] == kl && view_put(w, i, j - i, v.str, v.len, &o)) {
                i = j;
                continue;
            }
        }
        if (is_trad_only(w, i) &&
            sino_dict_get(s->t2s, w->text + w->off[i], w->off[i + 1] - w->off[i], &v) &&
            view_put(w, i, 1, v.str, v.len, &o)) {
            i++;
            continue;
        }
        o = view_copy(w, i, i + 1, o);
        i++;
    }
    return o;
}

/* Decode the text into chars and build the view. */
static int work_setup(work *w, const char *text, size_t len)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t n = len + 1;   /* at least chars + 1: one block, no counting pass */
    /* route, then cp, off and next (20 bytes a char) */
    w->route = n <= SMALL_CHARS ? w->small : malloc(n * (sizeof *w->route + 3 * sizeof(uint32_t)));
    if (!w->route) return SINO_ERR_NOMEM;
    w->cp = (int32_t *)(w->route + n);
    w->off = (uint32_t *)(w->cp + n);
    w->next = w->off + n;
    uint32_t k = 0;
    const uint8_t *tmap = (w->flags & SINO_SEG_T2S) ? w->s->t2s_map : NULL;
    unsigned mapped = 0;
    for (size_t i = 0; i < len;) {
        unsigned char b0 = p[i];
        if (b0 < 0x80) {
            w->off[k] = (uint32_t)i;
            w->cp[k] = b0;
            k++;
            i++;
            continue;
        }
        int32_t c;
        int l = 3;
        if (((b0 >= 0xE1 && b0 <= 0xEC) || b0 >= 0xEE) && b0 <= 0xEF && i + 2 < len &&
            (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
            /* the common well-formed 3-byte case (all of CJK), inline */
            c = (int32_t)((b0 & 0x0Fu) << 12 | (p[i + 1] & 0x3Fu) << 6 | (p[i + 2] & 0x3Fu));
            if (tmap) mapped |= tmap[c >> 3] >> (c & 7) & 1u;
        } else {
            l = sino_utf8_decode(p + i, len - i, &c);
            if (tmap && c >= 0x80) {
                sino_dict_value v;
                if (c < 0x10000) mapped |= tmap[c >> 3] >> (c & 7) & 1u;
                else mapped |= (unsigned)sino_dict_get(w->s->t2s, p + i, (size_t)l, &v);
            }
        }
        w->off[k] = (uint32_t)i;
        w->cp[k] = c;
        k++;
        i += (size_t)l;
    }
    w->off[k] = (uint32_t)len;
    w->n = k;
    w->vb = text;
    w->voff = w->off;
    if (!mapped) return SINO_OK;
    w->voff = malloc(n * sizeof *w->voff);
    w->vbuf = malloc(k * 4 + 4);
    if (!w->voff || !w->vbuf) return SINO_ERR_NOMEM;
    size_t o = 0;
    /* A sentence gets OpenCC's full t2s (which also changes characters
     * Simplified text uses: 於, 乾...) when it is Traditional, or tells
     * nothing and the nearest sentence that tells (the one before, else
     * the first one after) is Traditional. So text without
     * Traditional-only characters segments exactly as without the view. */
    int prev = first_script(w, 0);   /* until one tells: the first that does */
    for (uint32_t a = 0; a < k;) {
        uint32_t b = sentence_end(w, a);
        int sc = sentence_script(w, a, b);
        if (sc) prev = sc;
        o = prev > 0 ? view_trad(w, a, b, o) : view_copy(w, a, b, o);
        a = b;
    }
    w->voff[k] = (uint32_t)o;
    w->vb = w->vbuf;
    return SINO_OK;
}

/* ---- part of speech: jieba.posseg.cut ---- */

void sino_tags_init(sino_tags *t)
{
    t->v = NULL;
    t->n = t->cap = 0;
}

void sino_tags_free(sino_tags *t)
{
    free(t->v);
    sino_tags_init(t);
}

static int tags_push(sino_tags *t, const char *tag, size_t len)
{
    if (SINO_GROW(t->v, t->cap, t->n + 1)) return SINO_ERR_NOMEM;
    t->v[t->n].s = tag;
    t->v[t->n].len = len;
    t->n++;
    return SINO_OK;
}

static int emit_tag(work *w, uint32_t a, uint32_t b, const char *tag, size_t tl)
{
    if (emit(w, a, b) || tags_push(w->tags, tag, tl)) return SINO_ERR_NOMEM;
    return SINO_OK;
}

static int emit_lit(work *w, uint32_t a, uint32_t b, const char *tag)
{
    return emit_tag(w, a, b, tag, strlen(tag));
}

/* word_tag_tab.get(word, 'x'), with the user dictionary's tags first. */
static int emit_word(work *w, uint32_t a, uint32_t b)
{
    const sino_seg *s = w->s;
    sino_dict_value v;
    const char *p = vptr(w, a);
    size_t n = vlen(w, a, b);
    if (s->user && sino_dict_get(s->user, p, n, &v) && v.len > 1)
        return emit_tag(w, a, b, v.str + 1, v.len - 1);
    if (sino_dict_get(s->words, p, n, &v) && v.len > 0) return emit_tag(w, a, b, v.str, v.len);
    return emit_lit(w, a, b, "x");
}


/* posseg's Viterbi over the CJK chars [a, b). */
static int pos_viterbi(work *w, uint32_t a, uint32_t b)
{
    const struct pos_model *m = w->s->pm;
    uint32_t n = b - a;
    if (n > w->mem_cap) {
        free(w->mem);
        w->mem = malloc((size_t)n * POS_STATES * sizeof *w->mem);
        w->mem_cap = w->mem ? n : 0;
        if (!w->mem) return SINO_ERR_NOMEM;
    }
    double V0[POS_STATES], V1[POS_STATES], em[POS_STATES];
    double *Vp = V0, *Vc = V1;
    uint8_t cs[POS_STATES];
    uint8_t obs[POS_STATES], prev[POS_STATES];
    uint8_t in_cs[POS_STATES], expect[POS_STATES];
    int n_obs = 0, n_prev;
    for (uint32_t t = 0; t < n; t++) {
        /* this character's listed states and emissions */
        int n_cs = -1;   /* -1: all states */
        for (int y = 0; y < m->n; y++) em[y] = MIN_FLOAT;
        sino_dict_value v;
        if (sino_dict_get(m->d, vptr(w, a + t), vlen(w, a + t, a + t + 1), &v) && v.len >= 2) {
            int c1 = hexval((unsigned char)v.str[0]), c2 = hexval((unsigned char)v.str[1]);
            int cnt = c1 < 0 || c2 < 0 ? 0 : c1 * 16 + c2;
            size_t at = 2;
            if (cnt && v.len >= 2 + (size_t)cnt * 2) {
                n_cs = 0;
                for (int i = 0; i < cnt; i++, at += 2) {
                    int h1 = hexval((unsigned char)v.str[at]), h2 = hexval((unsigned char)v.str[at + 1]);
                    if (h1 >= 0 && h2 >= 0 && h1 * 16 + h2 < m->n) cs[n_cs++] = (uint8_t)(h1 * 16 + h2);
                }
            }
            for (; at + 18 <= v.len; at += 18) {
                int h1 = hexval((unsigned char)v.str[at]), h2 = hexval((unsigned char)v.str[at + 1]);
                double d;
                if (h1 >= 0 && h2 >= 0 && h1 * 16 + h2 < m->n && decode_doubles(v.str + at + 2, 16, &d, 1))
                    em[h1 * 16 + h2] = d;
            }
        }
        uint16_t *mem = w->mem + (size_t)t * POS_STATES;
        for (int y = 0; y < m->n; y++) mem[y] = 0xFFFF;
        if (t == 0) {
            n_obs = 0;
            if (n_cs < 0) for (int y = 0; y < m->n; y++) obs[n_obs++] = (uint8_t)y;
            else for (int i = 0; i < n_cs; i++) obs[n_obs++] = cs[i];
            for (int i = 0; i < n_obs; i++) {
                int y = obs[i];
                Vc[y] = m->start[y] + em[y];
                mem[y] = 0;
            }
        } else {
            /* prev_states: the states of t-1 that have transitions */
            n_prev = 0;
            for (int i = 0; i < n_obs; i++)
                if (m->ntrans[obs[i]]) prev[n_prev++] = obs[i];
            memset(expect, 0, sizeof expect);
            int n_expect = 0;
            for (int i = 0; i < n_prev; i++)
                for (int e = 0; e < m->ntrans[prev[i]]; e++) {
                    int y = m->targets[prev[i]][e];
                    if (!expect[y]) n_expect++;
                    expect[y] = 1;
                }
            int n_new = 0;
            uint8_t nobs[POS_STATES];
            memset(in_cs, 0, sizeof in_cs);
            if (n_cs < 0) memset(in_cs, 1, sizeof in_cs);
            else for (int i = 0; i < n_cs; i++) in_cs[cs[i]] = 1;
            for (int y = 0; y < m->n; y++)
                if (in_cs[y] && expect[y]) nobs[n_new++] = (uint8_t)y;
            if (!n_new) {
                for (int y = 0; y < m->n; y++)
                    if (n_expect == 0 || expect[y]) nobs[n_new++] = (uint8_t)y;
            }
            double *tmp = Vp;
            Vp = Vc;
            Vc = tmp;
            for (int i = 0; i < n_new; i++) {
                int y = nobs[i];
                double best = 0;
                int bs = -1;
                for (int j = 0; j < n_prev; j++) {
                    int y0 = prev[j];
                    uint16_t ti = m->tidx[y0][y];
                    double tr = ti ? m->tp[ti - 1] : -INFINITY;
                    double p = Vp[y0] + tr + em[y];
                    if (bs < 0 || p > best || (p == best && y0 > bs)) {
                        best = p;
                        bs = y0;
                    }
                }
                if (bs < 0) {   /* no previous state (jieba would fail here) */
                    best = -INFINITY;
                    bs = 0;
                }
                Vc[y] = best;
                mem[y] = (uint16_t)bs;
            }
            memcpy(obs, nobs, (size_t)n_new);
            n_obs = n_new;
        }
    }
    /* the best last state, ties to the larger state */
    int st = -1;
    double best = 0;
    for (int i = 0; i < n_obs; i++) {
        int y = obs[i];
        if (st < 0 || Vc[y] > best || (Vc[y] == best && y > st)) {
            best = Vc[y];
            st = y;
        }
    }
    /* back track into w->mem's first column: route[t] */
    for (uint32_t t = n; t-- > 0;) {
        uint16_t *mem = w->mem + (size_t)t * POS_STATES;
        int prevst = mem[st];
        mem[0xFF] = (uint16_t)st;   /* keep route[t] in the last slot */
        st = prevst == 0xFFFF ? 0 : prevst;
    }
    uint32_t begin = 0, nexti = 0;
    for (uint32_t i = 0; i < n; i++) {
        int y = w->mem[(size_t)i * POS_STATES + 0xFF];
        char pos = m->letter[y];
        if (pos == 'B') {
            begin = i;
        } else if (pos == 'E') {
            if (emit_tag(w, a + begin, a + i + 1, m->tag[y], m->tag_len[y])) return SINO_ERR_NOMEM;
            nexti = i + 1;
        } else if (pos == 'S') {
            if (emit_tag(w, a + i, a + i + 1, m->tag[y], m->tag_len[y])) return SINO_ERR_NOMEM;
            nexti = i + 1;
        }
    }
    if (nexti < n) {
        int y = w->mem[(size_t)nexti * POS_STATES + 0xFF];
        if (emit_tag(w, a + nexti, b, m->tag[y], m->tag_len[y])) return SINO_ERR_NOMEM;
    }
    return SINO_OK;
}

/* posseg's __cut_detail over [a, b). */
static int pos_detail(work *w, uint32_t a, uint32_t b)
{
    uint32_t i = a;
    while (i < b) {
        if (is_cjk(w->cp[i])) {
            uint32_t j = i + 1;
            while (j < b && is_cjk(w->cp[j])) j++;
            /* bounded memory: very long unknown runs go in pieces */
            for (uint32_t k = i; k < j; k += 20000) {
                int r = pos_viterbi(w, k, j - k > 20000 ? k + 20000 : j);
                if (r) return r;
            }
            i = j;
            continue;
        }
        uint32_t j = i;
        while (j < b && !is_cjk(w->cp[j])) j++;
        /* re_skip_detail: ([\.0-9]+|[a-zA-Z0-9]+) and the text between */
        uint32_t gap = i, k = i;
        while (k < j) {
            int32_t c = w->cp[k];
            uint32_t e = k;
            const char *tag;
            if (c == '.' || (c >= '0' && c <= '9')) {
                while (e < j && (w->cp[e] == '.' || (w->cp[e] >= '0' && w->cp[e] <= '9'))) e++;
                tag = "m";
            } else if (is_alnum(c)) {
                while (e < j && is_alnum(w->cp[e])) e++;
                tag = "eng";
            } else {
                k++;
                continue;
            }
            if (gap < k && emit_lit(w, gap, k, "x")) return SINO_ERR_NOMEM;
            if (emit_lit(w, k, e, tag)) return SINO_ERR_NOMEM;
            gap = k = e;
        }
        if (gap < j && emit_lit(w, gap, j, "x")) return SINO_ERR_NOMEM;
        i = j;
    }
    return SINO_OK;
}

/* ---- the blocks of a text: jieba.cut and jieba.posseg.cut ---- */

/* A word of the route (with tags: as jieba.posseg tags a word). */
static int emit_route_word(work *w, uint32_t a, uint32_t b)
{
    return w->tags ? emit_word(w, a, b) : emit(w, a, b);
}

/* The buffered single characters [a, b) of __cut_DAG: without HMM a run of
 * ASCII letters and digits, one token; with HMM, a run that is not itself
 * a word goes to the HMM (finalseg, or posseg's __cut_detail), else it is
 * emitted character by character. */
static int flush_buf(work *w, uint32_t a, uint32_t b)
{
    if (!(w->flags & SINO_SEG_HMM)) return w->tags ? emit_lit(w, a, b, "eng") : emit(w, a, b);
    if (b - a > 1 && !dag_word(w, a, b)) return w->tags ? pos_detail(w, a, b) : hmm_cut(w, a, b);
    for (uint32_t k = a; k < b; k++)
        if (emit_route_word(w, k, k + 1)) return SINO_ERR_NOMEM;
    return SINO_OK;
}

/* One block [a, b): the route, with the single characters on it buffered
 * (with HMM all of them, without only ASCII letters and digits). */
static int cut_block(work *w, uint32_t a, uint32_t b)
{
    calc_route(w, a, b);
    int hmm = (w->flags & SINO_SEG_HMM) != 0;
    uint32_t x = a, buf = a;
    int inbuf = 0;
    while (x < b) {
        uint32_t y = w->next[x];
        if (y - x == 1 && (hmm || is_alnum(w->cp[x]))) {
            if (!inbuf) buf = x;
            inbuf = 1;
        } else {
            if (inbuf) {
                int r = flush_buf(w, buf, x);
                if (r) return r;
                inbuf = 0;
            }
            if (emit_route_word(w, x, y)) return SINO_ERR_NOMEM;
        }
        x = y;
    }
    return inbuf ? flush_buf(w, buf, b) : SINO_OK;
}

/* A character outside the blocks, or "\r\n". */
static int emit_other(work *w, uint32_t a, uint32_t b)
{
    return w->tags ? emit_lit(w, a, b, "x") : emit(w, a, b);
}

/* The block split: jieba.cut's blocks, or (with tags) jieba.posseg's, which
 * leave % and - out. */
static int cut_all(work *w)
{
    uint32_t i = 0, n = w->n;
    int pos = w->tags != NULL;
    while (i < n) {
        int32_t c = w->cp[i];
        if (pos ? is_han_internal(c) : is_han_block(c)) {
            uint32_t j = i + 1;
            while (j < n && (pos ? is_han_internal(w->cp[j]) : is_han_block(w->cp[j]))) j++;
            int r = cut_block(w, i, j);
            if (r) return r;
            i = j;
        } else if (c == '\r' && i + 1 < n && w->cp[i + 1] == '\n') {
            if (emit_other(w, i, i + 2)) return SINO_ERR_NOMEM;
            i += 2;
        } else {
            if (emit_other(w, i, i + 1)) return SINO_ERR_NOMEM;
            i++;
        }
    }
    return SINO_OK;
}

/* ---- full mode: jieba.cut(cut_all=True) ---- */

/* jieba's get_DAG at char k of the block [k, b): the ends (exclusive) of
 * the words that start at k, in order, into ends; k + 1 alone when there is
 * none. The same walk as calc_route's (the user entries win). */
static uint32_t dag_ends(const work *w, uint32_t k, uint32_t b, uint32_t *ends)
{
    const sino_seg *s = w->s;
    struct hchar tk;
    const struct hchar *h = hchar_of(s, w->cp[k], &tk);
    uint32_t nb = h->node, nu = SINO_DICT_ROOT, id = h->id, uf = 0, n = 0;
    int rb = 1, ru = 0;
    if (nb == WALK_NODE) {
        nb = SINO_DICT_ROOT;
        rb = sino_dict_step(s->dag, &nb, h->e.b, h->e.n, &id);
        if (rb != 2 || id >= s->nfreq) id = 0;
    } else if (nb == NO_NODE) {
        rb = 0;
    }
    if (s->udag) ru = sino_dict_step(s->udag, &nu, h->e.b, h->e.n, &uf);
    for (uint32_t i = k;;) {
        if (ru == 2 ? uf != 0 : id != 0) ends[n++] = i + 1;
        if (++i >= b) break;
        id = 0;
        h = hchar_of(s, w->cp[i], &tk);
        if (rb) {
            rb = sino_dict_step(s->dag, &nb, h->e.b, h->e.n, &id);
            if (rb != 2 || id >= s->nfreq) id = 0;
        }
        if (ru) ru = sino_dict_step(s->udag, &nu, h->e.b, h->e.n, &uf);
        if (!rb && !ru) break;
    }
    if (n == 0) ends[n++] = k + 1;
    return n;
}

/* Give jieba's eng_buf: its pieces as one word (pieces after the first
 * continue it: see sino_tokens' joined). */
static int flush_eng(work *w)
{
    sino_tokens *e = &w->eng;
    for (size_t i = 0; i < e->n; i++) {
        size_t a = w->off[e->v[i].start], b = w->off[e->v[i].end];
        if (i ? tokens_push_joined(w->out, a, b) : sino_tokens_push(w->out, a, b))
            return SINO_ERR_NOMEM;
    }
    sino_tokens_clear(e);
    return SINO_OK;
}

/* Add the word [a, b) to jieba's eng_buf (to its last piece when adjacent). */
static int add_eng(work *w, uint32_t a, uint32_t b)
{
    sino_tokens *e = &w->eng;
    if (e->n && e->v[e->n - 1].end == a) {
        e->v[e->n - 1].end = b;
        return SINO_OK;
    }
    return sino_tokens_push(e, a, b);
}

/* jieba's __cut_all over the block [a, b): every word of the DAG; a char
 * that starts no word and is not inside the last word given is a word of
 * its own, and such words that begin with an ASCII letter or digit are
 * gathered (jieba's eng_buf) until a char that is not one comes. jieba
 * gathers them even when words given meanwhile lie between them. */
static int full_block(work *w, uint32_t a, uint32_t b)
{
    uint32_t *ends = w->next;
    uint32_t last_end = a;   /* jieba's old_j + 1 */
    sino_tokens_clear(&w->eng);
    int eng = 0;
    for (uint32_t k = a; k < b; k++) {
        if (eng && !is_alnum(w->cp[k])) {
            eng = 0;
            if (flush_eng(w)) return SINO_ERR_NOMEM;
        }
        uint32_t n = dag_ends(w, k, b, ends);
        if (n == 1 && k >= last_end) {
            if (is_alnum(w->cp[k])) {
                eng = 1;
                if (add_eng(w, k, ends[0])) return SINO_ERR_NOMEM;
            } else if (!eng && emit(w, k, ends[0])) {
                return SINO_ERR_NOMEM;
            }
            last_end = ends[0];
        } else {
            for (uint32_t j = 0; j < n; j++) {
                if (ends[j] <= k + 1) continue;
                if (emit(w, k, ends[j])) return SINO_ERR_NOMEM;
                last_end = ends[j];
            }
        }
    }
    return eng ? flush_eng(w) : SINO_OK;
}

/* Python's str.isspace (re's \s). */
static int is_py_space(int32_t c)
{
    return c >= 0 && (sino_is_space((uint32_t)c) || (c >= 0x1C && c <= 0x1F));
}

/* A run [a, b) outside the blocks in full mode: re.split('(\r\n|\s)'),
 * every piece given, the empty ones too (jieba prints them). */
static int full_other(work *w, uint32_t a, uint32_t b)
{
    uint32_t t = a;
    for (uint32_t i = a; i < b;) {
        uint32_t l = 0;
        if (w->cp[i] == '\r' && i + 1 < b && w->cp[i + 1] == '\n') l = 2;
        else if (is_py_space(w->cp[i])) l = 1;
        if (!l) {
            i++;
            continue;
        }
        if (emit(w, t, i) || emit(w, i, i + l)) return SINO_ERR_NOMEM;
        i += l;
        t = i;
    }
    return emit(w, t, b);
}

/* jieba.cut(cut_all=True): blocks as jieba.cut's, cut by full_block, the
 * text between them by full_other. */
static int cut_full(work *w)
{
    uint32_t i = 0, n = w->n;
    while (i < n) {
        uint32_t j = i + 1;
        int han = is_han_block(w->cp[i]);
        while (j < n && is_han_block(w->cp[j]) == han) j++;
        int r = han ? full_block(w, i, j) : full_other(w, i, j);
        if (r) return r;
        i = j;
    }
    return SINO_OK;
}

int sino_seg_cut(const sino_seg *s, const char *text, size_t len, unsigned flags,
                 sino_tokens *out, sino_error *err)
{
    if (!s || !out || (!text && len)) return sino_fail(err, SINO_ERR_USAGE, "sino_seg_cut: bad argument");
    if (len == 0) return SINO_OK;
    if (len > UINT32_MAX / 8) return sino_fail(err, SINO_ERR_USAGE, "sino_seg_cut: text too long");
    work w;
    work_init(&w, s, flags, text, out, NULL);
    int r = work_setup(&w, text, len);
    if (r == SINO_OK) {
        if (flags & SINO_SEG_FULL) {
            r = cut_full(&w);
        } else if (flags & SINO_SEG_SEARCH) {
            /* cut into char-index tokens, then expand */
            sino_tokens tmp;
            sino_tokens_init(&tmp);
            w.out = &tmp;
            r = cut_all(&w);
            if (r == SINO_OK) {
                /* tmp holds byte offsets; turn them into char indices */
                uint32_t ci = 0;
                for (size_t t = 0; t < tmp.n; t++) {
                    while (w.off[ci] < tmp.v[t].start) ci++;
                    tmp.v[t].start = ci;
                    uint32_t cj = ci;
                    while (w.off[cj] < tmp.v[t].end) cj++;
                    tmp.v[t].end = cj;
                    ci = cj;
                }
                w.out = out;
                r = search_expand(&w, &tmp);
            }
            sino_tokens_free(&tmp);
        } else {
            w.out = out;
            r = cut_all(&w);
        }
    }
    work_free(&w);
    if (r == SINO_ERR_NOMEM) return sino_fail(err, r, "out of memory");
    return r;
}

int sino_seg_cut_pos(const sino_seg *s, const char *text, size_t len, unsigned flags,
                     sino_tokens *out, sino_tags *tags, sino_error *err)
{
    if (!s || !out || !tags || (!text && len))
        return sino_fail(err, SINO_ERR_USAGE, "sino_seg_cut_pos: bad argument");
    if (!s->pm) return sino_fail(err, SINO_ERR_USAGE, "sino_seg_cut_pos: call sino_seg_load_pos first");
    if (len == 0) return SINO_OK;
    if (len > UINT32_MAX / 8) return sino_fail(err, SINO_ERR_USAGE, "sino_seg_cut_pos: text too long");
    work w;
    work_init(&w, s, flags, text, out, tags);
    int r = work_setup(&w, text, len);
    if (r == SINO_OK) r = cut_all(&w);
    work_free(&w);
    if (r == SINO_ERR_NOMEM) return sino_fail(err, r, "out of memory");
    return r;
}

/* Full mode joins the text between blocks up to whitespace and gives empty
 * pieces beside it: a cut is safe only after whitespace that a block
 * follows (the pieces on both sides are then the same as in the whole). */
static size_t safe_cut_full(const char *text, size_t len)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t i = len;
    int32_t next = -1;   /* the char at i */
    while (i > 0) {
        size_t st = sino_utf8_char_start(p, i - 1);
        int32_t c;
        int l = sino_utf8_decode(p + st, len - st, &c);
        if (st + (size_t)l == i && i < len && is_py_space(c) && is_han_block(next)) return i;
        next = st + (size_t)l == i ? c : -1;
        i = st;
    }
    return 0;
}

size_t sino_seg_safe_cut_mode(const char *text, size_t len, unsigned flags)
{
    return (flags & SINO_SEG_FULL) ? safe_cut_full(text, len) : sino_seg_safe_cut(text, len);
}

size_t sino_seg_safe_cut(const char *text, size_t len)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t i = len;
    while (i > 0) {
        size_t st = sino_utf8_char_start(p, i - 1);
        int32_t c;
        int l = sino_utf8_decode(p + st, len - st, &c);
        if (st + (size_t)l == i && c >= 0 && c != '\r' && !is_han_block(c) &&
            (c < 0x80 || sino_is_cjk_punct((uint32_t)c) || sino_is_space((uint32_t)c)))
            return i;
        i = st;
    }
    return 0;
}

/* ---- POS tags ---- */

size_t sino_seg_tag(const sino_seg *s, const char *word, size_t len, unsigned flags,
                    const char **tag)
{
    (void)flags;
    sino_dict_value v;
    if (s->user && sino_dict_get(s->user, word, len, &v) && v.len > 1) {
        *tag = v.str + 1;
        return v.len - 1;
    }
    if (sino_dict_get(s->words, word, len, &v) && v.len > 0) {
        *tag = v.str;
        return v.len;
    }
    /* unknown: numbers m, Latin letters and digits eng, else x */
    int num = len > 0, eng = len > 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)word[i];
        if (!((c >= '0' && c <= '9') || c == '.')) num = 0;
        if (!is_alnum(c)) eng = 0;
    }
    *tag = num ? "m" : eng ? "eng" : "x";
    return strlen(*tag);
}

/* ---- user dictionaries ---- */

static int user_rebuild(sino_seg *s, sino_error *err)
{
    if (!s->user_dirty) return SINO_OK;
    uint64_t aux[2] = {0, 0};
    sino_dict *d = sino_dict_builder_to_dict(s->ub, "sseg-user", aux, err);
    if (!d) return err ? err->code : SINO_ERR_NOMEM;
    sino_dict_close(s->user);
    s->user = d;
    d = sino_dict_builder_to_dict(s->udb, "sseg-user", aux, err);
    if (!d) return err ? err->code : SINO_ERR_NOMEM;
    sino_dict_close(s->udag);
    s->udag = d;
    s->user_dirty = 0;
    sino_buf_clear(&s->pending);
    s->n_pending = 0;
    return SINO_OK;
}

/* Words added since the last compile of the user entries (compiling them
 * for every word of a dictionary without frequencies would be quadratic).
 * mode 0: is one of them word itself; 1: does one occur inside word;
 * 2: does one start with word (so jieba has word as a prefix entry). A
 * pending word for which none of these hold cannot change jieba's
 * suggest_freq of word. */
static int pending_hit(const sino_seg *s, const char *word, size_t len, int mode)
{
    const char *p = s->pending.data, *end = p + s->pending.len;
    while (p && p + 4 <= end) {
        uint32_t n;
        memcpy(&n, p, 4);
        p += 4;
        if (mode == 0 ? (n == len && !memcmp(word, p, n))
            : mode == 1 ? memmem(word, len, p, n) != NULL
                        : (n >= len && !memcmp(word, p, len)))
            return 1;
        p += n;
    }
    return 0;
}

/* jieba's suggest_freq(word, tune=False). */
static int suggest_freq(sino_seg *s, const char *word, size_t len, long long *out,
                        sino_error *err)
{
    int r = SINO_OK;
    if (s->n_pending >= 256 || pending_hit(s, word, len, 1)) r = user_rebuild(s, err);
    if (r) return r;
    sino_tokens t;
    sino_tokens_init(&t);
again:
    t.n = 0;
    r = sino_seg_cut(s, word, len, 0, &t, err);
    if (r) {
        sino_tokens_free(&t);
        return r;
    }
    double ftotal = (double)s->total;
    double freq = 1;
    for (size_t i = 0; i < t.n; i++) {
        uint32_t f = 0;
        const char *seg = word + t.v[i].start;
        size_t sl = t.v[i].end - t.v[i].start;
        int key = lookup(s, seg, sl, &f, NULL);
        if (!key && s->user_dirty && pending_hit(s, seg, sl, 2)) {
            /* a pending word makes seg a prefix entry (frequency 0) */
            r = user_rebuild(s, err);
            if (r) {
                sino_tokens_free(&t);
                return r;
            }
            goto again;
        }
        freq *= (key ? (double)f : 1.0) / ftotal;
    }
    sino_tokens_free(&t);
    uint32_t wf = 0;
    long long own = lookup(s, word, len, &wf, NULL) ? (long long)wf : 1;
    long long sug = (long long)(freq * (double)s->total) + 1;
    *out = sug > own ? sug : own;
    return SINO_OK;
}

/* word in the keys of sseg-words.sdict (data/sseg-words.py's swap). */
static int enc_word(const sino_seg *s, const char *word, size_t len, sino_buf *out)
{
    const unsigned char *p = (const unsigned char *)word;
    for (size_t i = 0; i < len;) {
        int32_t c;
        int l = sino_utf8_decode(p + i, len - i, &c);
        int r;
        if (c >= EMIT_FIRST && c < EMIT_FIRST + EMIT_COUNT) {
            struct hchar tmp;
            const ekey *e = &hchar_of(s, c, &tmp)->e;
            r = sino_buf_append(out, e->b, e->n);
        } else if (c >= 0 && c < SLOT_LIMIT && s->slot_cp[c]) {
            r = sino_buf_put_cp(out, s->slot_cp[c]);
        } else {
            r = sino_buf_append(out, p + i, (size_t)l);
        }
        if (r) return r;
        i += (size_t)l;
    }
    return SINO_OK;
}

static int add_word(sino_seg *s, const char *word, size_t len, long long freq,
                    const char *tag, size_t tag_len, sino_error *err)
{
    if (!s || !word || len == 0) return sino_fail(err, SINO_ERR_USAGE, "empty word");
    if (!s->ub && !(s->ub = sino_dict_builder_new())) return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    if (!s->udb && !(s->udb = sino_dict_builder_new())) return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    if (freq < 0) {
        int r = suggest_freq(s, word, len, &freq, err);
        if (r) return r;
    }
    if (freq > UINT32_MAX) freq = UINT32_MAX;
    /* keep an earlier tag or force-split flag of the same word */
    sino_buf pay;
    sino_buf_init(&pay);
    int was_split = 0;
    const char *old_tag = NULL;
    size_t old_tag_len = 0;
    sino_dict_value v;
    if (pending_hit(s, word, len, 0)) {   /* the same word again: see its first entry */
        int e = user_rebuild(s, err);
        if (e) {
            sino_buf_free(&pay);
            return e;
        }
    }
    if (s->user && sino_dict_get(s->user, word, len, &v) && v.len >= 1) {
        was_split = v.str[0] == '1';
        old_tag = v.str + 1;
        old_tag_len = v.len - 1;
    }
    int r = sino_buf_putc(&pay, (freq == 0 || was_split) ? '1' : '0');
    if (!r) {
        if (tag && tag_len) r = sino_buf_append(&pay, tag, tag_len);
        else if (old_tag_len) r = sino_buf_append(&pay, old_tag, old_tag_len);
    }
    if (!r) r = sino_dict_builder_add(s->ub, word, len, (uint32_t)freq, pay.data, pay.len, err);
    if (!r) {   /* the same entry re-keyed, for the DAG */
        sino_buf_clear(&pay);
        r = enc_word(s, word, len, &pay);
        if (!r) r = sino_dict_builder_add(s->udb, pay.data, pay.len, (uint32_t)freq, "", 0, err);
    }
    sino_buf_free(&pay);
    if (r) return r == SINO_ERR_NOMEM ? sino_fail(err, r, "out of memory") : r;
    s->total += (uint64_t)freq;
    s->logtotal = log((double)s->total);
    s->user_dirty = 1;
    uint32_t n32 = (uint32_t)len;
    if (sino_buf_append(&s->pending, &n32, 4) || sino_buf_append(&s->pending, word, len))
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    s->n_pending++;
    return SINO_OK;
}

int sino_seg_add_word(sino_seg *s, const char *word, size_t len, long long freq,
                      const char *tag, size_t tag_len, sino_error *err)
{
    int r = add_word(s, word, len, freq, tag, tag_len, err);
    return r ? r : user_rebuild(s, err);
}

static int is_ascii_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* re_userdict '^(.+?)( [0-9]+)?( [a-z]+)?$' on a stripped line. */
static int parse_user_line(const char *p, size_t n, size_t *wlen, long long *freq,
                           const char **tag, size_t *tag_len)
{
    for (size_t k = 1; k <= n; k++) {
        size_t i = k;
        const char *fs = NULL;
        size_t fl = 0;
        if (i < n && p[i] == ' ' && i + 1 < n && p[i + 1] >= '0' && p[i + 1] <= '9') {
            size_t j = i + 1;
            while (j < n && p[j] >= '0' && p[j] <= '9') j++;
            if (j == n || (p[j] == ' ' && j + 1 < n)) {
                fs = p + i + 1;
                fl = j - i - 1;
                i = j;
            }
        }
        const char *ts = NULL;
        size_t tl = 0;
        if (i < n && p[i] == ' ' && i + 1 < n) {
            size_t j = i + 1;
            while (j < n && p[j] >= 'a' && p[j] <= 'z') j++;
            if (j == n && j > i + 1) {
                ts = p + i + 1;
                tl = j - i - 1;
                i = j;
            }
        }
        if (i != n) continue;
        *wlen = k;
        *freq = -1;
        if (fs) {
            long long f = 0;
            for (size_t j = 0; j < fl; j++) {
                f = f * 10 + (fs[j] - '0');
                if (f > UINT32_MAX) f = UINT32_MAX;
            }
            *freq = f;
        }
        *tag = ts;
        *tag_len = tl;
        return 1;
    }
    return 0;
}

int sino_seg_add_user_dict(sino_seg *s, const char *path, sino_error *err)
{
    sino_reader_opts ro = {SINO_READ_LINES, SINO_UTF8_FAIL, 0};
    sino_reader *r = sino_reader_open(path, &ro, err);
    if (!r) return err ? err->code : SINO_ERR_IO;
    int se = sino_reader_set_encoding(r, "utf-8", err);   /* as jieba reads it */
    if (se != SINO_OK) {
        sino_reader_close(r);
        return se;
    }
    sino_record rec;
    int st;
    uint64_t lineno = 0;
    while ((st = sino_reader_next(r, &rec, err)) > 0) {
        if (rec.continued) continue;
        lineno++;
        const char *p = rec.data;
        size_t n = rec.len;
        while (n && is_ascii_space((unsigned char)p[0])) p++, n--;
        while (n && is_ascii_space((unsigned char)p[n - 1])) n--;
        if (lineno == 1 && n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) p += 3, n -= 3;
        if (!n) continue;
        size_t wlen = 0, tl = 0;
        long long freq = -1;
        const char *tag = NULL;
        if (!parse_user_line(p, n, &wlen, &freq, &tag, &tl)) continue;
        int e = add_word(s, p, wlen, freq, tag, tl, err);
        if (e) {
            char pre[64];
            snprintf(pre, sizeof pre, "line %llu", (unsigned long long)lineno);
            sino_error_prefix(err, pre);
            st = e;
            break;
        }
    }
    if (st < 0) {   /* the reader stopped in the line after the last one read */
        char pre[64];
        snprintf(pre, sizeof pre, "line %llu", (unsigned long long)lineno + 1);
        if (err && err->code == SINO_ERR_UTF8) sino_error_prefix(err, pre);
    }
    sino_reader_close(r);
    if (st < 0) return st;
    return user_rebuild(s, err);
}
