# Wrong: `units` is aggregated with "count", which gives the number of orders again
# instead of the total units ordered. Caught by every case where an order has more
# than one unit.
import pandas as pd


def revenue_by_region(orders: pd.DataFrame, products: pd.DataFrame) -> pd.DataFrame:
    joined = orders.merge(products, on="product", how="left")
    joined["revenue"] = (joined["units"] * joined["price"]).fillna(0.0)
    return joined.groupby("region").agg(
        orders=("order_id", "count"),
        units=("units", "count"),
        revenue=("revenue", "sum"),
    )
