"""Stage 4, claims to findings: facts (claims about the same thing), exchange rates, the rule registry and
the run of the rules."""
