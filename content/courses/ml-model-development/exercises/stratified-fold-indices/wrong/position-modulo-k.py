# Wrong: sends index i to fold i % k without looking at the labels; sizes are balanced, but
# shuffled labels are not spread evenly, and "997 shuffled labels from four unequal
# classes" catches it.
import numpy as np


def stratified_fold_indices(y, k):
    positions = np.arange(len(y))
    return [positions[positions % k == fold] for fold in range(k)]
