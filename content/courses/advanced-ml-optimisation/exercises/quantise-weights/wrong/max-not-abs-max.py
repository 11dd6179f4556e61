# Wrong: takes the scale from the largest weight rather than the largest magnitude, so when
# the most extreme weight is negative it does not fit in the int8 range and is clipped.
# Caught by "largest magnitude is negative".
import numpy as np


def quantise_int8(weights):
    w = np.asarray(weights, dtype=np.float64)
    largest = float(w.max()) if w.size else 0.0
    scale = largest / 127 if largest > 0 else 1.0
    q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
    return {"scale": scale, "q": q, "dequantised": q.astype(np.float64) * scale}
