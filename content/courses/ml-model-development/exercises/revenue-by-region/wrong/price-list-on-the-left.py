# Wrong: the join starts from the price list, so a product nobody ordered adds a row
# with no region or order, and orders for products missing from the list are dropped.
# Caught by the cases with unlisted or unordered products.
import pandas as pd


def revenue_by_region(orders: pd.DataFrame, products: pd.DataFrame) -> pd.DataFrame:
    joined = products.merge(orders, on="product", how="left")
    joined["revenue"] = (joined["units"] * joined["price"]).fillna(0.0)
    return joined.groupby("region").agg(
        orders=("order_id", "count"),
        units=("units", "sum"),
        revenue=("revenue", "sum"),
    )
