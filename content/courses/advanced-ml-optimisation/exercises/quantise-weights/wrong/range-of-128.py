# Wrong: divides the largest magnitude by 128, as if the symmetric range reached -128 and
# 128, so every code and the scale differ from the symmetric +-127 scheme. Caught by "the
# example from the prompt" and most other cases.
import numpy as np


def quantise_int8(weights):
    w = np.asarray(weights, dtype=np.float64)
    largest = float(np.abs(w).max()) if w.size else 0.0
    scale = largest / 128 if largest > 0 else 1.0
    q = np.clip(np.round(w / scale), -128, 127).astype(np.int8)
    return {"scale": scale, "q": q, "dequantised": q.astype(np.float64) * scale}
