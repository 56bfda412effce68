import * as tf from '@tensorflow/tfjs';

/**
 * Grad-CAM (Selvaraju et al., 2017): which parts of a conv feature map raised one class's
 * score. Model-agnostic: give it the feature map and the function from there to logits.
 */
export type Head = (features: tf.Tensor4D) => tf.Tensor2D;

/** d(logit of `classIndex`, summed over the batch) / d(features). Pre-softmax, as Grad-CAM asks:
 * the softmax would mix in every other class's score. */
export function classGradient(head: Head, features: tf.Tensor4D, classIndex: number): tf.Tensor4D {
  const score = (f: tf.Tensor) => tf.sum(tf.slice(head(f as tf.Tensor4D), [0, classIndex], [-1, 1]));
  return tf.grad(score)(features) as tf.Tensor4D;
}

/**
 * The class-activation map of one image (`features` has batch 1), 0..1, resized to
 * `size` x `size`: channel weights are the spatial mean of the gradients, the map is
 * ReLU of the weighted channel sum, divided by its peak (all zeros when nothing helped).
 */
export function gradCam(head: Head, features: tf.Tensor4D, classIndex: number, size: number): tf.Tensor2D {
  return tf.tidy(() => {
    const grads = classGradient(head, features, classIndex);
    const weights = tf.mean(grads, [1, 2], true);
    const cam = tf.relu(tf.sum(tf.mul(features, weights), 3, true)) as tf.Tensor4D;
    // Normalised after the resize, so the displayed map really reaches 1.
    const resized = tf.reshape(tf.image.resizeBilinear(cam, [size, size], false, true), [size, size]);
    const peak = tf.max(resized);
    return tf.where(tf.greater(peak, 0), tf.div(resized, tf.maximum(peak, 1e-12)), tf.zerosLike(resized)) as tf.Tensor2D;
  });
}
