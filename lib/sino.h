/* sino.h - the public interface of libsino, the library behind the sino
 * tools (sconv, sclean, sseg, sfacts, sgrep). */
#ifndef SINO_H
#define SINO_H

#include "sino_text.h"
#include "sino_io.h"
#include "sino_dict.h"
#include "sino_data.h"
#include "sino_cli.h"

/* Tool modules: each header is included when the module is present. */
#if __has_include("sino_enc.h")
#include "sino_enc.h"
#endif
#if __has_include("sino_conv.h")
#include "sino_conv.h"
#endif
#if __has_include("sino_norm.h")
#include "sino_norm.h"
#endif
#if __has_include("sino_seg.h")
#include "sino_seg.h"
#endif
#if __has_include("sino_sent.h")
#include "sino_sent.h"
#endif
#if __has_include("sino_clean.h")
#include "sino_clean.h"
#endif
#if __has_include("sino_facts.h")
#include "sino_facts.h"
#endif
#if __has_include("sino_match.h")
#include "sino_match.h"
#endif

#endif
