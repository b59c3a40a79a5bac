/* chars.c - character classes used across the tools. */
#include "sino_text.h"

int sino_is_cjk_punct(uint32_t cp)
{
    if (cp >= 0x3001 && cp <= 0x3003) return 1;   /* 、。〃 */
    if (cp >= 0x3008 && cp <= 0x3011) return 1;   /* 〈〉《》「」『』【】 */
    if (cp >= 0x3014 && cp <= 0x301F) return 1;   /* 〔〕〖〗〘〙〚〛〜〝〞〟 */
    if (cp == 0x2014 || cp == 0x2015 || cp == 0x2026 || cp == 0x2025) return 1; /* — ― … ‥ */
    if (cp >= 0x2018 && cp <= 0x201F) return 1;   /* ‘’‚‛“”„‟ */
    if (cp == 0x00B7 || cp == 0x30FB) return 1;   /* middle dots */
    if (cp >= 0xFE10 && cp <= 0xFE19) return 1;   /* vertical forms */
    if (cp >= 0xFE30 && cp <= 0xFE4F) return 1;   /* CJK compatibility forms */
    if (cp >= 0xFE50 && cp <= 0xFE6B) return 1;   /* small form variants */
    /* full-width ASCII punctuation: ！＂＃％＆＇（）＊，－．／：；＜＝＞？［＼］＿｛｝ etc. */
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
        uint32_t a = cp - 0xFEE0;
        return !((a >= '0' && a <= '9') || (a >= 'A' && a <= 'Z') ||
                 (a >= 'a' && a <= 'z'));
    }
    if (cp >= 0xFF5F && cp <= 0xFF65) return 1;   /* ｟｠｡｢｣､･ */
    return 0;
}

int sino_is_fullwidth_ascii(uint32_t cp)
{
    return cp >= 0xFF01 && cp <= 0xFF5E;
}

uint32_t sino_fullwidth_to_ascii(uint32_t cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;
    if (cp == 0x3000) return ' ';
    return cp;
}

int sino_is_space(uint32_t cp)
{
    switch (cp) {
    case ' ': case '\t': case '\n': case '\r': case '\v': case '\f':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x3000:
        return 1;
    default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
}

int sino_is_zero_width(uint32_t cp)
{
    return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 ||
           cp == 0xFEFF || cp == 0x00AD;
}

int sino_is_sentence_end(uint32_t cp)
{
    return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '!' ||
           cp == '?' || cp == 0xFF61 || cp == 0x203C || cp == 0x2047 ||
           cp == 0x2048 || cp == 0x2049;
}
