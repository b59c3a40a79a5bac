# Unicode's Unihan database (Debian unicode-data, Unicode licence), exported
# to TSV: CODEPOINT<TAB>FIELD<TAB>VALUE for the fields sino uses.
UNICODE_DIR ?= /usr/share/unicode

$(TEXT)/unihan-readings.tsv: $(UNICODE_DIR)/Unihan_Readings.txt.bz2
	@mkdir -p $(@D)
	bzcat $< | awk -F'\t' '$$2 == "kMandarin" || $$2 == "kHanyuPinyin" || $$2 == "kXHC1983"' > $@.tmp && mv $@.tmp $@

$(TEXT)/unihan-variants.tsv: $(UNICODE_DIR)/Unihan_Variants.txt.bz2
	@mkdir -p $(@D)
	bzcat $< | grep -v '^#' | grep . > $@.tmp && mv $@.tmp $@

unihan-text: $(TEXT)/unihan-readings.tsv $(TEXT)/unihan-variants.tsv
.PHONY: unihan-text
