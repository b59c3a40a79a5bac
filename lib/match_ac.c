/* match_ac.c - Aho-Corasick automaton over folded literal patterns (many
 * -F / -f patterns, see match_int.h).
 *
 * Each pattern position is a set of folded code points (its character
 * class). The classes of all patterns are merged into symbols: code points
 * that share a class get one symbol (union-find), so a pattern becomes one
 * string of symbols and the text is read one folded code point at a time,
 * mapped to its symbol. Two characters with the same symbol need not both be
 * in one class, so the automaton finds a superset of the matches: the caller
 * verifies each candidate with the literal matcher. Gaps (a line break or an
 * inserted reading between Chinese characters) are followed by side walkers
 * forked at the gap, which resume after it in the state the gap interrupted. */
#include <stdlib.h>
#include <string.h>

#include "match_int.h"
#include "sino_match.h"

#define AC_NONE 0xFFFFFFFFu
#define AC_MAX_WALKERS 32

struct ac_pat {
    uint32_t *cps;     /* classes, concatenated */
    int *ncps;         /* size of each class */
    size_t n;          /* characters */
    size_t id;
};

struct sino_ac {
    struct ac_pat *pats;
    size_t npats, cappats;
    /* code point -> symbol (open addressing; key AC_NONE = empty) */
    uint32_t *hkey, *hval;
    size_t hmask;
    uint32_t asym[128];          /* ASCII byte -> symbol (after folding) */
    int flags;
    /* trie */
    uint32_t *fail, *depth, *out, *outlink;   /* out: first pattern index or AC_NONE */
    uint32_t *first_child, *sibling, *csym;
    size_t nodes, capnodes;
    uint32_t *pat_next;          /* next pattern index with the same node */
    uint32_t *root_next;         /* root's child per symbol (AC_NONE: stay) */
    uint64_t *ekey;              /* (node << 32 | sym) -> child */
    uint32_t *eval;
    size_t emask;
    size_t nsym, maxdepth;
};

sino_ac *sino_ac_new(int flags)
{
    sino_ac *a = calloc(1, sizeof *a);
    if (a) a->flags = flags;
    return a;
}

void sino_ac_free(sino_ac *a)
{
    if (!a) return;
    for (size_t i = 0; i < a->npats; i++) {
        free(a->pats[i].cps);
        free(a->pats[i].ncps);
    }
    free(a->pats);
    free(a->hkey);
    free(a->hval);
    free(a->fail);
    free(a->depth);
    free(a->out);
    free(a->outlink);
    free(a->first_child);
    free(a->sibling);
    free(a->csym);
    free(a->pat_next);
    free(a->root_next);
    free(a->ekey);
    free(a->eval);
    free(a);
}

int sino_ac_add(sino_ac *a, size_t id, const uint32_t *const *classes, const int *ncls, size_t n)
{
    if (SINO_GROW(a->pats, a->cappats, a->npats + 1)) return -1;
    size_t tot = 0;
    for (size_t i = 0; i < n; i++) tot += (size_t)ncls[i];
    struct ac_pat *p = &a->pats[a->npats];
    p->cps = malloc((tot ? tot : 1) * sizeof *p->cps);
    p->ncps = malloc((n ? n : 1) * sizeof *p->ncps);
    if (!p->cps || !p->ncps) {
        free(p->cps);
        free(p->ncps);
        return -1;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        memcpy(p->cps + k, classes[i], (size_t)ncls[i] * sizeof *p->cps);
        k += (size_t)ncls[i];
        p->ncps[i] = ncls[i];
    }
    p->n = n;
    p->id = id;
    a->npats++;
    return 0;
}

static size_t hash32(uint32_t x, size_t mask)
{
    return (size_t)((x * 2654435761u) ^ (x >> 15)) & mask;
}

/* slot of cp in the code point table (its key, or an empty slot) */
static size_t cp_slot(const sino_ac *a, uint32_t cp)
{
    size_t h = hash32(cp, a->hmask);
    while (a->hkey[h] != AC_NONE && a->hkey[h] != cp) h = (h + 1) & a->hmask;
    return h;
}

static uint32_t uf_find(uint32_t *parent, uint32_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

static uint32_t sym_of_cp(const sino_ac *a, uint32_t cp)
{
    size_t h = cp_slot(a, cp);
    return a->hkey[h] == cp ? a->hval[h] : AC_NONE;
}

static size_t edge_slot(const sino_ac *a, uint64_t key)
{
    size_t h = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 20) & a->emask;
    while (a->ekey[h] != UINT64_MAX && a->ekey[h] != key) h = (h + 1) & a->emask;
    return h;
}

static inline uint32_t child(const sino_ac *a, uint32_t node, uint32_t sym)
{
    if (node == 0) return a->root_next[sym];
    uint64_t key = ((uint64_t)node << 32) | sym;
    size_t h = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 20) & a->emask;
    for (;;) {
        uint64_t k = a->ekey[h];
        if (k == key) return a->eval[h];
        if (k == UINT64_MAX) return AC_NONE;
        h = (h + 1) & a->emask;
    }
}

static int grow_nodes(sino_ac *a)
{
    if (a->nodes < a->capnodes) return 0;
    /* seven arrays of one capacity: each grows from a->capnodes to the same cap */
    size_t cap = a->capnodes;
    uint32_t **arrs[] = {&a->fail, &a->depth, &a->out, &a->outlink, &a->first_child,
                         &a->sibling, &a->csym};
    for (size_t i = 0; i < sizeof arrs / sizeof arrs[0]; i++) {
        cap = a->capnodes;
        if (sino_grow(arrs[i], &cap, a->nodes + 1, sizeof **arrs[i]) != SINO_OK) return -1;
    }
    a->capnodes = cap;
    return 0;
}

static uint32_t new_node(sino_ac *a, uint32_t depth, uint32_t sym)
{
    if (grow_nodes(a)) return AC_NONE;
    uint32_t v = (uint32_t)a->nodes++;
    a->fail[v] = 0;
    a->depth[v] = depth;
    a->out[v] = a->outlink[v] = AC_NONE;
    a->first_child[v] = a->sibling[v] = AC_NONE;
    a->csym[v] = sym;
    return v;
}

/* Symbols from the classes, then the trie, the edge table and the failure
 * links. Returns 0, or -1 when out of memory. */
int sino_ac_build(sino_ac *a)
{
    size_t ncp = 0;
    for (size_t i = 0; i < a->npats; i++)
        for (size_t j = 0; j < a->pats[i].n; j++) ncp += (size_t)a->pats[i].ncps[j];
    size_t hs = 64;
    while (hs < 2 * ncp + 2) hs *= 2;
    a->hkey = malloc(hs * sizeof *a->hkey);
    a->hval = malloc(hs * sizeof *a->hval);
    uint32_t *parent = malloc((ncp + 1) * sizeof *parent);
    if (!a->hkey || !a->hval || !parent) return free(parent), -1;
    memset(a->hkey, 0xFF, hs * sizeof *a->hkey);
    a->hmask = hs - 1;
    /* number the code points, union those of one class */
    uint32_t ids = 0;
    for (size_t i = 0; i < a->npats; i++) {
        const struct ac_pat *p = &a->pats[i];
        size_t k = 0;
        for (size_t j = 0; j < p->n; j++) {
            uint32_t root = AC_NONE;
            for (int c = 0; c < p->ncps[j]; c++, k++) {
                size_t h = cp_slot(a, p->cps[k]);
                if (a->hkey[h] == AC_NONE) {
                    a->hkey[h] = p->cps[k];
                    a->hval[h] = ids;
                    parent[ids] = ids;
                    ids++;
                }
                uint32_t x = uf_find(parent, a->hval[h]);
                if (root == AC_NONE) root = x;
                else if (x != root) parent[x] = root;
            }
        }
    }
    /* dense symbols for the union-find roots */
    uint32_t *symid = malloc((ids + 1) * sizeof *symid);
    if (!symid) return free(parent), -1;
    memset(symid, 0xFF, (ids + 1) * sizeof *symid);
    a->nsym = 0;
    for (size_t h = 0; h <= a->hmask; h++) {
        if (a->hkey[h] == AC_NONE) continue;
        uint32_t r = uf_find(parent, a->hval[h]);
        if (symid[r] == AC_NONE) symid[r] = (uint32_t)a->nsym++;
        a->hval[h] = symid[r];
    }
    free(symid);
    free(parent);
    for (uint32_t b = 0; b < 128; b++) a->asym[b] = sym_of_cp(a, sino_match_fold_cp(b, a->flags));
    a->root_next = malloc((a->nsym + 1) * sizeof *a->root_next);
    a->pat_next = malloc((a->npats + 1) * sizeof *a->pat_next);
    if (!a->root_next || !a->pat_next) return -1;
    memset(a->root_next, 0xFF, (a->nsym + 1) * sizeof *a->root_next);
    if (new_node(a, 0, AC_NONE) == AC_NONE) return -1;
    /* the trie, with children in sibling lists */
    size_t edges = 0;
    for (size_t i = 0; i < a->npats; i++) {
        const struct ac_pat *p = &a->pats[i];
        uint32_t v = 0;
        size_t k = 0;
        for (size_t j = 0; j < p->n; j++) {
            uint32_t s = sym_of_cp(a, p->cps[k]);
            k += (size_t)p->ncps[j];
            uint32_t c = a->first_child[v];
            while (c != AC_NONE && a->csym[c] != s) c = a->sibling[c];
            if (c == AC_NONE) {
                c = new_node(a, (uint32_t)j + 1, s);
                if (c == AC_NONE) return -1;
                a->sibling[c] = a->first_child[v];
                a->first_child[v] = c;
                edges++;
                if (v == 0) a->root_next[s] = c;
            }
            v = c;
        }
        if (p->n > a->maxdepth) a->maxdepth = p->n;
        a->pat_next[i] = a->out[v];
        a->out[v] = (uint32_t)i;
    }
    size_t es = 64;
    while (es < 2 * edges + 2) es *= 2;
    a->ekey = malloc(es * sizeof *a->ekey);
    a->eval = malloc(es * sizeof *a->eval);
    if (!a->ekey || !a->eval) return -1;
    memset(a->ekey, 0xFF, es * sizeof *a->ekey);
    a->emask = es - 1;
    for (uint32_t v = 1; v < a->nodes; v++)
        for (uint32_t c = a->first_child[v]; c != AC_NONE; c = a->sibling[c]) {
            uint64_t key = ((uint64_t)v << 32) | a->csym[c];
            size_t h = edge_slot(a, key);
            a->ekey[h] = key;
            a->eval[h] = c;
        }
    /* failure links, breadth first (nodes of one depth after the shallower) */
    uint32_t *queue = malloc(a->nodes * sizeof *queue);
    if (!queue) return -1;
    size_t qh = 0, qt = 0;
    for (uint32_t c = a->first_child[0]; c != AC_NONE; c = a->sibling[c]) queue[qt++] = c;
    while (qh < qt) {
        uint32_t u = queue[qh++];
        for (uint32_t c = a->first_child[u]; c != AC_NONE; c = a->sibling[c]) {
            uint32_t f = a->fail[u], g;
            while ((g = child(a, f, a->csym[c])) == AC_NONE && f != 0) f = a->fail[f];
            a->fail[c] = g == AC_NONE ? 0 : g;
            uint32_t fc = a->fail[c];
            a->outlink[c] = a->out[fc] != AC_NONE ? fc : a->outlink[fc];
            queue[qt++] = c;
        }
    }
    free(queue);
    return 0;
}

size_t sino_ac_max_chars(const sino_ac *a) { return a->maxdepth; }

static inline uint32_t step(const sino_ac *a, uint32_t v, uint32_t sym)
{
    if (sym == AC_NONE) return 0;
    for (;;) {
        uint32_t c = child(a, v, sym);
        if (c != AC_NONE) return c;
        if (v == 0) return 0;
        v = a->fail[v];
    }
}

static int is_cjk_cp(int32_t c)
{
    return sino_is_han((uint32_t)c) || (c >= 0x3000 && c <= 0x303F) ||
           (c >= 0xFF00 && c <= 0xFFEF);
}

static int gap_byte(unsigned char b)
{
    return b == '\n' || b == ' ' || b == '\t' || b == '\r' || b == '(' || b == 0xEF;
}

struct walker {
    uint32_t state;
    size_t resume;      /* where it goes on (after the gap) */
    size_t gap;         /* where the gap starts */
    size_t since;       /* characters read after the gap */
};

/* Report the outputs of state v: index i of the pattern (as added), its
 * length in characters; when exact, start is where it starts, else only the
 * gap before which it starts. */
static int report(const sino_ac *a, uint32_t v, size_t since, int exact, size_t start_or_gap,
                  size_t end, const size_t *ring, size_t ringmask, size_t g,
                  const struct sino_ac_scan *sc, size_t *limit)
{
    if (a->out[v] == AC_NONE) v = a->outlink[v];
    for (; v != AC_NONE; v = a->outlink[v])
        for (uint32_t i = a->out[v]; i != AC_NONE; i = a->pat_next[i]) {
            size_t n = a->pats[i].n;
            if (!exact && n <= since) continue;   /* after the gap: the main walk has it */
            size_t s = exact ? ring[(g - n) & ringmask] : start_or_gap;
            int r = sc->hit(sc->ctx, a->pats[i].id, n, exact, s, end, limit);
            if (r) return r;
        }
    return 0;
}

int sino_ac_scan(const sino_ac *a, const unsigned char *t, size_t len, size_t from,
                 const struct sino_ac_scan *sc, size_t *pending)
{
    size_t rs = 1;
    while (rs < a->maxdepth + 1) rs *= 2;
    size_t ringbuf[256];
    size_t *ring = rs <= 256 ? ringbuf : malloc(rs * sizeof *ring);
    if (!ring) return -1;
    size_t mask = rs - 1, g = 0, limit = SIZE_MAX;
    struct walker w[AC_MAX_WALKERS];
    int nw = 0, prev_cjk = 0, ret = 0;
    uint32_t v = 0;
    size_t p = from;
    *pending = SIZE_MAX;
    while (p < len) {
        /* done when no partial match can start at or before the best one */
        if (limit != SIZE_MAX && nw == 0 && (v == 0 || ring[(g - a->depth[v]) & mask] > limit))
            break;
        unsigned char b = t[p];
        if (sc->gaps && prev_cjk && gap_byte(b) && (v != 0 || nw > 0)) {
            size_t q = sc->gap(sc->ctx, t, len, p);
            if (q == SIZE_MAX) {   /* the gap may go on after len */
                if (v != 0) *pending = ring[(g - a->depth[v]) & mask];
                for (int i = 0; i < nw; i++) {
                    size_t back = a->maxdepth * sc->per;
                    size_t lo = w[i].gap - from > back ? w[i].gap - back : from;
                    if (lo < *pending) *pending = lo;
                }
                if (*pending == SIZE_MAX) *pending = p;
                break;
            }
            if (q > p) {
                int nl = memchr(t + p, '\n', q - p) != NULL;
                uint32_t sp = a->asym[' '];
                int n0 = nw;
                for (int i = -1; i < n0; i++) {
                    uint32_t st = i < 0 ? v : w[i].state;
                    if (i >= 0 && w[i].resume > p) continue;
                    if (st == 0) continue;
                    size_t gp = i < 0 ? p : w[i].gap;
                    uint32_t forks[2] = {st, AC_NONE};
                    if (nl && sp != AC_NONE) forks[1] = step(a, st, sp);
                    for (int f = 0; f < 2; f++) {
                        if (forks[f] == AC_NONE || forks[f] == 0) continue;
                        int dup = 0;
                        for (int j = 0; j < nw; j++)
                            if (w[j].state == forks[f] && w[j].resume == q) dup = 1;
                        if (dup) continue;
                        if (nw == AC_MAX_WALKERS) {
                            ret = 2;   /* too many: the caller searches another way */
                            goto done;
                        }
                        w[nw].state = forks[f];
                        w[nw].resume = q;
                        w[nw].gap = gp;
                        w[nw].since = 0;
                        nw++;
                    }
                }
            }
        }
        uint32_t sym;
        size_t k = 1;
        int cjk = 0;
        if (b < 0x80) {
            sym = a->asym[b];
        } else {
            int32_t c;
            k = (size_t)sino_utf8_decode_fast(t + p, len - p, &c);
            if (c < 0) {
                sym = AC_NONE;
            } else {
                cjk = is_cjk_cp(c);
                sym = sym_of_cp(a, sino_match_fold_cp((uint32_t)c, a->flags));
            }
        }
        v = step(a, v, sym);
        ring[g & mask] = p;
        g++;
        if (a->out[v] != AC_NONE || a->outlink[v] != AC_NONE) {
            ret = report(a, v, 0, 1, 0, p + k, ring, mask, g, sc, &limit);
            if (ret) goto done;
        }
        for (int i = 0; i < nw;) {
            if (w[i].resume > p) {
                i++;
                continue;
            }
            w[i].state = step(a, w[i].state, sym);
            w[i].since++;
            if (a->depth[w[i].state] <= w[i].since) {   /* all after the gap */
                w[i] = w[--nw];
                continue;
            }
            uint32_t s = w[i].state;
            if (a->out[s] != AC_NONE || a->outlink[s] != AC_NONE) {
                ret = report(a, s, w[i].since, 0, w[i].gap, p + k, ring, mask, g, sc, &limit);
                if (ret) goto done;
            }
            i++;
        }
        prev_cjk = cjk;
        p += k;
    }
    if (p >= len && *pending == SIZE_MAX) {
        /* a partial match at the end may go on in the next bytes */
        if (v != 0) *pending = ring[(g - a->depth[v]) & mask];
        for (int i = 0; i < nw; i++) {
            size_t back = a->maxdepth * sc->per;
            size_t lo = w[i].gap - from > back ? w[i].gap - back : from;
            if (lo < *pending) *pending = lo;
        }
    }
done:
    if (ring != ringbuf) free(ring);
    return ret;
}
