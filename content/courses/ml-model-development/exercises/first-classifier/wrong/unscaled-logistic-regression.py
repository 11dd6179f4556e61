# Wrong: a logistic regression on the raw features. Its L2 penalty cannot afford the huge
# weights that features measured in tiny units need, so when the signal sits in those
# features it scores near chance. The hidden case "signal in the small-scale features"
# catches it.
from sklearn.linear_model import LogisticRegression


def fit_and_predict(X_train, y_train, X_test):
    model = LogisticRegression(max_iter=1000)
    model.fit(X_train, y_train)
    return model.predict(X_test)
