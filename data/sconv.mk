# sconv: OpenCC tables for script conversion, and the character statistics
# used by encoding detection.
#
# opencc-NAME.sdict (kind "opencc"): OpenCC 1.1.6's table NAME (Debian
# libopencc-data, Apache-2.0), KEY -> payload "VALUE[ VALUE...]".
# opencc-keychars.sdict: every character that occurs in some key of any table
# (a character outside it can never be inside a phrase: a safe place to cut a
# stream).
# enc-stats.sdict (kind "enc-stats"): character frequencies of Simplified
# text (jieba's dictionary, Debian python3-jieba, MIT: each character of each
# word weighted by the word's frequency) as keys "S<char>", and of the same
# words converted to Traditional with our s2t as keys "T<char>".
SCONV_OPENCC_TABLES := HKVariants HKVariantsRev HKVariantsRevPhrases \
    JPShinjitaiCharacters JPShinjitaiPhrases JPVariants JPVariantsRev \
    STCharacters STPhrases TSCharacters TSPhrases TWPhrases TWPhrasesRev \
    TWVariants TWVariantsRev TWVariantsRevPhrases
SCONV_OPENCC_DATA := $(SCONV_OPENCC_TABLES:%=$(DATA)/opencc-%.sdict)

# Values are cut to their first candidate (the one OpenCC uses).
$(DATA)/opencc-%.sdict: $(TEXT)/opencc/%.txt $(DICTC)
	@mkdir -p $(@D)
	awk -F'\t' '{ split($$2, v, " "); print $$1 "\t" v[1] }' $< > $@.tsv
	$(DICTC) compile -k opencc -o $@ $@.tsv && rm -f $@.tsv

# Fused first steps: the segmentation table with the character tables of
# its group (num = 1 for a phrase of the first table), so that segmentation
# and the first conversion step are one longest match.
SCONV_FUSED := STPhrases:STCharacters TSPhrases:TSCharacters \
    TWVariantsRevPhrases:TWVariantsRev HKVariantsRevPhrases:HKVariantsRev \
    JPShinjitaiPhrases:JPShinjitaiCharacters:JPVariantsRev
define sconv_fused_rule
$$(DATA)/opencc-fused-$(firstword $(subst :, ,$(1))).sdict: $(patsubst %,$$(TEXT)/opencc/%.txt,$(subst :, ,$(1))) data/sconv_fuse.py $$(DICTC)
	@mkdir -p $$(@D)
	/usr/bin/python3 data/sconv_fuse.py $(patsubst %,$$(TEXT)/opencc/%.txt,$(subst :, ,$(1))) > $$@.tsv
	$$(DICTC) compile -n -k opencc-fused -o $$@ $$@.tsv && rm -f $$@.tsv
SCONV_OPENCC_DATA += $$(DATA)/opencc-fused-$(firstword $(subst :, ,$(1))).sdict
endef
$(foreach f,$(SCONV_FUSED),$(eval $(call sconv_fused_rule,$(f))))

$(DATA)/opencc-keychars.sdict: $(SCONV_OPENCC_TABLES:%=$(TEXT)/opencc/%.txt) data/sconv_keychars.py $(DICTC)
	@mkdir -p $(@D)
	/usr/bin/python3 data/sconv_keychars.py $(SCONV_OPENCC_TABLES:%=$(TEXT)/opencc/%.txt) > $@.tsv
	$(DICTC) compile -k opencc-keychars -o $@ $@.tsv && rm -f $@.tsv

# (runs our own sconv -c s2t: needs every table sconv opens)
$(DATA)/enc-stats.sdict: $(TEXT)/jieba-words.tsv data/sconv_encstats.py $(BIN)/sconv \
    $(SCONV_OPENCC_DATA) $(DATA)/opencc-keychars.sdict $(DATA)/opencc-firstchars.sdict $(DICTC)
	@mkdir -p $(@D)
	cut -f1 $(TEXT)/jieba-words.tsv | SINO_DATA=$(CURDIR)/$(DATA) $(BIN)/sconv -f utf-8 -c s2t > $@.t
	/usr/bin/python3 data/sconv_encstats.py $(TEXT)/jieba-words.tsv $@.t > $@.tsv
	$(DICTC) compile -n -k enc-stats \
	    -a $$(awk -F'\t' '/^S/ { s += $$2 } END { printf "%d", s }' $@.tsv) \
	    -A $$(awk -F'\t' '/^T/ { s += $$2 } END { printf "%d", s }' $@.tsv) -o $@ $@.tsv
	rm -f $@.t $@.tsv

# opencc-firstchars.sdict: table name -> the characters its keys start with.
SCONV_FIRST_ARGS := $(foreach t,$(SCONV_OPENCC_TABLES),$(t)=$(TEXT)/opencc/$(t).txt) \
    $(foreach f,$(SCONV_FUSED),fused-$(firstword $(subst :, ,$(f)))=$(subst $(eval) ,+,$(patsubst %,$(TEXT)/opencc/%.txt,$(subst :, ,$(f)))))
$(DATA)/opencc-firstchars.sdict: $(SCONV_OPENCC_TABLES:%=$(TEXT)/opencc/%.txt) data/sconv_firstchars.py $(DICTC)
	@mkdir -p $(@D)
	/usr/bin/python3 data/sconv_firstchars.py $(SCONV_FIRST_ARGS) > $@.tsv
	$(DICTC) compile -x -k opencc-firstchars -o $@ $@.tsv && rm -f $@.tsv

# opencc-cands.sdict (kind "opencc-cands"): every candidate of the entries
# that have more than one, keyed "TABLE/KEY" -> "VALUE VALUE...", for
# sconv --ambiguities (the conversion tables above keep the first only, so
# plain conversion reads exactly what it read before).
$(DATA)/opencc-cands.sdict: $(SCONV_OPENCC_TABLES:%=$(TEXT)/opencc/%.txt) $(DICTC)
	@mkdir -p $(@D)
	for t in $(SCONV_OPENCC_TABLES); do \
	    awk -F'\t' -v t=$$t 'index($$2, " ") { print t "/" $$1 "\t" $$2 }' $(TEXT)/opencc/$$t.txt; \
	done > $@.tsv
	$(DICTC) compile -k opencc-cands -o $@ $@.tsv && rm -f $@.tsv

DATA_FILES += $(SCONV_OPENCC_DATA) $(DATA)/opencc-keychars.sdict $(DATA)/opencc-firstchars.sdict \
    $(DATA)/enc-stats.sdict $(DATA)/opencc-cands.sdict
