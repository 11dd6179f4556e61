import pandas as pd


def revenue_by_region(orders: pd.DataFrame, products: pd.DataFrame) -> pd.DataFrame:
    """Summarise orders by region: order count, total units and total revenue."""
    joined = orders.merge(products, on="product", how="left", validate="many_to_one")
    joined["revenue"] = (joined["units"] * joined["price"]).fillna(0.0)
    return joined.groupby("region").agg(
        orders=("order_id", "count"),
        units=("units", "sum"),
        revenue=("revenue", "sum"),
    )
