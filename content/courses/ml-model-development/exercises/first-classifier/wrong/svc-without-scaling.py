# Wrong: an RBF-kernel SVM on raw features. gamma="scale" uses the variance of all the
# features together, which the large-unit columns dominate, so the kernel only sees them.
# The hidden case "signal in the small-scale features" catches it.
from sklearn.svm import SVC


def fit_and_predict(X_train, y_train, X_test):
    model = SVC(random_state=0)
    model.fit(X_train, y_train)
    return model.predict(X_test)
