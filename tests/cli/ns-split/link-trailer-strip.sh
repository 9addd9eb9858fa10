# Lines of a short label and a link under an article's last paragraph are a
# trailer, known to the rules or not: ns-split lets the headline after them
# start the next article, ns-strip-ads cuts them (rule link_trailer). A
# label and link inside a paragraph with text under it stays.
ns-split link-trailer.in | ns-strip-ads
