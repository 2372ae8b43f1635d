"""Value types and plumbing: money, rounding, dates, units, text, values, validators, explanations."""
