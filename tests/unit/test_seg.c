/* Unit tests: word segmentation (sino_seg) and sentence splitting (sino_sent). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "sino.h"

/* Tokens of text joined by '|'. */
static char *joined(const char *text, const sino_tokens *t)
{
    static char out[4096];
    size_t o = 0;
    for (size_t i = 0; i < t->n && o + 64 < sizeof out; i++) {
        if (i) out[o++] = '|';
        size_t n = t->v[i].end - t->v[i].start;
        memcpy(out + o, text + t->v[i].start, n);
        o += n;
    }
    out[o] = 0;
    return out;
}

static const char *cut(const sino_seg *s, const char *text, unsigned flags)
{
    sino_tokens t;
    sino_error e;
    sino_error_clear(&e);
    sino_tokens_init(&t);
    int r = sino_seg_cut(s, text, strlen(text), flags, &t, &e);
    CHECK_INT(r, SINO_OK);
    /* without SEARCH the tokens cover the text exactly */
    if (!(flags & SINO_SEG_SEARCH)) {
        size_t at = 0;
        int ok = 1;
        for (size_t i = 0; i < t.n; i++) {
            if (t.v[i].start != at || t.v[i].end <= at) ok = 0;
            at = t.v[i].end;
        }
        CHECK(ok && at == strlen(text));
    }
    const char *j = joined(text, &t);
    sino_tokens_free(&t);
    return j;
}

static void test_seg(void)
{
    sino_error e;
    sino_error_clear(&e);
    sino_seg *s = sino_seg_open(&e);
    CHECK(s != NULL);
    if (!s) {
        fprintf(stderr, "sino_seg_open: %s\n", e.msg);
        return;
    }
    CHECK_STR(cut(s, "他来到了网易杭研大厦", SINO_SEG_HMM), "他|来到|了|网易|杭研|大厦");
    CHECK_STR(cut(s, "他来到了网易杭研大厦", 0), "他|来到|了|网易|杭|研|大厦");
    CHECK(!strcmp(cut(s, "小明硕士毕业于中国科学院计算所", SINO_SEG_HMM | SINO_SEG_SEARCH),
                  "小明|硕士|毕业|于|中国|科学|学院|科学院|中国科学院|计算|计算所"));
    CHECK_STR(cut(s, "version 3.14% C++", SINO_SEG_HMM), "version| |3.14%| |C++");
    CHECK_STR(cut(s, "a\r\nb", SINO_SEG_HMM), "a|\r\n|b");
    CHECK_STR(cut(s, "x\xff" "y", SINO_SEG_HMM), "x|\xff|y");
    /* Traditional through the t2s view keeps the original bytes */
    CHECK_STR(cut(s, "中國科學院", SINO_SEG_HMM | SINO_SEG_T2S), "中國科學院");
    char *plain = strdup(cut(s, "著力点", SINO_SEG_HMM));   /* 著 is Simplified too */
    CHECK(plain && !strcmp(cut(s, "著力点", SINO_SEG_HMM | SINO_SEG_T2S), plain));
    free(plain);
    CHECK_STR(cut(s, "", SINO_SEG_HMM), "");
    CHECK(sino_seg_word_freq(s, "中国", strlen("中国")) > 0);
    CHECK_INT(sino_seg_word_freq(s, "中国科", strlen("中国科")), 0);   /* prefix only */
    const char *tag;
    size_t tl = sino_seg_tag(s, "北京", strlen("北京"), 0, &tag);
    CHECK(tl == 2 && !memcmp(tag, "ns", 2));
    tl = sino_seg_tag(s, "123", 3, 0, &tag);
    CHECK(tl == 1 && tag[0] == 'm');
    /* jieba.posseg: 由市发 is cut by its own HMM */
    {
        const char *text = "国家发改委由市发展中心";
        sino_tokens t;
        sino_tags tags;
        sino_tokens_init(&t);
        sino_tags_init(&tags);
        CHECK_INT(sino_seg_cut_pos(s, text, strlen(text), SINO_SEG_HMM, &t, &tags, &e), SINO_ERR_USAGE);
        CHECK_INT(sino_seg_load_pos(s, &e), SINO_OK);
        CHECK_INT(sino_seg_cut_pos(s, text, strlen(text), SINO_SEG_HMM, &t, &tags, &e), SINO_OK);
        CHECK(t.n == tags.n && t.n > 0);
        int ok = 1;
        for (size_t i = 0; i < tags.n; i++) ok &= tags.v[i].len > 0;
        CHECK(ok);
        CHECK(t.n > 0 && t.v[0].start == 0 && t.v[t.n - 1].end == strlen(text));
        sino_tokens_free(&t);
        sino_tags_free(&tags);
    }
    /* a user word */
    CHECK_INT(sino_seg_add_word(s, "杭研大厦", strlen("杭研大厦"), 1000, "nt", 2, &e), SINO_OK);
    CHECK_STR(cut(s, "他来到了网易杭研大厦", SINO_SEG_HMM), "他|来到|了|网易|杭研大厦");
    tl = sino_seg_tag(s, "杭研大厦", strlen("杭研大厦"), 0, &tag);
    CHECK(tl == 2 && !memcmp(tag, "nt", 2));
    sino_seg_close(s);
}

static const char *sents(const char *text, unsigned flags)
{
    sino_tokens t;
    sino_error e;
    sino_tokens_init(&t);
    CHECK_INT(sino_sent_split(text, strlen(text), flags, &t, &e), SINO_OK);
    const char *j = joined(text, &t);
    sino_tokens_free(&t);
    return j;
}

static void test_sent(void)
{
    CHECK_STR(sents("你好。再见！", 0), "你好。|再见！");
    CHECK_STR(sents("他说：“走吧。”然后走了。", 0), "他说：“走吧。”|然后走了。");
    CHECK_STR(sents("我看了《摔跤吧！爸爸》。", 0), "我看了《摔跤吧！爸爸》。");
    CHECK_STR(sents("圆周率是3.14。好", 0), "圆周率是3.14。|好");
    CHECK_STR(sents("真的吗?是的", 0), "真的吗?|是的");
    CHECK_STR(sents("一；二", 0), "一；二");
    CHECK_STR(sents("一；二", SINO_SENT_SEMICOLON), "一；|二");
    CHECK_STR(sents("", 0), "");
}

int main(void)
{
    test_seg();
    test_sent();
    return check_summary("test_seg");
}
