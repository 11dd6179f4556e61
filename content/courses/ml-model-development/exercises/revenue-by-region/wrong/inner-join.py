# Wrong: an inner join drops every order whose product is missing from the price list,
# so those orders vanish from `orders` and `units` instead of counting with no revenue.
# Caught by the cases with products that are not on the price list.
import pandas as pd


def revenue_by_region(orders: pd.DataFrame, products: pd.DataFrame) -> pd.DataFrame:
    joined = orders.merge(products, on="product", how="inner")
    joined["revenue"] = joined["units"] * joined["price"]
    return joined.groupby("region").agg(
        orders=("order_id", "count"),
        units=("units", "sum"),
        revenue=("revenue", "sum"),
    )
