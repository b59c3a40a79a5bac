/* conv_int.h - internal interface between conv.c and conv_config.c. */
#ifndef SINO_CONV_INT_H
#define SINO_CONV_INT_H

#include "sino_text.h"

#define CONV_MAX_GROUP 3
#define CONV_MAX_STEPS 3

/* An OpenCC JSON configuration as read from its file: the segmentation
 * dictionary and, per conversion step, its dictionaries (paths, resolved
 * against the configuration's directory). */
struct conv_file_config {
    char *seg;
    char *steps[CONV_MAX_STEPS][CONV_MAX_GROUP];
    int n_dicts[CONV_MAX_STEPS];
    int n_steps;
};

/* Read path; errors name it and say what is wrong (SINO_ERR_IO when it
 * cannot be read, SINO_ERR_FORMAT for anything else). */
int conv_read_config(const char *path, struct conv_file_config *cfg, sino_error *err);
void conv_file_config_free(struct conv_file_config *cfg);

#endif
