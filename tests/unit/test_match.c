/* Unit tests: folded search, gaps, regex engine, grep driver. */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "match_find.h"
#include "sino.h"
#include <utf8proc.h>

static sino_dict *tiny_variants(void)
{
    sino_error err;
    sino_error_clear(&err);
    sino_dict_builder *b = sino_dict_builder_new();
    const char *rows[][2] = {{"发", "发發髮"}, {"發", "發发"}, {"后", "后後"}, {"後", "後后"},
                             {"来", "来來"}, {"來", "來来"}, {"国", "国國"}, {"國", "國国"}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        sino_dict_builder_add(b, rows[i][0], strlen(rows[i][0]), 0, rows[i][1],
                              strlen(rows[i][1]), &err);
    sino_dict *d = sino_dict_builder_to_dict(b, SINO_MATCH_VARIANTS_KIND, NULL, &err);
    sino_dict_builder_free(b);
    return d;
}

static void test_literal(const sino_dict *v)
{
    char got[128];
    CHECK(find1(v, 0, "发展", "他們的發展", got, sizeof got) == 1 && !strcmp(got, "發展"));
    CHECK(find1(v, 0, "後来", "以后來", got, sizeof got) == 1 && !strcmp(got, "后來"));
    CHECK(find1(v, 0, "ABC", "xＡＢＣy", got, sizeof got) == 1 && !strcmp(got, "ＡＢＣ"));
    CHECK(find1(v, 0, "ＡＢＣ", "xABCy", got, sizeof got) == 1 && !strcmp(got, "ABC"));
    CHECK_INT(find1(v, 0, "abc", "ABC", got, sizeof got), 0);
    CHECK(find1(v, SINO_MATCH_ICASE, "abc", "xAbC", got, sizeof got) == 1 && !strcmp(got, "AbC"));
    CHECK_INT(find1(v, SINO_MATCH_ICASE, "abc", "Ａｂｃ", got, sizeof got), 1);
    /* gaps: line break, blank line, pinyin, both */
    CHECK(find1(v, 0, "发展", "发\n展", got, sizeof got) == 1 && !strcmp(got, "发\n展"));
    CHECK_INT(find1(v, 0, "发展", "发 \r\n\n  展", got, sizeof got), 1);
    CHECK_INT(find1(v, 0, "发展", "发\n\n\n展", got, sizeof got), 0);
    CHECK(find1(v, 0, "发展", "發(fā)展", got, sizeof got) == 1 && !strcmp(got, "發(fā)展"));
    CHECK_INT(find1(v, 0, "发展", "發（fā）\n展", got, sizeof got), 1);
    CHECK_INT(find1(v, 0, "发展", "發(ABC)展", got, sizeof got), 0);
    /* gaps only between Chinese characters: Latin text matches as grep's */
    CHECK_INT(find1(v, 0, "hello world", "say hello\nworld", got, sizeof got), 0);
    CHECK_INT(find1(v, 0, "ofthe", "of\nthe", got, sizeof got), 0);
    CHECK_INT(find1(v, 0, "callback", "call(me)back", got, sizeof got), 0);
    CHECK_INT(find1(v, 0, "a发", "a\n发", got, sizeof got), 0);
    CHECK(find1(v, 0, "中国 人民", "中国\n人民", got, sizeof got) == 1 &&
          !strcmp(got, "中国\n人民"));
    CHECK_INT(find1(v, 0, "发展，", "发展\n，", got, sizeof got), 1);
    CHECK_INT(find1(v, 0, "hello world", "hello  world", got, sizeof got), 0);
    CHECK_INT(find1(v, 0, "发展", "\n展发", got, sizeof got), 0);
    /* exact: nothing folded */
    CHECK_INT(find1(v, SINO_MATCH_EXACT, "发展", "發展", got, sizeof got), 0);
    CHECK_INT(find1(v, SINO_MATCH_EXACT, "发展", "发\n展", got, sizeof got), 0);
    CHECK_INT(find1(v, SINO_MATCH_EXACT, "发展", "x发展", got, sizeof got), 1);
    CHECK_INT(find1(v, SINO_MATCH_NO_GAPS, "发展", "發\n展", got, sizeof got), 0);
    /* whole lines */
    CHECK(find1(v, SINO_MATCH_LINE, "发展", "发展中\n發展\n", got, sizeof got) == 1 && !strcmp(got, "發展"));
    /* leftmost, anchored on a later character */
    CHECK(find1(v, 0, "国家", "中国国家", got, sizeof got) == 1 && !strcmp(got, "国家"));
    CHECK(find1(v, 0, "", "abc", got, sizeof got) == 1 && !strcmp(got, ""));
    /* a string that is not UTF-8 is searched byte for byte (grep -F) */
    CHECK_INT(find1(v, 0, "\xff", "abc", got, sizeof got), 0);
    CHECK(find1(v, 0, "a\xff", "xa\xffz", got, sizeof got) == 1 && !strcmp(got, "a\xff"));
}

static void test_more(const sino_dict *v)
{
    sino_error err;
    sino_error_clear(&err);
    sino_matcher *m = sino_matcher_new(v, 0, &err);
    CHECK(m && sino_matcher_add(m, "发展", 6, &err) == SINO_OK);
    const char *t = "abc\n发\n";
    size_t s, e;
    /* the text may go on: the candidate at the end needs more bytes */
    CHECK(sino_matcher_find(m, t, strlen(t), 0, 0, &s, &e) == SINO_MATCH_MORE && s == 4);
    sino_matcher_reset(m);
    CHECK_INT(sino_matcher_find(m, t, strlen(t), 0, 1, &s, &e), SINO_MATCH_NONE);
    sino_matcher_free(m);
}

static void test_pinyin(void)
{
    CHECK_INT(sino_match_pinyin_len((const unsigned char *)"(fā)展", 8), 5);
    CHECK_INT(sino_match_pinyin_len((const unsigned char *)"(zhuàng)x", 10), 9);
    CHECK_INT(sino_match_pinyin_len((const unsigned char *)"(de)x", 5), 4);
    CHECK_INT(sino_match_pinyin_len((const unsigned char *)"(fa1)x", 6), 5);
    CHECK_INT(sino_match_pinyin_len((const unsigned char *)"(USA)x", 6), 0);
    CHECK_INT(sino_match_pinyin_len((const unsigned char *)"(1)x", 4), 0);
    CHECK_INT(sino_match_pinyin_len((const unsigned char *)"(fā", 4), 0);
    CHECK_INT(sino_match_fold_cp(0xFF21, 0), 'A');
    CHECK_INT(sino_match_fold_cp(0xFF21, SINO_MATCH_ICASE), 'a');
    CHECK_INT(sino_match_fold_cp(0xFF21, SINO_MATCH_EXACT), 0xFF21);
}

static void test_regex(const sino_dict *v)
{
    char got[128];
    int R = SINO_MATCH_REGEX;
    CHECK(find1(v, R, "发[展表]", "發表", got, sizeof got) == 1 && !strcmp(got, "發表"));
    CHECK(find1(v, R, "a|bc", "xbcx", got, sizeof got) == 1 && !strcmp(got, "bc"));
    CHECK(find1(v, R, "a+", "baaab", got, sizeof got) == 1 && !strcmp(got, "aaa"));
    CHECK(find1(v, R, "(ab|a)(c|bcd)", "abcd", got, sizeof got) == 1 && !strcmp(got, "abcd"));
    CHECK_INT(find1(v, R, "^b", "ab", got, sizeof got), 0);
    CHECK_INT(find1(v, R, "b$", "ab\nc", got, sizeof got), 1);
    CHECK(find1(v, R, "x{2,3}", "xxxxx", got, sizeof got) == 1 && !strcmp(got, "xxx"));
    CHECK(find1(v, R, "[^a-c]+", "abcdef", got, sizeof got) == 1 && !strcmp(got, "def"));
    CHECK(find1(v, R, "[[:digit:]]+", "ab１２3", got, sizeof got) == 1 && !strcmp(got, "3"));   /* grep's classes */
    CHECK_INT(find1(v, R, "\\bis\\b", "this is", got, sizeof got), 1);
    CHECK_INT(find1(v, R, "中.国", "中华國", got, sizeof got), 1);
    CHECK_INT(find1(v, R, ".", "\n", got, sizeof got), 0);
    CHECK_INT(find1(v, R | SINO_MATCH_ICASE, "[A-C]x", "bX", got, sizeof got), 1);
    CHECK(find1(v, R, "(a", "a", got, sizeof got) < 0);
    CHECK(find1(v, R, "a{3,1}", "a", got, sizeof got) < 0);
    CHECK(find1(v, R, "\\1", "a", got, sizeof got) < 0);
    CHECK(find1(v, R | SINO_MATCH_LINE, "a+", "aab\naa", got, sizeof got) == 1 && !strcmp(got, "aa"));
    /* the required-character prefilter skips lines, not matches */
    CHECK(find1(v, R, "a.c|b$", "xyz\nab\nabc", got, sizeof got) == 1 && !strcmp(got, "b"));
    CHECK(find1(v, R, "發+x", "zz\n发发x", got, sizeof got) == 1 && !strcmp(got, "发发x"));
    CHECK(find1(v, R, "^國", "中国\n國", got, sizeof got) == 1 && !strcmp(got, "國"));
    /* no exponential blow-up */
    CHECK_INT(find1(v, R, "(a*)*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac", got, sizeof got), 0);
}

/* Run the grep driver over text; returns the output in a static buffer. */
static const char *grep_out(const sino_dict *v, int flags, const char *pat,
                            const sino_grep_opts *o, const char *text, size_t len,
                            unsigned long long *matches)
{
    static char out[4096];
    char path[] = "/tmp/sino-test-match.XXXXXX";
    int fd = mkstemp(path);
    out[0] = 0;
    if (fd < 0) return out;
    unlink(path);
    sino_error err;
    sino_error_clear(&err);
    sino_matcher *m = sino_matcher_new(v, flags, &err);
    sino_matcher_add(m, pat, strlen(pat), &err);
    sino_writer *w = sino_writer_from_fd(fd, "test");
    sino_grep_result res;
    memset(&res, 0, sizeof res);
    int st = sino_grep_mem(m, o, text, len, "t", w, &res, &err);
    sino_writer_close(w, &err);
    if (matches) *matches = res.matches;
    ssize_t n = pread(fd, out, sizeof out - 1, 0);
    out[n > 0 ? n : 0] = 0;
    close(fd);
    sino_matcher_free(m);
    return st == SINO_OK ? out : "error";
}

static void test_grep(const sino_dict *v)
{
    sino_grep_opts o;
    memset(&o, 0, sizeof o);
    o.max_count = -1;
    const char *t = "一\n发展\n二\n共同\n富裕\n三\n";
    unsigned long long n;
    CHECK(!strcmp(grep_out(v, 0, "發展", &o, t, strlen(t), &n), "发展\n") && n == 1);
    CHECK_STR(grep_out(v, 0, "共同富裕", &o, t, strlen(t), &n), "共同\n富裕\n");
    o.line_number = 1;
    CHECK_STR(grep_out(v, 0, "共同富裕", &o, t, strlen(t), &n), "4:共同\n5:富裕\n");
    o.only = 1;
    CHECK_STR(grep_out(v, 0, "共同富裕", &o, t, strlen(t), &n), "4:共同富裕\n");
    o.only = 0;
    o.line_number = 0;
    o.invert = 1;
    CHECK(!strcmp(grep_out(v, 0, "共同富裕", &o, t, strlen(t), &n), "一\n发展\n二\n三\n") && n == 4);
    o.invert = 0;
    o.count = 1;
    CHECK_STR(grep_out(v, 0, "[一二三]", &o, t, strlen(t), &n), "0\n");
    CHECK_STR(grep_out(v, SINO_MATCH_REGEX, "[一二三]", &o, t, strlen(t), &n), "3\n");
    o.count = 0;
    /* a line longer than the window is searched in pieces, in bounded memory */
    size_t big = 300000;
    char *line = malloc(big + 16);
    if (line) {
        memset(line, 'x', big);
        memcpy(line + big - 10, "发展", 6);
        memcpy(line + big, "\nab\n", 5);
        o.max_window = 4096;
        o.count = 1;
        CHECK_STR(grep_out(v, 0, "发展", &o, line, big + 4, &n), "1\n");
        CHECK_STR(grep_out(v, 0, "ab", &o, line, big + 4, &n), "1\n");
        free(line);
    }
}

/* Random texts and patterns (a fixed seed): results stay inside the text
 * and the search never reads outside it (checked under ASan by make check
 * SAN=1). */
static uint32_t rnd(uint32_t *state)
{
    *state = *state * 1103515245u + 12345u;
    return (*state >> 16) & 0x7FFF;
}

static void test_random(const sino_dict *v)
{
    static const char *pieces[] = {"发", "發", "展", "后", "後", "\n", "\n\n", " ", "(fā)", "（fā）",
                                   "(", ")", "a", "A", "Ａ", "\xff", "\xe5", "\xe5\xb1", ".", "*",
                                   "[", "]", "|", "^", "$", "{2}", "\\", "国", "家", "中"};
    const int np = (int)(sizeof pieces / sizeof pieces[0]);
    uint32_t seed = 12345;
    int bad = 0;
    for (int round = 0; round < 400; round++) {
        char text[256], pat[32];
        size_t tl = 0, pl = 0;
        int n = (int)(rnd(&seed) % 30);
        for (int i = 0; i < n; i++) {
            const char *pc = pieces[rnd(&seed) % (uint32_t)np];
            size_t l = strlen(pc);
            if (tl + l < sizeof text) {
                memcpy(text + tl, pc, l);
                tl += l;
            }
        }
        n = 1 + (int)(rnd(&seed) % 4);
        for (int i = 0; i < n; i++) {
            const char *pc = pieces[rnd(&seed) % (uint32_t)np];
            size_t l = strlen(pc);
            if (pl + l < sizeof pat) {
                memcpy(pat + pl, pc, l);
                pl += l;
            }
        }
        int flags = (int)(rnd(&seed) % 32) & (SINO_MATCH_REGEX | SINO_MATCH_ICASE |
                                            SINO_MATCH_LINE | SINO_MATCH_EXACT);
        sino_error err;
        sino_error_clear(&err);
        sino_matcher *m = sino_matcher_new(v, flags, &err);
        if (!m) continue;
        if (memchr(pat, '\n', pl) == NULL && sino_matcher_add(m, pat, pl, &err) == SINO_OK) {
            /* copy to a heap block of exactly tl bytes so ASan sees overreads */
            char *t = malloc(tl ? tl : 1);
            if (t) {
                memcpy(t, text, tl);
                for (size_t from = 0; from <= tl; from++) {
                    for (int eof = 0; eof < 2; eof++) {
                        size_t s = 0, e = 0;
                        sino_matcher_reset(m);
                        int r = sino_matcher_find(m, t, tl, from, eof, &s, &e);
                        if (r == SINO_MATCH_FOUND && !(from <= s && s <= e && e <= tl)) bad++;
                        if (r == SINO_MATCH_MORE && s > tl) bad++;
                        if (r < 0) bad++;
                    }
                }
                free(t);
            }
        }
        sino_matcher_free(m);
    }
    CHECK_INT(bad, 0);

    /* the grep driver: random options, tiny windows (lines cut in pieces) */
    int devnull = open("/dev/null", O_WRONLY);
    int failures = 0;
    for (int round = 0; round < 300 && devnull >= 0; round++) {
        char text[512];
        size_t tl = 0;
        int n = (int)(rnd(&seed) % 60);
        for (int i = 0; i < n; i++) {
            const char *pc = pieces[rnd(&seed) % (uint32_t)np];
            size_t l = strlen(pc);
            if (tl + l < sizeof text) {
                memcpy(text + tl, pc, l);
                tl += l;
            }
        }
        sino_grep_opts o;
        memset(&o, 0, sizeof o);
        uint32_t r = rnd(&seed);
        o.invert = r & 1;
        o.count = (r >> 1) & 1;
        o.only = (r >> 2) & 1;
        o.line_number = (r >> 3) & 1;
        o.before = (int)((r >> 4) & 3);
        o.after = (int)((r >> 6) & 3);
        o.sentence = (r >> 8) & 1;
        o.json = (r >> 9) & 1;
        o.color = (r >> 10) & 1;
        o.with_name = (r >> 11) & 1;
        o.max_count = (r >> 12) & 1 ? (long long)(rnd(&seed) % 3) : -1;
        o.max_window = 16 + rnd(&seed) % 64;
        sino_error err;
        sino_error_clear(&err);
        sino_matcher *m = sino_matcher_new(v, (r >> 13) & 1 ? SINO_MATCH_REGEX : 0, &err);
        const char *pat = pieces[rnd(&seed) % (uint32_t)np];
        if (m && !strchr(pat, '\n') && sino_matcher_add(m, pat, strlen(pat), &err) == SINO_OK) {
            char *t = malloc(tl ? tl : 1);
            sino_writer *w = sino_writer_from_fd(devnull, "null");
            if (t && w) {
                memcpy(t, text, tl);
                sino_grep_result res;
                memset(&res, 0, sizeof res);
                if (sino_grep_mem(m, &o, t, tl, "x", w, &res, &err) != SINO_OK) failures++;
            }
            sino_writer_close(w, &err);
            free(t);
        }
        sino_matcher_free(m);
    }
    if (devnull >= 0) close(devnull);
    CHECK_INT(failures, 0);
}

/* -i: the classes GNU grep -i makes (k K Kelvin; i I dotless-i; s S long-s;
 * sigma forms; micro and mu), the dotted capital I and capital sharp s
 * alone; and the list of odd folds equal to what utf8proc says of all of
 * Unicode. */
static void test_icase_classes(const sino_dict *v)
{
    char got[64];
    const int I = SINO_MATCH_ICASE;
    const char *same[][2] = {{"\u212A", "\u212A"}, {"i", "\u0131"},
                             {"\u0131", "I"}, {"s", "\u017F"}, {"\u03C3", "\u03C2"},
                             {"\u00B5", "\u039C"}, {"\u0130", "\u0130"}, {"\u1C80", "\u0412"},
                             {"\u1E9E", "\u1E9E"}, {"ab\u0131c", "ABIC"}};
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
        CHECK(find1(v, I, same[i][0], same[i][1], got, sizeof got) == 1);
    CHECK(find1(v, I, "\u0130", "i", got, sizeof got) == 0);
    CHECK(find1(v, I, "i", "\u0130", got, sizeof got) == 0);
    CHECK(find1(v, I, "\u1E9E", "\u00DF", got, sizeof got) == 0);
    /* grep -i: the Kelvin, Angstrom and Ohm signs match only themselves,
     */
    const char *apart[][2] = {{"k", "\u212A"}, {"K", "\u212A"}, {"\u212A", "k"},
                              {"\u00E5", "\u212B"}, {"\u212B", "\u00C5"}, {"\u03C9", "\u2126"},
                              {"\u00DF", "\u1E9E"}};
    for (size_t i = 0; i < sizeof apart / sizeof apart[0]; i++)
        CHECK(find1(v, I, apart[i][0], apart[i][1], got, sizeof got) == 0);
    const uint32_t (*pairs)[2];
    size_t np = sino_match_odd_case(&pairs), k = 0, bad = 0;
    for (uint32_t x = 0x80; x < 0x110000; x++) {
        uint32_t f = sino_match_fold_cp(x, I | SINO_MATCH_EXACT);
        if (f == x || x == (uint32_t)utf8proc_toupper((utf8proc_int32_t)f) ||
            x == (uint32_t)utf8proc_totitle((utf8proc_int32_t)f))
            continue;
        if (k >= np || pairs[k][0] != x || pairs[k][1] != f) bad++;
        k++;
    }
    CHECK(bad == 0 && k == np);
}

int main(void)
{
    sino_dict *v = tiny_variants();
    CHECK(v != NULL);
    if (!v) return check_summary("test_match");
    test_literal(v);
    test_more(v);
    test_pinyin();
    test_regex(v);
    test_grep(v);
    test_random(v);
    test_icase_classes(v);
    sino_dict_close(v);
    return check_summary("test_match");
}
