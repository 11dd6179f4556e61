# Wrong: rounds and clips correctly but leaves the codes as int64, so the "compressed"
# tensor takes eight bytes per weight instead of one. Caught by "q has dtype int8".
import numpy as np


def quantise_int8(weights):
    w = np.asarray(weights, dtype=np.float64)
    largest = float(np.abs(w).max()) if w.size else 0.0
    scale = largest / 127 if largest > 0 else 1.0
    q = np.clip(np.round(w / scale), -127, 127).astype(np.int64)
    return {"scale": scale, "q": q, "dequantised": q.astype(np.float64) * scale}
