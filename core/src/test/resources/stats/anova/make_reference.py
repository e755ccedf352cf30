"""Makes the ANOVA fixtures and statsmodels' reference tables that AnovaReferenceTest compares against.

Run from this directory with Debian's python3-statsmodels (0.13.5 when the committed numbers were made):
    /usr/bin/python3 make_reference.py
Each fixture NAME.csv holds one row per finished run (its grid axes as text, the objective `y`); NAME.anova.csv
is statsmodels' anova_lm(typ=2) of y ~ (C(a) + C(b) + ...)**2 (main effects and two-way interactions,
treatment-coded), terms renamed to the axis names (`a`, `a:b`, `Residual`), numbers written with repr.
"""
import itertools

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from statsmodels.stats.anova import anova_lm


def grid(axes, seeds):
    return pd.DataFrame([dict(zip(axes, combo), seed=s)
                         for combo in itertools.product(*axes.values()) for s in range(seeds)])


def effect(df, name, table):
    return df[name].map(table).astype(float)


def balanced(rng):
    """optimizer x learning_rate, 3 seeds each: a strong lr effect, an interaction, seed noise."""
    df = grid({"optimizer": ["adam", "rmsprop", "sgd"], "learning_rate": ["0.0001", "0.001", "0.01", "0.1"]}, 3)
    y = (0.80 + effect(df, "learning_rate", {"0.0001": -0.05, "0.001": 0.03, "0.01": 0.02, "0.1": -0.10})
         + effect(df, "optimizer", {"adam": 0.01, "rmsprop": 0.0, "sgd": -0.02}))
    y += np.where((df.optimizer == "sgd") & (df.learning_rate == "0.1"), 0.08, 0.0)
    df["y"] = y + rng.normal(0, 0.01, len(df))
    return df


def unbalanced(rng):
    """optimizer x learning_rate x batch_size, 3 seeds, a fifth of the runs lost (failed/diverged), no cell empty."""
    df = grid({"optimizer": ["adam", "sgd"], "learning_rate": ["0.001", "0.01", "0.1"],
               "batch_size": ["32", "128"]}, 3)
    y = (0.85 + effect(df, "learning_rate", {"0.001": -0.02, "0.01": 0.01, "0.1": -0.04})
         + effect(df, "batch_size", {"32": 0.002, "128": 0.0}))
    y += np.where((df.optimizer == "adam") & (df.learning_rate == "0.1"), -0.05, 0.0)
    df["y"] = y + rng.normal(0, 0.008, len(df))
    drop = [1, 5, 8, 13, 20, 22, 30, 34]  # one or two seeds of some cells; every cell keeps at least one run
    return df.drop(index=drop).reset_index(drop=True)


def weak(rng):
    """optimizer x dropout, 4 seeds, uneven seeds per cell, nothing but noise: every p should be large."""
    df = grid({"optimizer": ["adam", "adagrad", "sgd(momentum=0.9)"], "dropout": ["0.0", "0.2", "0.5"]}, 4)
    df["y"] = 0.5 + rng.normal(0, 0.05, len(df))
    return df.drop(index=[0, 1, 17, 33]).reset_index(drop=True)


def reference(df):
    axes = [c for c in df.columns if c not in ("seed", "y")]
    formula = "y ~ (" + " + ".join(f"C({a})" for a in axes) + ")**2"
    table = anova_lm(smf.ols(formula, data=df).fit(), typ=2)
    table.index = [t.replace("C(", "").replace(")", "") for t in table.index]
    return table


def main():
    rng = np.random.default_rng(16)
    for name, make in [("balanced", balanced), ("unbalanced", unbalanced), ("weak", weak)]:
        df = make(rng)
        df.to_csv(f"{name}.csv", index=False, float_format="%r")
        table = reference(df)
        with open(f"{name}.anova.csv", "w") as f:
            f.write("term,df,sum_sq,F,p\n")
            for term, row in table.iterrows():
                f.write(f"{term},{row['df']!r},{row['sum_sq']!r},{row['F']!r},{row['PR(>F)']!r}\n")


if __name__ == "__main__":
    main()
