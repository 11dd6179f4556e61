# Wrong: chooses which columns to keep by the coefficients of a model fitted on the raw
# columns. A raw coefficient mostly reflects the column's unit (a column in pence gets a
# tiny one, a column in thousandths a huge one), so useful columns are dropped; the
# "accuracy on held-out rows" cases catch it.
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler


def compress(X_train, y_train, max_bytes):
    n_classes = len(np.unique(y_train))
    raw = LogisticRegression(max_iter=200).fit(X_train, y_train)
    keep = (max_bytes - 8 * n_classes) // (9 + n_classes)
    features = np.sort(np.argsort(np.abs(raw.coef_).max(axis=0))[::-1][:keep])
    scaler = StandardScaler().fit(X_train[:, features])
    model = LogisticRegression(max_iter=2000).fit(scaler.transform(X_train[:, features]), y_train)
    scales = np.abs(model.coef_).max(axis=1) / 127
    q = np.clip(np.round(model.coef_ / scales[:, None]), -127, 127).astype(np.int8)
    return {
        "features": features.astype(np.uint8),
        "center": scaler.mean_.astype(np.float32),
        "scale": scaler.scale_.astype(np.float32),
        "weights": q.T,
        "weight_scale": scales.astype(np.float32),
        "bias": model.intercept_.astype(np.float32),
    }
