# sclean's tables.
#  sclean-readings.sdict  CHAR+READING -> 1 for every tone-marked reading of a
#                         character in Unihan (kMandarin, kHanyuPinyin,
#                         kXHC1983; Unicode licence), and "@"+READING for
#                         each syllable.
#  sclean-charlm.sdict    character unigram and in-word bigram counts derived
#                         from jieba's dict.txt (MIT), also in Traditional
#                         characters via OpenCC's STCharacters, TWVariants and
#                         HKVariants (Apache-2.0).
#  sclean-boilerplate.sdict  our own phrase list data/sclean-boilerplate.tsv
#                         and the weights of the boilerplate line model,
#                         data/sclean-boilerplate-model.tsv (fitted by
#                         tests/eval/boiler-fit.py; see sclean(1)).
SCLEAN_PY := /usr/bin/python3 data/sclean-tables.py

$(TEXT)/sclean-readings.tsv: $(TEXT)/unihan-readings.tsv data/sclean-tables.py
	@mkdir -p $(@D)
	$(SCLEAN_PY) readings $< > $@.tmp && mv $@.tmp $@

SCLEAN_LM_SRC := $(TEXT)/jieba-words.tsv $(TEXT)/opencc/STCharacters.txt \
                 $(TEXT)/opencc/TWVariants.txt $(TEXT)/opencc/HKVariants.txt
$(TEXT)/sclean-charlm.tsv: $(SCLEAN_LM_SRC) data/sclean-tables.py
	@mkdir -p $(@D)
	$(SCLEAN_PY) charlm $(SCLEAN_LM_SRC) > $@.tmp && mv $@.tmp $@

$(DATA)/sclean-readings.sdict: $(TEXT)/sclean-readings.tsv $(DICTC)
	@mkdir -p $(@D)
	$(DICTC) compile -n -k sclean-readings -o $@ $<

$(DATA)/sclean-charlm.sdict: $(TEXT)/sclean-charlm.tsv $(DICTC)
	@mkdir -p $(@D)
	$(DICTC) compile -n -x -k sclean-charlm -o $@ $<

$(DATA)/sclean-boilerplate.sdict: data/sclean-boilerplate.tsv data/sclean-boilerplate-model.tsv $(DICTC)
	@mkdir -p $(@D)
	$(DICTC) compile -n -k sclean-boilerplate -o $@ data/sclean-boilerplate.tsv data/sclean-boilerplate-model.tsv

DATA_FILES += $(DATA)/sclean-readings.sdict $(DATA)/sclean-charlm.sdict \
              $(DATA)/sclean-boilerplate.sdict
