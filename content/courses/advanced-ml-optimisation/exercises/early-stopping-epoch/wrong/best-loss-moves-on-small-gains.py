# Wrong: a loss that is lower than the best by less than min_delta is not counted as an
# improvement, but it still replaces the best loss (rule 3 says the best loss must not
# change). A later genuine improvement on the kept best is then measured against the
# dipped value and missed. Caught by "a small gain does not move the best loss".


def early_stopping_epoch(val_losses, patience, min_delta=0.0):
    losses = [float(loss) for loss in val_losses]
    best_epoch, best_loss = 0, losses[0]
    waited = 0
    for epoch in range(1, len(losses)):
        if losses[epoch] < best_loss - min_delta:
            best_epoch = epoch
            waited = 0
        else:
            waited += 1
        best_loss = min(best_loss, losses[epoch])
        if waited >= patience:
            return {"best_epoch": best_epoch, "stopped_epoch": epoch}
    return {"best_epoch": best_epoch, "stopped_epoch": len(losses) - 1}
