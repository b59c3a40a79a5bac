/* test_clean.c - unit tests of the sclean passes (needs SINO_DATA). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "sino.h"

static sino_clean_tables T;
static sino_charlm LM;
static sino_moji *M;
static sino_buf out;


static void pinyin(const char *in, const char *want)
{
    CHECK_INT(sino_clean_pinyin(T.readings, in, strlen(in), &out), SINO_OK);
    CHECK_MEM(out.data ? out.data : "", out.len, want);
    if (out.len != strlen(want) || memcmp(out.data, want, out.len))
        fprintf(stderr, "  pinyin: %s -> %.*s (want %s)\n", in, (int)out.len, out.data, want);
}

static void punct(const char *in, const char *want)
{
    CHECK_INT(sino_clean_punct(in, strlen(in), &out), SINO_OK);
    CHECK_MEM(out.data ? out.data : "", out.len, want);
    if (out.len != strlen(want) || memcmp(out.data, want, out.len))
        fprintf(stderr, "  punct: %s -> %.*s (want %s)\n", in, (int)out.len, out.data, want);
}

static void html(const char *in, const char *want)
{
    sino_html_state st = {0, 0};
    CHECK_INT(sino_clean_html(&st, in, strlen(in), &out), SINO_OK);
    CHECK_MEM(out.data ? out.data : "", out.len, want);
    if (out.len != strlen(want) || memcmp(out.data, want, out.len))
        fprintf(stderr, "  html: %s -> %.*s (want %s)\n", in, (int)out.len, out.data, want);
}

static void moji(const char *in, const char *want)
{
    sino_error err;
    sino_error_clear(&err);
    CHECK_INT(sino_clean_mojibake(M, &LM, in, strlen(in), &out, &err), SINO_OK);
    CHECK_MEM(out.data ? out.data : "", out.len, want);
    if (out.len != strlen(want) || memcmp(out.data, want, out.len))
        fprintf(stderr, "  mojibake: %s -> %.*s (want %s)\n", in, (int)out.len, out.data, want);
}

static void markers(const char *in, const char *want)
{
    CHECK_INT(sino_clean_markers(in, strlen(in), &out), SINO_OK);
    CHECK_MEM(out.data ? out.data : "", out.len, want);
}

#define JOIN(a, b) sino_clean_should_join(&T, a, strlen(a), b, strlen(b))
#define BYLINE(s) sino_clean_is_byline(s, strlen(s))
#define PAGE(s) sino_clean_is_page_marker(s, strlen(s))
#define BP(s) sino_clean_boiler_match(T.boiler, s, strlen(s))

int main(void)
{
    sino_error err;
    sino_error_clear(&err);
    if (sino_clean_tables_open(&T, SINO_CLEAN_ALL, &err) != SINO_OK) {
        fprintf(stderr, "test_clean: %s\n", err.msg);
        return 1;
    }
    CHECK_INT(sino_charlm_init(&LM, T.charlm), SINO_OK);
    M = sino_moji_new();
    sino_buf_init(&out);

    /* pass names */
    CHECK_INT(sino_clean_pass_by_name("mojibake"), SINO_CLEAN_MOJIBAKE);
    CHECK_STR(sino_clean_pass_name(SINO_CLEAN_PUNCT), "punct");
    CHECK_INT(sino_clean_pass_by_name("nope"), 0);

    /* pinyin readings */
    pinyin("新江南網(wǎng)歡迎你", "新江南網歡迎你");
    pinyin("兩個(gè)擔(dān)當(dāng)", "兩個擔當");
    pinyin("擔（dān）當", "擔當");
    pinyin("區縣(市)與基層", "區縣(市)與基層");
    pinyin("博览会(CMEF)期间", "博览会(CMEF)期间");
    pinyin("(陈雨诗 何惠铭)", "(陈雨诗 何惠铭)");
    pinyin("網(dān)", "網(dān)");                /* not a reading of 網 */
    pinyin("apt(wǎng)", "apt(wǎng)");          /* no Han before it */
    pinyin("當?shù)氐", "當氐");                 /* broken leftover */
    pinyin("他們?nèi)谌", "他們谌");
    pinyin("他們(men)來", "他們來");
    pinyin("问题?请", "问题?请");

    /* punctuation and spacing */
    punct("你好,世界!", "你好，世界！");
    punct("下降37.5%,各类", "下降37.5%，各类");
    punct("apt-get install, done", "apt-get install, done");
    punct("3.5 与 95%-98%", "3.5 与 95%-98%");
    punct("區縣(市)與", "區縣（市）與");
    punct("博览会(CMEF)期间", "博览会（CMEF）期间");
    punct("f(x) = 1", "f(x) = 1");
    punct("ＡＢＣ１２３", "ABC123");
    punct("\xe3\x80\x80\xe3\x80\x80首段\t", "首段");
    punct("a\xe2\x80\x8b" "b\xc2\xad" "c\x01" "d", "abcd");
    punct("\xef\xbb\xbf" "开头", "开头");
    punct("中文 English 混排", "中文 English 混排");
    punct("时间:10:30", "时间：10:30");
    punct("为什么?", "为什么？");
    /* Latin typography and code stay: a blank after the mark or before the
     * parenthesis, an operator, a line with Latin full stops after Han */
    punct("秒间隔数, 那么在 (或者使用)", "秒间隔数, 那么在 (或者使用)");
    punct("使用时, 表示没有单元。", "使用时， 表示没有单元。");
    punct("前面有 FROM, 用 IN 是扩展。", "前面有 FROM， 用 IN 是扩展。");
    punct("代码 return 0; 只在满足时返回。", "代码 return 0; 只在满足时返回。");
    punct("当使用 == 和 != 操作符时", "当使用 == 和 != 操作符时");
    punct("访问,那么成功退出.当文件(只读)", "访问,那么成功退出.当文件(只读)");
    punct("甲\t乙\t\t丙\t", "甲\t乙\t\t丙\t");
    punct("-alias\xc2\xa0" "file", "-alias\xc2\xa0" "file");
    punct("命令\xc2\xa0或", "命令\xc2\xa0或");
    punct("甲\xe3\x80\x80乙", "甲 乙");

    /* html */
    html("&ldquo;你好&rdquo;&#12290;&#x3002;&nbsp;", "\xe2\x80\x9c你好\xe2\x80\x9d。。 ");
    html("<p>第一段</p><p>第二段</p>", "第一段\n第二段\n");
    html("甲<span style=\"display:none\">隐藏</span>乙", "甲乙");
    html("甲<div style=\"visibility: hidden\">隐<b>藏</b></div>乙", "甲乙");
    html("窗口?span style=\"display:none\">Y3O新江南網", "窗口");
    html("概率是多少?p>0 时成立", "概率是多少?p>0 时成立");
    html("甲<script>var a = 1 < 2;</script>乙", "甲乙");
    html("<<三国演义>> a < b", "<<三国演义>> a < b");
    html("<三国>", "<三国>");
    /* prose that names a tag or a comment opener is not markup to skip */
    html("在输出的 HTML <style> 标签中包含 FILE 的内容。", "在输出的 HTML <style> 标签中包含 FILE 的内容。");
    html("-x <table>-attributes 用于属性名 (<tr>)", "-x <table>-attributes 用于属性名 (<tr>)");
    html("eject -c <slot>", "eject -c <slot>");
    html("将<dir>视为根目录", "将<dir>视为根目录");
    html("HTML 里的 <p> 标签表示一个段落，<br> 表示换行。", "HTML 里的 <p> 标签表示一个段落，<br> 表示换行。");
    /* a '<' is markup only before a known element name with tag syntax */
    html("当 x<y 且 y>z 时，不等式链不一定成立。", "当 x<y 且 y>z 时，不等式链不一定成立。");
    html("if (a<b && c>d) return;", "if (a<b && c>d) return;");
    html("vector<int> v; a<b>c; List<object> x; 1<2; x < y", "vector<int> v; a<b>c; List<object> x; 1<2; x < y");
    html("作者 <a@b.cn>，<未知>，<!重要>", "作者 <a@b.cn>，<未知>，<!重要>");
    html("<b>粗</b>文字<br/>下<a href=\"/x?a=1&amp;b=2\" title='a>b'>链</a>", "粗文字\n下链");
    html("<p>第一段", "第一段");
    html("<!DOCTYPE html><html lang=\"zh\"><?xml version=\"1.0\"?>正文", "正文");
    html("注释以 <!-- 开始，以 --&gt; 结束。", "注释以 <!-- 开始，以 --> 结束。");
    html("甲<script>var a = 1;", "甲");
    html("甲<span style=\"display:none\">隐藏到行尾", "甲");
    /* only complete entities (with the ';') */
    html("A &amp B &unknown; &#0; &#10; AT&T &#20013 &amp;lt;", "A &amp B &unknown; &#0; &#10; AT&T &#20013 &lt;");
    {
        sino_html_state st = {0, 0};
        CHECK_INT(sino_clean_html(&st, "前<style>", 10, &out), SINO_OK);
        CHECK_MEM(out.data ? out.data : "", out.len, "前");
        CHECK_INT(st.skip, 2);
        CHECK(sino_clean_html(&st, "p{}", 3, &out) == SINO_OK && out.len == 0);
        CHECK_INT(sino_clean_html(&st, "</style>后", 11, &out), SINO_OK);
        CHECK_MEM(out.data ? out.data : "", out.len, "后");
        /* an unclosed region ends at a line of Chinese prose, which stays */
        CHECK(sino_clean_html(&st, "<style>", 7, &out) == SINO_OK && st.skip == 2);
        CHECK(sino_clean_html(&st, "a{}", 3, &out) == SINO_OK && out.len == 0);
        const char *prose = "这是正文，样式没有结束标签。";
        CHECK(sino_clean_html(&st, prose, strlen(prose), &out) == SINO_OK && st.skip == 0);
        CHECK_MEM(out.data ? out.data : "", out.len, prose);
    }

    /* mojibake: the runs of sample 000 and classic UTF-8-as-GBK/Latin-1 */
    moji("建設!敖ㄗh更新", "建設。“建議更新");
    moji("當氐镍P聯高山桃", "當地的鳳聯高山桃");
    moji("反詐宣傳等問題,當刂伟睬闆r持續改善", "反詐宣傳等問題,當地治安情況持續改善");
    moji("鐢辨湀", "由月");
    moji("ä¸\xc2\xad文字符", "中文字符");
    moji("æ—¥æœ¬èªž", "日本語");
    /* a UTF-8-lead-like character (鍛: E5 91 in GBK) before others: 命令 */
    moji("一個 Tcl 鍛戒护。", "一個 Tcl 命令。");
    /* "，" read as GBK with its last byte lost before a space: a lost
     * character, not a guess */
    moji("任务ID锛\xef\xbf\xbd 那么", "任务ID\xef\xbf\xbd 那么");
    /* GBK one byte off, ending at a lone trail byte ('@') or at a lost byte */
    moji("超級用戶可杂眠@條命令", "超級用戶可以用這條命令");
    moji("采用的开旁创\xef\xbf\xbd码计划", "采用的开放源代码计划");
    /* fine text is untouched, including rare characters */
    moji("浜江区的涓涓细流", "浜江区的涓涓细流");
    moji("用法：a@b 和 x_y 都是名字", "用法：a@b 和 x_y 都是名字");
    moji("贵州省黔东南苗族侗族自治州", "贵州省黔东南苗族侗族自治州");
    moji("魑魅魍魉，饕餮之徒", "魑魅魍魉，饕餮之徒");
    moji("café naïve Ångström", "café naïve Ångström");
    moji("舍舟复深山，宵窅谷雨间。", "舍舟复深山，宵窅谷雨间。");
    moji("ÃÃÃ", "ÃÃÃ");

    /* boilerplate patterns */
    CHECK(BP("新江南網歡迎你/www.yw1515.com/新江南網榮譽出品 |") != 0);
    CHECK(BP("首页 > 新闻中心 > 正文") != 0);
    CHECK(BP("责任编辑：王五") != 0);
    CHECK(BP("聲明：") & SINO_BP_BLOCK);
    CHECK(BP("相关新闻") & SINO_BP_LINKS);
    CHECK(BP("新聞爆料") != 0);
    CHECK_INT(BP("今年，市农业农村局机关党委和市人大机关驻桐庐县横村镇联合党支部加入黄金峡谷党建联建。"), 0);
    CHECK_INT(BP("记者来源于基层的报道说明了问题"), 0);

    /* layout */
    CHECK(PAGE("- 7 -"));
    CHECK(PAGE("第 3 页 共 18 页"));
    CHECK(PAGE("杭州日报 2023-05-12 星期三 第4版"));
    CHECK(!PAGE("第3页的内容很重要，请看。"));
    markers("(紧接4版)科学优化", "科学优化");
    markers("内容（下转第6版）", "内容");
    markers("（上接第2版）内容", "内容");
    markers("区縣（市）与(CMEF)", "区縣（市）与(CMEF)");
    CHECK(BYLINE("丁劲涛"));
    CHECK(BYLINE("谢 婷"));
    CHECK(BYLINE("王培欣 毕云蔚 姜晓涵"));
    CHECK(BYLINE("本刊記者/施安南 羅瑞斌 通訊員/杭組文"));
    CHECK(!BYLINE("杭州"));
    CHECK(!BYLINE("打通致富路 花灯点亮未来"));
    CHECK_INT(sino_clean_byline_close("谢 婷", strlen("谢 婷"), &out), SINO_OK);
    CHECK_MEM(out.data ? out.data : "", out.len, "谢婷");
    CHECK_INT(sino_clean_byline_close("王培欣 毕云蔚", strlen("王培欣 毕云蔚"), &out), SINO_OK);
    CHECK_MEM(out.data ? out.data : "", out.len, "王培欣 毕云蔚");
    CHECK(JOIN("但团队对于花灯的开发还不止于此。由于乡贤带富基地位于神仙居", "旅游度假区，周边民宿产业发达。"));
    CHECK(JOIN("在“花灯共富工坊”带来可观收益", "的同时，两位乡贤也在思考"));
    CHECK(JOIN("今年以来，新", "安江街道进一步凝聚乡贤力量"));
    CHECK(!JOIN("打通致富路 花灯点亮未来", "丁劲涛"));
    CHECK(!JOIN("丁劲涛", "无骨花灯的县级传承人，朱福伟不忍心看到美好的事物就此湮没。"));
    CHECK(!JOIN("合奏杭州發展強音", "深入貫徹落實長三角一體化發展國家戰略，臨平區錨定新定位。"));
    CHECK(!JOIN("他说了这句话。", "然后走了"));
    CHECK(!JOIN("3.聚焦多跨协同、系统集成，创新建设数字变革实践区", "数字化改革是全面深化改革的总抓手。"));
    CHECK(JOIN("协同联动优服务，做深“规划", "引领”文章。"));
    /* a short line with the function words of running text is no headline */
    CHECK(JOIN("如果指定了", "部分換行敏感，這將致使匹配換行敏感。"));
    CHECK(JOIN("有一个选项", "大约只需一半容量的内存。"));
    CHECK(!JOIN("迈向智慧安全新生活", "市建委机关组织党员骨干力量，联动党建联建成员单位。"));

    /* a column fragment printed further on: 驿 | 站、 */
    const char *frag = "以彭埠街道红五月社区为例，按照整体定位，优化安防、新增室外游步道、邻里共享庭院等配套设施，增加康养中心、托育中心、儿童成长驿";
    const char *rest = "站、邻里中心等全龄服务配套空间4059平方米，历时2个月高标准完成建设。";
#define COLUMN(a, b) sino_clean_continues_column(&T, a, strlen(a), b, strlen(b))
    CHECK(COLUMN(frag, rest));
    /* not after a full stop, a short line, or when b starts with a whole word */
    CHECK(!COLUMN("以彭埠街道红五月社区为例，按照整体定位，优化安防、新增室外游步道、邻里共享庭院等配套设施，增加康养中心、托育中心、儿童成长驿。", rest));
    CHECK(!COLUMN("增加康养中心、托育中心、儿童成长驿", rest));
    CHECK(!COLUMN(frag, "站点、邻里中心等全龄服务配套空间4059平方米，历时2个月高标准完成建设。"));
    /* no word across the break */
    CHECK(!COLUMN("以彭埠街道红五月社区为例，按照整体定位，优化安防、新增室外游步道、邻里共享庭院等配套设施，增加康养中心、托育中心、儿童成长的", rest));
#undef COLUMN

    sino_buf_free(&out);
    sino_moji_free(M);
    sino_clean_tables_close(&T);
    return check_summary("test_clean");
}
