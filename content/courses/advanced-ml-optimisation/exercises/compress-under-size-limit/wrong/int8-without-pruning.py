# Wrong: quantises the weights to int8 correctly but keeps every column. The centre and
# scale of each column still cost 8 bytes, so the model stays over the budget; every
# "size within the limit" case catches it.
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler


def compress(X_train, y_train, max_bytes):
    scaler = StandardScaler().fit(X_train)
    model = LogisticRegression(max_iter=2000).fit(scaler.transform(X_train), y_train)
    scales = np.abs(model.coef_).max(axis=1) / 127
    q = np.clip(np.round(model.coef_ / scales[:, None]), -127, 127).astype(np.int8)
    return {
        "features": np.arange(X_train.shape[1], dtype=np.uint8),
        "center": scaler.mean_.astype(np.float32),
        "scale": scaler.scale_.astype(np.float32),
        "weights": q.T,
        "weight_scale": scales.astype(np.float32),
        "bias": model.intercept_.astype(np.float32),
    }
