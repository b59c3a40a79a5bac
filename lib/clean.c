/* clean.c - the sclean driver: line passes on each line, then the document
 * passes (boilerplate, layout) over a bounded window of the document. */
#include <stdlib.h>
#include <string.h>

#include "sino_clean.h"
#include "clean_int.h"
#include "grow_int.h"
#include "sino_data.h"

#define REPEAT_MIN_CHARS 6
#define REPEAT_MAX_CHARS 100
#define LINKS_LINE_MAX_CHARS 30
#define SEEN_CAP 4096          /* boilerplate lines remembered across documents */

static const char *const pass_names[] = {"pinyin", "mojibake", "html",
                                         "boilerplate", "layout", "punct"};

const char *sino_clean_pass_name(int pass)
{
    for (int i = 0; i < 6; i++)
        if (pass == 1 << i) return pass_names[i];
    return NULL;
}

int sino_clean_pass_by_name(const char *name)
{
    for (int i = 0; i < 6; i++)
        if (strcmp(name, pass_names[i]) == 0) return 1 << i;
    return 0;
}

int sino_clean_tables_open(sino_clean_tables *t, unsigned passes, sino_error *err)
{
    memset(t, 0, sizeof *t);
    if ((passes & SINO_CLEAN_PINYIN) &&
        !(t->readings = sino_data_open_dict("sclean-readings.sdict", "sclean-readings", err)))
        goto fail;
    if ((passes & (SINO_CLEAN_MOJIBAKE | SINO_CLEAN_LAYOUT)) &&
        !(t->charlm = sino_data_open_dict("sclean-charlm.sdict", "sclean-charlm", err)))
        goto fail;
    if ((passes & SINO_CLEAN_LAYOUT) &&
        !(t->words = sino_data_open_dict("jieba.sdict", "jieba-words", err)))
        goto fail;
    if ((passes & SINO_CLEAN_BOILERPLATE) &&
        !(t->boiler = sino_data_open_dict("sclean-boilerplate.sdict", "sclean-boilerplate", err)))
        goto fail;
    return SINO_OK;
fail:
    sino_clean_tables_close(t);
    return err->code ? err->code : SINO_ERR_FORMAT;
}

void sino_clean_tables_close(sino_clean_tables *t)
{
    sino_dict_close(t->readings);
    sino_dict_close(t->charlm);
    sino_dict_close(t->words);
    sino_dict_close(t->boiler);
    memset(t, 0, sizeof *t);
}

typedef struct {
    size_t off, len;       /* in the arena */
    uint64_t lineno;
    unsigned blank_before; /* blank lines before it */
    int glue;              /* continues the previous chunk of one long line */
    int drop;
    int newpara;           /* starts a paragraph (a continuation marker was there) */
    int interrupts;        /* dropped as furniture that cut a sentence in two */
    clean_shape shape;     /* as it was read: widths, indent, blank lines before */
    int rep;               /* may be boilerplate by repetition */
    /* sino_clean_is_byline and _is_headline of the text (1/0, -1 not
     * found out yet): of the stored text, and after final_text of the
     * final one; each is found out once and reused by the passes */
    signed char byline, headline;
    uint64_t hash;         /* of the text, when rep */
    /* after the layout decisions: the line's final text in c->text, and
     * its paragraph as a chain of lines */
    size_t toff, tlen;
    int head;              /* starts a paragraph */
    int space;             /* a space goes before it in its paragraph */
    long next;             /* the paragraph's next line, -1 at its end */
} wline;

/* The window's last paragraphs before the current one (their last lines,
 * newest last): those that end without sentence punctuation are where a
 * column fragment printed further on may continue. */
#define OPEN_COLUMNS 32

struct sino_clean {
    sino_clean_tables t;
    unsigned passes;
    sino_charlm lm;
    int lm_ok;
    sino_moji *moji;
    sino_html_state html;
    sino_clean_report_fn report;
    void *report_ctx;
    sino_clean_emit_fn emit;
    void *emit_ctx;
    sino_buf arena, a, b, para, piece, text;
    wline *lines;
    size_t nlines, cap;
    uint64_t lineno;
    unsigned blanks;
    clean_shape cur_shape; /* of the line being stored */
    clean_shape *shapes;   /* the window's kept lines, for the wrap width */
    size_t shapes_cap;
    int next_glue;
    int open;              /* a paragraph was handed out without its end */
    int cur_partial;       /* the line being stored goes on in the next chunk */
    uint64_t seen[SEEN_CAP];   /* hashes of boilerplate lines, open addressing */
    clean_bp_filter bp_filter;
    size_t nseen;
    clean_bp_model bm;
    clean_bp_line *bp;         /* the window's lines for the model */
    size_t bp_cap;
    clean_bp_trace_fn trace;
    void *trace_ctx;
    /* the survey of a run: lines and the number of documents holding each */
    struct run_entry {
        uint64_t hash;
        uint32_t docs, last_doc;
    } *run;
    size_t run_cap, run_used;
    uint32_t doc;              /* documents begun */
    int survey;
    sino_clean_report_fn saved_report;
};

sino_clean *sino_clean_new(const sino_clean_tables *t, unsigned passes, sino_error *err)
{
    sino_clean *c = calloc(1, sizeof *c);
    if (!c) {
        sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        return NULL;
    }
    c->t = *t;
    c->passes = passes;
    if ((passes & SINO_CLEAN_MOJIBAKE) && t->charlm) {
        if (sino_charlm_init(&c->lm, t->charlm) != SINO_OK) {
            sino_fail(err, SINO_ERR_FORMAT, "sclean-charlm.sdict: no =total entry or no =common bitmap of the right size; rebuild it");
            free(c);
            return NULL;
        }
        c->lm_ok = 1;
        if (!(c->moji = sino_moji_new())) {
            sino_fail(err, SINO_ERR_NOMEM, "out of memory");
            free(c);
            return NULL;
        }
    }
    clean_bp_filter_build(t->boiler, &c->bp_filter);
    if ((passes & SINO_CLEAN_BOILERPLATE) && !clean_bp_model_load(&c->bm, t->boiler)) {
        sino_fail(err, SINO_ERR_FORMAT, "sclean-boilerplate.sdict: no model weights (=w1:, =w2: keys); rebuild it");
        sino_moji_free(c->moji);
        free(c);
        return NULL;
    }
    sino_buf_init(&c->arena);
    sino_buf_init(&c->a);
    sino_buf_init(&c->b);
    sino_buf_init(&c->para);
    sino_buf_init(&c->piece);
    sino_buf_init(&c->text);
    return c;
}

void sino_clean_free(sino_clean *c)
{
    if (!c) return;
    sino_moji_free(c->moji);
    sino_buf_free(&c->arena);
    sino_buf_free(&c->a);
    sino_buf_free(&c->b);
    sino_buf_free(&c->para);
    sino_buf_free(&c->piece);
    sino_buf_free(&c->text);
    free(c->lines);
    free(c->shapes);
    free(c->bp);
    free(c->run);
    free(c);
}

void sino_clean_set_report(sino_clean *c, sino_clean_report_fn fn, void *ctx)
{
    c->report = fn;
    c->report_ctx = ctx;
}

void sino_clean_begin(sino_clean *c, sino_clean_emit_fn emit, void *ctx)
{
    c->emit = emit;
    c->emit_ctx = ctx;
    c->lineno = 0;
    c->blanks = 0;
    c->next_glue = 0;
    c->open = 0;
    c->nlines = 0;
    c->doc++;
    sino_buf_clear(&c->arena);
    memset(&c->html, 0, sizeof c->html);
}

#define DIFF_LOOK 24     /* characters looked ahead to resynchronise */
#define DIFF_ANCHOR 3    /* equal characters that end a change */

static size_t next_char(const char *s, size_t n, size_t i)
{
    int32_t cp;
    return i + (size_t)sino_utf8_decode_fast((const unsigned char *)s + i, n - i, &cp);
}

/* Byte offset of the k-th character after i (or n). */
static size_t skip_chars(const char *s, size_t n, size_t i, size_t k)
{
    while (k-- && i < n) i = next_char(s, n, i);
    return i;
}

static int same_chars(const char *x, size_t xn, size_t i, const char *y, size_t yn,
                      size_t j, size_t k)
{
    size_t xe = skip_chars(x, xn, i, k), ye = skip_chars(y, yn, j, k);
    if (xe - i != ye - j) return 0;
    if (xe == i) return xe == xn && ye == yn;   /* both at the end */
    if (memcmp(x + i, y + j, xe - i) != 0) return 0;
    /* fewer than k characters left on both sides: only if both end */
    size_t cnt = 0;
    for (size_t q = i; q < xe; q = next_char(x, xn, q)) cnt++;
    return cnt == k || (xe == xn && ye == yn);
}

/* Report each change of before -> after: a greedy character diff that
 * resynchronises on a few equal characters. */
static void report_diff(sino_clean *c, uint64_t line, int pass, const char *x,
                        size_t xn, const char *y, size_t yn)
{
    if (!c->report || (xn == yn && memcmp(x, y, xn) == 0)) return;
    size_t i = 0, j = 0;
    while (i < xn || j < yn) {
        if (i < xn && j < yn) {
            size_t a = next_char(x, xn, i), b = next_char(y, yn, j);
            if (a - i == b - j && memcmp(x + i, y + j, a - i) == 0) {
                i = a, j = b;
                continue;
            }
        }
        /* a change starts at i, j: find the smallest k + l that resyncs */
        size_t bi = xn, bj = yn, best = (size_t)-1;
        for (size_t sum = 1; sum <= 2 * DIFF_LOOK && best == (size_t)-1; sum++) {
            for (size_t k = 0; k <= sum && k <= DIFF_LOOK; k++) {
                size_t l = sum - k;
                if (l > DIFF_LOOK) continue;
                size_t xi = skip_chars(x, xn, i, k), yj = skip_chars(y, yn, j, l);
                if ((xi == xn && k && skip_chars(x, xn, i, k - 1) == xn) ||
                    (yj == yn && l && skip_chars(y, yn, j, l - 1) == yn))
                    continue;
                if (same_chars(x, xn, xi, y, yn, yj, DIFF_ANCHOR)) {
                    bi = xi, bj = yj, best = sum;
                    break;
                }
            }
        }
        c->report(c->report_ctx, line, pass, x + i, bi - i, y + j, bj - j);
        i = bi, j = bj;
    }
}

static int store_line(sino_clean *c, const char *s, size_t n, sino_error *err);

static int flush_window(sino_clean *c, int at_end, sino_error *err);

/* Run the line passes over one physical line. */
int sino_clean_line(sino_clean *c, const char *s, size_t n, int partial, sino_error *err)
{
    if (!c->next_glue) c->lineno++;
    c->cur_partial = partial;
    if (n && s[n - 1] == '\r') n--;
    const char *cur = s;
    size_t cn = n;
    sino_buf *bufs[2] = {&c->a, &c->b};
    int w = 0;
#define STEP(PASS, CALL)                                                          \
    do {                                                                          \
        sino_buf *o = bufs[w];                                                    \
        int rc_ = (CALL);                                                         \
        if (rc_ != SINO_OK) return sino_fail(err, rc_, "out of memory");          \
        report_diff(c, c->lineno, PASS, cur, cn, o->data ? o->data : "", o->len); \
        cur = o->data ? o->data : "";                                             \
        cn = o->len;                                                              \
        w ^= 1;                                                                   \
    } while (0)
    if (c->passes & SINO_CLEAN_PINYIN)
        STEP(SINO_CLEAN_PINYIN, sino_clean_pinyin(c->t.readings, cur, cn, o));
    if ((c->passes & SINO_CLEAN_MOJIBAKE) && c->lm_ok) {
        const char *pre = cur;
        size_t pre_n = cn;
        STEP(SINO_CLEAN_MOJIBAKE, sino_clean_mojibake(c->moji, &c->lm, cur, cn, o, err));
        /* a repaired character may carry a reading: 楝F(xiàn) -> 現(xiàn) */
        if ((c->passes & SINO_CLEAN_PINYIN) && (cn != pre_n || memcmp(cur, pre, cn) != 0))
            STEP(SINO_CLEAN_PINYIN, sino_clean_pinyin(c->t.readings, cur, cn, o));
    }
    if (c->passes & SINO_CLEAN_HTML)
        STEP(SINO_CLEAN_HTML, sino_clean_html(&c->html, cur, cn, o));
    /* the HTML pass may have split the line at block tags */
    size_t i = 0;
    int rc = SINO_OK;
    /* the pieces go through punct, which reuses a, and store_line, whose
     * window flush reuses a and b: the text must be in neither when punct
     * writes over it or when more pieces follow */
    if (cn && (cur == c->a.data || memchr(cur, '\n', cn))) {
        sino_buf_clear(&c->piece);
        if (sino_buf_append(&c->piece, cur, cn) != SINO_OK) return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        cur = c->piece.data;
    }
    const char *text = cn ? cur : "";
    size_t tn = cn;
    while (i <= tn && rc == SINO_OK) {
        const char *nl = tn > i ? memchr(text + i, '\n', tn - i) : NULL;
        size_t e = nl ? (size_t)(nl - text) : tn;
        const char *ps = text + i;
        size_t pn = e - i;
        /* the wrap width is seen in the line as it came, indent and all */
        if (c->passes & SINO_CLEAN_LAYOUT) clean_line_shape(ps, pn, &c->cur_shape);
        if (c->passes & SINO_CLEAN_PUNCT) {
            if (sino_clean_punct(ps, pn, &c->a) != SINO_OK) {
                rc = sino_fail(err, SINO_ERR_NOMEM, "out of memory");
                break;
            }
            report_diff(c, c->lineno, SINO_CLEAN_PUNCT, ps, pn, c->a.data ? c->a.data : "", c->a.len);
            ps = c->a.data ? c->a.data : "";
            pn = c->a.len;
        }
        rc = store_line(c, ps, pn, err);
        if (!nl) break;
        i = e + 1;
    }
    c->next_glue = partial;
    return rc;
#undef STEP
}

static int all_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t') return 0;
    return 1;
}

static int store_line(sino_clean *c, const char *s, size_t n, sino_error *err)
{
    if (all_blank(s, n) && !c->next_glue) {
        c->blanks++;
        return SINO_OK;
    }
    if (SINO_GROW(c->lines, c->cap, c->nlines + 1)) return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    wline *l = &c->lines[c->nlines++];
    l->off = c->arena.len;
    l->len = n;
    l->lineno = c->lineno;
    l->blank_before = c->blanks;
    l->glue = c->next_glue;
    l->drop = 0;
    l->newpara = 0;
    l->interrupts = 0;
    l->shape = c->cur_shape;
    l->shape.blank = c->blanks;
    l->byline = l->headline = -1;
    c->blanks = 0;
    if (sino_buf_append(&c->arena, s, n) != SINO_OK)
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    if (c->arena.len >= SINO_CLEAN_WINDOW_BYTES || c->nlines >= SINO_CLEAN_WINDOW_LINES)
        return flush_window(c, 0, err);
    return SINO_OK;
}

static size_t nchars(const char *s, size_t n)
{
    return clean_nchars_upto(s, n, (size_t)-1);
}

static int seen_has(const sino_clean *c, uint64_t h)
{
    for (size_t i = h % SEEN_CAP, k = 0; k < SEEN_CAP; k++, i = (i + 1) % SEEN_CAP) {
        if (c->seen[i] == h) return 1;
        if (c->seen[i] == 0) return 0;
    }
    return 0;
}

static void seen_add(sino_clean *c, uint64_t h)
{
    if (h == 0 || c->nseen >= SEEN_CAP / 2 || seen_has(c, h)) return;
    size_t i = h % SEEN_CAP;
    while (c->seen[i]) i = (i + 1) % SEEN_CAP;
    c->seen[i] = h;
    c->nseen++;
}


static const char *L(const sino_clean *c, const wline *l) { return c->arena.data + l->off; }

static void drop(sino_clean *c, wline *l, int pass)
{
    if (l->drop) return;
    l->drop = 1;
    if (c->report) c->report(c->report_ctx, l->lineno, pass, L(c, l), l->len, "", 0);
}

/* Whether the line is a byline (found out once). */
static int line_byline(const sino_clean *c, wline *l)
{
    if (l->byline < 0) l->byline = (signed char)sino_clean_is_byline(L(c, l), l->len);
    return l->byline;
}

static int repeatable(const sino_clean *c, wline *l)
{
    const char *s = L(c, l);
    size_t n = l->len;
    if (n > REPEAT_MAX_CHARS * 4) return 0;
    size_t k = nchars(s, n);
    return k >= REPEAT_MIN_CHARS && k <= REPEAT_MAX_CHARS && !clean_contains(s, n, "\xe3\x80\x82") &&
           !line_byline(c, l);
}

/* ---- lines across the documents of a run (the survey) ---- */

#define RUN_MAX_LINES (1u << 20)   /* distinct lines remembered by a survey */

/* The entry of hash h in the run table (an empty slot when absent). */
static size_t run_slot(const sino_clean *c, uint64_t h)
{
    size_t k = (size_t)(h >> 7) & (c->run_cap - 1);
    while (c->run[k].hash && c->run[k].hash != h) k = (k + 1) & (c->run_cap - 1);
    return k;
}

static void run_note(sino_clean *c, uint64_t h)
{
    if (c->run_cap == 0 || c->run_used * 2 >= c->run_cap) {
        if (c->run_cap >= 2 * RUN_MAX_LINES) return;   /* full: no more lines */
        size_t old = c->run_cap, nc = old ? old * 2 : 4096;
        struct run_entry *o = c->run, *r = calloc(nc, sizeof *r);
        if (!r) return;
        c->run = r;
        c->run_cap = nc;
        for (size_t i = 0; i < old; i++)
            if (o[i].hash) c->run[run_slot(c, o[i].hash)] = o[i];
        free(o);
    }
    size_t k = run_slot(c, h);
    struct run_entry *e = &c->run[k];
    if (!e->hash) {
        e->hash = h;
        c->run_used++;
    }
    if (e->last_doc != c->doc) {   /* once per document */
        e->last_doc = c->doc;
        if (e->docs < UINT32_MAX) e->docs++;
    }
}

/* Whether the line of hash h is in two or more documents of the survey. */
static int run_repeated(const sino_clean *c, uint64_t h)
{
    if (!c->run_cap) return 0;
    const struct run_entry *e = &c->run[run_slot(c, h)];
    return e->hash == h && e->docs >= 2;
}

void sino_clean_set_survey(sino_clean *c, int on)
{
    if (on && !c->survey) {
        c->saved_report = c->report;
        c->report = NULL;   /* the survey changes nothing */
    } else if (!on && c->survey) {
        c->report = c->saved_report;
    }
    c->survey = on;
}

void clean_set_bp_trace(sino_clean *c, clean_bp_trace_fn fn, void *ctx)
{
    c->trace = fn;
    c->trace_ctx = ctx;
}

/* Mark the lines that recur in the window (rep: 1 repeatable, 2 repeated),
 * with their hashes: an open-addressing count of the repeatable lines (no
 * sorting). Out of memory, no line counts as repeatable. */
static void count_repeats(sino_clean *c)
{
    size_t n = c->nlines, cap = 16;
    while (cap < 2 * n + 2) cap *= 2;
    uint64_t *h = malloc(cap * sizeof *h);
    uint32_t *cnt = malloc(cap * sizeof *cnt);
    if (!h || !cnt) {
        free(h);
        free(cnt);
        for (size_t i = 0; i < n; i++) c->lines[i].rep = 0;
        return;
    }
    memset(h, 0, cap * sizeof *h);
    for (size_t i = 0; i < n; i++) {
        wline *l = &c->lines[i];
        l->rep = repeatable(c, l);
        if (!l->rep) continue;
        uint64_t x = sino_hash64(L(c, l), l->len) | 1;
        l->hash = x;
        size_t k = (size_t)(x >> 7) & (cap - 1);
        while (h[k] && h[k] != x) k = (k + 1) & (cap - 1);
        if (!h[k]) h[k] = x, cnt[k] = 0;
        cnt[k]++;
    }
    for (size_t i = 0; i < n; i++) {
        wline *l = &c->lines[i];
        if (!l->rep) continue;
        size_t k = (size_t)(l->hash >> 7) & (cap - 1);
        while (h[k] != l->hash) k = (k + 1) & (cap - 1);
        l->rep = cnt[k] >= 2 ? 2 : 1;
    }
    free(h);
    free(cnt);
}

/* A page header or footer cuts a sentence: 如果 表達式 既 / 第19頁 / 不是 null
 * 也不是 0，…. The piece before the furniture is text, although it sits in
 * the furniture's block: a line that is not surely furniture itself and
 * does not recur stays when the lines after it are surely furniture and the line after them continues its
 * sentence: a word or a particle spans the break. */
/* A line of digits alone: a page number. */
static int number_only(const char *s, size_t n)
{
    int digits = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9') digits = 1;
        else if (s[i] != ' ' && s[i] != '\t') return 0;
    }
    return digits;
}

static void keep_cut_sentences(sino_clean *c, size_t n)
{
    clean_bp_line *bp = c->bp;
    for (size_t i = 0; i + 1 < n; i++) {
        if (!bp[i].drop || bp[i].rep_doc || bp[i].rep_run) continue;
        /* a line surely furniture by the model stays furniture, unless it
         * ends where no sentence can (返回檔案大小相關的 / 5 / 限制，…) */
        if (bp[i].p1 >= 0.9f && !clean_ends_open(bp[i].s, bp[i].n)) continue;
        /* a page number is no piece of a sentence */
        if (number_only(bp[i].s, bp[i].n) || sino_clean_is_page_marker(bp[i].s, bp[i].n)) continue;
        size_t j = i + 1;
        while (j < n && bp[j].drop &&
               (bp[j].p1 >= 0.9f || number_only(bp[j].s, bp[j].n) || sino_clean_is_page_marker(bp[j].s, bp[j].n)))
            j++;
        if (j == n || bp[j].drop) continue;
        /* with no furniture after it, only the line's own open end (的, 和)
         * or a word across (打印那些做服 / 务器…) makes it a piece: a next
         * line that starts with 和 may start a sentence of its own after a
         * header (文体 - 某网 / 和 X 不同，…) */
        if (j == i + 1 && !clean_ends_open(bp[i].s, bp[i].n) &&
            !clean_word_spans(&c->t, bp[i].s, bp[i].n, bp[j].s, bp[j].n))
            continue;
        if (clean_sentence_cut(&c->t, bp[i].s, bp[i].n, bp[j].s, bp[j].n)) bp[i].drop = 0;
    }
}

/* The nearest line before (step -1) or after (+1) i with text that is kept. */
static long kept_text_line(const clean_bp_line *bp, size_t n, size_t i, int step)
{
    for (long k = (long)i + step; k >= 0 && k < (long)n; k += step)
        if (bp[k].n && !bp[k].drop) return k;
    return -1;
}

/* A short line between two lines of body text that reads as a clause
 * of running text (不要保留指定的属性, an option's description in a manual)
 * is text: it holds a particle or a negation of running prose, and none of
 * the marks furniture has (a label's colon, separators, brackets, digits,
 * Latin). Lines that recur stay the model's. */
static int running_clause(const char *s, size_t n)
{
    static const char *const marks[] = {"的", "了", "不", "把", "被", "在", "是", NULL};
    static const char *const furniture[] = {"：", ":", "|", "·", "/", "【", "[", "（", "(", "》", "《",
                                           "—", "-", ">", "＞", "_", NULL};
    int prose = 0;
    for (size_t k = 0; marks[k] && !prose; k++) prose = clean_contains(s, n, marks[k]);
    if (!prose) return 0;
    for (size_t k = 0; furniture[k]; k++)
        if (clean_contains(s, n, furniture[k])) return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x80 && s[i] != ' ') return 0;   /* digits, Latin, ASCII marks */
    return 1;
}

static void keep_inner_clauses(sino_clean *c, size_t n)
{
    clean_bp_line *bp = c->bp;
    for (size_t i = 1; i + 1 < n; i++) {
        if (!bp[i].drop || bp[i].rep_doc || bp[i].rep_run || !running_clause(bp[i].s, bp[i].n)) continue;
        long a = kept_text_line(bp, n, i, -1), b = kept_text_line(bp, n, i, 1);
        if (a >= 0 && b >= 0) bp[i].drop = 0;
    }
}

/* A short line the model half suspects that cuts a sentence in two (只要以此名
 * / 文体·太湖晨刊 / 为参项启动…) is furniture whatever its wording: the
 * sentence reads on across it, and neither piece reads on into it. It is
 * marked so that the layout joins the pieces again. */
#define INTERRUPT_P1 0.5f
static void drop_interruptions(sino_clean *c, size_t n)
{
    clean_bp_line *bp = c->bp;
    for (size_t i = 1; i + 1 < n; i++) {
        clean_bp_line *l = &bp[i];
        if (l->drop || l->keep || l->p1 < INTERRUPT_P1 || l->byline == 1 || l->rep_doc ||
            !clean_short_piece(l->s, l->n))
            continue;
        long a = kept_text_line(bp, n, i, -1), b = kept_text_line(bp, n, i, 1);
        if (a < 0 || b < 0 || sino_clean_is_headline(bp[a].s, bp[a].n)) continue;
        if (clean_sentence_goes_on(&c->t, bp[a].s, bp[a].n, bp[b].s, bp[b].n) &&
            !clean_reads_into(&c->t, bp[a].s, bp[a].n, l->s, l->n) &&
            !clean_sentence_goes_on(&c->t, l->s, l->n, bp[b].s, bp[b].n)) {
            l->drop = 1;
            c->lines[i].interrupts = 1;
        }
    }
}

static void boilerplate(sino_clean *c)
{
    size_t n = c->nlines;
    count_repeats(c);
    if (c->survey) {
        for (size_t i = 0; i < n; i++)
            if (c->lines[i].rep) run_note(c, c->lines[i].hash);
        return;
    }
    if (!c->bm.ok || n == 0) return;
    if (SINO_GROW(c->bp, c->bp_cap, n)) return;   /* out of memory: nothing dropped */
    for (size_t i = 0; i < n; i++) {
        wline *l = &c->lines[i];
        clean_bp_line *b = &c->bp[i];
        b->s = L(c, l);
        b->n = l->len;
        b->rep_doc = l->rep == 2;
        b->rep_run = l->rep && ((c->nseen && seen_has(c, l->hash)) || run_repeated(c, l->hash));
        /* a piece of a line longer than the window */
        b->keep = l->glue || (i + 1 < n && c->lines[i + 1].glue) || (i + 1 == n && c->cur_partial);
        b->byline = l->byline;
        b->headline = l->headline;
    }
    if (clean_bp_decide(&c->bm, c->t.boiler, &c->bp_filter, c->bp, n, c->trace, c->trace_ctx) != SINO_OK)
        return;
    for (size_t i = 0; i < n; i++) {   /* found out by the model: kept for the layout */
        c->lines[i].byline = c->bp[i].byline;
        c->lines[i].headline = c->bp[i].headline;
    }
    keep_inner_clauses(c, n);
    keep_cut_sentences(c, n);
    drop_interruptions(c, n);
    for (size_t i = 0; i < n; i++) {
        if (!c->bp[i].drop) continue;
        wline *l = &c->lines[i];
        /* a dropped line seen again in a later document is furniture too */
        if (l->rep) seen_add(c, l->hash);
        drop(c, l, SINO_CLEAN_BOILERPLATE);
    }
}

/* Hand out the paragraph held; end = 0 when it goes on in the next window
 * (a line longer than the window, read in chunks). */
static int emit_para(sino_clean *c, int end, sino_error *err)
{
    if (c->para.len == 0 && !c->open) return SINO_OK;
    int rc = c->emit(c->emit_ctx, c->para.data ? c->para.data : "", c->para.len, end, err);
    c->open = !end;
    sino_buf_clear(&c->para);
    return rc;
}

/* Report the joint of line b to the paragraph or line ending in a. */
static void report_join(sino_clean *c, uint64_t lineno, const char *a, size_t an,
                        const char *b, size_t bn)
{
    if (!c->report) return;
    /* a few characters either side of the joint */
    size_t a0 = an > 12 ? an - 12 : 0;
    a0 = sino_utf8_char_start((const unsigned char *)a, a0);
    size_t b1 = bn > 12 ? 12 : bn;
    while (b1 < bn && (((unsigned char)b[b1]) & 0xC0) == 0x80) b1++;
    sino_buf_clear(&c->b);
    sino_buf_append(&c->b, a + a0, an - a0);
    sino_buf_append(&c->b, "\xe2\x8f\x8e", 3);   /* ⏎ */
    sino_buf_append(&c->b, b, b1);
    size_t mid = c->b.len;
    sino_buf_append(&c->b, a + a0, an - a0);
    sino_buf_append(&c->b, b, b1);
    c->report(c->report_ctx, lineno, SINO_CLEAN_LAYOUT, c->b.data, mid, c->b.data + mid,
              c->b.len - mid);
}

/* Whether joining b after a needs a space: two printable ASCII characters
 * meet (a word, an option, a path: sudo⏎-H is "sudo -H"). Not for a wrap
 * at the width, which cuts words anywhere (join 3). */
static int latin_meet(const char *a, size_t an, const char *b)
{
    unsigned char last = (unsigned char)a[an - 1], first = (unsigned char)b[0];
    /* a word's closing mark joins without a space (50⏎% is 50%) */
    if (first == '%' || first == ',' || first == '.' || first == ';' || first == ':' || first == ')' ||
        first == '!' || first == '?')
        return 0;
    return last > ' ' && last < 0x7F && first > ' ' && first < 0x7F;
}

static const char *T(const sino_clean *c, const wline *l) { return c->text.data + l->toff; }

/* The earlier paragraph (index into open[0..nopen)) that line l surely
 * continues, or -1 when none or more than one does. */
static int column_of(sino_clean *c, const long *open, size_t nopen, const wline *l)
{
    int found = -1;
    for (size_t k = 0; k < nopen; k++) {
        const wline *d = &c->lines[open[k]];
        if (!sino_clean_continues_column(&c->t, T(c, d), d->tlen, T(c, l), l->tlen)) continue;
        if (found >= 0) return -1;   /* ambiguous */
        found = (int)k;
    }
    return found;
}

/* The line's final text, in c->text: page furniture dropped, continuation
 * markers removed, a byline's padded names closed up. *byline: whether it
 * is a byline. SINO_OK or SINO_ERR_NOMEM. */
static int final_text(sino_clean *c, wline *l, int *byline)
{
    const char *s = L(c, l);
    size_t len = l->len;
    if (c->passes & SINO_CLEAN_LAYOUT) {
        if (sino_clean_is_page_marker(s, len)) {
            drop(c, l, SINO_CLEAN_LAYOUT);
            return SINO_OK;
        }
        if (sino_clean_markers(s, len, &c->a) != SINO_OK) return SINO_ERR_NOMEM;
        report_diff(c, l->lineno, SINO_CLEAN_LAYOUT, s, len, c->a.data ? c->a.data : "", c->a.len);
        if (c->a.len < len && c->a.len > 0 && memcmp(c->a.data + c->a.len - 1, s + len - 1, 1) == 0 &&
            memcmp(c->a.data, s, 1) != 0)
            l->newpara = 1;   /* the marker was at the start */
        /* markers only take text away: the same length is the same text */
        if (c->a.len != len) l->byline = l->headline = -1;
        s = c->a.data ? c->a.data : "";
        len = c->a.len;
        if (len == 0) {
            l->drop = 1;   /* nothing but a marker */
            return SINO_OK;
        }
    }
    /* a table row's tabs are not the blanks between names */
    if (l->byline < 0) l->byline = (signed char)sino_clean_is_byline(s, len);
    *byline = !clean_table_row(s, len) && l->byline;
    if ((c->passes & SINO_CLEAN_PUNCT) && *byline) {
        if (sino_clean_byline_close(s, len, &c->b) != SINO_OK) return SINO_ERR_NOMEM;
        report_diff(c, l->lineno, SINO_CLEAN_PUNCT, s, len, c->b.data, c->b.len);
        s = c->b.data;
        len = c->b.len;
        l->headline = -1;   /* of another text now */
    }
    l->toff = c->text.len;
    l->tlen = len;
    l->next = -1;
    l->head = l->space = 0;
    return sino_buf_append(&c->text, s, len);
}

/* The wrap width of the window's kept lines (none when out of memory). */
static void window_wrap(sino_clean *c, clean_wrap *w)
{
    size_t k = 0;
    memset(w, 0, sizeof *w);
    if (SINO_GROW(c->shapes, c->shapes_cap, c->nlines)) return;
    for (size_t i = 0; i < c->nlines; i++)
        if (!c->lines[i].drop) c->shapes[k++] = c->lines[i].shape;
    clean_wrap_detect(c->shapes, k, w);
}

/* Layout decisions for the window's lines: each kept line's final text
 * goes to c->text, and it starts a paragraph or follows a line of one. */
static int layout_lines(sino_clean *c, sino_error *err)
{
    size_t n = c->nlines;
    int layout = c->passes & SINO_CLEAN_LAYOUT;
    clean_wrap wrap;
    if (layout) window_wrap(c, &wrap);
    long last = -1;          /* the last line of the current paragraph */
    long open[OPEN_COLUMNS]; /* last lines of earlier paragraphs */
    size_t nopen = 0;
    int para_byline = -1, para_head = -1;
    sino_buf_clear(&c->para);
    sino_buf_clear(&c->text);
    int cut = 0;             /* lines dropped since the last one kept: 1, 2 a page marker among them */
    for (size_t i = 0; i < n; i++) {
        wline *l = &c->lines[i];
        if (l->drop) {
            if (cut < 2) cut = layout && (l->interrupts || sino_clean_is_page_marker(L(c, l), l->len)) ? 2 : 1;
            continue;
        }
        int byline = 0;
        if (final_text(c, l, &byline) != SINO_OK) return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        if (l->drop) {
            if (cut < 2) cut = layout && sino_clean_is_page_marker(L(c, l), l->len) ? 2 : 1;
            continue;
        }
        int after_cut = cut;
        cut = 0;
        const char *s = T(c, l);
        size_t len = l->tlen;
        int join = 0;
        if (l->glue && (c->para.len || c->open)) {
            join = 2;
        } else if (c->para.len) {
            if (l->glue) join = 2;
            /* a hard-wrapped line: Latin halves meet without a space */
            else if (layout && !l->newpara && last >= 0 && wrap.cols &&
                     clean_wrap_continues(&wrap, &c->lines[last].shape, &l->shape) &&
                     !clean_starts_item(s, len))
                join = 3;
            else if (layout && !l->newpara &&
                     clean_should_join_facts(&c->t, c->para.data, c->para.len, para_byline, para_head,
                                             s, len, byline, l->headline))
                join = 1;
            /* furniture that was dropped cut a sentence (数据 / 第 3 页 /
             * 类型…): joined where the sentence surely goes on, blank lines
             * around the furniture or not */
            else if (layout && after_cut && !byline && para_byline != 1 &&
                     clean_sentence_cut(&c->t, c->para.data, c->para.len, s, len))
                join = 1;
            else if (layout && after_cut == 2 && !l->newpara && clean_page_cut(c->para.data, c->para.len, s, len))
                join = 1;
        }
        /* a column fragment printed further on: to the open paragraph it
         * surely continues, unless it surely continues this one too (not
         * a line handed out in pieces) */
        int piece = (i + 1 < n && c->lines[i + 1].glue) || (i + 1 == n && c->cur_partial);
        if (layout && join < 2 && nopen && !l->newpara && !byline && !piece &&
            sino_clean_column_start(s, len)) {
            int k = column_of(c, open, nopen, l);
            if (k >= 0 && !(join == 1 && sino_clean_continues_column(&c->t, c->para.data,
                                                                     c->para.len, s, len))) {
                wline *d = &c->lines[open[k]];
                report_join(c, l->lineno, T(c, d), d->tlen, T(c, l), l->tlen);
                d->next = (long)i;
                l->space = latin_meet(T(c, d), d->tlen, T(c, l));
                /* the fragment may end open again */
                open[k] = (long)i;
                continue;
            }
        }
        if (!join) {
            /* the current paragraph ends: a place a fragment may continue */
            if (last >= 0 && layout) {
                if (nopen == OPEN_COLUMNS) memmove(open, open + 1, --nopen * sizeof *open);
                open[nopen++] = last;
            }
            sino_buf_clear(&c->para);
            l->head = 1;
        } else {
            if (join == 1 || join == 3) report_join(c, l->lineno, c->para.data, c->para.len, s, len);
            if (last >= 0) c->lines[last].next = (long)i;
            else l->head = 1;   /* continues the paragraph left open by the last window */
            if (join == 1 && latin_meet(c->para.data, c->para.len, s)) {
                l->space = 1;
                sino_buf_putc(&c->para, ' ');
            }
        }
        last = (long)i;
        /* the paragraph is a byline only while it is that one line */
        para_byline = c->para.len == 0 ? byline : 0;
        para_head = c->para.len == 0 ? l->headline : -1;
        if (sino_buf_append(&c->para, s, len) != SINO_OK)
            return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    }
    return SINO_OK;
}

static int flush_window(sino_clean *c, int at_end, sino_error *err)
{
    size_t n = c->nlines;
    if (c->passes & SINO_CLEAN_BOILERPLATE) boilerplate(c);
    if (c->survey) {   /* lines counted, nothing handed out */
        c->nlines = 0;
        sino_buf_clear(&c->arena);
        return SINO_OK;
    }
    int rc = layout_lines(c, err);
    /* the paragraphs, in the order they start, each line after line */
    long final_head = -1;
    for (size_t i = 0; i < n; i++)
        if (!c->lines[i].drop && c->lines[i].head) final_head = (long)i;
    for (size_t i = 0; i < n && rc == SINO_OK; i++) {
        wline *l = &c->lines[i];
        if (l->drop || !l->head) continue;
        sino_buf_clear(&c->para);
        /* a paragraph left open by the last window ends where no piece of
         * its line follows */
        if (c->open && !l->glue) rc = emit_para(c, 1, err);
        for (long k = (long)i; k >= 0 && rc == SINO_OK; k = c->lines[k].next) {
            const wline *x = &c->lines[k];
            if (x->space) sino_buf_putc(&c->para, ' ');
            if (sino_buf_append(&c->para, T(c, x), x->tlen) != SINO_OK)
                rc = sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        }
        /* the window's last paragraph may go on in the next one */
        if (rc == SINO_OK)
            rc = emit_para(c, (long)i != final_head || at_end || !c->cur_partial, err);
    }
    if (rc == SINO_OK && final_head < 0) rc = emit_para(c, at_end || !c->cur_partial, err);
    c->nlines = 0;
    sino_buf_clear(&c->arena);
    return rc;
}

int sino_clean_end(sino_clean *c, sino_error *err)
{
    int rc = flush_window(c, 1, err);
    c->open = 0;
    memset(&c->html, 0, sizeof c->html);
    return rc;
}
