# A CSV export through ns-strip-ads: the header row at the top of the first
# row's text is cut (rule csv_header), the rows' text is kept.
ns-split csv-export.in | ns-strip-ads
