# OpenCC 1.1.6 tables (Debian libopencc-data, Apache-2.0), exported to text
# with opencc_dict (Debian opencc). One file per table under $(TEXT)/opencc/:
# KEY<TAB>VALUE[ VALUE...], exactly as OpenCC stores them. Modules that use
# them (conversion, search folding, segmentation's t2s view) compile the
# tables they need from these exports.
OPENCC_DIR ?= /usr/share/opencc
OPENCC_TABLES := $(notdir $(basename $(wildcard $(OPENCC_DIR)/*.ocd2)))
OPENCC_TEXT := $(OPENCC_TABLES:%=$(TEXT)/opencc/%.txt)

$(TEXT)/opencc/%.txt: $(OPENCC_DIR)/%.ocd2
	@mkdir -p $(@D)
	opencc_dict -i $< -o $@.tmp -f ocd2 -t text && mv $@.tmp $@

opencc-text: $(OPENCC_TEXT)
.PHONY: opencc-text
