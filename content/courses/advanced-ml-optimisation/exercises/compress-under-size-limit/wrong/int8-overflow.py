# Wrong: divides by max |w| / 128 and casts with astype(np.int8) without clipping. The
# largest weight of each class becomes 128, which int8 cannot hold: it wraps round to
# -128 and the model's most important weight changes sign. The "accuracy on held-out
# rows" cases catch it.
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler


def compress(X_train, y_train, max_bytes):
    n_classes = len(np.unique(y_train))
    scaler = StandardScaler().fit(X_train)
    full = LogisticRegression(max_iter=2000).fit(scaler.transform(X_train), y_train)
    keep = (max_bytes - 8 * n_classes) // (9 + n_classes)
    features = np.sort(np.argsort(np.abs(full.coef_).max(axis=0))[::-1][:keep])
    scaler = StandardScaler().fit(X_train[:, features])
    model = LogisticRegression(max_iter=2000).fit(scaler.transform(X_train[:, features]), y_train)
    scales = np.abs(model.coef_).max(axis=1) / 128
    q = np.round(model.coef_ / scales[:, None]).astype(np.int64).astype(np.int8)
    return {
        "features": features.astype(np.uint8),
        "center": scaler.mean_.astype(np.float32),
        "scale": scaler.scale_.astype(np.float32),
        "weights": q.T,
        "weight_scale": scales.astype(np.float32),
        "bias": model.intercept_.astype(np.float32),
    }
