# sgrep's variant classes: which characters a search folds together
# (Simplified/Traditional and regional variants). Built from the OpenCC
# character tables (Apache-2.0) and Unihan's kTraditionalVariant /
# kSimplifiedVariant (Unicode licence) by data/sgrep-variants.py.
SGREP_VARIANT_SRC := $(foreach t,STCharacters TSCharacters TWVariants TWVariantsRev \
                       HKVariants HKVariantsRev JPVariants JPVariantsRev,$(TEXT)/opencc/$(t).txt)

$(TEXT)/sgrep-variants.tsv: data/sgrep-variants.py $(SGREP_VARIANT_SRC) $(TEXT)/unihan-variants.tsv
	@mkdir -p $(@D)
	/usr/bin/python3 data/sgrep-variants.py $(TEXT)/opencc $(TEXT)/unihan-variants.tsv > $@.tmp && mv $@.tmp $@

$(DATA)/sgrep-variants.sdict: $(TEXT)/sgrep-variants.tsv $(DICTC)
	@mkdir -p $(@D)
	$(DICTC) compile -k sgrep-variants -o $@ $<

DATA_FILES += $(DATA)/sgrep-variants.sdict
