import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler


def _quantise(column):
    """Symmetric int8 quantisation of one weight vector with its own scale."""
    largest = np.abs(column).max()
    scale = largest / 127 if largest > 0 else 1.0
    return np.clip(np.round(column / scale), -127, 127).astype(np.int8), scale


def compress(X_train, y_train, max_bytes):
    """A pruned, int8-quantised logistic regression that fits in `max_bytes`."""
    n_columns = X_train.shape[1]
    n_classes = len(np.unique(y_train))
    # 1. Fit on standardised columns, so coefficient sizes are comparable across columns.
    scaler = StandardScaler().fit(X_train)
    full = LogisticRegression(max_iter=2000).fit(scaler.transform(X_train), y_train)
    importance = np.abs(full.coef_).max(axis=0)

    # 2. Bytes per kept column: a uint8 index, float32 centre and scale, one int8 weight
    #    per class. Fixed cost: a float32 weight scale and a float32 bias per class.
    index_dtype = np.uint8 if n_columns <= 256 else np.uint16
    per_column = np.dtype(index_dtype).itemsize + 4 + 4 + n_classes
    fixed = 4 * n_classes + 4 * n_classes
    keep = min(n_columns, (max_bytes - fixed) // per_column)
    features = np.sort(np.argsort(importance)[::-1][:keep])

    # 3. Refit on the kept columns only: the other weights are re-learnt without them.
    scaler = StandardScaler().fit(X_train[:, features])
    small = LogisticRegression(max_iter=2000).fit(scaler.transform(X_train[:, features]), y_train)

    # 4. One int8 scale per class (per output column of the weight matrix).
    quantised = [_quantise(column) for column in small.coef_]
    return {
        "features": features.astype(index_dtype),
        "center": scaler.mean_.astype(np.float32),
        "scale": scaler.scale_.astype(np.float32),
        "weights": np.stack([q for q, _ in quantised], axis=1),
        "weight_scale": np.array([s for _, s in quantised], dtype=np.float32),
        "bias": small.intercept_.astype(np.float32),
    }
