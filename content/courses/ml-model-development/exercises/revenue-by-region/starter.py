import pandas as pd


def revenue_by_region(orders: pd.DataFrame, products: pd.DataFrame) -> pd.DataFrame:
    """Summarise orders by region.

    orders:   columns order_id, region, product, units (one row per order)
    products: columns product, price (at most one row per product)

    Return a DataFrame indexed by region (index name "region", sorted alphabetically)
    with the columns orders (count), units (sum) and revenue (sum of units * price),
    in that order. Orders for products without a price add 0 to revenue.
    """
    raise NotImplementedError("Replace this line with your implementation")
