"""Rule values: provenance, the rule-set model, loading, overrides and generated docs."""
