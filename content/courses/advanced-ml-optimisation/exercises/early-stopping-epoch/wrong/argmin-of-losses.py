# Wrong: finds where training stops correctly, but then keeps the epoch with the lowest
# loss seen so far instead of the last epoch that counted as an improvement. With
# min_delta > 0 the two differ. Caught by "small gains ignored by min_delta" (and by the
# prompt's first example).
import numpy as np


def early_stopping_epoch(val_losses, patience, min_delta=0.0):
    losses = np.asarray(val_losses, dtype=float)
    best_loss = losses[0]
    waited = 0
    stopped = len(losses) - 1
    for epoch in range(1, len(losses)):
        if losses[epoch] < best_loss - min_delta:
            best_loss = losses[epoch]
            waited = 0
        else:
            waited += 1
            if waited >= patience:
                stopped = epoch
                break
    best = int(np.argmin(losses[: stopped + 1]))
    return {"best_epoch": best, "stopped_epoch": int(stopped)}
