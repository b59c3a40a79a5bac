# sseg: jieba's HMM (Debian python3-jieba, MIT), exported from its pickles
# with the exact bits of every double, and the character-level
# Traditional-to-Simplified view used to segment Traditional text (from the
# OpenCC 1.1.6 tables, Apache-2.0).
$(TEXT)/sseg-hmm.tsv: data/sseg-hmm.py $(JIEBA_DIR)/finalseg/prob_emit.p \
		$(JIEBA_DIR)/finalseg/prob_start.p $(JIEBA_DIR)/finalseg/prob_trans.p
	@mkdir -p $(@D)
	/usr/bin/python3 data/sseg-hmm.py $(JIEBA_DIR) > $@.tmp && mv $@.tmp $@

$(DATA)/sseg-hmm.sdict: $(TEXT)/sseg-hmm.tsv $(DICTC)
	@mkdir -p $(@D)
	$(DICTC) compile -k sseg-hmm -o $@ $<

# A Traditional character maps to the first Simplified candidate of
# TSCharacters (tw/hk variants first go to OpenCC's standard form), unless
# it is itself Simplified: a key of STCharacters, or one of its own
# candidates (乾, 於, 瞭...), or (reached through a variant table only) a
# word of jieba's dictionary (著). So Simplified text is not changed.
SSEG_T2S_SRC := $(TEXT)/jieba-words.tsv $(TEXT)/opencc/STCharacters.txt $(TEXT)/opencc/TSCharacters.txt \
		$(TEXT)/opencc/TWVariantsRev.txt $(TEXT)/opencc/HKVariantsRev.txt
$(TEXT)/sseg-t2s.tsv: $(SSEG_T2S_SRC) data/sseg-t2s.awk data/sseg-t2s-bitmap.py
	@mkdir -p $(@D)
	awk -F'\t' -f data/sseg-t2s.awk $(SSEG_T2S_SRC) | LC_ALL=C sort | \
	    /usr/bin/python3 data/sseg-t2s-bitmap.py > $@.tmp && mv $@.tmp $@

$(DATA)/sseg-t2s.sdict: $(TEXT)/sseg-t2s.tsv $(DICTC)
	@mkdir -p $(@D)
	$(DICTC) compile -k sseg-t2s -o $@ $<

DATA_FILES += $(DATA)/sseg-hmm.sdict $(DATA)/sseg-t2s.sdict

# The view of a Traditional sentence: OpenCC's t2s (TSPhrases, TSCharacters).
# A sentence without Traditional-only characters follows its neighbours
# unless it has Simplified-only ones (STCharacters).
SSEG_T2SP_SRC := $(TEXT)/opencc/TSPhrases.txt $(TEXT)/opencc/TSCharacters.txt \
		$(TEXT)/opencc/STCharacters.txt
$(TEXT)/sseg-t2sp.tsv: data/sseg-t2s-phrases.py $(SSEG_T2SP_SRC)
	@mkdir -p $(@D)
	/usr/bin/python3 data/sseg-t2s-phrases.py $(SSEG_T2SP_SRC) > $@.tmp && mv $@.tmp $@

$(DATA)/sseg-t2sp.sdict: $(TEXT)/sseg-t2sp.tsv $(DICTC)
	@mkdir -p $(@D)
	$(DICTC) compile -k sseg-t2sp -o $@ $<

DATA_FILES += $(DATA)/sseg-t2sp.sdict

# jieba.posseg's HMM (tags for unknown words with --pos).
$(TEXT)/sseg-pos.tsv: data/sseg-pos.py $(JIEBA_DIR)/posseg/prob_emit.p \
		$(JIEBA_DIR)/posseg/prob_start.p $(JIEBA_DIR)/posseg/prob_trans.p \
		$(JIEBA_DIR)/posseg/char_state_tab.p
	@mkdir -p $(@D)
	/usr/bin/python3 data/sseg-pos.py $(JIEBA_DIR) > $@.tmp && mv $@.tmp $@

$(DATA)/sseg-pos.sdict: $(TEXT)/sseg-pos.tsv $(DICTC)
	@mkdir -p $(@D)
	$(DICTC) compile -k sseg-pos -o $@ $<

DATA_FILES += $(DATA)/sseg-pos.sdict

# jieba's dictionary re-keyed for the DAG walk: the most weighty Chinese
# characters take one- and two-byte UTF-8 code points (a one-to-one swap),
# numbers are indices into the distinct frequencies (see data/sseg-words.py).
$(TEXT)/sseg-words.tsv: data/sseg-words.py $(TEXT)/jieba-words.tsv
	@mkdir -p $(@D)
	/usr/bin/python3 data/sseg-words.py < $(TEXT)/jieba-words.tsv > $@.tmp && mv $@.tmp $@

$(DATA)/sseg-words.sdict: $(TEXT)/sseg-words.tsv $(DICTC)
	@mkdir -p $(@D)
	$(DICTC) compile -n -k sseg-words -o $@ $<

DATA_FILES += $(DATA)/sseg-words.sdict
