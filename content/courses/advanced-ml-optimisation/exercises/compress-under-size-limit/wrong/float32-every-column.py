# Wrong: stores the full model in float32 and keeps every column. Halving float64 is a
# start, but a hundred-odd columns at 4 bytes per number are still several times the
# budget; every "size within the limit" case catches it.
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler


def compress(X_train, y_train, max_bytes):
    scaler = StandardScaler().fit(X_train)
    model = LogisticRegression(max_iter=2000).fit(scaler.transform(X_train), y_train)
    return {
        "features": np.arange(X_train.shape[1], dtype=np.uint8),
        "center": scaler.mean_.astype(np.float32),
        "scale": scaler.scale_.astype(np.float32),
        "weights": model.coef_.T.astype(np.float32),
        "weight_scale": np.ones(model.coef_.shape[0], dtype=np.float32),
        "bias": model.intercept_.astype(np.float32),
    }
