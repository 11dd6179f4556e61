# Wrong: converts w / scale to integers with astype, which truncates towards zero instead
# of rounding to the nearest integer, so most values land one step too close to zero.
# Caught by "weights that need rounding".
import numpy as np


def quantise_int8(weights):
    w = np.asarray(weights, dtype=np.float64)
    largest = float(np.abs(w).max()) if w.size else 0.0
    scale = largest / 127 if largest > 0 else 1.0
    q = np.clip(w / scale, -127, 127).astype(np.int8)
    return {"scale": scale, "q": q, "dequantised": q.astype(np.float64) * scale}
