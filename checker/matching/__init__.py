"""One matcher for "which registered applications are the same thing as this text?".

Used by `check`/`ci` (the near-duplicate facts the MOR rules read, `suggest.py`),
`registry search` and `init` (`search.py`: a short query at a low floor) and the audit's
duplicate clusters (checker/audit/clusters.py: the cosine of name vectors); built once per
registry and cached with the compiled registry. See `index.py` for how it scores and
`text.py` for how text becomes features.
"""

from checker.matching.index import Match, MatchIndex, build_match_index
from checker.matching.text import fold_words

__all__ = ["Match", "MatchIndex", "build_match_index", "fold_words"]
