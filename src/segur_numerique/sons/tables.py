"""SONS amounts over a table (pandas, polars, pyarrow, DuckDB, Dask via narwhals), exact to the cent.

The same integer-cents functions as the one-by-one :func:`~segur_numerique.sons.ttc` and
:func:`~segur_numerique.sons.payments` (:func:`~segur_numerique.sons.funding.ttc_cents`,
:func:`~segur_numerique.sons.funding.balance_cents`), applied to int64 columns: the rule values are
read once, the arithmetic runs on whole columns. The output is the input's backend with integer
cents (pandas nullable ``Int64``). A column that could overflow int64 is refused
(:class:`~segur_numerique.errors.CentsOverflowError`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from segur_numerique.funding_scaling.tables import int_column, read_frame, with_columns
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import RuleSet
from segur_numerique.sons.funding import _vat, balance_cents, payment_shares, ttc_cents


def ttc_table(
    table: Any,
    *,
    amount_ht: str = "amount_ht_cents",
    column: str = "amount_ttc_cents",
    on: dt.date | None = None,
    rules: RuleSet | None = None,
) -> Any:
    """Add the TTC amount (``HT × (1 + 20 %)``, half up to the cent) of an HT cents column.

    >>> import polars as pl
    >>> from segur_numerique import load_rules
    >>> ttc_table(pl.DataFrame({"amount_ht_cents": [87500, 1]}), rules=load_rules())[
    ...     "amount_ttc_cents"
    ... ].to_list()
    [105000, 1]

    Raises:
        BatchInputError: the column is missing, not integer, null or negative (row named).
        CentsOverflowError: a value is too large for int64 cents times the rate.
    """
    rules = resolve_rules(rules)
    frame = read_frame(table)
    ht = int_column(frame, amount_ht)
    vat, _ = _vat(rules, on)
    return with_columns(frame, {column: ttc_cents(ht, vat.rate)})


def payments_table(
    table: Any,
    *,
    amount: str = "amount_cents",
    advance: str = "advance_cents",
    balance: str = "balance_cents",
    on: dt.date | None = None,
    rules: RuleSet | None = None,
) -> Any:
    """Add the advance and the 70 % balance of an amount column (cents), as :func:`~segur_numerique.sons.payments`.

    The balance is ``amount × 70 %`` rounded half up, the advance the rest: they add up exactly.

    Raises:
        BatchInputError: the column is missing, not integer, null or negative (row named).
        CentsOverflowError: a value is too large for int64 cents times the share.
    """
    rules = resolve_rules(rules)
    frame = read_frame(table)
    total = int_column(frame, amount)
    share, _ = payment_shares(rules, on)
    paid = balance_cents(total, share)
    return with_columns(frame, {advance: total - paid, balance: paid})
