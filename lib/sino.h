/* sino.h - the public interface of libsino, the library behind the sino
 * tools (sconv, sclean, sseg, sfacts, sgrep). Plain C11; usable from C++.
 * Link with `pkg-config --libs sino` (shared) or `--static`. */
#ifndef SINO_H
#define SINO_H

#include "sino_text.h"
#include "sino_io.h"
#include "sino_dict.h"
#include "sino_data.h"
#include "sino_enc.h"
#include "sino_conv.h"
#include "sino_norm.h"
#include "sino_seg.h"
#include "sino_sent.h"
#include "sino_clean.h"
#include "sino_facts.h"
#include "sino_match.h"

#endif
