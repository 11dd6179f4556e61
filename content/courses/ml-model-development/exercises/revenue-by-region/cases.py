import pandas as pd

from grader.cases import Case, approx

SEED = 20240702

CLOSE = approx(rtol=1e-9, atol=1e-9)

# Hints name the mistake a failing case points to (see wrong/), never the case's data.
UNITS_HINT = (
    "If units matches orders, you counted the rows instead of adding them up: "
    "aggregate the units column with sum, not count."
)
JOIN_HINT = (
    "An order for a product missing from the price list still counts in orders and units, "
    "with no revenue: join from the orders with a left join, so no order is dropped. "
    "If units matches orders, sum the units column instead of counting it."
)
UNPRICED_REGION_HINT = (
    "A region whose orders are all for unpriced products should still appear, with no "
    "revenue: start a left join from the orders, not an inner join or a join from the "
    "price list, so that no order is dropped."
)


def _orders(ids, regions, products, units):
    return pd.DataFrame({"order_id": ids, "region": regions, "product": products, "units": units})


def _random_orders(rng, n, regions, products):
    return _orders(
        list(range(1000, 1000 + n)),
        [str(r) for r in rng.choice(regions, size=n)],
        [str(p) for p in rng.choice(products, size=n)],
        [int(u) for u in rng.integers(1, 20, size=n)],
    )


def cases(rng, reference):
    """Visible cases follow the prompt's example; hidden ones probe the join and the groups."""
    orders = _orders([1, 2, 3, 4], ["north", "south", "north", "east"], list("ABBA"), [3, 1, 2, 5])
    prices = pd.DataFrame({"product": ["A", "B"], "price": [10.0, 25.0]})
    yield Case(
        "the example from the prompt",
        args=(orders, prices),
        expected=reference(orders, prices),
        check=CLOSE,
        visible=True,
        points=2,
        description="Index named 'region', sorted; columns orders, units, revenue in that order.",
        hint=UNITS_HINT,
    )

    orders = _orders(
        [10, 11, 12, 13, 14],
        ["west", "west", "east", "east", "west"],
        ["A", "Z", "B", "A", "B"],
        [2, 4, 1, 1, 3],
    )
    prices = pd.DataFrame({"product": ["A", "B"], "price": [4.5, 12.0]})
    yield Case(
        "an order for a product without a price",
        args=(orders, prices),
        expected=reference(orders, prices),
        check=CLOSE,
        visible=True,
        points=2,
        description="Product Z has no price: it counts as an order and as units, not as revenue.",
        hint=JOIN_HINT,
    )

    regions = ["north", "south", "east", "west", "central"]
    catalogue = [f"P{k:02d}" for k in range(8)]
    big = _random_orders(rng, 400, regions, catalogue)
    prices = pd.DataFrame(
        {"product": catalogue, "price": [round(float(p), 2) for p in rng.uniform(1, 80, 8)]}
    )
    yield Case(
        "400 random orders",
        args=(big, prices),
        expected=reference(big, prices),
        check=CLOSE,
        points=2,
        description="Counts, sums and revenue over five regions and eight products.",
        hint=UNITS_HINT,
    )

    mixed = _random_orders(rng, 60, ["north", "south", "islands"], ["A", "B", "C"])
    unknown = mixed["region"] == "islands"
    mixed.loc[unknown, "product"] = "X"
    prices = pd.DataFrame({"product": ["A", "B", "C"], "price": [3.0, 7.25, 19.99]})
    yield Case(
        "a region that only orders unpriced products",
        args=(mixed, prices),
        expected=reference(mixed, prices),
        check=CLOSE,
        points=2,
        description="Every 'islands' order is for an unknown product: its revenue is 0.0.",
        hint=UNPRICED_REGION_HINT,
    )

    small = _random_orders(rng, 25, ["north", "south"], ["A", "B"])
    long_list = pd.DataFrame(
        {"product": ["A", "B", "C", "D", "E"], "price": [2.0, 3.5, 100.0, 250.0, 9.0]}
    )
    yield Case(
        "a price list with products nobody ordered",
        args=(small, long_list),
        expected=reference(small, long_list),
        check=CLOSE,
        points=1,
        description="Unordered products must not add rows or revenue.",
        hint=UNITS_HINT,
    )

    single = _orders([7], ["south"], ["B"], [6])
    prices = pd.DataFrame({"product": ["A", "B"], "price": [10.0, 25.0]})
    yield Case(
        "a single order",
        args=(single, prices),
        expected=reference(single, prices),
        check=CLOSE,
        points=1,
        description="One order gives a one-row summary.",
        hint=UNITS_HINT,
    )
