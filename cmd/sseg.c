/* sseg - split Chinese text into sentences and words.
 * For now a minimal filter: checks UTF-8 and copies input to output. */
#include "sino.h"

static const char usage[] =
    "Usage: sseg [OPTION]... [FILE]...\n"
    "split Chinese text into sentences and words.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "Invalid UTF-8 is replaced by U+FFFD and reported on standard error.\n"
    "\n"
    "      --strict      stop with exit status 2 at the first invalid UTF-8 byte\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "Exit status: 0 on success, 2 on error.\n";

int main(int argc, char **argv)
{
    return sino_cli_minimal_filter(argc, argv, "sseg", usage);
}
