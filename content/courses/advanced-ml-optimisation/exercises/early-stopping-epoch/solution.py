def early_stopping_epoch(val_losses, patience, min_delta=0.0):
    """Simulate early stopping on a finished run's validation losses.

    Epochs are numbered from 0. An epoch improves when its loss is below
    best_loss - min_delta; after `patience` epochs in a row without improvement,
    training stops. Returns {"best_epoch": int, "stopped_epoch": int}.
    """
    losses = [float(loss) for loss in val_losses]
    best_epoch, best_loss = 0, losses[0]
    epochs_without_improvement = 0
    for epoch in range(1, len(losses)):
        if losses[epoch] < best_loss - min_delta:
            best_epoch, best_loss = epoch, losses[epoch]
            epochs_without_improvement = 0
        else:
            epochs_without_improvement += 1
            if epochs_without_improvement >= patience:
                return {"best_epoch": best_epoch, "stopped_epoch": epoch}
    return {"best_epoch": best_epoch, "stopped_epoch": len(losses) - 1}
