import numpy as np


def quantise_int8(weights: np.ndarray) -> dict:
    """Quantise `weights` to symmetric int8 with one scale for the whole array.

    Return {"scale": float, "q": int8 array (same shape), "dequantised": float array}.
    scale = max(|w|) / 127 (use 1.0 when every weight is zero);
    q = clip(round(w / scale), -127, 127) as int8; dequantised = q * scale.
    """
    raise NotImplementedError("Replace this line with your implementation")
