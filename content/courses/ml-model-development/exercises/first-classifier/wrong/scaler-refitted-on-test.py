# Wrong: standardises the test rows with their own mean and standard deviation
# (fit_transform on X_test) instead of the training statistics. When the test population
# has drifted, re-centring it moves every row relative to the decision boundary. The
# hidden case "test rows from a drifted population" catches it.
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler


def fit_and_predict(X_train, y_train, X_test):
    X_train_scaled = StandardScaler().fit_transform(X_train)
    X_test_scaled = StandardScaler().fit_transform(X_test)
    model = LogisticRegression(max_iter=1000)
    model.fit(X_train_scaled, y_train)
    return model.predict(X_test_scaled)
