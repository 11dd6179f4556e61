# You will need: GridSearchCV (sklearn.model_selection), Pipeline (sklearn.pipeline),
# StandardScaler (sklearn.preprocessing) and the four estimators listed in the prompt.


def grid_search_best_params(X, y, model, param_grid, cv, scoring):
    """Tune a scaled pipeline with GridSearchCV and return its best hyperparameters.

    model is one of "logistic_regression", "k_neighbors", "decision_tree" or "ridge".
    Build Pipeline([("scale", StandardScaler()), ("model", <estimator>)]) with the
    estimator settings from the prompt, search param_grid with the given cv and scoring,
    and return search.best_params_ as a dict (keys such as "model__C").
    """
    raise NotImplementedError("Replace this line with your implementation")
