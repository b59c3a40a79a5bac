/* sino.h - the public interface of libsino, the library behind the sino
 * tools (sconv, sclean, sseg, sfacts, sgrep). */
#ifndef SINO_H
#define SINO_H

#include "sino_text.h"
#include "sino_io.h"
#include "sino_dict.h"
#include "sino_data.h"
#include "sino_cli.h"

#endif
