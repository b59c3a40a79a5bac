# jieba's dictionary (Debian python3-jieba, MIT): word -> frequency, tag.
# aux0 of the compiled table is jieba's total frequency (the sum over all lines).
JIEBA_DIR ?= /usr/lib/python3/dist-packages/jieba

$(TEXT)/jieba-words.tsv: $(JIEBA_DIR)/dict.txt
	@mkdir -p $(@D)
	awk '{ print $$1 "\t" $$2 "\t" $$3 }' $< > $@.tmp && mv $@.tmp $@

$(DATA)/jieba.sdict: $(TEXT)/jieba-words.tsv $(DICTC)
	@mkdir -p $(@D)
	$(DICTC) compile -n -k jieba-words \
	    -a $$(awk -F'\t' '{ s += $$2 } END { printf "%d", s }' $<) -o $@ $<

DATA_FILES += $(DATA)/jieba.sdict
