"""Transitional shim: the batch paths moved to sun_es/batch.py and funding_scaling/batch.py."""
# ruff: noqa: PLC0414  (the shim form: explicit "import name as name" lines, parsed later)

from segur_numerique.funding_scaling.batch import BatchInputError as BatchInputError
from segur_numerique.funding_scaling.batch import allocate_table as allocate_table
from segur_numerique.sun_es.batch import ACTIVITY_COLUMNS as ACTIVITY_COLUMNS
from segur_numerique.sun_es.batch import BOOL_COLUMNS as BOOL_COLUMNS
from segur_numerique.sun_es.batch import STRING_COLUMNS as STRING_COLUMNS
from segur_numerique.sun_es.batch import eligible_column as eligible_column
from segur_numerique.sun_es.batch import establishments_table as establishments_table
from segur_numerique.sun_es.batch import forfait_column as forfait_column
from segur_numerique.sun_es.batch import reasons_column as reasons_column
from segur_numerique.sun_es.batch import sun_es_eligibility_table as sun_es_eligibility_table
