"""Putting a build in place of the published site: one build of a library at a time (lock.py),
and the new site swapped in at once, the previous one whole until then (swap.py)."""
