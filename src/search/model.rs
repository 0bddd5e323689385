//! Stage 10: the answer model. A candidate is an answer when the probability that it is one,
//! given its [features](super::features), reaches the model's bar. The model is logistic; its
//! coefficients and bar are fitted (see [`super::params::MODEL`]).

use super::features::Features;
use super::params::Model;

/// The model's probability that a candidate with these features is an answer.
pub fn probability(features: &Features, model: &Model) -> f64 {
    let z = model.bias
        + features
            .0
            .iter()
            .zip(&model.coefficients)
            .map(|(f, c)| f * c)
            .sum::<f64>();
    1.0 / (1.0 + (-z).exp())
}

/// Whether a candidate of this probability is an answer.
pub fn accepts(probability: f64, model: &Model) -> bool {
    probability >= model.bar
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::features::COUNT;

    const MODEL: Model = Model {
        bias: -1.0,
        coefficients: {
            let mut c = [0.0; COUNT];
            c[0] = 2.0;
            c
        },
        bar: 0.5,
    };

    #[test]
    fn more_evidence_is_more_probable() {
        let mut f = Features::default();
        let none = probability(&f, &MODEL);
        f.0[0] = 1.0;
        let some = probability(&f, &MODEL);
        assert!((none - 1.0 / (1.0 + 1f64.exp())).abs() < 1e-12);
        assert!((some - 1.0 / (1.0 + (-1f64).exp())).abs() < 1e-12);
        assert!(!accepts(none, &MODEL) && accepts(some, &MODEL));
    }
}
