# Wrong: k-nearest neighbours on raw features. Distances are dominated by whichever
# columns have the largest units, noise or not. The hidden cases "signal in the
# small-scale features" and "three classes on very different scales" catch it.
from sklearn.neighbors import KNeighborsClassifier


def fit_and_predict(X_train, y_train, X_test):
    model = KNeighborsClassifier(n_neighbors=5)
    model.fit(X_train, y_train)
    return model.predict(X_test)
