/* match_multi.c - the anchor forms of a few literal patterns (or the
 * several forms of one: 发 發 髮) found in one pass over the text, instead of
 * one pass for each form.
 *
 * Each form has a bit of a byte. For the text byte at offset k of a
 * candidate, two tables indexed by its low and its high nibble give the forms
 * whose byte k has that nibble; their AND is the forms whose byte k it is
 * (one form per bit, so the test is exact), and the AND over offsets 0, 1
 * and 2 the forms that start there (a longer form's other bytes are compared
 * after). With AVX2 the tables are looked up 32 bytes at a time (pshufb).
 *
 * The pass records the hits of every form in a queue per form, so that a
 * form asked for later finds its next hit without a pass of its own. A
 * queue that fills up stops recording; that form is then searched alone
 * over the part already passed (the queue was full because nobody asked for
 * it, so this is rare and costs no more than its own pass). */
#include <stdlib.h>
#include <string.h>

#include "match_int.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define HAVE_MULTI 1
#endif

#define QCAP 256   /* hits kept per form */

struct queue {
    size_t pos[QCAP];
    size_t head, n;
    size_t overflow;    /* hits from here on were not kept (SIZE_MAX: none) */
};

struct sino_multi {
    unsigned char form[SINO_MULTI_MAX][4];
    size_t flen[SINO_MULTI_MAX];
    sino_multi_keep keep[SINO_MULTI_MAX];
    const void *ctx[SINO_MULTI_MAX];
    int n;
    unsigned char lo[3][16], hi[3][16];   /* nibble -> forms (bits) */
    /* Every form has three bytes or more: the pass looks at the second and
     * third only (in Chinese text a pair of continuation bytes is about as
     * selective as three bytes, and it costs a third less); the first is
     * compared with the hits. */
    int long_forms;
    /* the pass over (text, len): hits in [base, swept) are recorded */
    const unsigned char *text;
    size_t len, base, swept;
    struct queue q[SINO_MULTI_MAX];
};

sino_multi *sino_multi_new(void)
{
#ifdef HAVE_MULTI
    if (!__builtin_cpu_supports("avx2")) return NULL;
    return calloc(1, sizeof(sino_multi));
#else
    return NULL;
#endif
}

void sino_multi_free(sino_multi *m) { free(m); }

void sino_multi_reset(sino_multi *m) { m->text = NULL; }

int sino_multi_add(sino_multi *m, const unsigned char *form, size_t len, sino_multi_keep keep,
                   const void *ctx)
{
    if (m->n >= SINO_MULTI_MAX || len == 0 || len > 4) return -1;
    int id = m->n++;
    memcpy(m->form[id], form, len);
    m->flen[id] = len;
    m->keep[id] = keep;
    m->ctx[id] = ctx;
    unsigned char bit = (unsigned char)(1u << id);
    for (size_t k = 0; k < 3; k++) {
        for (int v = 0; v < 16; v++) {
            /* past the end of a short form every byte will do */
            if (k >= len || (form[k] & 0x0F) == v) m->lo[k][v] |= bit;
            if (k >= len || (form[k] >> 4) == v) m->hi[k][v] |= bit;
        }
    }
    m->long_forms = 1;
    for (int i = 0; i < m->n; i++)
        if (m->flen[i] < 3) m->long_forms = 0;
    m->text = NULL;
    return id;
}

static void start(sino_multi *m, const unsigned char *t, size_t len, size_t from)
{
    m->text = t;
    m->len = len;
    m->base = m->swept = from;
    for (int i = 0; i < m->n; i++) {
        m->q[i].head = m->q[i].n = 0;
        m->q[i].overflow = SIZE_MAX;
    }
}

static void record(sino_multi *m, int id, size_t pos)
{
    struct queue *q = &m->q[id];
    if (q->overflow != SIZE_MAX) return;
    if (q->n == QCAP) {
        q->overflow = pos;
        return;
    }
    q->pos[(q->head + q->n) % QCAP] = pos;
    q->n++;
}

/* The forms in bits that start at t[p], their bytes the pass did not look
 * at compared; returns how many hits were kept. */
static int record_bits(sino_multi *m, unsigned bits, size_t p)
{
    int kept = 0;
    while (bits) {
        int id = __builtin_ctz(bits);
        bits &= bits - 1;
        size_t fl = m->flen[id];
        size_t k = m->long_forms ? 0 : 3;   /* the bytes the pass did not compare */
        if (fl > k && (p + fl > m->len || memcmp(m->text + p + k, m->form[id] + k, fl - k)))
            continue;
        if (m->keep[id] && !m->keep[id](m->ctx[id], m->text, m->len, p, fl)) continue;
        record(m, id, p);
        kept++;
    }
    return kept;
}

/* Where fewer than 34 bytes are left: each position against each form. */
static void sweep_tail(sino_multi *m)
{
    for (size_t p = m->swept; p < m->len; p++)
        for (int id = 0; id < m->n; id++)
            if (p + m->flen[id] <= m->len && !memcmp(m->text + p, m->form[id], m->flen[id]))
                record(m, id, p);
    m->swept = m->len;
}

#ifdef HAVE_MULTI
/* The forms whose byte at one offset (its nibble tables lo, hi) each of
 * the 32 bytes at q is. */
__attribute__((target("avx2")))
static inline __m256i forms_at(const unsigned char *q, __m256i lo, __m256i hi, __m256i nib)
{
    __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)q);
    return _mm256_and_si256(_mm256_shuffle_epi8(lo, _mm256_and_si256(x, nib)),
                            _mm256_shuffle_epi8(hi, _mm256_and_si256(_mm256_srli_epi16(x, 4), nib)));
}

/* Pass on from swept until a block with a hit has been kept. */
__attribute__((target("avx2")))
static void sweep(sino_multi *m)
{
    const unsigned char *t = m->text;
    size_t p = m->swept, len = m->len;
    const __m256i nib = _mm256_set1_epi8(0x0F), zero = _mm256_setzero_si256();
#define TABLE(x) _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)(x)))
    const __m256i lo0 = TABLE(m->lo[0]), lo1 = TABLE(m->lo[1]), lo2 = TABLE(m->lo[2]);
    const __m256i hi0 = TABLE(m->hi[0]), hi1 = TABLE(m->hi[1]), hi2 = TABLE(m->hi[2]);
#undef TABLE
    while (p + 34 <= len) {
        __m256i acc = _mm256_and_si256(forms_at(t + p + 1, lo1, hi1, nib),
                                       forms_at(t + p + 2, lo2, hi2, nib));
        if (!m->long_forms) acc = _mm256_and_si256(acc, forms_at(t + p, lo0, hi0, nib));
        unsigned any = ~(unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(acc, zero));
        if (any) {
            unsigned char bits[32];
            int kept = 0;
            _mm256_storeu_si256((__m256i *)(void *)bits, acc);
            while (any) {
                unsigned i = (unsigned)__builtin_ctz(any);
                any &= any - 1;
                kept += record_bits(m, bits[i], p + i);
            }
            if (kept) {
                m->swept = p + 32;
                return;
            }
        }
        p += 32;
    }
    m->swept = p;
    sweep_tail(m);
}
#else
static void sweep(sino_multi *m) { sweep_tail(m); }
#endif

size_t sino_multi_next(sino_multi *m, int id, const unsigned char *t, size_t len, size_t from)
{
    if (m->text != t || m->len != len || from < m->base) start(m, t, len, from);
    struct queue *q = &m->q[id];
    for (;;) {
        while (q->n && q->pos[q->head] < from) {
            q->head = (q->head + 1) % QCAP;
            q->n--;
        }
        if (q->n) return q->pos[q->head];
        if (q->overflow != SIZE_MAX) {
            /* hits in [overflow, swept) were not kept: look there alone */
            size_t s = from > q->overflow ? from : q->overflow;
            size_t lim = m->swept + m->flen[id] - 1;
            if (lim > len) lim = len;
            if (s < m->swept) {
                const unsigned char *h = memmem(t + s, lim - s, m->form[id], m->flen[id]);
                if (h && (size_t)(h - t) < m->swept) return (size_t)(h - t);
            }
            q->overflow = SIZE_MAX;   /* none before swept: recorded again from there */
        }
        if (m->swept >= len) return SIZE_MAX;
        sweep(m);
    }
}
