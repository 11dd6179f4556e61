def early_stopping_epoch(val_losses, patience, min_delta=0.0):
    """Simulate early stopping on a finished run's validation losses.

    Epochs are numbered from 0. An epoch improves when its loss is below
    best_loss - min_delta; after `patience` epochs in a row without improvement,
    training stops. Returns {"best_epoch": int, "stopped_epoch": int}.
    """
    raise NotImplementedError("Replace this line with your implementation")
