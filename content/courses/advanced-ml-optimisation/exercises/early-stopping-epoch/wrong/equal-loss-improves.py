# Wrong: uses <= where the rule says strictly less, so a loss equal to the best (with
# min_delta 0) resets the patience counter and becomes the new best epoch. Caught by
# "equal losses are not improvements".


def early_stopping_epoch(val_losses, patience, min_delta=0.0):
    losses = [float(loss) for loss in val_losses]
    best_epoch, best_loss = 0, losses[0]
    waited = 0
    for epoch in range(1, len(losses)):
        if losses[epoch] <= best_loss - min_delta:
            best_epoch, best_loss = epoch, losses[epoch]
            waited = 0
        else:
            waited += 1
            if waited >= patience:
                return {"best_epoch": best_epoch, "stopped_epoch": epoch}
    return {"best_epoch": best_epoch, "stopped_epoch": len(losses) - 1}
