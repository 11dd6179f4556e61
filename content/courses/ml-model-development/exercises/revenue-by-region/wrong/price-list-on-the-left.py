# Wrong: the join starts from the price list, so orders for products missing from the
# list are dropped. (A product nobody ordered adds a row with no region too, but the
# group-by drops that row again, so only the cases with unpriced products catch it.)
import pandas as pd


def revenue_by_region(orders: pd.DataFrame, products: pd.DataFrame) -> pd.DataFrame:
    joined = products.merge(orders, on="product", how="left")
    joined["revenue"] = (joined["units"] * joined["price"]).fillna(0.0)
    return joined.groupby("region").agg(
        orders=("order_id", "count"),
        units=("units", "sum"),
        revenue=("revenue", "sum"),
    )
